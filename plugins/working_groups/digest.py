"""E-mail digests of the groups people follow, daily or weekly, queued in the core outbox.

Each follow keeps last_sent, the end of the window its previous digest covered: a digest covers
(last_sent, now], then last_sent becomes now, so an event is in exactly one digest whatever the
time the command runs (late, twice, or on two machines: the rows are locked on PostgreSQL).
An empty window sends nothing but still moves on. Who stopped being allowed to read a
members-only group gets nothing of it."""
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.api import _, datetime_text, translate_to
from portal.api import Request, utcnow

from .activity import group_activity
from .models import Follow

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
SLACK = timedelta(minutes=5)  # a command run by cron a little early still sends the day's digest


def due(follow, now):
    return follow.last_sent + PERIODS.get(follow.frequency, PERIODS["weekly"]) - SLACK <= now


def may_read(follow):
    group = follow.group
    return group.is_public or group.membership_of(follow.user) is not None or follow.user.role == "secretariat"


def queue_digests(request: Request, now: datetime | None = None) -> int:
    """Queue the digests due at `now` (default: the current time); returns how many were queued."""
    now = now or utcnow()
    session = request.dbsession
    stmt = select(Follow).order_by(Follow.id)
    if session.bind.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Follow)
    queued = 0
    for follow in session.scalars(stmt).all():
        if not due(follow, now):
            continue
        user = follow.user
        if not user.active or not may_read(follow):
            follow.last_sent = now
            continue
        events = [e for e in group_activity(session, follow.group, since=follow.last_sent, until=now)
                  if e.author_id != user.id]
        follow.last_sent = now
        if not events:
            continue
        request.send_mail(user.email, *digest_message(request, follow, list(reversed(events))))
        queued += 1
    return queued


def digest_message(request, follow, events):
    lang = follow.user.language
    group = follow.group
    lines = []
    for e in events:
        link = request.route_url("group_page.view", id=e.page.id)
        when = datetime_text(lang, e.when, follow.user.timezone or "UTC", "short", with_zone=not follow.user.timezone)
        if e.kind == "page":
            text = _("New page “${title}” by ${who} (${when})")
        elif e.kind == "revision":
            text = _("“${title}” revised by ${who} (${when})")
        else:
            text = _("Comment by ${who} on “${title}” (${when})")
        lines.append("- " + translate_to(request, text, lang, mapping={"title": e.page.title, "who": e.who,
                                                                        "when": when}))
        if e.text:
            lines.append("  " + " ".join(e.text.split())[:300])
        lines.append("  " + link)
    subject = translate_to(request, _("${group}: daily digest") if follow.frequency == "daily"
                           else _("${group}: weekly digest"), lang, mapping={"group": group.name})
    body = translate_to(request, _("Hello ${name},\n\nWhat happened in the working group “${group}”:\n\n${items}\n\n"
                                   "To change how often you receive this digest or to stop it:\n${link}"), lang,
                        mapping={"name": follow.user.name, "group": group.name, "items": "\n".join(lines),
                                 "link": request.route_url("working_group_follow", id=group.id)})
    return subject, body
