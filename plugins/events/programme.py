"""A conference's programme: its sessions (plenary, parallel session, workshop, site visit) in tracks and
rooms, their speakers (people, linked to their member organisation), and the sessions each logged-in person
stars for their own agenda."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import _, Base, UTCDateTime

SESSION_KINDS = {"plenary": _("Plenary"), "parallel": _("Parallel session"), "workshop": _("Workshop"),
                 "visit": _("Site visit")}


class ProgrammeSession(Base):
    __tablename__ = "event_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="plenary")
    track: Mapped[str] = mapped_column(String(120), default="")
    room: Mapped[str] = mapped_column(String(120), default="")
    starts: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends: Mapped[datetime] = mapped_column(UTCDateTime)
    # None: as many as the room holds, no seats to reserve; else seats reserved by registered people
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # attended by whoever earns a certificate, where the conference's rule asks for the mandatory sessions
    mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    # after the conference (materials.py): [{"id", "filename"}] of core files, the report, the experience made of it
    documents: Mapped[list] = mapped_column(JSON, default=list)
    report: Mapped[str] = mapped_column(Text, default="")
    experience_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # no foreign key: another plugin's

    event = relationship("Event")
    speakers = relationship("Speaker", order_by="Speaker.position", cascade="all, delete-orphan")


class Speaker(Base):
    __tablename__ = "event_speakers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)

    member = relationship("Member")
    session = relationship("ProgrammeSession", viewonly=True)


class Star(Base):
    __tablename__ = "event_session_stars"
    __table_args__ = (UniqueConstraint("user_id", "session_id", name="uq_event_session_stars_user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)


class SessionSeat(Base):
    """A seat reserved in a session with limited places, by a person registered for its conference."""
    __tablename__ = "event_session_seats"
    __table_args__ = (UniqueConstraint("session_id", "registration_id", name="uq_event_session_seats_session_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)


def session_acl(session):
    """A session as its conference: whoever sees the event sees it; logged-in people star it."""
    from pyramid.authorization import Allow, Authenticated
    acl = list(session.event.__acl__)
    return [(Allow, Authenticated, "star_session")] + acl


ProgrammeSession.__acl__ = property(session_acl)  # type: ignore[attr-defined]
