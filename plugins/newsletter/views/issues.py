"""The control panel's issues: the list, composing, preview, test, sending now or at a time, progress."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.db import get_or_404
from portal.forms import make_form, render_form, validate
from portal.i18n import LANGUAGES, _, translate
from portal.models import OutboxMessage, utcnow

from .. import campaign, issues
from ..links import SAMPLE
from ..models import Delivery, Issue, Subscriber
from ..schemas import IssueSchema, valid_address
from ..subscriptions import mark_bouncing
from . import ISSUE_STATUS_TITLES, manage_page


@view_config(route_name="manage_newsletter", renderer="plugins.newsletter:templates/manage.pt", permission="manage")
def manage(request):
    db = request.dbsession
    found = db.scalars(select(Issue).order_by(Issue.created.desc()).limit(200)).all()
    counts = dict(db.execute(select(Subscriber.status, func.count()).group_by(Subscriber.status)).all())
    counts["bounced"] = db.scalar(select(func.count()).select_from(Subscriber).where(Subscriber.bounced.is_not(None)))
    title = translate(_("Newsletter"), request)
    return dict(page_title=title, breadcrumbs=[(translate(_("Manage"), request), request.route_path("manage")),
                                               (title, None)],
                issues=found, progress=campaign.progress(db, [i.id for i in found]), counts=counts,
                statuses=ISSUE_STATUS_TITLES)


def issue_form(request, issue=None):
    values, since = issues.candidates(request, issue)
    return make_form(request, IssueSchema, [("save", _("Save"))], candidates=values), since


@view_config(route_name="newsletter_issue_add", renderer="plugins.newsletter:templates/issue_form.pt",
             permission="manage")
def issue_add(request):
    form, since = issue_form(request)
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return manage_page(request, _("New issue"), form=failed, issue=None, since=since)
        issue = Issue(title="", creator_id=request.user.id, status="draft")
        request.dbsession.add(issue)
        issues.apply_issue(issue, appstruct)
        request.dbsession.flush()
        request.flash(_("The issue is saved as a draft. Preview it, send a test, then send it."))
        return HTTPFound(request.route_url("newsletter_issue_edit", id=issue.id))
    return manage_page(request, _("New issue"), form=render_form(form, {"default_language": request.locale_name,
                                                                       "audience": "all"}), issue=None, since=since)


@view_config(route_name="newsletter_issue_edit", renderer="plugins.newsletter:templates/issue_form.pt",
             permission="manage")
def issue_edit(request):
    db = request.dbsession
    issue = get_or_404(db, Issue, request.matchdict["id"])
    here = request.route_url("newsletter_issue_edit", id=issue.id)
    post = request.POST
    if post and not issue.editable and ("save" in post or "schedule" in post or "send" in post):
        request.flash(_("This issue was sent already: it cannot be changed or sent again."), "error")
        return HTTPFound(here)
    if "send" in post or "schedule" in post:
        issue.base_url = request.application_url
    if "send" in post:
        written = campaign.start_campaign(db, issue)
        request.flash(_("Sending started to ${count} subscribers.", mapping={"count": written}))
        return HTTPFound(here)
    if "schedule" in post or "unschedule" in post:
        if "unschedule" in post:
            issue.status, issue.send_at = "draft", None
            request.flash(_("The issue is a draft again: it will not be sent."))
            return HTTPFound(here)
        when = issues.parse_when(post.get("send_at", ""))
        if when is None:
            request.flash(_("Give the date and time of sending, such as 2026-12-01 09:00."), "error")
            return HTTPFound(here)
        if when <= utcnow():
            request.flash(_("That time has passed: choose a time to come, or send now."), "error")
            return HTTPFound(here)
        issue.status, issue.send_at = "scheduled", when
        request.flash(_("The issue will be sent on ${when} (UTC).", mapping={"when": when.strftime("%Y-%m-%d %H:%M")}))
        return HTTPFound(here)
    if "mark_failed" in post:
        failed = select(Delivery.subscriber_id).join(OutboxMessage, OutboxMessage.id == Delivery.outbox_id).where(
            Delivery.issue_id == issue.id, OutboxMessage.status == "failed")
        rows = db.scalars(select(Subscriber).where(Subscriber.id.in_(failed), Subscriber.bounced.is_(None))).all()
        mark_bouncing(db, rows)
        request.flash(_("Marked as bouncing: ${count}. They receive nothing more.", mapping={"count": len(rows)}))
        return HTTPFound(here)
    if "test" in post:
        address = post.get("test_address", "").strip().lower()
        if not valid_address(address):
            request.flash(_("Enter a valid e-mail address, such as name@example.org."), "error")
            return HTTPFound(here)
        language = post.get("test_language", issue.default_language)
        if language not in LANGUAGES:
            language = issue.default_language
        issues.send_test(request, issue, address, language)
        request.flash(_("A test was sent to ${email}.", mapping={"email": address}))
        return HTTPFound(here)
    form, since = issue_form(request, issue)
    if "save" in post:
        appstruct, failed = validate(form, request)
        if failed:
            return issue_values(request, issue, failed, since)
        issues.apply_issue(issue, appstruct)
        request.flash(_("Changes saved."))
        return HTTPFound(here)
    return issue_values(request, issue, render_form(form, issues.issue_appstruct(issue)) if issue.editable else None,
                        since)


def issue_values(request, issue, form, since):
    return manage_page(request, issue.title, form=form, issue=issue, since=since,
                       progress=campaign.progress(request.dbsession, [issue.id])[issue.id],
                       audience=campaign.audience_size(request.dbsession, issue), statuses=ISSUE_STATUS_TITLES,
                       languages=LANGUAGES)


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
