from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, false, text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from .meta import Base, UTCDateTime, utcnow


class File(Base):
    """An uploaded file; the bytes live on disk under files.dir, named by this row."""

    __tablename__ = "files"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int | None] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), nullable=True, index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mimetype: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300), default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # an image of a content item: what it shows for those who cannot see it, its place among the item's
    # files, whether it is the item's cover (its cards, its page, Open Graph, the newsletter)
    alt: Mapped[str] = mapped_column(String(300), default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    cover: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # an image's {"width", "height", "copies": [widths of the resized copies beside it]} (portal.images);
    # None: a file stored before they were made, served as it is
    sizes: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    content = relationship("Content", back_populates="files", foreign_keys=[content_id])

    @property
    def is_image(self):
        return self.mimetype.startswith("image/")


class FileAttachment:
    """A mixin for a plugin's table of the files attached to one of its rows (an entry's documents, an
    expense's receipts): the row's id, the core File it holds (its bytes capped and type-checked by the
    upload helpers) and `file`. The plugin adds the column and relationship naming what holds it:

        class ExpenseReceipt(FileAttachment, Base):
            __tablename__ = "crowd_expense_receipts"
            expense_id: Mapped[int] = mapped_column(ForeignKey("crowd_expenses.id", ondelete="CASCADE"), index=True)
            expense: Mapped[Expense] = relationship(back_populates="receipts")
    """
    id: Mapped[int] = mapped_column(primary_key=True)

    @declared_attr
    def file_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("files.id", ondelete="CASCADE"))

    @declared_attr
    def file(cls) -> Mapped[File]:
        return relationship(File)
