"""What a region's pages and a member's profile show of the events."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import distinct, func, select

from portal.api import SectionItem, translated
from portal.api import TimelineEntry, _, clock, keep_for

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
    """The coming events the member organises, the soonest first (those under way included)."""
    keep_for(request, 300)
    stmt = upcoming_query(language=request.locale_name).where(Event.member_id == member.id).limit(limit)
    return [_item(request, e) for e in request.dbsession.scalars(stmt)]


def member_past_events(request: Request, member: Any, limit: int) -> list[SectionItem]:
    """The events the member organised that are over, the latest first."""
    keep_for(request, 300)
    stmt = past_query(language=request.locale_name).where(Event.member_id == member.id).limit(limit)
    return [_item(request, e) for e in request.dbsession.scalars(stmt)]


TIMELINE_KINDS = {"event": (_("Event hosted"), _("Events hosted"))}


def event_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """The published events the member organised, on the day they began: those to come are on the
    profile's list of upcoming events, the history holds what has happened."""
    keep_for(request, 300)  # an event enters the history when it begins, without anything being saved
    stmt = past_query(language=request.locale_name).where(Event.member_id == member.id)
    ongoing = (upcoming_query(language=request.locale_name)
               .where(Event.member_id == member.id, Event.starts <= clock.now()))
    for event in [*request.dbsession.scalars(ongoing), *request.dbsession.scalars(stmt)]:
        yield TimelineEntry(when=event.starts, kind="event", title=translated(request, event, "title"),
                            url=request.route_path("event.view", id=event.id), note=place(request, event) or None)
