"""E-mail digests of the groups people follow, daily or weekly: the core keeps the schedule of each follow
(portal.follow_digests: each digest covers what happened since the previous one, once, only for those who
may still read the group); this writes what happened in the group, in the follower's language."""
from portal.api import _, datetime_text, send_follow_digests, translate_to

from .activity import group_activity
from .models import FOLLOWED


def queue_digests(request, now=None) -> int:
    """Queue the groups' digests due at `now` (default: the current time); returns how many were queued."""
    return send_follow_digests(request, now, kind=FOLLOWED)


def group_digest(request, follow, group, since, until):
    """(subject, body) of what others did in the group in (since, until], or None when nothing."""
    events = [e for e in group_activity(request.dbsession, group, since=since, until=until)
              if e.author_id != follow.user_id]
    return digest_message(request, follow, group, list(reversed(events))) if events else None


def digest_message(request, follow, group, events):
    lang = follow.user.language
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
