"""A partner (a content item: its name, summary and description written in each language, its logo among
its images), the agreements the network signs with partners or members, their obligations, the
internships under a university agreement and the joint activities done with a partner."""
from datetime import date, datetime

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.api import Base, Content, UTCDateTime, clock, region_of

PARTNER_KINDS = ("network", "university", "agency", "foundation", "government", "festival", "other")
AGREEMENT_KINDS = ("hosting", "collaboration", "internship", "study", "funding")
STATUSES = ("draft", "signed", "in_force", "expired", "renewed")
ACTIVITY_ROLES = ("co_organised", "attended", "study", "campaign")


class Partner(Content):
    __tablename__ = "partners_partners"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="network", index=True)
    website: Mapped[str] = mapped_column(String(500), default="")
    country: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    region: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    # what the network does with them: the work plan's words ("presence on their website", "a joint study")
    relation: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"polymorphic_identity": "partner"}
    __translatable__ = ("title", "description", "body")

    @validates("country")
    def _derive_region(self, key, value):
        value = (value or "").upper() or None
        self.region = region_of(value) if value else None
        return value


class Agreement(Base):
    """An agreement with a partner or a member organisation. Its signed document is private to the
    secretariat unless `public`; a renewal is a new agreement naming the one it renews (`renews_id`),
    which stays as history with the status "renewed"."""
    __tablename__ = "partners_agreements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners_partners.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    renews_id: Mapped[int | None] = mapped_column(ForeignKey("partners_agreements.id", ondelete="SET NULL"),
                                                  nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="collaboration")
    title: Mapped[str] = mapped_column(String(300), default="")
    parties: Mapped[str] = mapped_column(Text, default="")
    signatories: Mapped[str] = mapped_column(Text, default="")
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    renewal_terms: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="SET NULL"), nullable=True)
    end_reminded: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: clock.now())

    partner = relationship("Partner")
    member = relationship("Member")
    document = relationship("File")
    renews = relationship("Agreement", remote_side=[id])
    obligations: Mapped[list["Obligation"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", passive_deletes=True, order_by="Obligation.due")
    internships: Mapped[list["Internship"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", passive_deletes=True, order_by="Internship.starts")

    @property
    def __acl__(self):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        if self.public:
            acl.append((Allow, Everyone, ("view", "view_agreement_document")))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    @property
    def party_name(self):
        return self.partner.title if self.partner else (self.member.name if self.member else "")

    def history(self):
        """The agreements this one renewed, the latest first."""
        found, seen, current = [], {self.id}, self.renews
        while current is not None and current.id not in seen:
            found.append(current)
            seen.add(current.id)
            current = current.renews
        return found


class Obligation(Base):
    __tablename__ = "partners_obligations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("partners_agreements.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(500), default="")
    due: Mapped[date] = mapped_column(Date, index=True)
    owner: Mapped[str] = mapped_column(String(200), default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    reminded: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # who of the secretariat marked it done, and when (cleared when it is marked not done again)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    agreement = relationship("Agreement", back_populates="obligations")
    done_by = relationship("User")


class Internship(Base):
    """An intern under a university agreement, hosted by the secretariat (no member) or a member."""
    __tablename__ = "partners_internships"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("partners_agreements.id", ondelete="CASCADE"), index=True)
    intern: Mapped[str] = mapped_column(String(200), default="")
    host_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    supervisor: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    report: Mapped[str] = mapped_column(Text, default="")
    experience_id: Mapped[int | None] = mapped_column(ForeignKey("content.id", ondelete="SET NULL"), nullable=True)

    agreement = relationship("Agreement", back_populates="internships")
    host = relationship("Member")

    @property
    def __acl__(self):
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]


class JointActivity(Base):
    """What the network did with a partner: an item of another plugin (an event, a campaign), named by its
    registered resource and id, never by a model import; or a study with its own title."""
    __tablename__ = "partners_activities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partners.id", ondelete="CASCADE"), index=True)
    resource: Mapped[str] = mapped_column(String(40), default="")
    item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    role: Mapped[str] = mapped_column(String(20), default="co_organised")
    title: Mapped[str] = mapped_column(String(300), default="")
    day: Mapped[date] = mapped_column(Date)
    # a study's report or another document of the activity: public with the partner's page
    document_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="SET NULL"), nullable=True)

    partner = relationship("Partner")
    document = relationship("File")

    @property
    def __acl__(self):
        """Seen, with its document, by whoever may see the partner's page."""
        return self.partner.__acl__
