"""What a region's pages and a member's profile show of the events."""
from typing import Any

from pyramid.request import Request
from sqlalchemy import distinct, func, select

from portal.api import SectionItem, translated
from portal.api import clock, keep_for

from .dates import short_date
from .views import past_query, place, upcoming_query
from .models import Event


def _item(request, event):
    return {"title": translated(request, event, "title"), "url": request.route_path("event.view", id=event.id),
            "note": " · ".join(p for p in (short_date(event, request.locale_name), place(request, event)) if p),
            "cover": event.id}


def events_held(request: Request) -> int:
    """Published events that are over, an event announced in several languages counted once."""
    keep_for(request, 300)
    return request.dbsession.scalar(select(func.count(distinct(Event.translation_group)))
                                    .where(Event.state == "published", Event.ends < clock.now())) or 0


def upcoming_events(request: Request, _key: Any, limit: int) -> list[SectionItem]:
    """The next events of the network, the soonest first (on the home page)."""
    keep_for(request, 300)  # an event that starts or ends leaves the list without anything being saved
    stmt = upcoming_query(language=request.locale_name).limit(limit)
    return [_item(request, e) for e in request.dbsession.scalars(stmt)]


def region_events(request: Request, region: Any, limit: int) -> list[SectionItem]:
    """The region's upcoming events, the soonest first."""
    keep_for(request, 300)
    stmt = upcoming_query(language=request.locale_name).where(Event.region == region).limit(limit)
    return [_item(request, e) for e in request.dbsession.scalars(stmt)]


def member_events(request: Request, member: Any, limit: int) -> list[SectionItem]:
    """Events the member organises: the coming ones, then the latest past ones."""
    keep_for(request, 300)
    where = Event.member_id == member.id
    language = request.locale_name
    found = list(request.dbsession.scalars(upcoming_query(language=language).where(where).limit(limit)))
    if len(found) < limit:
        found += request.dbsession.scalars(past_query(language=language).where(where).limit(limit - len(found)))
    return [_item(request, e) for e in found]
