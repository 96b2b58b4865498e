"""When each periodic task (config.add_periodic_task) last ran, and when it is due again."""
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime


class TaskRun(Base):
    """One row per task: the worker that moves `due` forward first runs it, so several workers (one per
    machine, or the server's thread beside `portal mail-worker`) run a task once per interval."""

    __tablename__ = "task_runs"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
