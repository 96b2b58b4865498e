"""The control panel's subscribers: the list (search, state), bounces, erasure, and the CSV import."""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import or_, select

from portal.api import _, as_id

from .. import campaign
from ..models import Subscriber
from ..subscriptions import mark_bouncing
from . import manage_page


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


@view_config(route_name="newsletter_import", permission="manage")
def import_moved(request):
    """The import's page before imports were declared with add_import: bookmarks still lead to it."""
    return HTTPFound(request.route_url("manage_import", name="subscribers"))
