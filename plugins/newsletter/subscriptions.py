"""A subscriber's life: asking to subscribe (double opt-in), confirming, preferences, leaving, and the
list the secretariat exports. Views call these; mail leaves through the core outbox."""
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import or_, select, update

from portal.api import ExportRow, Request, insert_ignoring_conflicts
from portal.api import _
from portal.api import utcnow
from portal.api import client_address as core_client_address

from . import campaign
from .links import personal_token, subscriber_by_token
from .models import Consent, Subscriber, new_token, token_hash
from .schemas import CONSENT_VERSION

CONFIRM_HOURS = 72
RESEND_MINUTES = 10  # a confirmation mail is not sent again sooner: the form cannot flood a mailbox


def client_address(request) -> str:
    return core_client_address(request)[:64]  # the proxy-trusted address, not X-Forwarded-For as written


def ask_for_confirmation(request, appstruct: dict) -> None:
    """Someone at the form asked for the newsletter at `appstruct["email"]`.

    A new address becomes a pending subscriber with what was typed and is mailed a confirmation
    link. An address already known changes in nothing: its owner is mailed a link (to confirm, for a
    pending or unsubscribed address; to their preferences, for a subscriber), so the person at the
    form can neither rewrite someone's choices nor learn whether the address is known. At most one
    mail per RESEND_MINUTES per address; two requests at once for a new address make one subscriber
    and one mail (the second INSERT finds the first's row, the conditional UPDATE lets one through)."""
    db = request.dbsession
    now = utcnow()
    token = new_token()
    confirmation = {"confirm_hash": token_hash(token), "confirm_expires": now + timedelta(hours=CONFIRM_HOURS),
                    "confirm_sent": now}
    new_id = db.scalar(insert_ignoring_conflicts(db, Subscriber, ["email"]).values(
        email=appstruct["email"], name=appstruct["name"], language=appstruct["language"], status="pending",
        created=now, **confirmation).returning(Subscriber.id))
    if new_id is not None:
        sub = db.get(Subscriber, new_id)
        sub.set_interests(appstruct["regions"], appstruct["themes"])
        sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="form",
                                    address=client_address(request)))
        db.flush()
        mail_confirmation(request, sub, token)
        return
    claimed = db.scalar(update(Subscriber).where(
        Subscriber.email == appstruct["email"],
        or_(Subscriber.confirm_sent.is_(None), Subscriber.confirm_sent < now - timedelta(minutes=RESEND_MINUTES)))
        .values(confirm_sent=now).returning(Subscriber.id).execution_options(synchronize_session=False))
    if claimed is None:
        return  # a message left for this address a moment ago; its link still works
    sub = db.get(Subscriber, claimed)
    db.refresh(sub)
    if sub.status == "subscribed":
        mail_preferences_link(request, sub)
    else:
        # Only the link changes: the choices are the owner's until they follow it.
        sub.confirm_hash, sub.confirm_expires = confirmation["confirm_hash"], confirmation["confirm_expires"]
        mail_confirmation(request, sub, token)


def mail_confirmation(request, sub: Subscriber, token: str) -> None:
    request.send_template("newsletter:confirm", sub.email, sub.language,
                          link=request.route_url("newsletter_confirm", token=token))


def mail_preferences_link(request, sub: Subscriber) -> None:
    """Tell the owner of the address, not the person at the form, and change nothing."""
    request.send_template("newsletter:already-subscribed", sub.email, sub.language, link=request.route_url(
        "newsletter_preferences", token=personal_token(request.registry.settings, sub)))


def includeme(config):
    config.add_mail_template("newsletter:confirm", _("Confirm your subscription to the newsletter of ${site}"), _(
        "Hello,\n\nTo receive the newsletter of ${site}, confirm your subscription within three days by following "
        "this link:\n\n${link}\n\nIf you did not ask for it, ignore this message: you will not be subscribed.\n"))
    config.add_mail_template("newsletter:already-subscribed", _("Your subscription to the newsletter of ${site}"), _(
        "Hello,\n\nSomeone (perhaps you) asked to subscribe this address to the newsletter of ${site}. It is "
        "subscribed already: nothing was changed.\n\nYour preferences, or to unsubscribe: ${link}\n"))


def pending_confirmation(db, token: str) -> tuple[Subscriber | None, str | None]:
    """(subscriber, None) for a confirmation link that works, else (None, "unknown" or "expired")."""
    sub = db.scalar(select(Subscriber).where(Subscriber.confirm_hash == token_hash(token)))
    if sub is None:
        return None, "unknown"
    if sub.confirm_expires is None or sub.confirm_expires < utcnow():
        return None, "expired"
    return sub, None


def confirm(request, sub: Subscriber) -> bool:
    """Subscribe by the confirmation link; False when another request used the link a moment before."""
    db = request.dbsession
    used = db.scalar(update(Subscriber).where(Subscriber.id == sub.id, Subscriber.confirm_hash == sub.confirm_hash)
                     .values(confirm_hash=None).returning(Subscriber.id).execution_options(synchronize_session=False))
    if used is None:
        return False
    now = utcnow()
    sub.status, sub.confirmed, sub.unsubscribed = "subscribed", now, None
    sub.confirm_hash = sub.confirm_expires = sub.confirm_sent = None
    sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="confirmation",
                                address=client_address(request)))
    return True


def by_token(request, token: str) -> Subscriber | None:
    return subscriber_by_token(request.dbsession, request.registry.settings, token)


def save_preferences(sub: Subscriber, appstruct: dict) -> None:
    sub.name, sub.language = appstruct["name"], appstruct["language"]
    sub.set_interests(appstruct["regions"], appstruct["themes"])


def unsubscribe(request, sub: Subscriber) -> None:
    """Unsubscribe at once and withdraw what waits for them in the outbox."""
    now = utcnow()
    sub.status, sub.unsubscribed = "unsubscribed", now
    sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="unsubscribe",
                                address=client_address(request)))
    request.dbsession.flush()
    campaign.cancel_for(request.dbsession, sub)


# --- the secretariat's part ------------------------------------------------------------------------

def mark_bouncing(db, subscribers: list[Subscriber]) -> None:
    for sub in subscribers:
        sub.bounced = sub.bounced or utcnow()
        db.flush()
        campaign.cancel_for(db, sub)


EXPORT_COLUMNS = ("email", "name", "language", "status", "regions", "themes", "consent_date", "consent_version",
                  "confirmed", "bounced")


def subscriber_rows(request: Request) -> Iterator[ExportRow]:
    """The subscribers as /export/newsletter-subscribers.csv gives them to the secretariat."""
    db = request.dbsession
    last_consent = {}
    for sid, at, version in db.execute(select(Consent.subscriber_id, Consent.at, Consent.text_version)
                                       .where(Consent.source != "unsubscribe").order_by(Consent.at)):
        last_consent[sid] = (at, version)
    for sub in db.scalars(select(Subscriber).order_by(Subscriber.email)).yield_per(500):
        at, version = last_consent.get(sub.id, (None, ""))
        yield {"email": sub.email, "name": sub.name, "language": sub.language, "status": sub.status,
               "regions": sub.values("region"), "themes": sub.values("theme"),
               "consent_date": at.isoformat(timespec="seconds") if at else "", "consent_version": version,
               "confirmed": sub.confirmed.isoformat(timespec="seconds") if sub.confirmed else "",
               "bounced": sub.bounced.isoformat(timespec="seconds") if sub.bounced else ""}
