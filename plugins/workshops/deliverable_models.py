"""The four deliverables of a collaborative network (thematic sheet, constitution form, priority-problem
sheet, report on the first sketch of the pilot project): a deliverable is made from a template the
secretariat edits and is written section by section. Deliverables and their sections are content items
(never registered as content types: they live only on the network's pages) so that each section keeps
the core's revisions, diff, restore and three-way merge of concurrent edits."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Content, UTCDateTime

from .models import Network
from .permissions import WorkshopsPermissions

KINDS = ("thematic", "constitution", "problem", "pilot")
STATUSES = ("draft", "review", "signed")
# the core's state of these items: they are never in the core's review queue or published listings
HIDDEN_STATE = "private"


class DeliverableTemplate(Base):
    """The secretariat's template of one kind of deliverable: its sections, each with its guidance."""
    __tablename__ = "ws_deliverable_templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    sections: Mapped[list] = mapped_column(JSON, default=list)  # [{"key", "title", "guidance"}]


class Deliverable(Content):
    __tablename__ = "ws_deliverables"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("ws_networks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # the series' first version
    public: Mapped[bool] = mapped_column(default=False)
    signed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    author_members: Mapped[list] = mapped_column(JSON, default=list)  # ids of member organisations
    author_people: Mapped[str] = mapped_column(Text, default="")  # one name a line
    experience_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # published into the database

    network: Mapped[Network] = relationship(foreign_keys=[network_id])
    sections: Mapped[list["DeliverableSection"]] = relationship(
        back_populates="deliverable", foreign_keys="DeliverableSection.deliverable_id",
        order_by="DeliverableSection.position", cascade="all, delete-orphan")
    __mapper_args__ = {"polymorphic_identity": "ws_deliverable"}

    @property
    def series(self):
        return self.first_id or self.id

    @property
    def people(self):
        return [line.strip() for line in (self.author_people or "").splitlines() if line.strip()]

    @property
    def __acl__(self):
        return WorkshopsPermissions.deliverable(self)


class DeliverableSection(Content):
    """One section of a deliverable: its title and guidance from the template, its text in body."""
    __tablename__ = "ws_deliverable_sections"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("ws_deliverables.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    guidance: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)  # the counter two saves race for

    deliverable: Mapped[Deliverable] = relationship(back_populates="sections", foreign_keys=[deliverable_id])
    __mapper_args__ = {"polymorphic_identity": "ws_deliverable_section"}

    @property
    def __acl__(self):
        return WorkshopsPermissions.deliverable(self.deliverable)


class SectionComment(Base):
    __tablename__ = "ws_section_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("ws_deliverable_sections.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    author = relationship("User")
