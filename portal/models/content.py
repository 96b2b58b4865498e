"""Content items. Plugins subclass Content with joined-table inheritance and load their own subtype."""
import functools
import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..translatable import TranslationsMixin
from .meta import Base, UTCDateTime, utcnow


def new_translation_group():
    return uuid.uuid4().hex


class Content(TranslationsMixin, Base):
    """An item; its translatable fields (a section's title...) keep their other languages in
    `translations` (portal.translatable)."""

    __tablename__ = "content"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="en", index=True)
    translation_group: Mapped[str] = mapped_column(String(32), default=new_translation_group, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("content.id", ondelete="SET NULL"), nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    creator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)

    parent: Mapped["Content | None"] = relationship(remote_side=[id], foreign_keys=[parent_id])
    creator = relationship("User", foreign_keys=[creator_id])
    local_roles = relationship("LocalRole", cascade="all, delete-orphan", passive_deletes=True)
    files = relationship("File", back_populates="content", cascade="all, delete-orphan",
                         passive_deletes=True, foreign_keys="File.content_id",
                         order_by="(File.position, File.id)")

    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "content"}

    @property
    def __acl__(self):
        """Who may do what with the item: from its workflow state, its author and the local roles of it and
        its containers (portal.security.content_acl), with the registry of the site whose session loaded it."""
        from sqlalchemy.orm import object_session
        from ..security import content_acl
        session = object_session(self)
        info = session.info if session is not None else {}
        registry = getattr(info.get("request"), "registry", None) or info.get("registry")
        if registry is None:  # an item made outside any site's session: the site being configured or served
            from pyramid.threadlocal import get_current_registry
            registry = get_current_registry()
        return content_acl(self, registry)

    @property
    def images(self):
        return [f for f in self.files if f.is_image]

    @property
    def attachments(self):
        return [f for f in self.files if not f.is_image]

    @property
    def cover_image(self):
        """The image chosen as the item's cover, or else its first image; None without images."""
        images = self.images
        return next((f for f in images if f.cover), images[0] if images else None)


class Section(Content):
    """A section groups pages under one heading and one address."""

    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "section"}
    __translatable__ = ("title", "description", "body")  # the secretariat's, written in each language


class Page(Content):
    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "page"}
    __translatable__ = ("title", "description", "body")


class News(Content):
    __tablename__ = "news"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "news"}


class Revision(Base):
    """A snapshot of an item's editable fields, kept at every save."""

    __tablename__ = "revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment: Mapped[str] = mapped_column(String(300), default="")
    data: Mapped[dict] = mapped_column(JSON)
    author = relationship("User")


class WorkflowLog(Base):
    __tablename__ = "workflow_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), index=True)
    transition: Mapped[str] = mapped_column(String(50))
    from_state: Mapped[str] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment: Mapped[str] = mapped_column(Text, default="")
    actor = relationship("User")


@functools.cache
def _sibling():
    """The alias of the content table one_per_translation compares an item with, made once: aliasing
    proxies every column, a millisecond per listing if done for each query."""
    from sqlalchemy.orm import aliased
    return aliased(Content)


def one_per_translation(stmt, cls, language):
    """Of an item published in several languages, keep the version in the reader's language, or else the
    first one written: a listing shows the annual conference once, not four times. cls is the type the
    statement selects (News, Experience...)."""
    from sqlalchemy import and_, exists, func, or_, select
    other = _sibling()
    # no condition on the type: translations are of one type, and the planner then takes the index on
    # translation_group (with the type, SQLite walks every item for every item)
    siblings = and_(other.translation_group == cls.translation_group, other.state == "published")
    in_language = exists().where(siblings, other.language == language)
    first = select(func.min(other.id)).where(siblings).scalar_subquery()
    return stmt.where(or_(cls.language == language, and_(~in_language, cls.id == first)))
