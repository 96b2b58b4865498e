"""The link of an invitation: the account with the invited address accepts it (logged in, or logging
in on the way); a person without an account creates one with that address. Anyone else (the link
forwarded, or opened while logged in with another account) is told so, and nothing changes."""
from pyramid.httpexceptions import HTTPFound
from pyramid.security import remember
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import make_form, render_form, validate
from portal.api import _, translate
from portal.api import User, utcnow

from .. import services
from ..schemas import InvitedAccountSchema
from .common import T, crumbs, group_url


def _problem(invitation):
    """(status, message) when the link cannot be used any more, else None."""
    if invitation is None:
        return 404, _("This invitation link is not valid. Check that you copied the whole address, or ask a "
                      "coordinator of the group for a new invitation.")
    if invitation.used is not None:
        return 410, _("This invitation was already used (on ${date}). An invitation works only once: log in, or "
                      "ask a coordinator for a new one.", mapping={"date": invitation.used.strftime("%Y-%m-%d")})
    if invitation.expires <= utcnow():
        return 410, _("This invitation expired on ${date}. Ask a coordinator of the group for a new one.",
                      mapping={"date": invitation.expires.strftime("%Y-%m-%d")})
    return None


@view_config(route_name="working_group_invitation", renderer=T + "invitation.pt", permission="view")
def invitation(request):
    session = request.dbsession
    found = services.find_invitation(session, request.matchdict["token"])
    title = translate(_("Invitation"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, last=title), "invitation": found, "form": None,
              "problem": None, "existing": None, "logout": False}
    problem = _problem(found)
    if problem is not None:
        request.response.status, message = problem
        return dict(values, problem=message)
    group = found.group
    values["group"] = group
    user = request.user
    if user is not None:
        if not services.invitation_is_for(found, user):
            request.response.status = 403
            return dict(values, logout=True, problem=_(
                "This invitation was sent to another address than the one of the account you are logged in with "
                "(${email}). To accept it, log out and open the link again; or ask a coordinator of the group to "
                "invite ${email}.", mapping={"email": user.email}))
        if "accept" in request.POST:  # a POST: Pyramid has checked its CSRF token
            services.accept_invitation(session, found, user)
            request.flash(_("Welcome to the working group “${group}”.", mapping={"group": group.name}))
            return HTTPFound(group_url(request, group))
        return values
    existing = session.scalar(select(User).where(func.lower(User.email) == found.email))
    if existing is not None:
        values["existing"] = existing
        values["login_url"] = request.route_path("login", _query={"came_from": request.path})
        return values
    form = make_form(request, InvitedAccountSchema, [("create", _("Create my account and join"))])
    if "create" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        user = services.create_invited_account(request, found, appstruct["name"], appstruct["password"])
        request.flash(_("Welcome to the working group “${group}”.", mapping={"group": group.name}))
        return HTTPFound(group_url(request, group), headers=remember(request, user.id))
    return dict(values, form=render_form(form))
