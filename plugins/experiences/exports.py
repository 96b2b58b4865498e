"""Open data: published experiences with the columns the importer reads (lists joined with "|")."""
from collections.abc import Iterator
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import ExportRow, Request, in_batches

from .models import Experience

COLUMNS = ("external_id", "title", "summary", "description", "language", "city", "country", "region", "themes",
           "mechanism", "scale", "start_year", "end_year", "participants", "sdgs", "url", "published", "state")


def experience_rows(request: Request) -> Iterator[ExportRow]:
    stmt = (select(Experience).where(Experience.state == "published").options(selectinload(Experience.themes))
            .order_by(Experience.published.desc(), Experience.id.desc()))
    for e in in_batches(request, stmt):
        yield {"external_id": e.external_id or f"portal-{e.id}", "title": e.title, "summary": e.description,
               "description": e.body, "language": e.language, "city": e.city, "country": e.country,
               "region": e.region, "themes": [t.slug for t in e.themes], "mechanism": e.mechanism, "scale": e.scale,
               "start_year": e.start_year, "end_year": e.end_year, "participants": e.participants,
               "sdgs": list(e.sdgs or []), "url": request.route_url("experience.view", id=e.id),
               "published": e.published.isoformat() if e.published else "", "state": e.state}
