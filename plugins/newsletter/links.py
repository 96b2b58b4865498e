"""The subscriber's personal link (preferences, one-click unsubscribe): `<key>.<signature>`.

The database holds only the key; the signature is an HMAC of it with a key derived from
`portal.secret`, so a copy of the database (a backup, a leak) opens no one's preferences, while the
worker can still write each subscriber's link into every newsletter. Links of mails sent before
signatures existed are recognised by their SHA-256 (`old_link_hash`).

SAMPLE is the link of previews and test sends: its pages explain what the real link does and change
nothing, and answer a one-click POST with success."""
import base64
import hashlib
import hmac

from sqlalchemy import select

from .models import Subscriber, token_hash

SAMPLE = "sample"
PURPOSE = b"newsletter personal link"


def _signature(settings, key: str) -> str:
    secret = hmac.new(settings["portal.secret"].encode(), PURPOSE, hashlib.sha256).digest()
    mac = hmac.new(secret, key.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def personal_token(settings, subscriber: Subscriber) -> str:
    return f"{subscriber.link_key}.{_signature(settings, subscriber.link_key)}"


def subscriber_by_token(db, settings, token: str) -> Subscriber | None:
    key, dot, signature = token.partition(".")
    if not dot:
        return db.scalar(select(Subscriber).where(Subscriber.old_link_hash == token_hash(token))) if token else None
    if not hmac.compare_digest(signature.encode(), _signature(settings, key).encode()):
        return None
    return db.scalar(select(Subscriber).where(Subscriber.link_key == key))
