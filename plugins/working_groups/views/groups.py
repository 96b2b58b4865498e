"""The groups: their list, starting one, a group's page, its settings, following it."""
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import _, field_values, translate

from .. import services
from ..activity import group_activity
from ..models import GroupPage, JoinRequest, Membership, WorkingGroup
from ..schemas import FollowSchema, GroupSchema
from .common import T, GroupForm, crumbs, group_url


@view_config(route_name="working_groups", renderer=T + "groups.pt", permission="view")
def groups(request):
    rows = request.dbsession.scalars(select(WorkingGroup).order_by(WorkingGroup.name)).all()
    counts = dict(request.dbsession.execute(select(Membership.group_id, func.count(Membership.id))
                                            .group_by(Membership.group_id)).all())
    mine = set()
    if request.user is not None:
        mine = set(request.dbsession.scalars(select(Membership.group_id).where(Membership.user_id == request.user.id)))
    title = translate(_("Working groups"), request)
    return {"groups": rows, "counts": counts, "mine": mine, "page_title": title, "breadcrumbs": [(title, None)],
            "can_add": bool(request.has_permission("add_group", request.context))}


@view_config(route_name="working_group_add", permission="add_group")
class GroupAdd(GroupForm):
    schema = GroupSchema
    buttons = (("save", _("Create the group")),)
    title = _("New working group")
    intro = _("You will be its first coordinator: you can then invite people and accept requests to join.")

    def save_success(self, appstruct):
        group = services.create_group(self.request.dbsession, appstruct["name"], appstruct["purpose"],
                                      appstruct["visibility"], self.request.user, appstruct["language"])
        return self.done(_("The working group was created. Invite its members from “Members”."),
                         group_url(self.request, group))


@view_config(route_name="working_group", renderer=T + "group.pt", permission="view")
def group_view(request):
    group = request.context
    session = request.dbsession
    readable = bool(request.has_permission("view_pages", group))
    membership = group.membership_of(request.user)
    pending = services.pending_request(session, group, request.user) if membership is None else None
    memberships = services.memberships(session, group)
    pages = session.scalars(select(GroupPage).where(GroupPage.group_id == group.id)).all() if readable else []
    requests_waiting = 0
    can_manage = bool(request.has_permission("manage_group", group))
    if can_manage:
        requests_waiting = session.scalar(select(func.count(JoinRequest.id)).where(
            JoinRequest.group_id == group.id, JoinRequest.status == "pending"))
    return {"group": group, "readable": readable, "membership": membership, "pending": pending,
            "members": memberships if readable else [m for m in memberships if m.role == "coordinator"],
            "member_total": len(memberships), "tree": services.tree(pages),
            "activity": group_activity(session, group, limit=15) if readable else [],
            "follow": services.follow_of(session, group, request.user), "can_manage": can_manage,
            "requests_waiting": requests_waiting,
            "can_edit_pages": bool(request.has_permission("edit_pages", group)),
            "can_join": request.user is None or (membership is None and pending is None),
            "can_follow": bool(request.has_permission("follow", group)) or (
                request.user is not None and group.is_public),
            "page_title": group.name, "breadcrumbs": crumbs(request, group)}


@view_config(route_name="working_group_edit", permission="manage_group")
class GroupEdit(GroupForm):
    schema = GroupSchema
    title = _("Edit the group")

    def appstruct(self):
        group = self.group
        return {"name": field_values(group, "name", self.request), "purpose": field_values(group, "purpose", self.request),
                "visibility": group.visibility, "language": group.language}

    def save_success(self, appstruct):
        services.update_group(self.request.dbsession, self.group, appstruct)
        return self.done(_("Changes saved."), group_url(self.request, self.group))


@view_config(route_name="working_group_follow", permission="view")
class GroupFollow(GroupForm):
    """Following a group (open to anyone logged in for a public group); "stop" needs no valid form."""
    schema = FollowSchema
    buttons = (("save", _("Save")), ("stop", _("Stop following")))
    intro = _("You will receive by e-mail a digest of the new pages, revisions and comments of the group.")

    def page_title(self):
        return _("Follow “${name}”", mapping={"name": self.group.name})

    def __call__(self):
        request, group = self.request, self.group
        if request.user is None or not (request.has_permission("follow", group) or group.is_public):
            raise HTTPForbidden()
        if "stop" in request.POST:
            services.set_follow(request.dbsession, group, request.user, None)
            return self.done(_("You no longer follow this group."), group_url(request, group))
        return super().__call__()

    def appstruct(self):
        follow = services.follow_of(self.request.dbsession, self.group, self.request.user)
        return {"frequency": follow.frequency if follow and follow.frequency else "weekly"}

    def save_success(self, appstruct):
        request, frequency = self.request, appstruct["frequency"]
        services.set_follow(request.dbsession, self.group, request.user, frequency)
        return self.done(_("You follow this group: ${frequency}.", mapping={
            "frequency": translate(_("Daily digest") if frequency == "daily" else _("Weekly digest"), request)}),
            group_url(request, self.group))
