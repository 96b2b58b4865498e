"""An entry's documents as each reader gets them: the applicant and the secretariat the file sent; a
juror of a blind review (and the secretariat previewing what jurors see) the file scrubbed of the
applicants' names, under a name that says nothing."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.view import view_config

from portal.api import file_path
from portal.api import _, translate

from ..blind import masker_for
from ..entries import blind_file_name
from ..scrub import Unreadable, scrub
from .common import send_file


def _document(request, entry):
    doc = next((d for d in entry.documents if str(d.id) == request.matchdict["doc"]), None)
    if doc is None:
        raise HTTPNotFound()
    return doc


@view_config(route_name="award_entry_document", permission="view_entry")
def entry_document(request):
    return send_file(request, _document(request, request.context).file, inline="inline" in request.GET)


def jury_document(request, entry):
    """The n-th document of an entry as its jurors get it."""
    n = int(request.matchdict["n"])
    if not 1 <= n <= len(entry.documents):
        raise HTTPNotFound()
    row = entry.documents[n - 1].file
    inline = "inline" in request.GET
    if not entry.call.blind:
        return send_file(request, row, inline=inline)
    path = file_path(request.registry.settings, row)
    if not path.exists():
        raise HTTPNotFound()
    try:
        data = scrub(path.read_bytes(), row.mimetype, masker_for(entry))
    except Unreadable as exc:
        # accepted at upload, it no longer comes out clean (a new representative's name...): withheld
        response = render_to_response("portal:templates/error.pt", {
            "page_title": translate(_("Document withheld"), request),
            "message": _("This document cannot be shown to the jury without the risk of naming the applicant: "
                         "${reason} The secretariat can ask the applicant for an anonymised copy.",
                         mapping={"reason": translate(exc.message, request)})}, request=request)
        response.status = 409
        return response
    return send_file(request, row, data=data, filename=blind_file_name(n, row.filename), inline=inline)


@view_config(route_name="award_review_document", permission="review")
def review_document(request):
    review = request.context
    if review.conflict:
        raise HTTPNotFound()
    return jury_document(request, review.entry)


@view_config(route_name="award_entry_preview_document", permission="manage")
def preview_document(request):
    return jury_document(request, request.context)
