"""Membership: asking to join and leaving; the coordinators' page of members, requests and
invitations."""
import colander
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_row_or_404
from portal.api import _, translate
from portal.api import User, utcnow

from .. import services
from ..models import Invitation, JoinRequest
from ..schemas import InviteSchema, JoinSchema
from .common import T, GroupForm, crumbs, group_url


def members_url(request, group):
    return request.route_path("working_group_members", id=group.id)


@view_config(route_name="working_group_join", permission="join")
class GroupJoin(GroupForm):
    schema = JoinSchema
    buttons = (("send", _("Send my request")),)
    intro = _("A coordinator of the group will accept or decline your request; you will get an e-mail.")

    def page_title(self):
        return _("Ask to join “${name}”", mapping={"name": self.group.name})

    def __call__(self):
        request, group = self.request, self.group
        if group.membership_of(request.user) is not None:
            return self.done(_("You are already a member of this group."), group_url(request, group))
        if services.pending_request(request.dbsession, group, request.user) is not None:
            return self.done(_("Your request to join is waiting for a coordinator."), group_url(request, group))
        return super().__call__()

    def send_success(self, appstruct):
        services.ask_to_join(self.request, self.group, self.request.user, appstruct["message"])
        return self.done(_("Your request to join was sent to the coordinators."), group_url(self.request, self.group))


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


def _email_ok(value):
    try:
        colander.Email()(None, value)
    except colander.Invalid:
        return False
    return len(value) <= 254


@view_config(route_name="working_group_members", permission="manage_group")
class GroupMembers(GroupForm):
    """The coordinators' page: members, requests waiting, invitations, and the form that sends them."""
    schema = InviteSchema
    buttons = (("invite", _("Send the invitations")),)
    renderer = T + "members.pt"
    form_slot = "invite_form"

    def page(self, **values):
        title = translate(_("Members"), self.request)
        return dict(values, page_title=f"{title}: {self.group.name}",
                    breadcrumbs=crumbs(self.request, self.group, last=title))

    def values(self):
        session, group = self.request.dbsession, self.group
        return {"group": group, "memberships": services.memberships(session, group),
                "requests": session.scalars(select(JoinRequest).where(JoinRequest.group_id == group.id,
                                                                      JoinRequest.status == "pending")
                                            .order_by(JoinRequest.created)).all(),
                "invitations": session.scalars(select(Invitation).where(Invitation.group_id == group.id)
                                               .order_by(Invitation.created.desc()).limit(50)).all(),
                "now": utcnow()}

    def action(self):
        return members_url(self.request, self.group)

    def appstruct(self):
        return {"role": "member"}

    def invite_success(self, appstruct):
        request = self.request
        emails = [e.strip().lower() for e in appstruct["emails"].replace(",", "\n").splitlines() if e.strip()]
        wrong = [e for e in emails if not _email_ok(e)]
        if wrong or not emails or len(emails) > 50:
            return self.refuse(appstruct, translate(_("Not an e-mail address: ${addresses}", mapping={
                "addresses": ", ".join(wrong)}) if wrong else _("Give from one to fifty addresses."), request),
                field="emails")
        services.invite(request, self.group, emails, appstruct["role"])
        return self.done(_("${count} invitation(s) sent.", mapping={"count": len(emails)}), members_url(request, self.group))


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


def of_this_group(request, model, key):
    """The row of `model` the route's {key} names, if it belongs to the group of the page; else a 404."""
    found = get_row_or_404(request, model, key)
    if found.group_id != request.context.id:
        raise HTTPNotFound()
    return found


@view_config(route_name="working_group_request", request_method="POST", permission="manage_group")
def group_request_decide(request):
    group = request.context
    found = of_this_group(request, JoinRequest, "request")
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
    found = of_this_group(request, Invitation, "invitation")
    if found.used is None:
        found.expires = utcnow()
    request.flash(_("The invitation to ${email} was withdrawn.", mapping={"email": found.email}))
    return HTTPFound(members_url(request, group))
