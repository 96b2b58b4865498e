"""The people of a workshop: the international experts and the advisory-group member the secretariat funds
(travel and lodging planned and spent, in minor units of the workshop's currency), and the local experts
and member-city participants who register at their own expense. One registration per person (e-mail)."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import Base, UTCDateTime, utcnow

# the guide: "un máximo de 3 expertos ... además de los gastos de un miembro del Grupo Asesor"
FUNDED_LIMITS = {"expert": 3, "adviser": 1}
KINDS = ("expert", "adviser", "local", "member_city")


class WorkshopPerson(Base):
    __tablename__ = "ws_people"
    __table_args__ = (UniqueConstraint("workshop_id", "email", name="uq_ws_people_workshop_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("ws_workshops.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))  # lower case: one registration per address
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    travel_planned: Mapped[int] = mapped_column(Integer, default=0)
    lodging_planned: Mapped[int] = mapped_column(Integer, default=0)
    travel_spent: Mapped[int] = mapped_column(Integer, default=0)
    lodging_spent: Mapped[int] = mapped_column(Integer, default=0)
    exception: Mapped[str] = mapped_column(Text, default="")  # a participant's costs covered all the same
    listed: Mapped[bool] = mapped_column(Boolean, default=False)  # consents to be listed on the public page
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def funded(self) -> bool:
        return self.kind in FUNDED_LIMITS

    @property
    def planned(self) -> int:
        return self.travel_planned + self.lodging_planned

    @property
    def spent(self) -> int:
        return self.travel_spent + self.lodging_spent
