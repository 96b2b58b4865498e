"""A collaborative network (a pilot city, its priority theme, the member cities that joined, its advisory
group, its stage of the road map; its action plan is the core's action tree owned by ("network", id))
and its international workshops (workshop_models)."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Member, UTCDateTime, utcnow

from .permissions import WorkshopsPermissions

# the road map of a collaborative network (the guide's "Hoja de Ruta"): its stages in order
STAGES = ("theme", "network", "workshop", "pilot", "evaluation")
JOIN_STATES = ("asked", "accepted", "declined")


class Network(Base):
    __tablename__ = "ws_networks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    # the pilot city: a member organisation; its representatives run the network with the secretariat
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    theme: Mapped[str] = mapped_column(String(60), default="")  # a slug of the experiences' taxonomy
    stage: Mapped[str] = mapped_column(String(20), default="theme")
    description: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pilot: Mapped[Member] = relationship()
    cities: Mapped[list["NetworkCity"]] = relationship(back_populates="network", order_by="NetworkCity.id",
                                                      cascade="all, delete-orphan")
    advisers: Mapped[list["Adviser"]] = relationship(back_populates="network", order_by="Adviser.id",
                                                     cascade="all, delete-orphan")

    @property
    def __acl__(self):
        return WorkshopsPermissions.network(self)


class NetworkCity(Base):
    """A member city that asked to join the network's work; accepted once the pilot city's representative
    and the secretariat both said yes."""
    __tablename__ = "ws_network_cities"
    __table_args__ = (UniqueConstraint("network_id", "member_id", name="uq_ws_network_cities_network_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("ws_networks.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(20), default="asked")
    pilot_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    secretariat_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    motivation: Mapped[str] = mapped_column(Text, default="")
    asked: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    network: Mapped[Network] = relationship(back_populates="cities")
    member: Mapped[Member] = relationship()


class Adviser(Base):
    """A person of the network's advisory group."""
    __tablename__ = "ws_advisers"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("ws_networks.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    affiliation: Mapped[str] = mapped_column(String(300), default="")

    network: Mapped[Network] = relationship(back_populates="advisers")


# the tables of the plugin's other modules, in the metadata wherever the models are loaded (alembic)
from . import workshop_models  # noqa: E402,F401
from . import people_models  # noqa: E402,F401
from . import deliverable_models  # noqa: E402,F401
from . import call_models  # noqa: E402,F401
