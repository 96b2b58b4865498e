"""Images and attachments of content items: upload, serve (and an image's resized copies), delete;
files held for a form being filled in; the page of a refused upload."""
import os

from pyramid.authorization import ACLHelper, Everyone
from pyramid.httpexceptions import HTTPFound, HTTPNotFound, HTTPForbidden
from pyramid.view import exception_view_config, view_config
from sqlalchemy import select

from ..db import get_or_404, hidden_unless
from ..files import IMAGE_TYPES, UploadError, delete_file, file_path, send_file, store_upload
from ..guard import as_id
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
    row = store_upload(request, upload, content=obj, owner=request.user, title=request.POST.get("title", "")[:300])
    if row.is_image:
        row.alt = (request.POST.get("alt", "").strip() or request.POST.get("title", "").strip())[:300]
        row.position = max((f.position for f in obj.files), default=-1) + 1
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


@view_config(route_name="file_size", permission="view")
def serve_size(request):
    """A resized copy of an image (its `srcset`), under the rule of the image itself; a width that was
    not made is a 404, a copy that went missing is made again."""
    from ..images import copies_of, copy_mimetype, ensure_copy
    row = get_or_404(request.dbsession, File, request.matchdict["id"])
    width = as_id(request.matchdict["width"])
    owner = row.content
    if not row.is_image or width not in copies_of(row) or owner is None or not request.has_permission("view", owner):
        raise HTTPNotFound()
    path = ensure_copy(file_path(request.registry.settings, row), width, row.mimetype)
    if path is None:
        raise HTTPNotFound()
    return send_file(request, row, public=anyone_may_view(owner), path=path, mimetype=copy_mimetype(row.mimetype))


@view_config(route_name="file_hold", request_method="POST", permission="view", renderer="json")
def hold(request):
    """A file chosen (or dropped) in a form, checked and held for the person until the form is saved
    (static/js/media.js): its token and preview, or the reason it is refused, in their language.
    Nothing of the form is sent, so nothing typed can be lost."""
    from pyramid.renderers import render_to_response
    from ..forms import hold_upload, pending_file
    if request.user is None:
        raise HTTPForbidden()
    script = request.headers.get("Accept", "").startswith("application/json")  # else a person: the portal's pages
    upload = request.POST.get("file")
    if upload is None or not hasattr(upload, "file"):
        if not script:
            request.response.status = 400
            return render_to_response("portal:templates/message.pt", {
                "page_title": translate(_("Upload"), request), "message": _("Choose a file to upload."),
                "back": None}, request, response=request.response)
        request.response.status = 400
        return {"error": translate(_("Choose a file to upload."), request)}
    allowed = IMAGE_TYPES if request.POST.get("images") == "1" else None
    try:
        token = hold_upload(request, upload, allowed)
    except UploadError as exc:
        if not script:
            raise  # refused_upload: the portal's page
        request.response.status = exc.status
        return {"error": translate(_("${file}: ${reason}", mapping={
            "file": os.path.basename(upload.filename.replace("\\", "/")), "reason": translate(exc.message, request)}),
            request)}
    held = pending_file(request, token)
    return {"ref": "k" + token, "filename": held.filename, "is_image": held.mimetype in IMAGE_TYPES,
            "preview": request.route_path("file_held", token=token)}


@view_config(route_name="file_held", permission="view")
def held_preview(request):
    """The preview of a held image, for the person who chose it only (others: 404)."""
    from pyramid.response import FileResponse
    from ..forms import pending_file
    held = pending_file(request, request.matchdict["token"])
    if held is None or held.mimetype not in IMAGE_TYPES:
        raise HTTPNotFound()
    response = FileResponse(str(held.path), request=request, content_type=held.mimetype)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


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
