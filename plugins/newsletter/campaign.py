"""Composing an issue's mail and delivering a campaign through the core outbox.

Pressing Send (or the worker, once a scheduled time has passed) writes one delivery row per
(issue, subscriber) of the audience; the unique pair makes a second campaign impossible. The outbox
worker then calls `refill`, which turns the next few pending rows into outbox messages, re-checking
each subscriber, and `check`, which cancels a queued message whose subscriber left or bounced in the
meantime. The Message-ID comes from (issue, subscriber): a message repeated after a crash is
recognisably the same one."""
import collections
import re

from pyramid.renderers import render
from pyramid.request import Request
from pyramid.threadlocal import manager
from sqlalchemy import exists, func, literal, select, update

from portal.api import insert_ignoring_conflicts
from portal.api import _, translate_to
from portal.api import outbox_message, sender_domain
from portal.api import Content, OutboxMessage, utcnow
from portal.api import html_to_text
from portal.api import mail_image

from .links import personal_token
from .models import Delivery, Interest, Issue, Subscriber

TOKEN = "__SUBSCRIBER_TOKEN__"  # replaced by each subscriber's own token in the links of their copy
MESSAGE_ID = re.compile(r"<newsletter\.(\d+)\.(\d+)@")


def message_id(settings, issue_id, subscriber_id):
    return f"<newsletter.{issue_id}.{subscriber_id}@{sender_domain(settings)}>"


# --- audience and the campaign rows ---------------------------------------------------------------

def audience(issue):
    """Subscribers who confirmed, have not left and do not bounce, within the issue's audience: its
    language, region and theme combined ("Spanish readers interested in Africa"). A subscriber who
    chose no region (or no theme) hears about all of them."""
    stmt = select(Subscriber.id).where(Subscriber.status == "subscribed", Subscriber.bounced.is_(None))
    if issue.audience_language:
        stmt = stmt.where(Subscriber.language == issue.audience_language)
    for kind, value in (("region", issue.audience_region), ("theme", issue.audience_theme)):
        if value:
            chose = exists().where(Interest.subscriber_id == Subscriber.id, Interest.kind == kind,
                                   Interest.value == value)
            chose_none = ~exists().where(Interest.subscriber_id == Subscriber.id, Interest.kind == kind)
            stmt = stmt.where(chose | chose_none)
    return stmt


def audience_by_language(session, issue):
    """{language: subscribers of the audience who read it}, for the confirmation before sending."""
    rows = session.execute(select(Subscriber.language, func.count()).where(Subscriber.id.in_(audience(issue)))
                           .group_by(Subscriber.language))
    return dict(rows.all())


def audience_size(session, issue):
    return session.scalar(select(func.count()).select_from(audience(issue).subquery()))


def start_campaign(session, issue, now=None):
    """Write the delivery rows of the audience (once: a second call adds nothing) and mark the issue
    as sending. Returns the number of rows written now."""
    rows = select(literal(issue.id), Subscriber.id, literal("pending"), literal("")).where(
        Subscriber.id.in_(audience(issue)))
    stmt = insert_ignoring_conflicts(session, Delivery, ["issue_id", "subscriber_id"]).from_select(
        ["issue_id", "subscriber_id", "status", "note"], rows)
    count = select(func.count()).select_from(Delivery).where(Delivery.issue_id == issue.id)
    before = session.scalar(count)
    session.execute(stmt)
    written = session.scalar(count) - before  # rowcount is not reliable for INSERT ... SELECT on every driver
    issue.status = "sending"
    issue.started = issue.started or now or utcnow()
    session.flush()
    return written


def progress(session, issue_ids):
    """{issue id: {"pending", "sent", "failed", "skipped"}} counted from the deliveries and the outbox."""
    found = {i: {"pending": 0, "sent": 0, "failed": 0, "skipped": 0} for i in issue_ids}
    if not issue_ids:
        return found
    rows = session.execute(
        select(Delivery.issue_id, Delivery.status, OutboxMessage.status, func.count())
        .select_from(Delivery).outerjoin(OutboxMessage, OutboxMessage.id == Delivery.outbox_id)
        .where(Delivery.issue_id.in_(issue_ids)).group_by(Delivery.issue_id, Delivery.status, OutboxMessage.status))
    for issue_id, status, mail_status, count in rows:
        if status == "pending" or mail_status == "queued":
            key = "pending"
        elif status == "skipped" or mail_status == "cancelled":
            key = "skipped"
        elif mail_status == "failed":
            key = "failed"
        else:
            key = "sent"
        found[issue_id][key] += count
    return found


# --- what a subscriber reads ----------------------------------------------------------------------

def mail_request(registry, language, base_url=""):
    """A request outside any HTTP exchange (the worker), speaking `language`, making absolute links
    to portal.url, else to the address the issue was sent from."""
    base = registry.settings.get("portal.url") or base_url or "http://localhost:6543"
    request = Request.blank(f"/?_LOCALE_={language}", base_url=base.rstrip("/"))
    request.registry = registry
    return request


def localized_items(request, issue, language):
    """The issue's items, each in `language` where a published translation exists."""
    types = request.registry.portal.content_types
    items = [it.content for it in issue.items if it.content is not None]
    groups = [c.translation_group for c in items]
    translated = {}
    if groups:
        for c in request.dbsession.scalars(select(Content).where(
                Content.translation_group.in_(groups), Content.language == language, Content.state == "published")):
            translated[c.translation_group] = c
    out = []
    portal = request.registry.portal
    for c in items:
        c = translated.get(c.translation_group, c)
        if c.type not in types:
            continue
        workflow = portal.workflow_for(c)
        state = workflow.states.get(c.state) if workflow else None
        if state is None or not state.public:
            continue  # retracted since (or never published): not in the mail, nor in the public archive
        out.append({"title": c.title, "summary": c.description or html_to_text(c.body)[:300],
                    "url": request.route_url(f"{c.type}.view", id=c.id),
                    "kind": translate_to(request, types[c.type].title, language), "language": c.language,
                    "date": c.published or c.created, "image": mail_image(request, c)})
    return out


def issue_values(request, issue, language):
    """What the mail, the preview and the archive page show of an issue in one language."""
    version = issue.version(language)
    site = request.registry.settings["portal.site_name"]
    return {"issue": issue, "language": version.language if version else language,
            "subject": version.subject if version else issue.title,
            "editorial": version.editorial if version else "", "items": localized_items(request, issue, language),
            "site_name": site,
            "web_url": request.route_url("newsletter_issue", id=issue.id,
                                         lang=version.language if version else language)}


def render_mail(request, issue, language):
    """(subject, text, html) of the issue for readers of `language`, links carrying TOKEN."""
    values = issue_values(request, issue, language)
    lang = values["language"]
    values.update(unsubscribe_url=request.route_url("newsletter_unsubscribe", token=TOKEN),
                  preferences_url=request.route_url("newsletter_preferences", token=TOKEN))
    t = lambda term, **m: translate_to(request, term, lang, mapping=m or None)  # noqa: E731
    values["t"] = t
    values["labels"] = {"web": t(_("Read it on the web")), "preferences": t(_("Change your preferences")),
                        "unsubscribe": t(_("Unsubscribe"))}
    values["footer"] = t(_("You receive this newsletter of ${site} because you subscribed to it."),
                         site=values["site_name"])
    body_html = render("plugins.newsletter:templates/mail.pt", values, request=request)
    lines = [values["subject"], "=" * min(len(values["subject"]), 72), "",
             t(_("Read it on the web: ${url}"), url=values["web_url"]), ""]
    if values["editorial"]:
        lines += [html_to_text(values["editorial"]), ""]
    for item in values["items"]:
        lines += [f"* {item['title']} ({item['kind']})"]
        if item["summary"]:
            lines += [f"  {item['summary']}"]
        lines += [f"  {item['url']}", ""]
    lines += ["-- ", values["footer"],
              t(_("Change your preferences: ${url}"), url=values["preferences_url"]),
              t(_("Unsubscribe: ${url}"), url=values["unsubscribe_url"]), ""]
    return values["subject"], "\n".join(lines), body_html, values["unsubscribe_url"]


def personal_message(settings, rendered, subscriber, message_id_=None, to=None, token=None, subject_prefix=""):
    """The outbox row of one subscriber's copy: their token in every link, List-Unsubscribe headers
    (RFC 2369, and RFC 8058's one-click POST to the same address)."""
    subject, text, body_html, unsubscribe_url = rendered
    token = token or personal_token(settings, subscriber)
    headers = {"List-Id": list_id(settings), "Precedence": "bulk",
               "List-Unsubscribe": f"<{unsubscribe_url.replace(TOKEN, token)}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return outbox_message(settings, to or subscriber.email, subject_prefix + subject, text.replace(TOKEN, token),
                          html=body_html.replace(TOKEN, token), headers=headers, message_id=message_id_)


def list_id(settings):
    return f"<newsletter.{sender_domain(settings)}>"


# --- the worker's part ----------------------------------------------------------------------------

def start_due_issues(session, now):
    stmt = select(Issue).where(Issue.status == "scheduled", Issue.send_at <= now)
    if session.bind.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    for issue in session.scalars(stmt).all():
        start_campaign(session, issue, now)


def finish_issues(session, now):
    for issue in session.scalars(select(Issue).where(Issue.status == "sending")).all():
        waiting = session.scalar(select(func.count()).select_from(Delivery)
                                 .outerjoin(OutboxMessage, OutboxMessage.id == Delivery.outbox_id)
                                 .where(Delivery.issue_id == issue.id,
                                        (Delivery.status == "pending") | (OutboxMessage.status == "queued")))
        if not waiting:
            issue.status, issue.finished = "sent", now


def refill(registry, session_factory, settings, now, limit):
    """Queue the next pending deliveries in the outbox, so that about `limit` wait there at a time."""
    with session_factory() as session, session.begin():
        start_due_issues(session, now)
    with session_factory() as session, session.begin():
        queued = session.scalar(select(func.count()).select_from(Delivery).join(
            OutboxMessage, OutboxMessage.id == Delivery.outbox_id).where(OutboxMessage.status == "queued"))
        want = limit - queued
        if want > 0:
            stmt = select(Delivery).where(Delivery.status == "pending").order_by(Delivery.id).limit(want)
            if session.bind.dialect.name == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)
            deliveries = session.scalars(stmt).all()
            if deliveries:
                queue_deliveries(registry, session, settings, deliveries)
    with session_factory() as session, session.begin():
        finish_issues(session, now)


_rendered = collections.OrderedDict()  # (issue, language, modified, base) -> rendered mail; a few at most


def rendered_for(registry, session, issue, language):
    """The issue's mail in a language, rendered once per worker: an issue being sent no longer changes."""
    key = (issue.id, language, issue.modified, issue.base_url)
    if key not in _rendered:
        request = mail_request(registry, language, issue.base_url)
        request.dbsession = session
        manager.push({"request": request, "registry": registry})
        try:
            _rendered[key] = render_mail(request, issue, language)
        finally:
            manager.pop()
        while len(_rendered) > 16:
            _rendered.popitem(last=False)
    return _rendered[key]


def queue_deliveries(registry, session, settings, deliveries):
    subscribers = {s.id: s for s in session.scalars(select(Subscriber).where(
        Subscriber.id.in_({d.subscriber_id for d in deliveries})))}
    issues, queued = {}, []
    for delivery in deliveries:
        subscriber = subscribers.get(delivery.subscriber_id)
        if subscriber is None or not subscriber.receives:
            delivery.status, delivery.note = "skipped", _reason(subscriber)
            continue
        issue = issues.get(delivery.issue_id) or session.get(Issue, delivery.issue_id)
        issues[issue.id] = issue
        row = personal_message(settings, rendered_for(registry, session, issue, subscriber.language), subscriber,
                               message_id_=message_id(settings, issue.id, subscriber.id))
        session.add(row)
        queued.append((delivery, row))
    session.flush()  # one round of INSERTs gives every row its id
    for delivery, row in queued:
        delivery.outbox_id, delivery.status = row.id, "queued"


def _reason(subscriber):
    if subscriber is None:
        return "subscriber deleted"
    if subscriber.bounced is not None:
        return "address bounces"
    return f"subscriber {subscriber.status}"


def check(session, row):
    """Right before a newsletter leaves: is its subscriber still subscribed, and not bouncing?"""
    found = MESSAGE_ID.match(row.message_id or "")
    if not found:
        return None
    issue_id, subscriber_id = int(found.group(1)), int(found.group(2))
    subscriber = session.get(Subscriber, subscriber_id)
    if subscriber is not None and subscriber.receives:
        return None
    reason = _reason(subscriber)
    session.execute(update(Delivery).where(Delivery.issue_id == issue_id, Delivery.subscriber_id == subscriber_id)
                    .values(status="skipped", note=reason))
    return reason


def cancel_for(session, subscriber):
    """Withdraw what waits for a subscriber who left or bounces (the worker's check is the last guard)."""
    reason = _reason(subscriber)
    waiting = select(Delivery.outbox_id).where(Delivery.subscriber_id == subscriber.id,
                                               Delivery.outbox_id.is_not(None))
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(waiting), OutboxMessage.status == "queued")
                    .values(status="cancelled", last_error=reason).execution_options(synchronize_session=False))
    session.execute(update(Delivery).where(Delivery.subscriber_id == subscriber.id, Delivery.status == "pending")
                    .values(status="skipped", note=reason).execution_options(synchronize_session=False))


def erase(session, subscriber):
    """Everything kept of a subscriber goes (a request to be forgotten): their row, interests, consents
    and deliveries (foreign keys cascade), and their address and personal links in the outbox's
    newsletter messages, which are cancelled if they had not left."""
    cancel_for(session, subscriber)
    session.execute(update(OutboxMessage)
                    .where(OutboxMessage.message_id.like(f"<newsletter.%.{subscriber.id}@%"))
                    .values(recipient="erased@invalid", subject="", body="", html=None, headers=None)
                    .execution_options(synchronize_session=False))
    session.delete(subscriber)
