"""Working groups, their members, invitations, collaborative pages and comments (their followers are the
core's follows, "working_group", with the digest's frequency: FREQUENCIES).

Membership is kept twice on purpose: here with its role (coordinator or member), and in a core
group named working-group-ID, so every member carries the principal group:working-group-ID, which
the ACL of the pages and the search filters (inside the query, on both backends) test.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Content, Group, User
from portal.api import Base, TranslationsMixin, UTCDateTime, utcnow

from .permissions import WorkingGroupPermissions

VISIBILITIES = ("public", "members")
ROLES = ("coordinator", "member")
FREQUENCIES = ("daily", "weekly")  # of a group's digest, for those who follow it
FOLLOWED = "working_group"  # a group's name as a followable of the core
REQUEST_STATUSES = ("pending", "accepted", "declined")



class WorkingGroup(TranslationsMixin, Base):
    __tablename__ = "working_groups"
    # ready to be written in each language: its form's name and purpose become translatable_node()s
    __translatable__ = ("name", "purpose")
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(10), default="public")
    language: Mapped[str] = mapped_column(String(5), default="en")
    principal_group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"), nullable=True)
    creator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    principal_group: Mapped[Group | None] = relationship()
    memberships: Mapped[list["Membership"]] = relationship(back_populates="group", cascade="all, delete-orphan",
                                                            passive_deletes=True)

    @property
    def principal(self):
        return f"group:{self.principal_group.name}" if self.principal_group is not None else None

    @property
    def is_public(self):
        return self.visibility == "public"

    def coordinator_ids(self):
        return [m.user_id for m in self.memberships if m.role == "coordinator"]

    def membership_of(self, user):
        if user is None:
            return None
        for m in self.memberships:
            if m.user_id == user.id:
                return m
        return None

    @property
    def __acl__(self):
        return WorkingGroupPermissions.group(self)


class Membership(Base):
    __tablename__ = "working_group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id", name="uq_working_group_members_group_id_user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    group: Mapped[WorkingGroup] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class JoinRequest(Base):
    __tablename__ = "working_group_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    group: Mapped[WorkingGroup] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Invitation(Base):
    """An invitation by e-mail: the link carries a random token, the table only its hash."""

    __tablename__ = "working_group_invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    inviter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    used: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    group: Mapped[WorkingGroup] = relationship()
    inviter: Mapped[User | None] = relationship(foreign_keys=[inviter_id])


class GroupPage(Content):
    """A collaborative page: a content item whose container is its working group; parent_id (of
    Content) points to the page above it in the group's tree. `revision` is the number of the
    latest revision, compared and set in one UPDATE so two saves can never both win."""

    __tablename__ = "working_group_pages"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[WorkingGroup] = relationship()
    __mapper_args__ = {"polymorphic_identity": "group_page"}

    def top_level(self) -> tuple:
        """What holds the pages at the top of the tree, for the core's rule on moving content: the
        group, where adding needs the right to write its pages (not the site's top level)."""
        return self.group, "edit_pages", self.group.name

    @property
    def __acl__(self):
        return WorkingGroupPermissions.page(self)


class PageComment(Base):
    __tablename__ = "working_group_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("working_group_pages.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    page: Mapped[GroupPage] = relationship()
    author: Mapped[User | None] = relationship()
