"""The newsletter's pages: public ones (subscribing, preferences, unsubscribing: `public`; the archive
and its feed: `archive`) and the control panel's (issues: `issues`; subscribers: `subscribers`).
The work itself is done by the services: `subscriptions`, `issues` and `campaign`."""
from pyramid.renderers import render_to_response
from pyramid.request import Request
from pyramid.response import Response

from portal.api import _, translate

ISSUE_STATUS_TITLES = {"draft": _("Draft"), "scheduled": _("Scheduled"), "sending": _("Sending"), "sent": _("Sent")}


def manage_page(request: Request, title, crumbs=(), **values) -> dict:
    """Template values of a control-panel page: its title and breadcrumbs under Manage › Newsletter."""
    title = translate(title, request)
    values.update(page_title=title, breadcrumbs=[
        (translate(_("Manage"), request), request.route_path("manage")),
        (translate(_("Newsletter"), request), request.route_path("manage_newsletter")), *crumbs, (title, None)])
    return values


def public_page(request: Request, title, **values) -> dict:
    title = translate(title, request)
    values.update(page_title=title, breadcrumbs=[
        (translate(_("Newsletter"), request), request.route_path("newsletter")), (title, None)])
    return values


def message(request: Request, title, text, status: int = 200, links=()) -> Response:
    """A page that says what happened (or why nothing did) in a sentence, with where to go next."""
    response = render_to_response("plugins.newsletter:templates/message.pt",
                                  public_page(request, title, text=text, links=list(links)), request=request)
    response.status = status
    return response
