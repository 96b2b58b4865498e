"""What "My space" (/my) shows of the newsletter: whether the visitor's address receives it (with their
preferences), and what waits for the secretariat: the issues still drafts, not yet sent."""
from pyramid.request import Request
from sqlalchemy import func, select

from portal.api import DashboardItem, SectionItem, _

from .links import personal_token
from .models import Issue, Subscriber


def my_subscription(request: Request) -> list[DashboardItem]:
    sub = request.dbsession.scalar(select(Subscriber).where(func.lower(Subscriber.email) == request.user.email.lower()))
    if sub is None or sub.status == "unsubscribed":
        return []
    if sub.status == "pending":
        return [{"title": _("Newsletter"), "url": request.route_path("newsletter"),
                 "state": _("Waiting for your confirmation"),
                 "note": _("Open the link in the mail we sent you.")}]
    return [{"title": _("Your newsletter preferences"),
             "url": request.route_path("newsletter_preferences", token=personal_token(request.registry.settings, sub)),
             "state": _("Subscribed") if sub.bounced is None else _("Mail to you bounces")}]


def subscribe_action(request: Request) -> dict | None:
    if my_subscription(request):
        return None
    return {"title": _("Subscribe to the newsletter"), "url": request.route_path("newsletter")}


def issues_to_send(request: Request) -> list[SectionItem]:
    if not request.has_permission("manage", request.site):
        return []
    return [{"title": issue.title, "url": request.route_path("newsletter_issue_edit", id=issue.id),
             "step": _("Issue to finish and send")}
            for issue in request.dbsession.scalars(select(Issue).where(Issue.status == "draft")
                                                   .order_by(Issue.created.desc()).limit(5))]
