"""The control panel's subscribers: the list (search, state), bounces, erasure, and the CSV import."""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import or_, select

from portal.api import _, as_id

from .. import campaign
from ..models import Subscriber
from ..subscriptions import mark_bouncing
from . import conflicts_retried, manage_page


@view_config(route_name="newsletter_subscribers", renderer="plugins.newsletter:templates/subscribers.pt",
             permission="manage")
def subscribers(request):
    db = request.dbsession
    if request.method == "POST":
        ids = [n for n in map(as_id, request.POST.getall("id")) if n is not None]
        rows = db.scalars(select(Subscriber).where(Subscriber.id.in_(ids))).all()
        if "bounced" in request.POST:
            mark_bouncing(db, rows)
            request.flash(_("Marked as bouncing: ${count}. They receive nothing more.", mapping={"count": len(rows)}))
        elif "erase" in request.POST:
            for sub in rows:
                campaign.erase(db, sub)
            request.flash(_("Erased: ${count}. Nothing of them is kept, not even their address.",
                            mapping={"count": len(rows)}))
        elif "not_bounced" in request.POST:
            for sub in rows:
                sub.bounced = None
            request.flash(_("Marked as reachable again: ${count}.", mapping={"count": len(rows)}))
        return HTTPFound(request.route_url("newsletter_subscribers", _query=dict(request.GET)))
    stmt = select(Subscriber).order_by(Subscriber.email)
    q = request.GET.get("q", "").strip()
    if q:
        stmt = stmt.where(or_(Subscriber.email.ilike(f"%{q}%"), Subscriber.name.ilike(f"%{q}%")))
    status = request.GET.get("status", "")
    if status == "bounced":
        stmt = stmt.where(Subscriber.bounced.is_not(None))
    elif status in ("pending", "subscribed", "unsubscribed"):
        stmt = stmt.where(Subscriber.status == status)
    rows = db.scalars(stmt.limit(501)).all()
    return manage_page(request, _("Subscribers"), subscribers=rows[:500], more=len(rows) > 500, q=q, status=status)


@view_config(route_name="newsletter_import", renderer="plugins.newsletter:templates/import.pt", permission="manage",
             decorator=conflicts_retried)
def import_view(request):
    from ..importer import MAX_BYTES, import_csv
    report = None
    if request.method == "POST":
        upload = request.POST.get("file")
        if upload is None or not hasattr(upload, "file"):
            request.response.status = 400
            return manage_page(request, _("Import subscribers"), report=None,
                               error=_("Choose a CSV file to import."))
        upload.file.seek(0)  # a retried request (see conflicts_retried) reads the same upload again
        data = upload.file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            request.response.status = 413
            return manage_page(request, _("Import subscribers"), report=None,
                               error=_("The file is too large: at most 20 MB."))
        from portal.api import decode
        report = import_csv(request.dbsession, decode(data))
        if report.error:
            request.tm.doom()
            request.response.status = 400
            return manage_page(request, _("Import subscribers"), report=None, error=report.error)
    return manage_page(request, _("Import subscribers"), report=report, error=None)
