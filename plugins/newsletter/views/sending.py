"""Step 4 of an issue: check it (what it holds, who receives it, preview, test), then send it now or
at a date-time in the secretariat's zone, each after a confirmation page of its own; then the
delivery report (when it was sent, a progress bar while sending)."""
from datetime import datetime
from zoneinfo import ZoneInfo

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.request import Request
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_or_404
from portal.api import LANGUAGES, _
from portal.api import OutboxMessage, normal_address, utcnow
from portal.api import moment_text, zone_choices, zone_label

from .. import campaign, issues
from ..links import SAMPLE
from ..models import Delivery, Issue, Subscriber
from ..subscriptions import mark_bouncing
from . import manage_page
from .compose import issue_page


def when_text(request: Request, moment: datetime | None, zone: str) -> str:
    """"martes, 1 de diciembre de 2026, 9:00 (hora estándar de Europa central (Europe/Madrid))"."""
    if moment is None:
        return ""
    return f"{moment_text(moment, zone, request.locale_name)} ({zone_label(moment, zone, request.locale_name)})"


def overview(request: Request, issue: Issue, test: dict | None = None, plan: issues.Schedule | None = None,
             status: int = 200) -> dict:
    """The values of the issue's page; test and plan: what was typed in a refused form, with its errors."""
    db = request.dbsession
    request.response.status = status
    last_zone = issues.default_zone(db, request.user)
    zone = last_zone or "UTC"
    if plan is None:  # the schedule form shows the planned time, in the zone it was planned in
        planned = issue.send_at.astimezone(ZoneInfo(issue.timezone or zone)) if issue.send_at else None
        plan = issues.Schedule(send_at=planned.strftime("%Y-%m-%dT%H:%M") if planned else "",
                               timezone=issue.timezone or zone)
    test = test or {"address": "", "language": issue.default_language, "error": None}
    progress = campaign.progress(db, [issue.id])[issue.id]
    return issue_page(
        request, issue, "newsletter_issue_edit", progress=progress,
        handled=progress["sent"] + progress["failed"] + progress["skipped"], total=sum(progress.values()),
        audience_size=campaign.audience_size(db, issue) if issue.editable else None,
        audience_text=issues.audience_text(request, issue), recipients=issues.recipients(db, issue),
        problems=issues.problems(db, issue) if issue.editable else [], items=issues.chosen_items(request, issue),
        languages=LANGUAGES, test=test, plan=plan, zones=zone_choices(), zone_guessed=not last_zone,
        scheduled_text=when_text(request, issue.send_at, issue.timezone or zone),
        started_text=when_text(request, issue.started, zone), finished_text=when_text(request, issue.finished, zone))


@view_config(route_name="newsletter_issue_edit", renderer="plugins.newsletter:templates/issue_overview.pt",
             permission="manage")
def issue_overview(request):
    db = request.dbsession
    issue = get_or_404(db, Issue, request.matchdict["id"])
    here = request.route_url("newsletter_issue_edit", id=issue.id)
    post = request.POST
    if "unschedule" in post:
        if issues.unschedule(db, issue):
            request.flash(_("The issue is a draft again: it will not be sent."))
        else:
            request.flash(_("This issue is not waiting to be sent any more: nothing was changed."), "error")
        return HTTPFound(here)
    if "mark_failed" in post:
        failed = select(Delivery.subscriber_id).join(OutboxMessage, OutboxMessage.id == Delivery.outbox_id).where(
            Delivery.issue_id == issue.id, OutboxMessage.status == "failed")
        rows = db.scalars(select(Subscriber).where(Subscriber.id.in_(failed), Subscriber.bounced.is_(None))).all()
        mark_bouncing(db, rows)
        request.flash(_("Marked as bouncing: ${count}. They receive nothing more.", mapping={"count": len(rows)}))
        return HTTPFound(here)
    if "test" in post:
        address = normal_address(post.get("test_address", "")[:300])
        language = post.get("test_language", "")
        if language not in LANGUAGES:
            language = issue.default_language
        if address is None:
            request.tm.doom()
            return overview(request, issue, status=400, test={
                "address": post.get("test_address", "")[:300], "language": language,
                "error": _("Enter a valid e-mail address, such as name@example.org.")})
        issues.send_test(request, issue, address, language)
        request.flash(_("A test was sent to ${email}.", mapping={"email": address}))
        return HTTPFound(here)
    if post:
        request.flash(_("This issue is being sent or was sent already: it cannot be changed or sent again."), "error")
        return HTTPFound(here)
    return overview(request, issue)


@view_config(route_name="newsletter_issue_send", renderer="plugins.newsletter:templates/issue_send.pt",
             permission="manage")
def issue_send(request):
    """GET: the confirmation (the issue, the audience, the recipients per language, the date-time);
    POST from its button: send now, or schedule."""
    db = request.dbsession
    issue = get_or_404(db, Issue, request.matchdict["id"])
    params = request.POST if request.method == "POST" else request.GET
    later = params.get("when") == "later"
    if not issue.editable:
        request.flash(_("This issue is being sent or was sent already: it cannot be changed or sent again."), "error")
        return HTTPFound(request.route_url("newsletter_issue_edit", id=issue.id))
    plan = issues.Schedule.parse(params.get("send_at", ""), params.get("timezone", ""), utcnow()) if later else None
    found = issues.problems(db, issue)
    if found or (plan is not None and plan.errors):
        request.tm.doom()
        return render_overview(request, issue, plan, status=400)
    if request.method == "POST":
        if later:
            if issues.schedule(request, issue, plan):
                request.flash(_("The issue will be sent on ${when}.",
                                mapping={"when": when_text(request, plan.when, plan.timezone)}))
            else:
                request.flash(_("This issue is being sent or was sent already: it cannot be changed or sent again."), "error")
        else:
            written = issues.start_sending(request, issue)
            if written is None:
                request.flash(_("This issue is being sent or was sent already: it cannot be changed or sent again."), "error")
            else:
                request.flash(_("Sending started to ${count} subscribers.", mapping={"count": written}))
        return HTTPFound(request.route_url("newsletter_issue_edit", id=issue.id))
    rows = issues.recipients(db, issue)
    version = issue.version(issue.default_language)
    return manage_page(request, _("Confirm the sending"),
                       [(issue.title, request.route_path("newsletter_issue_edit", id=issue.id))],
                       issue=issue, later=later, plan=plan, recipients=rows, total=sum(r["count"] for r in rows),
                       audience_text=issues.audience_text(request, issue),
                       subject=version.subject if version else issue.title, languages=LANGUAGES,
                       when=when_text(request, plan.when, plan.timezone) if plan else "")


def render_overview(request: Request, issue: Issue, plan: issues.Schedule, status: int) -> Response:
    """The issue's page again, with what was typed and why it was refused."""
    return render_to_response("plugins.newsletter:templates/issue_overview.pt",
                              overview(request, issue, plan=plan, status=status), request=request,
                              response=request.response)


@view_config(route_name="newsletter_issue_preview", permission="manage")
def issue_preview(request):
    issue = get_or_404(request.dbsession, Issue, request.matchdict["id"])
    lang = request.matchdict["lang"]
    if lang not in LANGUAGES:
        raise HTTPNotFound()
    mail_request = campaign.mail_request(request.registry, lang, request.application_url)
    mail_request.dbsession = request.dbsession
    _subject, _text, body, _url = campaign.render_mail(mail_request, issue, lang)
    response = Response(body.replace(campaign.TOKEN, SAMPLE), content_type="text/html", charset="utf-8")
    # The mail's own styles are inline, as mail clients need; nothing else may load or run.
    response.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
                                                   "data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return response
