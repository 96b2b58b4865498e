from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models import Content


class Workshop(Content):
    __tablename__ = "sample_workshops"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    starts: Mapped[date] = mapped_column(Date)
    __mapper_args__ = {"polymorphic_identity": "workshop"}
