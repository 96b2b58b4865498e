"""A conference: an event of kind "conference" that takes registrations here. Its settings (capacity,
an optional cap per member organisation, how long a freed place is offered, the form's extra fields the
secretariat defines) and each person's registration (registered, waiting with a position, offered a
freed place until a moment, cancelled, left the list, offer expired)."""
from datetime import datetime

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Permissions, UTCDateTime

FIELD_KINDS = ("text", "longtext", "yesno", "number")
HELD = ("registered", "offered")  # the states that hold a place
STATES = ("registered", "waiting", "offered", "cancelled", "left", "expired")


class ConferencePermissions(Permissions):
    names = {
        "star_session": "add a conference's session to one's agenda (anyone logged in)",
        "select_sessions": "accept or decline the sessions proposed to a conference (the secretariat)",
        "check_visa": "see the passport data of visa requests and approve or refuse them (the secretariat)",
    }

    @staticmethod
    def registration(_registration):
        """Its secret address is the key (as a password reset's): whoever has it sees, cancels, accepts."""
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, Everyone, "view"),
                (Deny, Everyone, ALL_PERMISSIONS)]


class Conference(Base):
    __tablename__ = "event_conferences"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    capacity: Mapped[int] = mapped_column(Integer, default=100)
    member_cap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    offer_hours: Mapped[int] = mapped_column(Integer, default=48)
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    call_open: Mapped[bool] = mapped_column(Boolean, default=False)  # the call for sessions (proposals.py)
    # [{"key", "label", "kind" (FIELD_KINDS), "required"}], in the order the form shows them
    fields: Mapped[list] = mapped_column(JSON, default=list)
    # who earns a certificate of attendance (certificates.py): at least this many sessions, every mandatory one
    certificate_sessions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    certificate_mandatory: Mapped[bool] = mapped_column(Boolean, default=False)

    event = relationship("Event")


class Registration(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "email", name="uq_event_registrations_event_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20), default="registered", index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    offered_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reminded: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_in: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # the public key of its certificate of attendance, drawn at the check-in (the code above stays secret)
    certificate: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)

    event = relationship("Event")
    member = relationship("Member")

    def __acl__(self):
        return ConferencePermissions.registration(self)
