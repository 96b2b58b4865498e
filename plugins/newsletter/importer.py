"""Importing an existing list of subscribers from CSV, with the date each one consented.

Columns (header line): email, consent_date (required: ISO date or date-time), and optionally name,
language (en, es, fr, pt), regions and themes (joined with |), consent_version. A row without a
consent date, with a malformed address or unknown values is reported and skipped; an address that
unsubscribed is never subscribed again by an import. The file is read by portal.imports, as every
import is: a row with a NUL byte, an oversized value or more or fewer values than columns, or an
unclosed quote, is reported at its line and the other rows go in."""
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from portal.api import REGIONS
from portal.api import LANGUAGES, _
from portal.api import ImportReport, Request, RowError
from portal.api import normal_address, utcnow

from .models import Consent, Subscriber


def parse_date(raw):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return False
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def split(raw):
    return [v.strip() for v in (raw or "").split("|") if v.strip()]


REQUIRED = ("email", "consent_date")
OPTIONAL = ("name", "language", "regions", "themes", "consent_version")


def import_rows(request: Request, rows: Iterable[Any], commit: Any = None, batch_size: int = 500,
                progress: Any = None) -> ImportReport:
    """rows: Row or RowError of portal.imports (add_import reads the file); commit(), when given (the
    command line), is called every batch_size subscribers."""
    session = request.dbsession
    Theme = request.resources["theme"]
    report = ImportReport()
    themes = set(session.scalars(select(Theme.slug)))
    existing: dict[str, Any] = {}
    seen: set[str] = set()
    now = utcnow()
    for item in (progress(rows) if progress else rows):
        if isinstance(item, RowError):
            report.errors.append((item.line, item.reason))
            continue
        line, row = item.line, item.values
        typed = (row.get("email") or "").strip()
        email = normal_address(typed)
        if email is None:
            report.errors.append((line, _("“${email}” is not a valid e-mail address.", mapping={"email": typed})))
            continue
        consent = parse_date(row.get("consent_date"))
        if consent is None:
            report.errors.append((line, _("${email}: no consent date, so not subscribed.", mapping={"email": email})))
            continue
        if consent is False or consent > now:
            report.errors.append((line, _("${email}: the consent date is not a date such as 2024-05-31.",
                                          mapping={"email": email})))
            continue
        language = (row.get("language") or "").strip().lower() or "en"
        regions, wanted_themes = split(row.get("regions")), split(row.get("themes"))
        unknown = [v for v in regions if v not in REGIONS] + [v for v in wanted_themes if v not in themes]
        if language not in LANGUAGES or unknown:
            report.errors.append((line, _("${email}: unknown language, region or theme: ${values}.",
                                          mapping={"email": email, "values": ", ".join(unknown or [language])})))
            continue
        if email in seen:
            report.errors.append((line, _("${email} appears twice in the file: this row was skipped.",
                                          mapping={"email": email})))
            continue
        seen.add(email)
        sub = existing.get(email) or session.scalar(select(Subscriber).where(Subscriber.email == email))
        if sub is not None and sub.status == "unsubscribed":
            report.errors.append((line, _("${email} unsubscribed: an import does not subscribe it again.",
                                          mapping={"email": email})))
            continue
        if sub is not None and sub.status == "subscribed":
            report.unchanged += 1
            continue
        if sub is None:
            sub = Subscriber(email=email)
            session.add(sub)
        sub.name, sub.language = (row.get("name") or "").strip()[:200], language
        sub.set_interests(regions, wanted_themes)
        sub.status, sub.confirmed, sub.confirm_hash, sub.confirm_expires = "subscribed", consent, None, None
        sub.consents.append(Consent(at=consent, text_version=(row.get("consent_version") or "").strip()[:60] or "import",
                                    source="import"))
        report.created += 1
        if report.created % batch_size == 0:
            session.flush()
            if commit is not None:
                commit()
    session.flush()
    return report
