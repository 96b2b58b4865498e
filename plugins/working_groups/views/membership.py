"""Membership: asking to join and leaving; the coordinators' page of members, requests and
invitations."""
import colander
from markupsafe import Markup
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_row_or_404
from portal.api import make_form, render_form, validate
from portal.api import _, translate
from portal.api import User, utcnow

from .. import services
from ..models import Invitation, JoinRequest
from ..schemas import InviteSchema, JoinSchema
from .common import T, crumbs, group_url


def members_url(request, group):
    return request.route_path("working_group_members", id=group.id)


@view_config(route_name="working_group_join", renderer="portal:templates/form_page.pt", permission="join")
def group_join(request):
    group = request.context
    title = translate(_("Ask to join “${name}”", mapping={"name": group.name}), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title),
              "intro": _("A coordinator of the group will accept or decline your request; you will get an e-mail.")}
    if group.membership_of(request.user) is not None:
        request.flash(_("You are already a member of this group."))
        return HTTPFound(group_url(request, group))
    if services.pending_request(request.dbsession, group, request.user) is not None:
        request.flash(_("Your request to join is waiting for a coordinator."))
        return HTTPFound(group_url(request, group))
    form = make_form(request, JoinSchema, [("send", _("Send my request"))])
    if "send" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        services.ask_to_join(request, group, request.user, appstruct["message"])
        request.flash(_("Your request to join was sent to the coordinators."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form))


@view_config(route_name="working_group_leave", request_method="POST", permission="leave")
def group_leave(request):
    group = request.context
    membership = group.membership_of(request.user)
    if membership is None:
        raise HTTPForbidden()
    if membership.role == "coordinator" and len(group.coordinator_ids()) == 1 and len(group.memberships) > 1:
        request.flash(_("You are the group's only coordinator: make another member coordinator before you leave."),
                      "error")
        return HTTPFound(group_url(request, group))
    services.remove_member(request.dbsession, group, request.user)
    request.flash(_("You left the group."))
    return HTTPFound(group_url(request, group))


def _members_page(request, group, invite_form):
    session = request.dbsession
    title = translate(_("Members"), request)
    return {"group": group, "memberships": services.memberships(session, group), "invite_form": invite_form,
            "requests": session.scalars(select(JoinRequest).where(JoinRequest.group_id == group.id,
                                                                  JoinRequest.status == "pending")
                                        .order_by(JoinRequest.created)).all(),
            "invitations": session.scalars(select(Invitation).where(Invitation.group_id == group.id)
                                           .order_by(Invitation.created.desc()).limit(50)).all(),
            "now": utcnow(), "page_title": f"{title}: {group.name}", "breadcrumbs": crumbs(request, group, last=title)}


def _email_ok(value):
    try:
        colander.Email()(None, value)
    except colander.Invalid:
        return False
    return len(value) <= 254


@view_config(route_name="working_group_members", renderer=T + "members.pt", permission="manage_group")
def group_members(request):
    group = request.context
    form = make_form(request, InviteSchema, [("invite", _("Send the invitations"))], action=members_url(request, group))
    if "invite" not in request.POST:
        return _members_page(request, group, render_form(form, {"role": "member"}))
    appstruct, error = validate(form, request)
    if error:
        return _members_page(request, group, error)
    emails = [e.strip().lower() for e in appstruct["emails"].replace(",", "\n").splitlines() if e.strip()]
    wrong = [e for e in emails if not _email_ok(e)]
    if wrong or not emails or len(emails) > 50:
        request.response.status = 400
        node = form.schema["emails"]
        failure = colander.Invalid(form.schema)
        failure.add(colander.Invalid(node, translate(_("Not an e-mail address: ${addresses}", mapping={
            "addresses": ", ".join(wrong)}) if wrong else _("Give from one to fifty addresses."), request)),
            form.schema.children.index(node))
        form.widget.handle_error(form, failure)
        return _members_page(request, group, Markup(form.render(dict(appstruct))))
    services.invite(request, group, emails, appstruct["role"])
    request.flash(_("${count} invitation(s) sent.", mapping={"count": len(emails)}))
    return HTTPFound(members_url(request, group))


@view_config(route_name="working_group_member", request_method="POST", permission="manage_group")
def group_member_change(request):
    group = request.context
    user = get_row_or_404(request, User, "user")
    membership = group.membership_of(user)
    if membership is None:
        raise HTTPNotFound()
    action = request.POST.get("action", "")
    coordinators = group.coordinator_ids()
    if action in ("remove", "member") and membership.role == "coordinator" and coordinators == [user.id]:
        request.flash(_("A group keeps at least one coordinator: make another member coordinator first."), "error")
    elif action == "remove":
        services.remove_member(request.dbsession, group, user)
        request.flash(_("${name} is no longer a member.", mapping={"name": user.name}))
    elif action in ("member", "coordinator"):
        membership.role = action
        request.flash(_("${name} is now ${role}.", mapping={
            "name": user.name, "role": translate(_("Coordinator") if action == "coordinator" else _("Member"), request)}))
    else:
        raise HTTPBadRequest(translate(_("Unknown action."), request))
    return HTTPFound(members_url(request, group))


@view_config(route_name="working_group_request", request_method="POST", permission="manage_group")
def group_request_decide(request):
    group = request.context
    found = get_row_or_404(request, JoinRequest, "request")
    if found.group_id != group.id:
        raise HTTPNotFound()
    if found.status != "pending":
        request.flash(_("This request was already answered."), "error")
        return HTTPFound(members_url(request, group))
    if request.POST.get("decision") not in ("accept", "decline"):
        raise HTTPBadRequest(translate(_("Unknown action."), request))
    accept = request.POST.get("decision") == "accept"
    services.decide_request(request, found, accept)
    name = found.user.name
    request.flash(_("${name} joined the group.", mapping={"name": name}) if accept
                  else _("The request of ${name} was declined.", mapping={"name": name}))
    return HTTPFound(members_url(request, group))


@view_config(route_name="working_group_invitation_revoke", request_method="POST", permission="manage_group")
def invitation_revoke(request):
    group = request.context
    found = get_row_or_404(request, Invitation, "invitation")
    if found.group_id != group.id:
        raise HTTPNotFound()
    if found.used is None:
        found.expires = utcnow()
    request.flash(_("The invitation to ${email} was withdrawn.", mapping={"email": found.email}))
    return HTTPFound(members_url(request, group))
