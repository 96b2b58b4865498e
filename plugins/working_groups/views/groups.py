"""The groups: their list, starting one, a group's page, its settings, following it."""
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import make_form, render_form, validate
from portal.api import _, translate

from .. import services
from ..activity import group_activity
from ..models import GroupPage, JoinRequest, Membership, WorkingGroup
from ..schemas import FollowSchema, GroupSchema
from .common import T, crumbs, group_url


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


@view_config(route_name="working_group_add", renderer="portal:templates/form_page.pt", permission="add_group")
def group_add(request):
    form = make_form(request, GroupSchema, [("save", _("Create the group"))])
    title = translate(_("New working group"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, last=title),
              "intro": _("You will be its first coordinator: you can then invite people and accept requests to join.")}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        group = services.create_group(request.dbsession, appstruct["name"], appstruct["purpose"],
                                      appstruct["visibility"], request.user, appstruct["language"])
        request.flash(_("The working group was created. Invite its members from “Members”."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form))


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


@view_config(route_name="working_group_edit", renderer="portal:templates/form_page.pt", permission="manage_group")
def group_edit(request):
    group = request.context
    form = make_form(request, GroupSchema, [("save", _("Save"))])
    title = translate(_("Edit the group"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title)}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        services.update_group(request.dbsession, group, appstruct)
        request.flash(_("Changes saved."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form, {"name": group.name, "purpose": group.purpose,
                                                "visibility": group.visibility, "language": group.language}))


@view_config(route_name="working_group_follow", renderer="portal:templates/form_page.pt", permission="view")
def group_follow(request):
    group = request.context
    if request.user is None:
        raise HTTPForbidden()
    if not (request.has_permission("follow", group) or group.is_public):
        raise HTTPForbidden()
    follow = services.follow_of(request.dbsession, group, request.user)
    title = translate(_("Follow “${name}”", mapping={"name": group.name}), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title),
              "intro": _("You will receive by e-mail a digest of the new pages, revisions and comments of the group.")}
    form = make_form(request, FollowSchema, [("save", _("Save")), ("stop", _("Stop following"))])
    if "stop" in request.POST:
        services.set_follow(request.dbsession, group, request.user, None)
        request.flash(_("You no longer follow this group."))
        return HTTPFound(group_url(request, group))
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        services.set_follow(request.dbsession, group, request.user, appstruct["frequency"])
        request.flash(_("You follow this group: ${frequency}.", mapping={
            "frequency": translate(_("Daily digest") if appstruct["frequency"] == "daily" else _("Weekly digest"),
                                   request)}))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form, {"frequency": follow.frequency if follow else "weekly"}))
