"""The call for pilot cities: the secretariat opens a call (its text, eligibility and dates), member
organisations apply (one application each, the form's answers), the secretariat selects with a reason; the
city selected becomes the pilot city of a new collaborative network."""
from datetime import date, datetime

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Member, UTCDateTime

APPLICATION_STATES = ("submitted", "selected", "not_selected")
# who may apply: the representatives of an active member organisation of these kinds (the guide: cities and
# local governments lead a network's work)
ELIGIBLE_KINDS = ("city", "local-government")


class PilotCall(Base):
    __tablename__ = "ws_pilot_calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    opens: Mapped[date]
    closes: Mapped[date]
    created: Mapped[datetime] = mapped_column(UTCDateTime)

    applications: Mapped[list["PilotApplication"]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                                 order_by="PilotApplication.id")

    @property
    def __acl__(self):
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, "role:member", ("view", "apply_pilot_call")),
                (Allow, Everyone, "view"), (Deny, Everyone, ALL_PERMISSIONS)]


class PilotApplication(Base):
    """A member organisation's application: one per call (applying again changes the answers)."""
    __tablename__ = "ws_pilot_applications"
    __table_args__ = (UniqueConstraint("call_id", "member_id", name="uq_ws_pilot_applications_call_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("ws_pilot_calls.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    theme: Mapped[str] = mapped_column(String(60), default="")
    motivation: Mapped[str] = mapped_column(Text, default="")
    commitments: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="submitted")
    reason: Mapped[str] = mapped_column(Text, default="")
    network_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the network made when selected
    submitted: Mapped[datetime] = mapped_column(UTCDateTime)

    call: Mapped[PilotCall] = relationship(back_populates="applications")
    member: Mapped[Member] = relationship()
