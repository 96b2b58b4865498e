"""An entry's documents: added and removed by the applicant, read by the secretariat, and by jurors (scrubbed of the applicants' names in a blind review)."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.files import DOCUMENT_TYPES, IMAGE_TYPES, UploadError, delete_file, file_path, store_upload
from portal.i18n import _

from ..blind import identifying, scrub_document
from ..models import EntryDocument
from .common import blind_file_name, refuse_closed, send_file

MAX_DOCUMENTS = 10

@view_config(route_name="award_entry_upload", request_method="POST", permission="edit_entry")
def entry_upload(request):
    entry = request.context
    url = request.route_url("award_entry_edit", entry=entry.id)
    if not entry.call.is_open:
        request.flash(refuse_closed(request, entry.call), "error")
        return HTTPFound(url)
    upload = request.POST.get("file")
    if not hasattr(upload, "file"):
        request.flash(_("Choose a file to upload."), "error")
        return HTTPFound(url)
    if len(entry.documents) >= MAX_DOCUMENTS:
        request.flash(_("An entry has at most ${count} documents.", mapping={"count": MAX_DOCUMENTS}), "error")
        return HTTPFound(url)
    try:
        row = store_upload(request, upload, allowed=IMAGE_TYPES | DOCUMENT_TYPES, owner=request.user,
                           title=request.POST.get("title", "")[:300])
    except UploadError as exc:
        request.flash(exc.message, "error")
        return HTTPFound(url)
    request.dbsession.flush()
    entry.documents.append(EntryDocument(file_id=row.id))
    request.flash(_("Document added."))
    return HTTPFound(url + "#documents")


def _document(request, entry):
    doc = next((d for d in entry.documents if str(d.id) == request.matchdict["doc"]), None)
    if doc is None:
        raise HTTPNotFound()
    return doc


@view_config(route_name="award_entry_document_delete", request_method="POST", permission="edit_entry")
def entry_document_delete(request):
    entry = request.context
    doc = _document(request, entry)
    url = request.route_url("award_entry_edit", entry=entry.id)
    if not entry.call.is_open:
        request.flash(refuse_closed(request, entry.call), "error")
        return HTTPFound(url)
    file = doc.file
    entry.documents.remove(doc)
    request.dbsession.flush()
    delete_file(request, file)
    request.flash(_("File removed."))
    return HTTPFound(url + "#documents")


@view_config(route_name="award_entry_document", permission="view_entry")
def entry_document(request):
    return send_file(request, _document(request, request.context).file)


@view_config(route_name="award_review_document", permission="review")
def review_document(request):
    review = request.context
    if review.conflict:
        raise HTTPNotFound()
    entry, call = review.entry, review.entry.call
    n = int(request.matchdict["n"])
    if not 1 <= n <= len(entry.documents):
        raise HTTPNotFound()
    row = entry.documents[n - 1].file
    if not call.blind:
        return send_file(request, row)
    path = file_path(request.registry.settings, row)
    if not path.exists():
        raise HTTPNotFound()
    data = scrub_document(path.read_bytes(), row.mimetype, identifying(entry))
    return send_file(request, row, data=data, filename=blind_file_name(n, row))

