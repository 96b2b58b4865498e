"""The yearly call for the presidency seat: its dates and conditions (written in each language), the
candidacies member organisations submit by their representative (texts and documents), the
secretariat's eligibility decision with its reason, and the result. The vote itself is part A's: a
call keeps a nullable reference to it (vote_id) for the ballot a plenary or a written procedure holds."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.api import Base, FileAttachment, TranslationsMixin, UTCDateTime, _, clock, utcnow

from .permissions import GovernancePermissions

ELIGIBILITY = ("pending", "eligible", "ineligible")
ELIGIBILITY_TITLES = {"pending": _("Eligibility not checked yet"), "eligible": _("Eligible"),
                      "ineligible": _("Not eligible")}


class PresidencyCall(TranslationsMixin, Base):
    """The call for the presidency of `year`; candidacies are received from `opens` to `closes` (both
    days included, in UTC)."""

    __tablename__ = "governance_presidency_calls"
    __translatable__ = ("title", "conditions")
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    conditions: Mapped[str] = mapped_column(Text, default="")
    opens: Mapped[date] = mapped_column(Date)
    closes: Mapped[date] = mapped_column(Date)
    published: Mapped[bool] = mapped_column(default=False)
    # the vote that chooses among the eligible candidacies (part A's Vote), once it is held on the portal
    vote_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    result_note: Mapped[str] = mapped_column(Text, default="")  # "elected at the plenary in Cascais by 31 votes"
    announced: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidacies: Mapped[list["Candidacy"]] = relationship(
        back_populates="call", order_by="Candidacy.id", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def winner(self) -> "Candidacy | None":
        return next((c for c in self.candidacies if c.elected), None)

    @property
    def __acl__(self):
        return GovernancePermissions.call(self)

    def is_open(self, today: date | None = None) -> bool:
        today = today or clock.now().date()
        return self.published and self.opens <= today <= self.closes and self.announced is None


class Candidacy(Base):
    """A member organisation's candidacy: submitted by one of its representatives, one per call."""

    __tablename__ = "governance_candidacies"
    __table_args__ = (UniqueConstraint("call_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("governance_presidency_calls.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    statement: Mapped[str] = mapped_column(Text)  # cleaned HTML (the core's rich text)
    programme: Mapped[str] = mapped_column(Text, default="")  # cleaned HTML
    eligibility: Mapped[str] = mapped_column(String(12), default="pending")
    reason: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    checked: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    elected: Mapped[bool] = mapped_column(default=False)  # the call's result, once announced
    submitted: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    call: Mapped[PresidencyCall] = relationship(back_populates="candidacies")
    member = relationship("Member")
    documents: Mapped[list["CandidacyDocument"]] = relationship(
        back_populates="candidacy", cascade="all, delete-orphan", passive_deletes=True, order_by="CandidacyDocument.id")

    @property
    def __acl__(self):
        return GovernancePermissions.candidacy(self)


class CandidacyDocument(FileAttachment, Base):
    """A document of a candidacy's dossier."""
    __tablename__ = "governance_candidacy_documents"
    candidacy_id: Mapped[int] = mapped_column(ForeignKey("governance_candidacies.id", ondelete="CASCADE"), index=True)
    candidacy: Mapped[Candidacy] = relationship(back_populates="documents")

    @property
    def __acl__(self):
        return GovernancePermissions.candidacy(self.candidacy)


def call_of_year(dbsession: Session, year: int) -> PresidencyCall | None:
    return dbsession.scalars(select(PresidencyCall).where(PresidencyCall.year == year)).first()


def candidacy_of(dbsession: Session, call: PresidencyCall, member_id: int) -> Candidacy | None:
    return dbsession.scalars(select(Candidacy).where(Candidacy.call_id == call.id,
                                                     Candidacy.member_id == member_id)).first()


def refusal(call: PresidencyCall, user) -> str | None:
    """Why this person may not submit a candidacy to the call now (None: they may): the call's dates,
    and a representative of an active member organisation."""
    if not call.is_open():
        return _("The call receives candidacies from ${opens} to ${closes}.",
                 mapping={"opens": call.opens.isoformat(), "closes": call.closes.isoformat()})
    member = getattr(user, "member", None)
    if member is None or user.role != "member":
        return _("Only a member organisation's representative submits its candidacy.")
    if member.status != "active":
        return _("Only an active member organisation may be a candidate.")
    return None
