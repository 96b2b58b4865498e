"""Images and attachments of content items: upload, serve, delete; the page of a refused upload."""
from pyramid.authorization import ACLHelper, Everyone
from pyramid.httpexceptions import HTTPFound, HTTPNotFound, HTTPForbidden
from pyramid.view import exception_view_config, view_config
from sqlalchemy import select

from ..db import get_or_404, hidden_unless
from ..files import UploadError, delete_file, send_file, store_upload
from ..i18n import _, translate
from ..models import Content, File, Member, News


def _content(request):
    return get_or_404(request.dbsession, Content, request.matchdict["id"])


def content_url(request, obj):
    return request.route_url(f"{obj.type}.view", id=obj.id)


@view_config(route_name="content_files", request_method="POST", permission="view",
             renderer="portal:templates/message.pt")
def upload(request):
    obj = _content(request)
    hidden_unless(request, obj)
    if not request.has_permission("edit", obj):
        raise HTTPForbidden()
    upload = request.POST.get("file")
    if upload is None or not hasattr(upload, "file"):
        request.response.status = 400
        return {"page_title": translate(_("Upload"), request), "message": _("Choose a file to upload."),
                "back": content_url(request, obj)}
    store_upload(request, upload, content=obj, owner=request.user, title=request.POST.get("title", "")[:300])
    request.flash(_("File added."))
    return HTTPFound(content_url(request, obj) + "#files")


@exception_view_config(UploadError, renderer="portal:templates/message.pt")
def refused_upload(exc, request):
    """A refused upload on the portal's own page, in the uploader's language; raised, so the request's
    transaction is aborted (pyramid_tm): nothing of the request is kept."""
    request.response.status = exc.status
    back = request.referer if request.referer and request.referer.startswith(request.host_url + "/") else None
    return {"page_title": translate(_("Upload"), request), "message": exc.message, "back": back}


def anyone_may_view(obj) -> bool:
    return bool(ACLHelper().permits(obj, [Everyone], "view"))


@view_config(route_name="file", permission="view")
def serve(request):
    row = get_or_404(request.dbsession, File, request.matchdict["id"])
    owner = row.content
    if owner is not None and not request.has_permission("view", owner):
        raise HTTPNotFound()
    if owner is None and not _is_member_logo(request, row):
        # a file of no content item (an award entry's document...) is served by its plugin's own view,
        # which knows who may see it: never here, where ids are easy to guess
        raise HTTPNotFound()
    return send_file(request, row, public=owner is None or anyone_may_view(owner))


def _is_member_logo(request, row):
    return request.dbsession.scalar(select(Member.id).where(Member.logo_id == row.id).limit(1)) is not None


@view_config(route_name="file_delete", request_method="POST", permission="view")
def remove(request):
    row = request.dbsession.get(File, int(request.matchdict["id"]))
    if row is None or row.content is None:
        raise HTTPNotFound()
    obj = row.content
    hidden_unless(request, obj)
    if not request.has_permission("edit", obj):
        raise HTTPForbidden()
    delete_file(request, row)
    request.flash(_("File removed."))
    return HTTPFound(content_url(request, obj) + "#files")


def upload_to_news(request):
    """Where the uploads test class tries the content upload route: a draft news item of an editor."""
    from ..models import User
    user = User(email="uploads-editor@example.org", name="Uploads editor", role="editor")
    item = News(title="Upload target", language="en", state="draft")
    request.dbsession.add_all([user, item])
    request.dbsession.flush()
    return {"path": request.route_path("content_files", id=item.id), "user_id": user.id, "fields": {}}


def includeme(config):
    config.add_upload_route("content_files", upload_to_news)
