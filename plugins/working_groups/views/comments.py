"""Comments on a group's pages, written by its members."""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.api import validate
from portal.api import _

from .. import services
from .common import T, page_url
from .pages import comment_form, page_values


@view_config(route_name="group_page.comment", request_method="POST", renderer=T + "page.pt", permission="comment")
def page_comment(request):
    page = request.context
    appstruct, error = validate(comment_form(request, page), request)
    if error:
        return dict(page_values(request, page), comment_form=error)
    services.add_comment(request.dbsession, page, request.user, appstruct["text"])
    request.flash(_("Comment added."))
    return HTTPFound(page_url(request, page) + "#comments")
