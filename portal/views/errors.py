"""Error pages in the visitor's language."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config
from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPFound

from ..i18n import _, translate


@notfound_view_config(renderer="portal:templates/error.pt")
def not_found(request):
    request.response.status = 404
    return {"page_title": translate(_("Page not found"), request),
            "message": _("There is nothing at this address. It may have moved or been removed; try the search.")}


@forbidden_view_config(renderer="portal:templates/error.pt")
def forbidden(request):
    if request.user is None and request.method == "GET":
        return HTTPFound(request.route_url("login", _query={"came_from": request.path_qs}))
    request.response.status = 403
    return {"page_title": translate(_("Not allowed"), request),
            "message": _("You do not have permission to do this.")}


@exception_view_config(HTTPBadRequest, renderer="portal:templates/error.pt")
def bad_request(exc, request):
    request.response.status = 400
    if isinstance(exc, BadCSRFToken):
        return {"page_title": translate(_("The form expired"), request),
                "message": _("The form was open too long or came from another site. Go back, reload the page "
                             "and send it again.")}
    return {"page_title": translate(_("Bad request"), request),
            "message": exc.detail or _("The address or the form contains a value the portal cannot use.")}


@exception_view_config(HTTPRequestEntityTooLarge, renderer="portal:templates/error.pt")
def too_large(exc, request):
    request.response.status = 413
    return {"page_title": translate(_("File too large"), request),
            "message": exc.detail or _("What you sent is larger than the portal accepts.")}
