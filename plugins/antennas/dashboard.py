"""What "My space" (/my) shows of the antennas: the regional antenna of the visitor's organisation, and the
antennas the visitor coordinates (where they publish the region's news and events)."""
from pyramid.request import Request
from sqlalchemy import or_, select

from portal.api import DashboardItem, LocalRole, _

from .models import COORDINATOR_ROLE, Antenna


def my_antennas(request: Request) -> list[DashboardItem] | None:
    """None for someone with no organisation who coordinates no antenna."""
    user = request.user
    member = user.member
    coordinated = select(LocalRole.content_id).where(LocalRole.principal == f"user:{user.id}",
                                                     LocalRole.role == COORDINATOR_ROLE)
    conditions = [Antenna.section_id.in_(coordinated)]
    if member is not None and member.region:
        conditions.append(Antenna.region == member.region)
    rows = request.dbsession.scalars(select(Antenna).where(or_(*conditions)).order_by(Antenna.name)).all()
    mine = set(request.dbsession.scalars(coordinated))
    if member is None and not rows:
        return None
    return [{"title": a.name, "url": request.route_path("antenna", id=a.id),
             "state": _("Coordinator") if a.section_id in mine else None,
             "note": a.seat_city or None} for a in rows]


def all_antennas(request: Request) -> dict:
    return {"title": _("All the regional antennas"), "url": request.route_path("antennas")}
