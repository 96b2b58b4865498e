"""What a member's profile and a region's pages show of the experiences: the latest published ones."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import distinct, func, select

from portal.api import SectionItem, TimelineEntry, _
from portal.api import one_per_translation

from .models import Experience


def _items(request, where, limit):
    stmt = (one_per_translation(select(Experience).where(Experience.state == "published", where), Experience,
                                request.locale_name)
            .order_by(Experience.published.desc(), Experience.id.desc()).limit(limit))
    return [{"title": e.title, "url": request.route_path("experience.view", id=e.id),
             "note": ", ".join(p for p in (e.city, str(e.start_year or "")) if p), "cover": e.id}
            for e in request.dbsession.scalars(stmt)]


def experiences_shared(request: Request) -> int:
    """Published experiences, an experience written in several languages counted once."""
    return request.dbsession.scalar(select(func.count(distinct(Experience.translation_group)))
                                    .where(Experience.state == "published")) or 0


def latest_experiences(request: Request, _key: Any, limit: int) -> list[SectionItem]:
    return _items(request, Experience.published.is_not(None), limit)


def member_experiences(request: Request, member: Any, limit: int) -> list[SectionItem]:
    return _items(request, Experience.member_id == member.id, limit)


TIMELINE_KINDS = {"experience": (_("Experience shared"), _("Experiences"))}


def experience_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """The member's published experiences (one per translation, in the reader's language if it has one),
    on the day they were published: drafts and experiences under review are nobody's history yet."""
    stmt = one_per_translation(select(Experience).where(Experience.state == "published",
                                                        Experience.published.is_not(None),
                                                        Experience.member_id == member.id),
                               Experience, request.locale_name)
    for e in request.dbsession.scalars(stmt):
        yield TimelineEntry(when=e.published, kind="experience", title=e.title,
                            url=request.route_path("experience.view", id=e.id),
                            note=", ".join(p for p in (e.city, str(e.start_year or "")) if p) or None)


def region_experiences(request: Request, region: Any, limit: int) -> list[SectionItem]:
    return _items(request, Experience.region == region, limit)
