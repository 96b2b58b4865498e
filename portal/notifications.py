"""In-app notifications, follows, and the mails that tell of them at each person's chosen frequency.

As Decidim does it: an event of a kind (declared with `config.add_notification_kind`) reaches a list of
people; each gets a notification on the portal (the bell, /notifications) and, if the kind mails, a mail
according to their account's mail frequency: one per notification (immediately), one digest a day or a
week (a periodic task), or none. People follow items (`config.add_followable` names what can be
followed; the core's content items are followable as "content") and hear of what happens to them.

    notify(request, users, "jury.assigned", _("You are on the jury of “${title}”.", mapping={...}), url)

The message is kept as its msgid and mapping, so each reader sees it in their own language of the day."""
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable, Iterable

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.i18n import TranslationString
from sqlalchemy import func, select, update

from .clock import clock
from .follow_digests import PERIODS, followed_objects, own_digest_ids
from .i18n import _, translate, translate_to
from .models import Content, Follow, Group, Notification, User, group_members

FREQUENCIES = {
    "immediately": _("Immediately, one mail each"),
    "daily": _("Once a day, in one mail"),
    "weekly": _("Once a week, in one mail"),
    "never": _("Never: only on the portal"),
}
PAGE_SIZE = 20


@dataclass
class NotificationKind:
    name: str
    title: Any
    default_mail: bool
    plugin: str


@dataclass
class Followable:
    """A kind of object people can follow: title(request, obj) and url(request, obj) show it in the account's
    list; allowed(request, user, obj) says whether that person may still read it (else they hear nothing)."""
    name: str
    model: type
    title: Callable
    url: Callable
    allowed: Callable
    plugin: str
    load: tuple = ()
    digest: Callable | None = None


def add_notification_kind(config, name, title, default_mail=True):
    """A kind of notification plugins send with notify(request, users, name, ...); title names it (on
    /notifications and in `portal plugins`); default_mail=False: shown on the portal only, never mailed
    (the plugin sends a mail of its own, e.g. an invitation with its one-time link)."""
    from .registry import _register
    kind = NotificationKind(name=name, title=title, default_mail=bool(default_mail), plugin=config.package_name)
    portal = config.registry.portal

    def store():
        portal.notification_kinds[name] = kind

    _register(config, "portal notification kinds", name, name, store, mail=kind.default_mail)


def may_read(user, obj, permission="view"):
    """Whether `user` (not the visitor) may `permission` obj, by obj's ACL."""
    principals = [Everyone, Authenticated, *user.principals]
    return bool(ACLHelper().permits(obj, principals, permission))


def add_followable(config, name, model, title, url, allowed=None, load=(), digest=None):
    """Let people follow objects of `model` (the follow_button macro on their page; notify_followers when
    something happens there). title/url(request, obj); allowed(request, user, obj), default: obj's ACL
    lets the user view it; load: the loader options (selectinload(...)) of what title, url and allowed
    read, so a list of follows takes one query per kind of object, not one per object; digest(request,
    follow, obj, since, until) -> (subject, body) | None: the item's own digest, for the follows that
    chose one (portal.follow_digests)."""
    from .registry import _register
    item = Followable(name=name, model=model, title=title, url=url,
                      allowed=allowed or (lambda request, user, obj: may_read(user, obj)), plugin=config.package_name,
                      load=tuple(load), digest=digest)
    portal = config.registry.portal

    def store():
        portal.followables[name] = item

    _register(config, "portal followables", name, name, store, model=f"{model.__module__}.{model.__name__}")


def _kind(request, name):
    try:
        return request.registry.portal.notification_kinds[name]
    except KeyError:
        raise LookupError(f"no notification kind {name!r}: declare it with config.add_notification_kind") from None


def message_text(request, notification, language=None):
    """A notification's message in `language` (default: the page's)."""
    message = notification.message or {}
    term = TranslationString(message.get("msgid", ""), domain="portal", mapping=message.get("mapping") or None)
    if language is None:
        return translate(term, request)
    return translate_to(request, term, language)


def notify(request, users: Iterable[Any], kind: str, message: Any, url: str, note: str = "",
           skip: Any = "visitor", mail: bool = True) -> list:
    """Tell each of `users` (accounts, duplicates and inactive ones left out) of something: message, a
    translation string whose mapping holds plain values; url, where it happened; note, a person's own
    words shown with it (a reviewer's comment). The person who caused it (skip: the visitor by default,
    None: nobody) is not told; mail=False: on the portal only (another mail tells of it). Mails leave with
    the request's transaction."""
    found = _kind(request, kind)
    skip = getattr(request, "user", None) if skip == "visitor" else skip
    if not isinstance(message, TranslationString):
        message = TranslationString(str(message), domain="portal")
    stored = {"msgid": str(message), "mapping": {k: str(v) for k, v in (message.mapping or {}).items()}}
    now = clock.now()
    made, seen = [], set()
    for user in users:
        if user is None or user.id in seen or not user.active or (skip is not None and user.id == skip.id):
            continue
        seen.add(user.id)
        row = Notification(user_id=user.id, user=user, kind=kind, message=stored, note=(note or "")[:2000],
                           url=url, created=now)
        request.dbsession.add(row)
        if not mail:
            row.mailed_at = now  # not in the account's digests either
        elif found.default_mail and user.mail_frequency == "immediately":
            _mail_one(request, user, row)
            row.mailed_at = now
        made.append(row)
    return made


def _account_link(request):
    return request.route_url("account")


def _mail_one(request, user, row):
    lang = user.language
    note = f"\n«{row.note}»\n" if row.note else ""
    request.send_template("notification", user, message=message_text(request, row, lang), note=note,
                          link=row.url, account=_account_link(request))


def reviewers(request, obj):
    """The active accounts allowed to review obj (the secretariat, editors, local reviewers)."""
    from .security import principals_allowed
    principals = principals_allowed(list(obj.__acl__), "review")
    roles = [p.split(":", 1)[1] for p in principals if p.startswith("role:")]
    ids = [int(p.split(":", 1)[1]) for p in principals if p.startswith("user:")]
    groups = [p.split(":", 1)[1] for p in principals if p.startswith("group:")]
    db = request.dbsession
    stmt = select(User).where(User.active.is_(True), User.role.in_(roles) | User.id.in_(ids)
                              | User.id.in_(select(group_members.c.user_id).join(Group).where(Group.name.in_(groups))))
    return db.scalars(stmt.order_by(User.id)).all()


# -- follows ---------------------------------------------------------------------------------------

def followable_of(request, obj):
    """(name, Followable) of obj's kind, or (None, None)."""
    followables = request.registry.portal.followables
    for cls in type(obj).__mro__:  # the most specific kind first: an event before any content item
        for name, item in followables.items():
            if item.model is cls:
                return name, item
    return None, None


def follow_of(request, obj):
    name, _item = followable_of(request, obj)
    if name is None or request.user is None:
        return None
    return request.dbsession.scalar(select(Follow).where(
        Follow.user_id == request.user.id, Follow.target_type == name, Follow.target_id == obj.id))


def follow_info(request, obj):
    """What the follow_button macro shows: None for a visitor or an object nobody can follow."""
    name, _item = followable_of(request, obj)
    if name is None or request.user is None:
        return None
    return {"type": name, "id": obj.id, "following": follow_of(request, obj) is not None}


def set_follow(request, obj, following):
    """Follow (True) or stop following obj, as the visitor; returns whether they follow it now."""
    name, _item = followable_of(request, obj)
    found = follow_of(request, obj)
    if following and found is None:
        request.dbsession.add(Follow(user_id=request.user.id, target_type=name, target_id=obj.id))
    elif not following and found is not None:
        request.dbsession.delete(found)
    return following


def followers(request, obj):
    """The active accounts following obj that may still read it."""
    name, item = followable_of(request, obj)
    if name is None:
        return []
    users = request.dbsession.scalars(select(User).join(Follow, Follow.user_id == User.id).where(
        Follow.target_type == name, Follow.target_id == obj.id, User.active.is_(True)).order_by(User.id)).all()
    return [u for u in users if item.allowed(request, u, obj)]


def notify_followers(request, obj, message, url, note=""):
    """Tell obj's followers (but the visitor) that something happened there ("follow.activity"); those
    who chose the item's own digest read it there, so it is not mailed to them."""
    name, item = followable_of(request, obj)
    users = followers(request, obj)
    own = own_digest_ids(request.dbsession, name, obj.id) if item is not None and item.digest else set()
    return (notify(request, [u for u in users if u.id not in own], "follow.activity", message, url, note=note)
            + notify(request, [u for u in users if u.id in own], "follow.activity", message, url, note=note,
                     mail=False))


def follows_of(request, user, newest: int | None = None) -> list:
    """[{"title", "url", "follow"}] of what `user` follows and may still read, oldest first (the account
    page); newest=N: the N most recent of them, newest first (my space's panel). One query for the follows
    and one per kind of followed object, however many they are."""
    stmt = select(Follow).where(Follow.user_id == user.id)
    if newest is None:
        return _shown(request, user, request.dbsession.scalars(stmt.order_by(Follow.created, Follow.id)).all())
    stmt = stmt.order_by(Follow.created.desc(), Follow.id.desc()).limit(newest)
    found: list = []
    for offset in range(0, 10 * newest, newest):  # again only when some can no longer be read
        batch = request.dbsession.scalars(stmt.offset(offset)).all()
        found += _shown(request, user, batch)
        if len(found) >= newest or len(batch) < newest:
            break
    return found[:newest]


def _shown(request, user, follows) -> list:
    """The follows whose object is still there and readable, each with its title and address."""
    followables = request.registry.portal.followables
    objects = followed_objects(request.dbsession, followables, follows)
    found = []
    for follow in follows:
        obj = objects.get((follow.target_type, follow.target_id))
        item = followables.get(follow.target_type)
        if obj is not None and item.allowed(request, user, obj):
            found.append({"title": item.title(request, obj), "url": item.url(request, obj), "follow": follow})
    return found


def followed_panel(request):
    """My space's "follows" panel: what the person follows, newest first (a link each)."""
    return [{"title": f["title"], "url": f["url"]} for f in follows_of(request, request.user, newest=12)]


def notifications_action(request):
    """The panel's next step: the person's notifications, with how many are unread."""
    return {"title": translate(_("Your notifications (${count} unread)", mapping={"count": request.unread_notifications}),
                               request), "url": request.route_path("notifications")}


# -- the content's own kinds -------------------------------------------------------------------------

def on_transition(event):
    """An item changed state: its reviewers, its author or its followers hear of it."""
    from .workflow import tell_the_author
    obj, request, tr, workflow = event.obj, event.request, event.transition, event.workflow
    actor = request.user
    author = obj.creator
    url = request.route_url(f"{obj.type}.view", id=obj.id)
    mapping = {"title": obj.title[:120], "person": actor.name if actor else "—"}
    told_author = False
    if tr.target == "pending":
        notify(request, reviewers(request, obj), "review.submitted",
               _("“${title}” was submitted for review by ${person}.", mapping=mapping), url, note=event.comment)
    elif author is not None and actor is not None and author.id != actor.id:
        if tr.target in workflow.listed_states and event.previous not in workflow.listed_states:
            notify(request, [author], "content.published",
                   _("“${title}” was published by ${person}.", mapping=mapping), url, note=event.comment)
            told_author = True
        elif event.previous == "pending" and tr.target == workflow.initial:
            notify(request, [author], "content.sent_back",
                   _("“${title}” was sent back to you by ${person}.", mapping=mapping), url, note=event.comment)
            told_author = True
    if not told_author and tr.target != "pending":
        tell_the_author(event)
    if tr.target in workflow.listed_states and event.previous not in workflow.listed_states:
        notify_followers(request, obj, _("“${title}” was published.", mapping=mapping), url)


def content_changed(request, obj):
    """Someone saved an item: its followers hear of it."""
    notify_followers(request, obj, _("“${title}” was changed by ${person}.", mapping={
        "title": obj.title[:120], "person": request.user.name if request.user else "—"}),
        request.route_url(f"{obj.type}.view", id=obj.id))


# -- the bell, and the digests ---------------------------------------------------------------------

def unread_count(request):
    user = request.user
    if user is None:
        return 0
    return request.dbsession.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def bell_label(request):
    """The bell's accessible name: "Notifications, 3 unread"."""
    return translate(_("Notifications, ${count} unread", mapping={"count": request.unread_notifications}), request)


def mark_all_read(request, user):
    request.dbsession.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=clock.now())
        .execution_options(synchronize_session=False))


def send_digests(request, now=None) -> int:
    """The periodic task: each person on a daily or weekly frequency whose oldest notification not yet
    mailed is a day (a week) old gets one mail of those still unread; all of them count as mailed then.
    So a digest covers what came since the previous one, and nobody gets more than one per period."""
    now = now or clock.now()
    kinds = [k.name for k in request.registry.portal.notification_kinds.values() if k.default_mail]
    db = request.dbsession
    rows = db.scalars(select(Notification).join(User, User.id == Notification.user_id).where(
        User.mail_frequency.in_(list(PERIODS)), User.active.is_(True), Notification.mailed_at.is_(None),
        Notification.kind.in_(kinds), Notification.created <= now).order_by(Notification.user_id, Notification.id)).all()
    by_user: dict = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row)
    sent = 0
    for found in by_user.values():
        user = found[0].user
        if found[0].created + PERIODS[user.mail_frequency] > now:
            continue
        unread = [r for r in found if r.read_at is None]
        for row in found:
            row.mailed_at = now
        if not unread:
            continue
        lang = user.language
        items = "\n\n".join(f"- {message_text(request, r, lang)}" + (f"\n  «{r.note}»" if r.note else "")
                            + f"\n  {r.url}" for r in unread)
        request.send_template("notifications-digest", user, items=items, count=str(len(unread)),
                              link=request.route_url("notifications"), account=_account_link(request))
        sent += 1
    return sent


def content_title(request, obj):
    return obj.title


def content_url(request, obj):
    return request.route_url(f"{obj.type}.view", id=obj.id)


def includeme(config):
    config.add_directive("add_notification_kind", add_notification_kind)
    config.add_directive("add_followable", add_followable)
    config.add_request_method(unread_count, "unread_notifications", reify=True)
    config.add_request_method(bell_label, "bell_label", reify=True)
    config.add_request_method(follow_info, "follow_info")
    from .workflow import ContentTransitioned
    config.add_subscriber(on_transition, ContentTransitioned)
    config.add_notification_kind("review.submitted", _("Submitted for your review"))
    config.add_notification_kind("content.published", _("Your item was published"))
    config.add_notification_kind("content.sent_back", _("Your item was sent back"))
    config.add_notification_kind("follow.activity", _("New in what you follow"))
    config.add_followable("content", Content, content_title, content_url)
    from .registry import FOLLOWS_PANEL
    config.add_dashboard_panel(FOLLOWS_PANEL, _("What you follow"), followed_panel, order=5,
                               empty=_("You follow nothing yet: the Follow button of an experience, an event, a "
                                       "working group or an antenna adds it here, and you hear of what happens there."),
                               action=notifications_action)
    config.add_mail_template("notification", _("${site}: ${message}"),
                             _("Hello ${name},\n\n${message}\n${note}\n${link}\n\nYou choose how often the portal "
                               "mails you on your account page: ${account}"))
    config.add_mail_template("notifications-digest", _("${count} notifications on ${site}"),
                             _("Hello ${name},\n\nWhat happened since your last mail:\n\n${items}\n\nAll your "
                               "notifications: ${link}\nYou choose how often the portal mails you on your account "
                               "page: ${account}"))
    config.add_periodic_task("portal:notification-digests", send_digests, every=timedelta(minutes=15),
                             title=_("Send the daily and weekly notification digests that are due"))
    from .follow_digests import send_follow_digests
    config.add_periodic_task("portal:follow-digests", send_follow_digests, every=timedelta(minutes=15),
                             title=_("Send the digests of followed items that are due"))
