"""The newsletter's pages: subscribing (double opt-in), preferences, one-click unsubscribe, the
public archive and its feed; in the control panel, issues (compose, preview, test, send, schedule,
progress) and subscribers (list, bounces, CSV import and export)."""
from datetime import datetime, timedelta, timezone

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import func, or_, select

from portal.db import get_or_404
from portal.forms import make_form, render_form, validate
from portal.i18n import LANGUAGES, _, translate, translate_to
from portal.models import Content, OutboxMessage, utcnow
from portal.views.auth import client_address as core_client_address
from portal.views.feeds import atom_feed

from . import campaign
from .models import Consent, Delivery, Issue, IssueItem, IssueVersion, Subscriber, new_token, token_hash
from .schemas import CONSENT_VERSION, IssueSchema, PreferencesSchema, SubscribeSchema, valid_address

CONFIRM_HOURS = 72
RESEND_MINUTES = 10  # a confirmation mail is not sent again sooner: the form cannot flood a mailbox
ISSUE_STATUS_TITLES = {"draft": _("Draft"), "scheduled": _("Scheduled"), "sending": _("Sending"), "sent": _("Sent")}


def manage_page(request, title, crumbs=(), **values):
    title = translate(title, request)
    values.update(page_title=title, breadcrumbs=[
        (translate(_("Manage"), request), request.route_path("manage")),
        (translate(_("Newsletter"), request), request.route_path("manage_newsletter")), *crumbs, (title, None)])
    return values


def public_page(request, title, **values):
    title = translate(title, request)
    values.update(page_title=title, breadcrumbs=[
        (translate(_("Newsletter"), request), request.route_path("newsletter")), (title, None)])
    return values


def message(request, title, text, status=200, links=()):
    """A page that says what happened (or why nothing did) in a sentence, with where to go next."""
    from pyramid.renderers import render_to_response
    response = render_to_response("plugins.newsletter:templates/message.pt",
                                  public_page(request, title, text=text, links=list(links)), request=request)
    response.status = status
    return response


def client_address(request):
    return core_client_address(request)[:64]  # the proxy-trusted address, not X-Forwarded-For as written


# --- subscribing ------------------------------------------------------------------------------------

@view_config(route_name="newsletter", renderer="plugins.newsletter:templates/subscribe.pt", permission="view")
def subscribe(request):
    form = make_form(request, SubscribeSchema, [("subscribe", _("Subscribe"))])
    if "subscribe" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return public_page(request, _("Subscribe to the newsletter"), form=failed, done=False)
        ask_for_confirmation(request, appstruct)
        # The same answer whatever the address: the page never tells whether it is subscribed.
        return HTTPFound(request.route_url("newsletter_thanks"))
    return public_page(request, _("Subscribe to the newsletter"), form=render_form(form), done=False)


@view_config(route_name="newsletter_thanks", renderer="plugins.newsletter:templates/message.pt", permission="view")
def thanks(request):
    return message(request, _("Check your mailbox"), _(
        "We sent a message to the address you gave. Follow the link in it within three days to confirm your "
        "subscription: until then, you will receive no newsletter."))


def ask_for_confirmation(request, appstruct):
    db = request.dbsession
    email = appstruct["email"]
    sub = db.scalar(select(Subscriber).where(Subscriber.email == email))
    now = utcnow()
    site = request.registry.settings["portal.site_name"]
    if sub is not None and sub.status == "subscribed":
        # Tell the owner of the address, not the person at the form, and change nothing.
        if sub.confirm_sent is None or sub.confirm_sent < now - timedelta(minutes=RESEND_MINUTES):
            sub.confirm_sent = now
            link = request.route_url("newsletter_preferences", token=sub.token)
            request.send_mail(sub.email, translate_to(request, _("Your subscription to the newsletter of ${site}",
                                                                 mapping={"site": site}), sub.language),
                              translate_to(request, _(
                                  "Hello,\n\nSomeone (perhaps you) asked to subscribe this address to the newsletter "
                                  "of ${site}. It is subscribed already: nothing was changed.\n\nYour preferences, "
                                  "or to unsubscribe: ${link}\n", mapping={"site": site, "link": link}), sub.language))
        return
    if sub is None:
        sub = Subscriber(email=email, status="pending")
        db.add(sub)
    elif sub.confirm_sent is not None and sub.confirm_sent > now - timedelta(minutes=RESEND_MINUTES):
        return  # a confirmation left a moment ago; its link still works
    sub.name, sub.language = appstruct["name"], appstruct["language"]
    sub.set_interests(appstruct["regions"], appstruct["themes"])
    token = new_token()
    sub.confirm_hash, sub.confirm_expires, sub.confirm_sent = token_hash(token), now + timedelta(hours=CONFIRM_HOURS), now
    sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="form", address=client_address(request)))
    db.flush()
    link = request.route_url("newsletter_confirm", token=token)
    request.send_mail(sub.email, translate_to(request, _("Confirm your subscription to the newsletter of ${site}",
                                                         mapping={"site": site}), sub.language),
                      translate_to(request, _(
                          "Hello,\n\nTo receive the newsletter of ${site}, confirm your subscription within three "
                          "days by following this link:\n\n${link}\n\nIf you did not ask for it, ignore this "
                          "message: you will not be subscribed.\n", mapping={"site": site, "link": link}),
                          sub.language))


def _confirmation(request):
    token = request.matchdict["token"]
    sub = request.dbsession.scalar(select(Subscriber).where(Subscriber.confirm_hash == token_hash(token)))
    if sub is None:
        return None, message(request, _("This link does not work"), _(
            "This confirmation link is unknown or was already used. If you already confirmed, you are subscribed; "
            "otherwise subscribe again to receive a new link."), 404,
            [(_("Subscribe"), request.route_path("newsletter"))])
    if sub.confirm_expires is None or sub.confirm_expires < utcnow():
        return None, message(request, _("This link has expired"), _(
            "Confirmation links work for three days. Subscribe again to receive a new one."), 410,
            [(_("Subscribe"), request.route_path("newsletter"))])
    return sub, None


@view_config(route_name="newsletter_confirm", renderer="plugins.newsletter:templates/confirm.pt", permission="view")
def confirm(request):
    sub, failed = _confirmation(request)
    if failed:
        return failed
    if request.method == "POST":
        now = utcnow()
        sub.status, sub.confirmed, sub.unsubscribed = "subscribed", now, None
        sub.confirm_hash = sub.confirm_expires = sub.confirm_sent = None
        sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="confirmation",
                                    address=client_address(request)))
        request.flash(_("Your subscription is confirmed. Welcome!"))
        return HTTPFound(request.route_url("newsletter_preferences", token=sub.token))
    return public_page(request, _("Confirm your subscription"), sub=sub)


# --- preferences and unsubscribing ----------------------------------------------------------------

def _by_token(request):
    return request.dbsession.scalar(select(Subscriber).where(Subscriber.token == request.matchdict["token"]))


def unknown_link(request):
    return message(request, _("This link does not work"), _(
        "This personal link is unknown: it may have been mistyped, or the subscription was deleted. Nothing was "
        "changed."), 404, [(_("Subscribe"), request.route_path("newsletter"))])


@view_config(route_name="newsletter_preferences", renderer="plugins.newsletter:templates/preferences.pt",
             permission="view")
def preferences(request):
    sub = _by_token(request)
    if sub is None or sub.status == "pending":
        return unknown_link(request)
    form = make_form(request, PreferencesSchema, [("save", _("Save"))])
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return public_page(request, _("Your newsletter preferences"), form=failed, sub=sub)
        sub.name, sub.language = appstruct["name"], appstruct["language"]
        sub.set_interests(appstruct["regions"], appstruct["themes"])
        request.flash(_("Your preferences are saved."))
        return HTTPFound(request.route_url("newsletter_preferences", token=sub.token))
    appstruct = {"name": sub.name, "language": sub.language, "regions": set(sub.values("region")),
                 "themes": set(sub.values("theme"))}
    return public_page(request, _("Your newsletter preferences"), form=render_form(form, appstruct), sub=sub)


@view_config(route_name="newsletter_unsubscribe", renderer="plugins.newsletter:templates/unsubscribe.pt",
             permission="view", require_csrf=False)
def unsubscribe(request):
    """GET asks (a link checker opening the link changes nothing); POST unsubscribes at once, with no
    login nor form token: what RFC 8058's one-click POST (List-Unsubscribe=One-Click) needs."""
    sub = _by_token(request)
    if sub is None or sub.status == "pending":
        return unknown_link(request)
    if sub.status == "unsubscribed":
        return message(request, _("You are unsubscribed"), _(
            "This address is not subscribed to the newsletter any more: nothing was changed."), 200,
            [(_("Subscribe again"), request.route_path("newsletter"))])
    if request.method == "POST":
        now = utcnow()
        sub.status, sub.unsubscribed = "unsubscribed", now
        sub.consents.append(Consent(at=now, text_version=CONSENT_VERSION, source="unsubscribe",
                                    address=client_address(request)))
        request.dbsession.flush()
        campaign.cancel_for(request.dbsession, sub)
        return message(request, _("You are unsubscribed"), _(
            "You will receive no more newsletters at this address."), 200,
            [(_("Subscribe again"), request.route_path("newsletter"))])
    return public_page(request, _("Unsubscribe"), sub=sub)


# --- the public archive ---------------------------------------------------------------------------

def published_issues(request, limit=None):
    stmt = select(Issue).where(Issue.status.in_(("sending", "sent"))).order_by(Issue.started.desc())
    return request.dbsession.scalars(stmt.limit(limit) if limit else stmt).all()


@view_config(route_name="newsletter_archive", renderer="plugins.newsletter:templates/archive.pt", permission="view")
def archive(request):
    lang = request.locale_name
    issues = [(i, i.version(lang)) for i in published_issues(request)]
    return public_page(request, _("Past issues"), issues=issues, lang=lang)


@view_config(route_name="newsletter_issue", renderer="plugins.newsletter:templates/issue.pt", permission="view")
def issue_page(request):
    issue = get_or_404(request.dbsession, Issue, request.matchdict["id"])
    lang = request.matchdict["lang"]
    if issue.status not in ("sending", "sent") or lang not in LANGUAGES:
        raise HTTPNotFound()
    values = campaign.issue_values(request, issue, lang)
    other = [(v.language, LANGUAGES[v.language], request.route_path("newsletter_issue", id=issue.id, lang=v.language))
             for v in issue.versions if v.subject]
    values.update(page_title=values["subject"], other_versions=other, breadcrumbs=[
        (translate(_("Newsletter"), request), request.route_path("newsletter")),
        (translate(_("Past issues"), request), request.route_path("newsletter_archive")), (values["subject"], None)])
    return values


@view_config(route_name="newsletter_feed", permission="view")
def feed(request):
    lang = request.GET.get("lang") or request.locale_name
    if lang not in LANGUAGES:
        raise HTTPBadRequest()
    entries = []
    for issue in published_issues(request, 30):
        version = issue.version(lang)
        from portal.sanitize import html_to_text
        entries.append({"title": version.subject if version else issue.title,
                        "url": request.route_url("newsletter_issue", id=issue.id, lang=version.language if version else lang),
                        "updated": issue.started, "summary": html_to_text(version.editorial if version else "")[:500]})
    site = request.registry.settings["portal.site_name"]
    return atom_feed(request, translate(_("Newsletter"), request) + " · " + site,
                     request.route_url("newsletter_feed", _query={"lang": lang}), entries)


# --- the control panel: issues --------------------------------------------------------------------

@view_config(route_name="manage_newsletter", renderer="plugins.newsletter:templates/manage.pt", permission="manage")
def manage(request):
    db = request.dbsession
    issues = db.scalars(select(Issue).order_by(Issue.created.desc()).limit(200)).all()
    counts = dict(db.execute(select(Subscriber.status, func.count()).group_by(Subscriber.status)).all())
    counts["bounced"] = db.scalar(select(func.count()).select_from(Subscriber).where(Subscriber.bounced.is_not(None)))
    title = translate(_("Newsletter"), request)
    return dict(page_title=title, breadcrumbs=[(translate(_("Manage"), request), request.route_path("manage")),
                                               (title, None)],
                issues=issues, progress=campaign.progress(db, [i.id for i in issues]), counts=counts,
                statuses=ISSUE_STATUS_TITLES)


def last_issue_date(request, exclude=None):
    stmt = select(func.max(Issue.started)).where(Issue.started.is_not(None))
    if exclude is not None:
        stmt = stmt.where(Issue.id != exclude.id)
    return request.dbsession.scalar(stmt)


def candidates(request, issue=None):
    """What was published since the last issue (or in the last 60 days), plus what the issue holds."""
    types = request.registry.portal.content_types
    since = last_issue_date(request, issue) or utcnow() - timedelta(days=60)
    chosen = [it.content_id for it in issue.items] if issue is not None else []
    stmt = (select(Content).where(Content.type.in_([t for t in types if t not in ("section", "page")]),
                                  or_(Content.state == "published", Content.id.in_(chosen) if chosen else False),
                                  or_(Content.published >= since, Content.id.in_(chosen) if chosen else False))
            .order_by(Content.published.desc()).limit(200))
    rows = request.dbsession.scalars(stmt).all()
    values = []
    for c in rows:
        kind = translate(types[c.type].title, request)
        when = c.published.strftime("%Y-%m-%d") if c.published else ""
        values.append((str(c.id), f"{c.title} — {kind}, {c.language}, {when}"))
    return values, since


def issue_appstruct(issue):
    data = {"title": issue.title, "default_language": issue.default_language,
            "audience": issue.segment if issue.segment == "all" else f"{issue.segment}:{issue.segment_value}",
            "items": [str(it.content_id) for it in issue.items]}
    for v in issue.versions:
        data[f"version_{v.language}"] = {"subject": v.subject, "editorial": v.editorial}
    return data


def apply_issue(request, issue, appstruct):
    issue.title, issue.default_language = appstruct["title"], appstruct["default_language"]
    segment, _sep, value = appstruct["audience"].partition(":")
    issue.segment, issue.segment_value = segment, value
    issue.modified = utcnow()
    by_language = {v.language: v for v in issue.versions}
    for code in LANGUAGES:
        data = appstruct.get(f"version_{code}") or {}
        subject = (data.get("subject") or "").strip()
        if subject:
            version = by_language.get(code) or IssueVersion(language=code, subject="")
            version.subject, version.editorial = " ".join(subject.split()), data.get("editorial") or ""
            if code not in by_language:
                issue.versions.append(version)
        elif code in by_language:
            issue.versions.remove(by_language[code])
    wanted = [int(i) for i in appstruct["items"]]
    issue.items = [it for it in issue.items if it.content_id in wanted]
    have = {it.content_id for it in issue.items}
    for position, content_id in enumerate(wanted):
        if content_id not in have:
            issue.items.append(IssueItem(content_id=content_id, position=position))
    for it in issue.items:
        it.position = wanted.index(it.content_id)


def issue_form(request, issue=None):
    values, since = candidates(request, issue)
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
        apply_issue(request, issue, appstruct)
        request.dbsession.flush()
        request.flash(_("The issue is saved as a draft. Preview it, send a test, then send it."))
        return HTTPFound(request.route_url("newsletter_issue_edit", id=issue.id))
    return manage_page(request, _("New issue"), form=render_form(form, {"default_language": request.locale_name,
                                                                       "audience": "all"}), issue=None, since=since)


def parse_when(raw):
    try:
        when = datetime.strptime(raw.strip(), "%Y-%m-%dT%H:%M")
    except (ValueError, AttributeError):
        return None
    return when.replace(tzinfo=timezone.utc)


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
        when = parse_when(post.get("send_at", ""))
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
        for sub in rows:
            sub.bounced = utcnow()
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
        send_test(request, issue, address, language)
        request.flash(_("A test was sent to ${email}.", mapping={"email": address}))
        return HTTPFound(here)
    form, since = issue_form(request, issue)
    if "save" in post:
        appstruct, failed = validate(form, request)
        if failed:
            return issue_values(request, issue, failed, since)
        apply_issue(request, issue, appstruct)
        request.flash(_("Changes saved."))
        return HTTPFound(here)
    return issue_values(request, issue, render_form(form, issue_appstruct(issue)) if issue.editable else None, since)


def issue_values(request, issue, form, since):
    return manage_page(request, issue.title, form=form, issue=issue, since=since,
                       progress=campaign.progress(request.dbsession, [issue.id])[issue.id],
                       audience=campaign.audience_size(request.dbsession, issue), statuses=ISSUE_STATUS_TITLES,
                       languages=LANGUAGES)


def send_test(request, issue, address, language):
    mail_request = campaign.mail_request(request.registry, language, request.application_url)
    mail_request.dbsession = request.dbsession
    rendered = campaign.render_mail(mail_request, issue, language)
    row = campaign.personal_message(request.registry.settings, rendered, None, to=address, token="test",
                                    subject_prefix=translate_to(request, _("[Test]"), language) + " ")
    request.dbsession.add(row)


@view_config(route_name="newsletter_issue_preview", permission="manage")
def issue_preview(request):
    issue = get_or_404(request.dbsession, Issue, request.matchdict["id"])
    lang = request.matchdict["lang"]
    if lang not in LANGUAGES:
        raise HTTPNotFound()
    mail_request = campaign.mail_request(request.registry, lang, request.application_url)
    mail_request.dbsession = request.dbsession
    _subject, _text, body, _url = campaign.render_mail(mail_request, issue, lang)
    response = Response(body.replace(campaign.TOKEN, "preview"), content_type="text/html", charset="utf-8")
    # The mail's own styles are inline, as mail clients need; nothing else may load or run.
    response.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
                                                   "data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return response


# --- the control panel: subscribers ---------------------------------------------------------------

@view_config(route_name="newsletter_subscribers", renderer="plugins.newsletter:templates/subscribers.pt",
             permission="manage")
def subscribers(request):
    db = request.dbsession
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getall("id") if i.isdigit()]
        rows = db.scalars(select(Subscriber).where(Subscriber.id.in_(ids))).all()
        if "bounced" in request.POST:
            for sub in rows:
                sub.bounced = sub.bounced or utcnow()
                db.flush()
                campaign.cancel_for(db, sub)
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


EXPORT_COLUMNS = ("email", "name", "language", "status", "regions", "themes", "consent_date", "consent_version",
                  "confirmed", "bounced")


def subscriber_rows(request):
    """The subscribers as /export/newsletter-subscribers.csv gives them to the secretariat."""
    db = request.dbsession
    last_consent = {}
    for sid, at, version in db.execute(select(Consent.subscriber_id, Consent.at, Consent.text_version)
                                       .where(Consent.source != "unsubscribe").order_by(Consent.at)):
        last_consent[sid] = (at, version)
    for sub in db.scalars(select(Subscriber).order_by(Subscriber.email)).yield_per(500):
        at, version = last_consent.get(sub.id, (None, ""))
        yield {"email": sub.email, "name": sub.name, "language": sub.language, "status": sub.status,
               "regions": sub.values("region"), "themes": sub.values("theme"),
               "consent_date": at.isoformat(timespec="seconds") if at else "", "consent_version": version,
               "confirmed": sub.confirmed.isoformat(timespec="seconds") if sub.confirmed else "",
               "bounced": sub.bounced.isoformat(timespec="seconds") if sub.bounced else ""}


@view_config(route_name="newsletter_import", renderer="plugins.newsletter:templates/import.pt", permission="manage")
def import_view(request):
    from .importer import MAX_BYTES, import_csv
    report = None
    if request.method == "POST":
        upload = request.POST.get("file")
        if upload is None or not hasattr(upload, "file"):
            request.response.status = 400
            return manage_page(request, _("Import subscribers"), report=None,
                               error=_("Choose a CSV file to import."))
        data = upload.file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            request.response.status = 413
            return manage_page(request, _("Import subscribers"), report=None,
                               error=_("The file is too large: at most 20 MB."))
        from portal.imports import decode
        report = import_csv(request.dbsession, decode(data))
        if report.error:
            request.tm.doom()
            request.response.status = 400
            return manage_page(request, _("Import subscribers"), report=None, error=report.error)
    return manage_page(request, _("Import subscribers"), report=report, error=None)
