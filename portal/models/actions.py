"""Action trees: a plan of nested actions whose progress rolls up (as Decidim's accountability). One
implementation for every plugin that plans work (a network's yearly work plan, a workshop's action
plan): the tree belongs to an owner named by a key (kind + id), never by a foreign key to a plugin's
table. The service, roll-up and rendering are in portal.actions."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..translatable import TranslationsMixin
from .meta import Base, UTCDateTime, utcnow
from .principals import Member, User

ACTION_STATUSES = ("planned", "in_progress", "done", "cancelled")


class ActionTree(TranslationsMixin, Base):
    """The plan of one owner: ("workplan", 2027), ("network", 5)... owner_kind says what owner_id counts."""

    __tablename__ = "action_trees"
    __translatable__ = ("title",)
    __table_args__ = (UniqueConstraint("owner_kind", "owner_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Action(TranslationsMixin, Base):
    """One action of a tree. A leaf's progress (0-100) is its own; a parent's is computed from its children
    (portal.actions.roll_up), its stored progress is not read. weight: its share in its parent's progress.
    resource_kind + resource_id: what carries it out, a registered resource ("event", 12)."""

    __tablename__ = "actions"
    __translatable__ = ("title", "description")
    __table_args__ = (
        Index("ix_actions_tree_parent", "tree_id", "parent_id"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        CheckConstraint("weight >= 0", name="weight_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    tree_id: Mapped[int] = mapped_column(ForeignKey("action_trees.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    starts: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    weight: Mapped[int] = mapped_column(Integer, default=1)
    resource_kind: Mapped[str] = mapped_column(String(40), default="")
    resource_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tree: Mapped[ActionTree] = relationship()
    owner_user: Mapped[User | None] = relationship()
    owner_member: Mapped[Member | None] = relationship()


class ActionUpdate(Base):
    """One line of an action's history: who changed its progress or status, from what to what, and why."""

    __tablename__ = "action_updates"
    __table_args__ = (Index("ix_action_updates_action_created", "action_id", "created"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    progress_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    progress_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status_before: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status_after: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()
