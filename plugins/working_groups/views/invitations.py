"""The link of an invitation: the account with the invited address accepts it (logged in, or logging
in on the way); a person without an account creates one with that address. Anyone else (the link
forwarded, or opened while logged in with another account) is told so, and nothing changes."""
from pyramid.security import remember
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import _, date_text
from portal.api import User, utcnow

from .. import services
from ..schemas import InvitedAccountSchema
from .common import T, GroupForm, group_url


def _problem(request, invitation):
    """(status, message) when the link cannot be used any more, else None."""
    if invitation is None:
        return 404, _("This invitation link is not valid. Check that you copied the whole address, or ask a "
                      "coordinator of the group for a new invitation.")
    if invitation.used is not None:
        return 410, _("This invitation was already used (on ${date}). An invitation works only once: log in, or "
                      "ask a coordinator for a new one.", mapping={"date": date_text(request.locale_name, invitation.used, zone=request.reader_zone)})
    if invitation.expires <= utcnow():
        return 410, _("This invitation expired on ${date}. Ask a coordinator of the group for a new one.",
                      mapping={"date": date_text(request.locale_name, invitation.expires, zone=request.reader_zone)})
    return None


@view_config(route_name="working_group_invitation", permission="view")
class InvitationView(GroupForm):
    """The invitation's page: what can be done with the link, and for a person without an account
    the form that creates it."""
    schema = InvitedAccountSchema
    buttons = (("create", _("Create my account and join")),)
    renderer = T + "invitation.pt"
    title = _("Invitation")

    def __call__(self):
        request = self.request
        self.found = services.find_invitation(request.dbsession, request.matchdict["token"])
        self.state = {"invitation": self.found, "form": None, "problem": None, "existing": None, "logout": False}
        problem = _problem(self.request, self.found)
        if problem is not None:
            request.response.status, message = problem
            return self.render(self.page(**dict(self.state, problem=message)))
        self.state["group"] = self.found.group
        user = request.user
        if user is not None:
            return self.for_account(user)
        existing = request.dbsession.scalar(select(User).where(func.lower(User.email) == self.found.email))
        if existing is not None:
            return self.render(self.page(**dict(self.state, existing=existing, login_url=request.route_path(
                "login", _query={"came_from": request.path}))))
        return super().__call__()

    def for_account(self, user):
        """Logged in: the account with the invited address accepts; any other is told so."""
        request, group = self.request, self.found.group
        if not services.invitation_is_for(self.found, user):
            request.response.status = 403
            return self.render(self.page(**dict(self.state, logout=True, problem=_(
                "This invitation was sent to another address than the one of the account you are logged in with "
                "(${email}). To accept it, log out and open the link again; or ask a coordinator of the group to "
                "invite ${email}.", mapping={"email": user.email}))))
        if "accept" in request.POST:  # a POST: Pyramid has checked its CSRF token
            services.accept_invitation(request.dbsession, self.found, user)
            return self.done(_("Welcome to the working group “${group}”.", mapping={"group": group.name}),
                             group_url(request, group))
        return self.render(self.page(**self.state))

    def values(self):
        return self.state

    def create_success(self, appstruct):
        request, group = self.request, self.found.group
        user = services.create_invited_account(request, self.found, appstruct["name"], appstruct["password"])
        return self.done(_("Welcome to the working group “${group}”.", mapping={"group": group.name}),
                         group_url(request, group), headers=remember(request, user.id))
