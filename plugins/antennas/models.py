"""An antenna: the network's office for one region, with its seat, host member and coordinators.

Its news, pages and events live in a core Section the antenna owns; the coordinators hold a local
role on that section, so they publish there and nowhere else."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, LocalRole, User
from portal.api import TranslationsMixin, UTCDateTime, utcnow

STATUSES = ("planned", "active")
# the local role a coordinator holds on the antenna's section: edit and publish there
COORDINATOR_ROLE = "reviewer"


class Antenna(TranslationsMixin, Base):
    __tablename__ = "antennas"
    __translatable__ = ("name", "description")  # written in each language: `translations` holds the others
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(30), index=True)
    seat_city: Mapped[str] = mapped_column(String(120), default="")
    seat_country: Mapped[str] = mapped_column(String(2), default="")
    host_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    opened: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    description: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")
    section_id: Mapped[int | None] = mapped_column(ForeignKey("content.id", ondelete="SET NULL"), nullable=True,
                                                   unique=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    host_member = relationship("Member")
    section = relationship("Section", foreign_keys=[section_id])

    def coordinator_ids(self, session):
        if self.section_id is None:
            return []
        rows = session.scalars(select(LocalRole.principal).where(
            LocalRole.content_id == self.section_id, LocalRole.role == COORDINATOR_ROLE,
            LocalRole.principal.like("user:%"))).all()
        return sorted(int(p.split(":", 1)[1]) for p in rows if p.split(":", 1)[1].isdigit())

    def coordinators(self, session):
        ids = self.coordinator_ids(session)
        if not ids:
            return []
        return session.scalars(select(User).where(User.id.in_(ids), User.active).order_by(User.name)).all()

    def set_coordinators(self, session, user_ids):
        """The section's coordinator roles become exactly these users (other local roles stay)."""
        wanted = {f"user:{i}" for i in user_ids}
        existing = session.scalars(select(LocalRole).where(
            LocalRole.content_id == self.section_id, LocalRole.role == COORDINATOR_ROLE,
            LocalRole.principal.like("user:%"))).all()
        for row in existing:
            if row.principal not in wanted:
                session.delete(row)
            else:
                wanted.discard(row.principal)
        for principal in sorted(wanted):
            session.add(LocalRole(content_id=self.section_id, principal=principal, role=COORDINATOR_ROLE))
