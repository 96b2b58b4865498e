"""A person's notifications (/notifications), opening one, marking them read, and following items."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from ..clock import clock
from ..guard import as_id
from ..i18n import _
from ..models import Notification
from ..notifications import PAGE_SIZE, mark_all_read, message_text, set_follow
from ..page import page
from ..pagination import paginate


@view_config(route_name="notifications", renderer="portal:templates/notifications.pt", permission="account")
def notifications(request):
    user = request.user
    pager = paginate(request, select(Notification).where(Notification.user_id == user.id)
                     .order_by(Notification.created.desc(), Notification.id.desc()), size=PAGE_SIZE)
    kinds = request.registry.portal.notification_kinds
    items = [{"row": n, "text": message_text(request, n), "kind": kinds.get(n.kind)} for n in pager.items]
    return page(request, _("Notifications"), items=items, pager=pager)


@view_config(route_name="notification", request_method="POST", permission="account")
def open_notification(request):
    """Opening a notification marks it read and leads to where it happened; another person's is not found.
    A POST (a button of the list, with its CSRF token): a GET never writes, so a link checker or a preview
    that fetches the page cannot mark anything read."""
    number = as_id(request.matchdict["id"])
    found = request.dbsession.get(Notification, number) if number else None
    if found is None or found.user_id != request.user.id:
        raise HTTPNotFound()
    if found.read_at is None:
        found.read_at = clock.now()
    return HTTPFound(found.url if found.url.startswith(request.application_url) or found.url.startswith("/")
                     else request.route_url("notifications"))


@view_config(route_name="notifications_read", request_method="POST", permission="account")
def read_all(request):
    mark_all_read(request, request.user)
    request.flash(_("All your notifications are marked as read."))
    return HTTPFound(request.route_url("notifications"))


@view_config(route_name="follow", request_method="POST", permission="account")
def follow(request):
    """Follow or stop following the object named by target_type and target_id, if the visitor may read it."""
    item = request.registry.portal.followables.get(request.POST.get("target_type", ""))
    if item is None:
        raise HTTPBadRequest(_("This cannot be followed."))
    number = as_id(request.POST.get("target_id", ""))
    obj = request.dbsession.get(item.model, number) if number else None
    if obj is None or not item.allowed(request, request.user, obj):
        raise HTTPNotFound()
    following = request.POST.get("follow") == "1"
    set_follow(request, obj, following)
    request.flash(_("You follow “${title}”: you will be notified of what happens there.", mapping={
        "title": item.title(request, obj)}) if following else _("You no longer follow “${title}”.", mapping={
            "title": item.title(request, obj)}))
    return HTTPFound(item.url(request, obj))
