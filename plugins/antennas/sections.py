"""What this plugin adds to the pages of a region (its member organisations) and to a member's
profile (the antenna of its region)."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import SectionItem, TimelineEntry, clock
from portal.api import country_name
from portal.api import _, translate
from portal.api import Member
from portal.api import KIND_TITLES

from .models import Antenna
from .schemas import STATUS_TITLES


def region_members(request: Request, region: Any, limit: int) -> list[SectionItem]:
    rows = request.dbsession.scalars(select(Member).where(Member.status == "active", Member.region == region)
                                     .order_by(Member.name).limit(limit)).all()
    return [{"title": m.name, "url": request.route_path("member", id=m.id),
             "note": " · ".join(filter(None, [translate(KIND_TITLES[m.kind], request) if m.kind in KIND_TITLES
                                              else m.kind, country_name(m.country, request.locale_name)]))}
            for m in rows]


def member_antennas(request: Request, member: Any, limit: int) -> list[SectionItem]:
    rows = request.dbsession.scalars(select(Antenna).where(Antenna.region == member.region)
                                     .order_by(Antenna.status, Antenna.name).limit(limit)).all()
    return [{"title": a.name, "url": request.route_path("antenna", id=a.id),
             "note": ", ".join(filter(None, [a.seat_city, country_name(a.seat_country, request.locale_name)
                                             if a.seat_country else ""])),
             "badge": translate(STATUS_TITLES[a.status], request) if a.status != "active" else None}
            for a in rows]


TIMELINE_KINDS = {"antenna": _("Hosts the regional antenna")}


def antenna_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """The day each antenna the member hosts opened (an antenna still planned has no such day)."""
    today = clock.now().date()
    rows = request.dbsession.scalars(select(Antenna).where(Antenna.host_member_id == member.id,
                                                           Antenna.opened.is_not(None), Antenna.opened <= today))
    for antenna in rows:
        yield TimelineEntry(when=antenna.opened, kind="antenna", title=antenna.name,
                            url=request.route_path("antenna", id=antenna.id),
                            note=", ".join(filter(None, [antenna.seat_city, country_name(antenna.seat_country,
                                                         request.locale_name) if antenna.seat_country else ""]))
                            or None)


def member_presence(request: Request, member: Any, limit: int) -> list[SectionItem]:
    """The member's badge for its own website, with the code to copy."""
    if member.status != "active":
        return []
    return [{"title": translate(_("The “Member of the network” badge, with the code for a website"), request),
             "url": request.route_path("member_badge", id=member.id)}]
