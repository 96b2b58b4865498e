"""Open data: the published events, upcoming and past, with their times in UTC and their zone."""
from collections.abc import Iterator
from sqlalchemy.orm import selectinload

from portal.api import ExportRow, Request, in_batches

from .models import Event
from .views import past_query, upcoming_query

COLUMNS = ("id", "title", "summary", "kind", "starts", "ends", "timezone", "venue", "city", "country", "region",
           "online_url", "registration_url", "registration_deadline", "organiser", "member", "language",
           "translation_group", "section", "url")


def _row(request, e):
    return {"id": e.id, "title": e.title, "summary": e.description, "kind": e.kind,
            "starts": e.starts.isoformat(), "ends": e.ends.isoformat(), "timezone": e.timezone, "venue": e.venue,
            "city": e.city, "country": e.country or "", "region": e.region or "", "online_url": e.online_url,
            "registration_url": e.registration_url,
            "registration_deadline": e.registration_deadline.isoformat() if e.registration_deadline else "",
            "organiser": e.organiser, "member": e.member.name if e.member else "", "language": e.language,
            "translation_group": e.translation_group, "section": e.parent.title if e.parent else "",
            "url": request.route_url("event.view", id=e.id)}


def _batches(request, stmt):
    return in_batches(request, stmt.options(selectinload(Event.member), selectinload(Event.parent)))


def upcoming_rows(request: Request) -> Iterator[ExportRow]:
    for e in _batches(request, upcoming_query()):
        yield _row(request, e)


def past_rows(request: Request) -> Iterator[ExportRow]:
    for e in _batches(request, past_query()):
        yield _row(request, e)
