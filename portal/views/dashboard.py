"""A logged-in person's own page, /my ("My space"): what waits for them first (the plugins' manage tasks,
for the secretariat and the coordinators), then their organisation, their drafts and items waiting for
review, and the panels the plugins add (add_dashboard_panel)."""
from pyramid.i18n import TranslationString
from pyramid.view import view_config
from sqlalchemy import func, select

from ..i18n import _, translate
from ..models import Content, MembershipApplication
from ..page import page
from ..registry import FOLLOWS_PANEL

OWN_STATES = ("draft", "pending")  # the author's items still in the works


def own_work(request):
    """The visitor's drafts and items waiting for review, newest first."""
    return request.dbsession.scalars(
        select(Content).where(Content.creator_id == request.user.id, Content.state.in_(OWN_STATES))
        .order_by(Content.modified.desc()).limit(30)).all()


def addable_types(request):
    """The content types this visitor may add at the top of the site: the next step of an empty list."""
    return [info for info in request.registry.portal.content_types.values()
            if request.has_permission(info.add_permission, request.site)]


@view_config(route_name="dashboard", renderer="portal:templates/dashboard.pt", permission="account")
def dashboard(request):
    portal = request.registry.portal
    # the slot of what the visitor follows comes first, whatever its order
    panels = sorted(portal.dashboard(request), key=lambda found: found[0].name != FOLLOWS_PANEL)
    return page(request, _("My space"), (), waiting=portal.waiting_tasks(request), member=request.user.member,
                own=own_work(request), addable=addable_types(request), panels=panels,
                text=lambda value: translate(value, request) if isinstance(value, TranslationString) else value)


def pending_applications(request):
    """The membership applications the secretariat has not decided yet, as one line of "Waiting for you"."""
    if not request.has_permission("manage", request.site):
        return []
    count = request.dbsession.scalar(select(func.count()).select_from(MembershipApplication)
                                     .where(MembershipApplication.status == "pending"))
    if not count:
        return []
    return [{"title": translate(_("Membership applications"), request), "url": request.route_path("manage_applications"),
             "step": _("${count} waiting", mapping={"count": count})}]


def pending_review(request):
    """The content items waiting for review, as one line of "Waiting for you" (listed on /manage)."""
    if not request.has_permission("manage_content", request.site):
        return []
    count = request.dbsession.scalar(select(func.count()).select_from(Content).where(Content.state == "pending"))
    if not count:
        return []
    return [{"title": translate(_("Content waiting for review"), request), "url": request.route_path("manage", _anchor="review"),
             "step": _("${count} waiting", mapping={"count": count})}]


def includeme(config):
    config.add_manage_tasks("core:applications", pending_applications, order=10)
    config.add_manage_tasks("core:review", pending_review, order=15)
