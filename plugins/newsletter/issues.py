"""Composing an issue and deciding its sending: what can be chosen for it, saving what the secretariat
wrote, the test send. The delivery itself is `campaign`'s."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, or_, select

from portal.i18n import LANGUAGES, _, translate, translate_to
from portal.models import Content, utcnow

from . import campaign
from .links import SAMPLE
from .models import Issue, IssueItem, IssueVersion


def last_issue_date(db, exclude=None):
    stmt = select(func.max(Issue.started)).where(Issue.started.is_not(None))
    if exclude is not None:
        stmt = stmt.where(Issue.id != exclude.id)
    return db.scalar(stmt)


def candidates(request, issue=None):
    """What was published since the last issue (or in the last 60 days), plus what the issue holds."""
    types = request.registry.portal.content_types
    since = last_issue_date(request.dbsession, issue) or utcnow() - timedelta(days=60)
    chosen = [it.content_id for it in issue.items] if issue is not None else []
    stmt = (select(Content).where(Content.type.in_([t for t in types if t not in ("section", "page")]),
                                  or_(Content.state == "published", Content.id.in_(chosen) if chosen else False),
                                  or_(Content.published >= since, Content.id.in_(chosen) if chosen else False))
            .order_by(Content.published.desc()).limit(200))
    rows = request.dbsession.scalars(stmt).all()
    values = []
    for c in rows:
        kind = translate(types[c.type].title, request)
        when = c.published.strftime("%Y-%m-%d") if c.published else ""
        values.append((str(c.id), f"{c.title} — {kind}, {c.language}, {when}"))
    return values, since


def issue_appstruct(issue):
    data = {"title": issue.title, "default_language": issue.default_language,
            "audience": issue.segment if issue.segment == "all" else f"{issue.segment}:{issue.segment_value}",
            "items": [str(it.content_id) for it in issue.items]}
    for v in issue.versions:
        data[f"version_{v.language}"] = {"subject": v.subject, "editorial": v.editorial}
    return data


def apply_issue(issue, appstruct):
    issue.title, issue.default_language = appstruct["title"], appstruct["default_language"]
    segment, _sep, value = appstruct["audience"].partition(":")
    issue.segment, issue.segment_value = segment, value
    issue.modified = utcnow()
    by_language = {v.language: v for v in issue.versions}
    for code in LANGUAGES:
        data = appstruct.get(f"version_{code}") or {}
        subject = (data.get("subject") or "").strip()
        if subject:
            version = by_language.get(code) or IssueVersion(language=code, subject="")
            version.subject, version.editorial = " ".join(subject.split()), data.get("editorial") or ""
            if code not in by_language:
                issue.versions.append(version)
        elif code in by_language:
            issue.versions.remove(by_language[code])
    wanted = [int(i) for i in appstruct["items"]]
    issue.items = [it for it in issue.items if it.content_id in wanted]
    have = {it.content_id for it in issue.items}
    for position, content_id in enumerate(wanted):
        if content_id not in have:
            issue.items.append(IssueItem(content_id=content_id, position=position))
    for it in issue.items:
        it.position = wanted.index(it.content_id)


def parse_when(raw):
    try:
        when = datetime.strptime(raw.strip(), "%Y-%m-%dT%H:%M")
    except (ValueError, AttributeError):
        return None
    return when.replace(tzinfo=timezone.utc)


def send_test(request, issue, address, language):
    """The issue as a subscriber of `language` reads it, to one address, with "[Test]" before the subject."""
    mail_request = campaign.mail_request(request.registry, language, request.application_url)
    mail_request.dbsession = request.dbsession
    rendered = campaign.render_mail(mail_request, issue, language)
    # Its links are the sample ones: the address may be no subscriber's, and a test must not act on anyone's
    # subscription; the sample unsubscribe link answers a one-click POST with success all the same.
    row = campaign.personal_message(request.registry.settings, rendered, None, to=address, token=SAMPLE,
                                    subject_prefix=translate_to(request, _("[Test]"), language) + " ")
    request.dbsession.add(row)
