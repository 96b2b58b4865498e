"""The event: a workshop, conference, plenary session... with its times kept in UTC and shown in
the zone where it takes place."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.api import region_of, wall_clock, zone_info
from portal.api import Content
from portal.api import UTCDateTime

from portal.api import clock

KINDS = ("workshop", "conference", "plenary", "webinar", "meeting", "other")


class Event(Content):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="other", index=True)
    # the zone first: the local times given by the form are read in it (see start_local)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    venue: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    region: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    registration_url: Mapped[str] = mapped_column(String(500), default="")
    registration_deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    organiser: Mapped[str] = mapped_column(String(300), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)

    member = relationship("Member")

    __mapper_args__ = {"polymorphic_identity": "event"}
    __translatable__ = ("title",)  # written in each language (portal.translatable)

    @validates("country")
    def _derive_region(self, key, value):
        value = (value or "").upper() or None
        self.region = region_of(value) if value else None
        return value

    @property
    def tz(self):
        return zone_info(self.timezone)

    # The form edits wall-clock times in the event's zone; the columns keep UTC.
    start_local = wall_clock("starts")
    end_local = wall_clock("ends")

    @property
    def upcoming(self):
        return self.ends >= clock.now()

    @property
    def ongoing(self):
        return self.starts <= clock.now() <= self.ends

    @property
    def registration_open(self):
        if not self.registration_url or not self.upcoming:
            return False
        if self.registration_deadline is None:
            return True
        return clock.now().astimezone(self.tz).date() <= self.registration_deadline


# the conferences' tables are this plugin's models too (alembic compares every models module's metadata)
from . import checkin, conference, programme, proposals, visa  # noqa: E402,F401
