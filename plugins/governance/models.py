"""Plenary meetings of the member organisations, their agenda, seats, attendance and proxies, and the
motions voted at them or by written procedure. The voter is a member organisation, never a person.

A secret vote keeps two unlinked rows: Voted (this organisation took part, for the one-ballot rule and
the census) and SecretBallot (a receipt and a choice, with no organisation, no person and no time)."""
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, TranslationsMixin, UTCDateTime, _, utcnow, wall_clock

from .permissions import GovernancePermissions

MODES = ("on_site", "online")
PROXY_STATES = ("given", "signed", "checked", "refused", "withdrawn")
HOLDING = ("given", "signed", "checked")  # a proxy that counts towards the holder's limit
CHOICES = ("yes", "no", "abstain")
CHOICE_TITLES = {"yes": _("Yes"), "no": _("No"), "abstain": _("Abstain")}


class Meeting(TranslationsMixin, Base):
    __tablename__ = "gov_meetings"
    __translatable__ = ("title",)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    checkin_code: Mapped[str] = mapped_column(String(20), default="")
    convened: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list["AgendaItem"]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                     passive_deletes=True, order_by="AgendaItem.position")
    seats: Mapped[list["Seat"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    attendance: Mapped[list["Attendance"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    __acl__ = GovernancePermissions.meeting()

    @property
    def zone(self):
        return ZoneInfo(self.timezone or "UTC")

    start_local = wall_clock("starts")


class AgendaItem(TranslationsMixin, Base):
    __tablename__ = "gov_agenda_items"
    __translatable__ = ("title",)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    documents: Mapped[list] = mapped_column(JSON, default=list)  # [{"id", "filename"}] of core files
    meeting: Mapped[Meeting] = relationship(back_populates="items")


class Seat(Base):
    """A member organisation's seat at a meeting: who represents it and who substitutes them."""
    __tablename__ = "gov_seats"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    representative_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class Attendance(Base):
    __tablename__ = "gov_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(10), default="on_site")
    attendee: Mapped[str] = mapped_column(String(200), default="")  # who attended, by name
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    by_secretariat: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_in: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Proxy(Base):
    """An organisation (giver) lets another (holder) vote for it at one meeting. Never deleted: a
    withdrawn or refused proxy stays in the history with its state."""
    __tablename__ = "gov_proxies"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"), index=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="given")
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    @property
    def __acl__(self):
        return GovernancePermissions.proxy(self)


class Motion(TranslationsMixin, Base):
    """A motion (or an amendment: amends_id) voted at a meeting, or by written procedure (no meeting,
    open from opens to closes)."""
    __tablename__ = "gov_motions"
    __translatable__ = ("title", "text")
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"),
                                                   nullable=True, index=True)
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("gov_motions.id", ondelete="CASCADE"), nullable=True)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[list] = mapped_column(JSON, default=list)
    rule: Mapped[str] = mapped_column(String(24), default="simple")
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    opens: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closes: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # frozen at close: the entitled organisations, the quorum, the tally, the result and the box's hash
    entitled: Mapped[list | None] = mapped_column(JSON, nullable=True)
    # an election (the presidency's vote): [{"key": "c12", "title": "Cascais"}], chosen among, or abstain
    options: Mapped[list | None] = mapped_column(JSON, nullable=True)
    record: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)

    __acl__ = GovernancePermissions.motion()

    def is_open(self, now) -> bool:
        return (not self.closed and self.opens is not None and self.opens <= now
                and (self.closes is None or now < self.closes))


class Voted(Base):
    """An organisation took part in a vote: one row per organisation (the unique key refuses a second
    ballot). choice is kept for a named vote only; for a secret one it is empty."""
    __tablename__ = "gov_voted"
    __table_args__ = (UniqueConstraint("motion_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("gov_motions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))  # self or proxy holder
    choice: Mapped[str] = mapped_column(String(8), default="")
    cast: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SecretBallot(Base):
    """A secret ballot: its receipt and its choice, nothing that leads to who cast it. The random receipt is
    its key: no sequence number or time that a Voted row's order could be matched with."""
    __tablename__ = "gov_secret_ballots"
    receipt: Mapped[str] = mapped_column(String(40), primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("gov_motions.id", ondelete="CASCADE"), index=True)
    choice: Mapped[str] = mapped_column(String(8))


# the work plan's and the presidency's models live in their own modules, imported here so the metadata
# is whole wherever `plugins.governance.models` is imported (alembic check)
from .workplan import WorkPlanYear  # noqa: F401, E402
from .presidency import Candidacy, CandidacyDocument, PresidencyCall  # noqa: F401, E402
from .minutes import Minutes  # noqa: F401, E402
