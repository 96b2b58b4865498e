"""Subscribers (double opt-in, consent kept), issues with a version per language, and the campaign:
one delivery row per (issue, subscriber), which the outbox worker turns into mail a few at a time."""
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, utcnow
from portal.api import UTCDateTime
from portal.api import token_hash  # noqa: F401  (the plugin's modules import it from here)

SUBSCRIBER_STATUSES = ("pending", "subscribed", "unsubscribed")
ISSUE_STATUSES = ("draft", "scheduled", "sending", "sent")
DELIVERY_STATUSES = ("pending", "queued", "skipped")  # once queued, the outbox row tells sent / failed


def new_token():
    """256 random bits, URL-safe: a confirmation link's secret (only its hash is stored)."""
    return secrets.token_urlsafe(32)


def new_link_key():
    """128 random bits naming the subscriber in their personal link; the link also carries a signature
    of it made with the site's secret (see links.py), so the key alone opens nothing."""
    return secrets.token_urlsafe(16)


class Subscriber(Base):
    __tablename__ = "newsletter_subscribers"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    link_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_link_key)
    # the hash of the personal link of the mails sent before links were signed, so that they still work
    old_link_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    confirm_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    confirm_expires: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    confirm_sent: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    bounced: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    unsubscribed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    interests = relationship("Interest", cascade="all, delete-orphan", passive_deletes=True,
                             order_by="(Interest.kind, Interest.value)")
    consents = relationship("Consent", cascade="all, delete-orphan", passive_deletes=True, order_by="Consent.at")

    @property
    def receives(self):
        return self.status == "subscribed" and self.bounced is None

    def values(self, kind):
        return [i.value for i in self.interests if i.kind == kind]

    def set_interests(self, regions, themes):
        wanted = {("region", v) for v in regions or ()} | {("theme", v) for v in themes or ()}
        self.interests = [i for i in self.interests if (i.kind, i.value) in wanted]
        have = {(i.kind, i.value) for i in self.interests}
        for kind, value in sorted(wanted - have):
            self.interests.append(Interest(kind=kind, value=value))


class Interest(Base):
    """A region or theme a subscriber wants to hear about (none of a kind: all of that kind)."""
    __tablename__ = "newsletter_interests"
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("newsletter_subscribers.id", ondelete="CASCADE"),
                                               primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class Consent(Base):
    """What the subscriber agreed to, when, and how (form, confirmation link, import)."""
    __tablename__ = "newsletter_consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("newsletter_subscribers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text_version: Mapped[str] = mapped_column(String(60))
    source: Mapped[str] = mapped_column(String(20))  # form, confirmation, import, unsubscribe
    address: Mapped[str] = mapped_column(String(64), default="")


class Issue(Base):
    __tablename__ = "newsletter_issues"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))  # for the secretariat's lists
    default_language: Mapped[str] = mapped_column(String(5), default="en")
    # the audience: subscribers reading this language, interested in this region and this theme ("": any)
    audience_language: Mapped[str] = mapped_column(String(5), default="")
    audience_region: Mapped[str] = mapped_column(String(60), default="")
    audience_theme: Mapped[str] = mapped_column(String(60), default="")
    # the zone the secretariat chose when scheduling (send_at stays in UTC)
    timezone: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    creator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # the site's address as the secretariat saw it, for the links the worker writes when portal.url is unset
    base_url: Mapped[str] = mapped_column(String(300), default="")

    versions = relationship("IssueVersion", cascade="all, delete-orphan", passive_deletes=True,
                            order_by="IssueVersion.language")
    items = relationship("IssueItem", cascade="all, delete-orphan", passive_deletes=True,
                         order_by="IssueItem.position")

    def version(self, language):
        """The version in that language, else the default language's, else any."""
        by_language = {v.language: v for v in self.versions}
        return by_language.get(language) or by_language.get(self.default_language) or next(iter(self.versions), None)

    @property
    def editable(self):
        return self.status in ("draft", "scheduled")


class IssueVersion(Base):
    __tablename__ = "newsletter_issue_versions"
    __table_args__ = (UniqueConstraint("issue_id", "language", name="uq_newsletter_issue_versions_issue_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("newsletter_issues.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    editorial: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML


class IssueItem(Base):
    """A piece of the portal's content chosen for the issue."""
    __tablename__ = "newsletter_issue_items"
    __table_args__ = (UniqueConstraint("issue_id", "content_id", name="uq_newsletter_issue_items_issue_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("newsletter_issues.id", ondelete="CASCADE"), index=True)
    content_id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    content = relationship("Content")


class Delivery(Base):
    """One issue to one subscriber: the unique pair is what makes a second campaign impossible."""
    __tablename__ = "newsletter_deliveries"
    __table_args__ = (UniqueConstraint("issue_id", "subscriber_id", name="uq_newsletter_deliveries_issue_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("newsletter_issues.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("newsletter_subscribers.id", ondelete="CASCADE"),
                                               index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
