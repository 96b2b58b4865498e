"""Images and attachments of content items: upload, serve, delete."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound, HTTPForbidden
from pyramid.response import FileResponse
from pyramid.view import view_config

from ..db import get_or_404, hidden_unless
from ..files import UploadError, delete_file, file_path, store_upload
from ..i18n import _, translate
from ..models import Content, File, Member


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
    try:
        store_upload(request, upload, content=obj, owner=request.user, title=request.POST.get("title", "")[:300])
    except UploadError as exc:
        request.response.status = exc.status
        return {"page_title": translate(_("Upload"), request), "message": exc.message,
                "back": content_url(request, obj)}
    request.flash(_("File added."))
    return HTTPFound(content_url(request, obj) + "#files")


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
    path = file_path(request.registry.settings, row)
    if not path.exists():
        raise HTTPNotFound()
    response = FileResponse(str(path), request=request, content_type=row.mimetype, cache_max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not row.is_image:
        response.content_disposition = f'attachment; filename="{_ascii(row.filename)}"'
    if owner is None or owner.state != "published":
        response.cache_control.private = True
    return response


def _is_member_logo(request, row):
    from sqlalchemy import select
    return request.dbsession.scalar(select(Member.id).where(Member.logo_id == row.id).limit(1)) is not None


def _ascii(name):
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in name)


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
