"""An international workshop of a collaborative network: at most 3 days (the guide), its venue, what the
pilot city provides, its programme by half-day (prefilled from the guide's template) and the event that
puts it in the calendar (an events plugin's item, linked by id through the registered content type)."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Content, UTCDateTime, utcnow

from .models import Network

MAX_DAYS = 3  # the guide: "una duración máxima de 2 o 3 días"
HALVES = ("am", "pm")


class Workshop(Base):
    __tablename__ = "ws_workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("ws_networks.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    starts: Mapped[date] = mapped_column(index=True)
    ends: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    venue: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    provides_room: Mapped[bool] = mapped_column(Boolean, default=False)
    provides_meals: Mapped[bool] = mapped_column(Boolean, default=False)
    provides_other: Mapped[str] = mapped_column(Text, default="")
    # [{"day": 1, "half": "am", "text": "..."}] in order
    programme: Mapped[list] = mapped_column(JSON, default=list)
    budget: Mapped[int] = mapped_column(Integer, default=0)  # the secretariat's, in minor units of currency
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the events plugin's item, if on
    # the good practices presented: ids of experiences of the database (its registered content type)
    practices: Mapped[list] = mapped_column(JSON, default=list)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    network: Mapped[Network] = relationship()

    @property
    def days(self) -> int:
        return (self.ends - self.starts).days + 1

    @property
    def __acl__(self):
        return self.network.__acl__


class WorkshopAlbum(Content):
    """The workshop's photos: the core's files (uploads checked, images resized) held by a content item of its
    own, never listed or published as one (made with the first photo)."""
    __tablename__ = "ws_workshop_albums"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("ws_workshops.id", ondelete="CASCADE"), unique=True)
    workshop: Mapped[Workshop] = relationship(foreign_keys=[workshop_id])
    __mapper_args__ = {"polymorphic_identity": "ws_workshop_album"}

    @property
    def __acl__(self):
        return self.workshop.__acl__
