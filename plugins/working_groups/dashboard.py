"""What "My space" (/my) shows of the working groups: the visitor's groups and requests to join; and what
waits for a group's coordinators (and the secretariat): the requests to join they have not decided."""
from pyramid.request import Request
from sqlalchemy import func, select

from portal.api import DashboardItem, SectionItem, _

from .models import JoinRequest, Membership, WorkingGroup

ROLE_STATES = {"coordinator": _("Coordinator"), "member": _("Member")}


def my_groups(request: Request) -> list[DashboardItem]:
    session, user = request.dbsession, request.user
    items: list[DashboardItem] = [
        {"title": group.name, "url": request.route_path("working_group", id=group.id),
         "state": ROLE_STATES.get(membership.role, ROLE_STATES["member"])}
        for group, membership in session.execute(
            select(WorkingGroup, Membership).join(Membership, Membership.group_id == WorkingGroup.id)
            .where(Membership.user_id == user.id).order_by(WorkingGroup.name))]
    items += [{"title": group.name, "url": request.route_path("working_group", id=group.id),
               "state": _("Request to join waiting")}
              for group in session.scalars(
                  select(WorkingGroup).join(JoinRequest, JoinRequest.group_id == WorkingGroup.id)
                  .where(JoinRequest.user_id == user.id, JoinRequest.status == "pending").order_by(WorkingGroup.name))]
    return items


def browse_groups(request: Request) -> dict:
    return {"title": _("Browse the working groups"), "url": request.route_path("working_groups")}


def join_requests_waiting(request: Request) -> list[SectionItem]:
    """One line per group whose coordinator (this visitor) has requests to join to decide."""
    if request.user is None:
        return []
    rows = request.dbsession.execute(
        select(WorkingGroup, func.count(JoinRequest.id)).join(JoinRequest, JoinRequest.group_id == WorkingGroup.id)
        .where(JoinRequest.status == "pending").group_by(WorkingGroup.id).order_by(WorkingGroup.name)).all()
    return [{"title": group.name, "url": request.route_path("working_group_members", id=group.id),
             "step": _("Requests to join: ${count}", mapping={"count": count})}
            for group, count in rows if request.has_permission("manage_group", group)]
