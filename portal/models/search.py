from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime, utcnow


class SearchChange(Base):
    """A search document to write again (or to drop), queued in the transaction of the change that made it
    and deleted once the index has it: what a crash between commit and indexing leaves is still here."""

    __tablename__ = "search_queue"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    queued: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
