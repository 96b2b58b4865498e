"""Steps the newsletter's tests share (tests/support is on sys.path, see tests/conftest.py)."""
import email
import email.policy
import re
from urllib.parse import urlsplit

from sqlalchemy import select

from portal.mail import deliver_pending
from portal.models import OutboxMessage

from plugins.newsletter.models import Subscriber


def smtp(registry, port, **extra):
    return {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": str(port),
            "mail.timeout": "10", **extra}


def work(registry, settings, now=None, rounds=50):
    """Run the outbox worker (with the plugins' mail hooks) until nothing is left to do."""
    total = 0
    for _ in range(rounds):
        result = deliver_pending(registry["dbsession_factory"], settings, now=now, registry=registry)
        total += result[0]
        if not result.more and result == (0, 0):
            break
    return total


def received(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def outbox_rows(db):
    with db() as s:
        return [(r.recipient, r.subject, r.body, r.status) for r in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def link_in(body, route):
    return urlsplit(re.search(rf"(http://\S+/newsletter/{route}/\S+)", body).group(1)).path


def subscribe(app, address, name="", language="en", regions=(), themes=(), consent=True, status=302):
    form = app.get("/newsletter").forms["deform"]
    form["email"] = address
    form["name"] = name
    form["language"] = language
    for box in form.fields.get("checkbox", []):
        box.checked = box._value in tuple(regions) + tuple(themes)
    form["consent"].checked = consent
    return form.submit("subscribe", status=status)


def confirmation_link(db, address):
    mails = [body for to, _s, body, _st in outbox_rows(db) if to == address and "/newsletter/confirm/" in body]
    return link_in(mails[-1], "confirm")


def confirm(app, link):
    page = app.get(link)
    return page.forms["confirm-form"].submit("confirm", status=302).follow()


def subscribed(app, db, address, **kw):
    """Subscribe and confirm; returns the personal link's token (confirming opens the preferences)."""
    subscribe(app, address, **kw)
    page = confirm(app, confirmation_link(db, address))
    return page.request.path.rsplit("/", 1)[1]


def token_of(registry, db, address):
    from plugins.newsletter.links import personal_token
    with db() as s:
        return personal_token(registry.settings, s.scalar(select(Subscriber).where(Subscriber.email == address)))


def subscriber(db, address):
    with db() as s:
        sub = s.scalar(select(Subscriber).where(Subscriber.email == address))
        if sub is not None:
            s.expunge(sub)
        return sub
