"""The upload page of every import declared with add_import: /manage/import/NAME.

One transaction: the good rows go in and each refused row is listed as FILE:LINE: reason; a file
that cannot be read at all (no header, not a JSON array, too large, none chosen) answers an error
and changes nothing."""
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.view import view_config

from ..db import conflicts_retried
from ..i18n import _
from ..importing import ImportReport
from ..imports import ImportFileError, decode
from ..page import page

DEFAULT_LABELS = {"created": _("New"), "updated": _("Updated"), "unchanged": _("Unchanged")}


def _values(request, item, report=None, error=None, filename=""):
    labels = item.labels or DEFAULT_LABELS
    counts = [(label, getattr(report, name)) for name, label in labels.items()] if report is not None else []
    return page(request, _("Import: ${title}", mapping={"title": request.localizer.translate(item.title)}),
                [(_("Manage"), request.route_path("manage"))],
                item=item, report=report, counts=counts, error=error, filename=filename,
                max_mb=item.max_bytes // (1024 * 1024))


def _refuse(request, item, status, error):
    request.tm.doom()
    request.response.status = status
    return _values(request, item, error=error)


@view_config(route_name="manage_import", renderer="portal:templates/manage/import.pt", permission="manage_content",
             request_method=("GET", "POST"), decorator=conflicts_retried)
def import_page(request):
    item = request.registry.portal.imports.get(request.matchdict["name"])
    if item is None:
        raise HTTPNotFound()
    if not request.has_permission(item.permission, request.site):
        raise HTTPForbidden()
    if request.method != "POST":
        return _values(request, item)
    upload = request.POST.get("file")
    if upload is None or not hasattr(upload, "file"):
        return _refuse(request, item, 400, _("Choose a file to import."))
    upload.file.seek(0)  # a retried request (see conflicts_retried) reads the same upload again
    data = upload.file.read(item.max_bytes + 1)
    if len(data) > item.max_bytes:
        return _refuse(request, item, 413, _("The file is too large: at most ${size} MB.",
                                              mapping={"size": item.max_bytes // (1024 * 1024)}))
    filename = (upload.filename or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    try:
        rows = item.rows(decode(data), filename)
    except ImportFileError as exc:
        return _refuse(request, item, 400, exc.reason)
    report = item.run(request, rows) or ImportReport()
    return _values(request, item, report=report, filename=filename)

