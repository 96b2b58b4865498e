"""What the portal tells each person (notifications) and what they chose to hear about (follows)."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base, UTCDateTime, utcnow
from .principals import User


class Notification(Base):
    """One thing one person is told. The message is kept as its msgid and mapping, not as text, so it
    is shown (and mailed) in the reader's language of the day; note is a person's own words (a
    reviewer's comment), shown as written."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_created", "user_id", "created"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    message: Mapped[dict] = mapped_column(JSON)  # {"msgid", "mapping"}
    note: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship()


class Follow(Base):
    """A person follows an item (target_type names a followable: "content", "working_group", "antenna");
    frequency ("daily", "weekly"): also the item's own digest, last_sent closing the window of the
    previous one (portal.follow_digests); None: the account's notifications only."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("user_id", "target_type", "target_id"),
                      Index("ix_follows_target", "target_type", "target_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    frequency: Mapped[str | None] = mapped_column(String(10), nullable=True)
    last_sent: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship()
