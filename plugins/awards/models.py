"""An award call, the entries members submit to it, its jurors and their reviews."""
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, FileAttachment
from portal.api import TranslationsMixin, UTCDateTime, utcnow

from portal.api import clock

from .permissions import AwardPermissions

CALL_STATES = ("upcoming", "open", "closed", "evaluation", "published")
OUTCOMES = ("winner", "mention")


class AwardCall(TranslationsMixin, Base):
    """One edition of the award. Dates are stored in UTC and shown in the call's own time zone. Its
    title, rules and eligibility (and its rows' titles) are written in each language: the columns hold
    the portal's language, `translations` the others."""

    __tablename__ = "award_calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    edition: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    rules: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    # [{"key", "title"}], [{"key", "title", "weight", "description"}],
    # [{"key", "title", "kind": text|choice, "choices"}]: a key is given once and never changes (entries'
    # categories and answers and jurors' scores point to it), whatever the title becomes
    categories: Mapped[list] = mapped_column(JSON, default=list)
    criteria: Mapped[list] = mapped_column(JSON, default=list)
    questions: Mapped[list] = mapped_column(JSON, default=list)
    timezone: Mapped[str] = mapped_column(String(60), default="UTC")
    opens: Mapped[datetime] = mapped_column(UTCDateTime)
    closes: Mapped[datetime] = mapped_column(UTCDateTime)
    evaluation_closes: Mapped[datetime] = mapped_column(UTCDateTime)
    results_date: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # results due: checked each minute
    reviews_per_entry: Mapped[int] = mapped_column(Integer, default=3)
    blind: Mapped[bool] = mapped_column(Boolean, default=True)
    max_entries_per_member: Mapped[int] = mapped_column(Integer, default=1)
    normalise: Mapped[bool] = mapped_column(Boolean, default=False)
    # where the winners are announced: an address, or the number of one of the portal's events
    ceremony: Mapped[str] = mapped_column(String(500), default="")
    assigned: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # evaluation started
    results_sent: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # outcome mails queued
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    entries: Mapped[list["AwardEntry"]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                       passive_deletes=True, order_by="AwardEntry.id")
    jurors: Mapped[list["Juror"]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                 passive_deletes=True, order_by="Juror.id")

    __translatable__ = ("title", "rules", "eligibility")

    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    def local(self, when):
        return when.astimezone(self.zone) if when is not None else None

    def state_at(self, now):
        if now < self.opens:
            return "upcoming"
        if now < self.closes:
            return "open"
        if now >= self.results_date:
            return "published"
        if self.assigned is not None:
            return "evaluation"
        return "closed"

    @property
    def state(self):
        return self.state_at(clock.now())

    @property
    def results_public(self):
        return clock.now() >= self.results_date

    @property
    def is_open(self):
        return self.state == "open"

    @property
    def evaluation_open(self):
        now = clock.now()
        return self.assigned is not None and now < self.evaluation_closes and now < self.results_date

    @property
    def __acl__(self):
        return AwardPermissions.call(self)

    def category_title(self, key, language=None):
        """A category's title, in `language` when it was translated into it."""
        row = next((c for c in self.categories if c["key"] == key), None)
        if row is None:
            return key
        return ((row.get("translations") or {}).get("title") or {}).get(language) or row["title"]

    def title_in(self, language):
        """The call's title in `language`, else in the portal's language (a mail's subject, a badge)."""
        return ((self.translations or {}).get("title") or {}).get(language) or self.title

    def criterion(self, key):
        return next((c for c in self.criteria if c["key"] == key), None)

    @property
    def total_weight(self):
        return sum(c["weight"] for c in self.criteria) or 1


class AwardEntry(Base):
    """A member organisation's entry: one of its experiences, the call's own questions, a category."""

    __tablename__ = "award_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    experience_id: Mapped[int | None] = mapped_column(ForeignKey("experiences.id", ondelete="SET NULL"),
                                                      nullable=True, index=True)
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    category: Mapped[str] = mapped_column(String(60), default="")
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, submitted
    submitted: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    eligible: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    eligibility_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)  # winner, mention
    statement: Mapped[str] = mapped_column(Text, default="")  # the jury's words on why it won, published
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    call: Mapped[AwardCall] = relationship(back_populates="entries")
    member = relationship("Member")
    experience = relationship("Experience")
    submitter = relationship("User")
    documents: Mapped[list["EntryDocument"]] = relationship(back_populates="entry", cascade="all, delete-orphan",
                                                           passive_deletes=True, order_by="EntryDocument.id")
    reviews: Mapped[list["Review"]] = relationship(back_populates="entry", cascade="all, delete-orphan",
                                                   passive_deletes=True, order_by="Review.id")

    @property
    def title(self):
        return self.experience.title if self.experience is not None else ""

    @property
    def __acl__(self):
        return AwardPermissions.entry(self)


class EntryDocument(FileAttachment, Base):
    """A document attached to an entry."""
    __tablename__ = "award_entry_documents"
    entry_id: Mapped[int] = mapped_column(ForeignKey("award_entries.id", ondelete="CASCADE"), index=True)
    entry: Mapped[AwardEntry] = relationship(back_populates="documents")


class Juror(Base):
    """A member of a call's jury: any user, from the network or invited from outside it."""

    __tablename__ = "award_jurors"
    __table_args__ = (UniqueConstraint("call_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("award_calls.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = mapped_column(String(2), default="")  # where the juror works, for conflicts
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    call: Mapped[AwardCall] = relationship(back_populates="jurors")
    user = relationship("User")

    @property
    def countries(self):
        found = {self.country} if self.country else set()
        if self.user.member is not None:
            found.add(self.user.member.country)
        return found


class Review(Base):
    """One juror's review of one entry; `conflict` set when the juror declared a conflict of interest
    (the entry then goes to another juror and this row stays as the record of it)."""

    __tablename__ = "award_reviews"
    __table_args__ = (UniqueConstraint("entry_id", "juror_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("award_entries.id", ondelete="CASCADE"), index=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("award_jurors.id", ondelete="CASCADE"), index=True)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)  # criterion key -> 0..10
    comments: Mapped[dict] = mapped_column(JSON, default=dict)
    done: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_reason: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    entry: Mapped[AwardEntry] = relationship(back_populates="reviews")
    juror: Mapped[Juror] = relationship()

    def complete(self, call):
        """Every criterion scored: only such a review counts in the ranking."""
        return all(isinstance(self.scores.get(c["key"]), int) for c in call.criteria)

    def scored(self, call):
        return sum(1 for c in call.criteria if isinstance(self.scores.get(c["key"]), int))

    def weighted(self, call):
        if self.done is None or self.conflict or not self.complete(call):
            return None
        return sum(c["weight"] * self.scores.get(c["key"], 0) for c in call.criteria) / call.total_weight

    @property
    def __acl__(self):
        return AwardPermissions.review(self)
