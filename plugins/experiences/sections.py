"""What a member's profile and a region's pages show of the experiences: the latest published ones."""
from sqlalchemy import select

from portal.api import one_per_translation

from .models import Experience


def _items(request, where, limit):
    stmt = (one_per_translation(select(Experience).where(Experience.state == "published", where), Experience,
                                request.locale_name)
            .order_by(Experience.published.desc(), Experience.id.desc()).limit(limit))
    return [{"title": e.title, "url": request.route_path("experience.view", id=e.id),
             "note": ", ".join(p for p in (e.city, str(e.start_year or "")) if p)}
            for e in request.dbsession.scalars(stmt)]


def latest_experiences(request, _key, limit):
    return _items(request, Experience.published.is_not(None), limit)


def member_experiences(request, member, limit):
    return _items(request, Experience.member_id == member.id, limit)


def region_experiences(request, region, limit):
    return _items(request, Experience.region == region, limit)
