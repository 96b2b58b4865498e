"""What a member organisation's profile and a region's pages show of the working groups: the groups
its people take part in, only those whose members the visitor may see."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import SectionItem, TimelineEntry, _
from portal.api import Member, User

from .models import Membership, WorkingGroup


def _visible(request, group):
    return bool(request.has_permission("view_pages", group))


def member_groups(request: Request, member: Any, limit: int) -> list[SectionItem]:
    rows = request.dbsession.execute(
        select(WorkingGroup, User).join(Membership, Membership.group_id == WorkingGroup.id)
        .join(User, User.id == Membership.user_id).where(User.member_id == member.id)
        .order_by(WorkingGroup.name, User.name)).all()
    found: dict[int, tuple[Any, list[str]]] = {}
    for group, user in rows:
        if group.id not in found and len(found) >= limit:
            continue
        found.setdefault(group.id, (group, []))[1].append(user.name)
    return [{"title": g.name, "url": request.route_path("working_group", id=g.id), "note": ", ".join(names)}
            for g, names in found.values() if _visible(request, g)]


TIMELINE_KINDS = {"working-group": (_("Joined a working group"), _("Working groups"))}


def group_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """The day the member's first person joined each working group, for the groups whose members the
    visitor may see; the people who show a public profile are named."""
    rows = request.dbsession.execute(
        select(WorkingGroup, Membership.since, User).join(Membership, Membership.group_id == WorkingGroup.id)
        .join(User, User.id == Membership.user_id).where(User.member_id == member.id)
        .order_by(WorkingGroup.id, Membership.since)).all()
    found: dict[int, tuple[Any, Any, list[str]]] = {}
    for group, since, user in rows:
        first = found.setdefault(group.id, (group, since, []))
        if user.public_profile and user.active:
            first[2].append(user.name)
    for group, since, names in found.values():
        if _visible(request, group):
            yield TimelineEntry(when=since, kind="working-group", title=group.name,
                                url=request.route_path("working_group", id=group.id), note=", ".join(names) or None)


def region_groups(request: Request, region: Any, limit: int) -> list[SectionItem]:
    rows = request.dbsession.execute(
        select(WorkingGroup, User, Member).join(Membership, Membership.group_id == WorkingGroup.id)
        .join(User, User.id == Membership.user_id).join(Member, Member.id == User.member_id)
        .where(Member.region == region).order_by(User.name)).all()
    items: list[SectionItem] = []
    for group, user, member in rows:
        if len(items) >= limit:
            break
        if _visible(request, group):
            items.append({"title": f"{user.name} ({member.name})", "url": request.route_path("working_group", id=group.id),
                          "note": group.name})
    return items
