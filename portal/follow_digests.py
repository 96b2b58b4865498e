"""A followed item's own mail digest, daily or weekly, beside the account's notifications.

A follow may carry a frequency: the item's kind (`add_followable(..., digest=...)`) then writes, at that
frequency, one mail of what happened there, e.g. a working group's new pages, revisions and comments. The
core keeps the schedule: last_sent closes the window of the previous digest, so a digest covers
(last_sent, now] and then last_sent becomes now; an event is in exactly one digest whatever the time the
task runs (late, twice, or on two machines: the rows are locked on PostgreSQL). An empty window sends
nothing but still moves on; who may no longer read the item, or whose account is closed, gets nothing.

    digest(request, follow, obj, since, until) -> (subject, body) | None
"""
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy import inspect as sa_inspect

from .clock import clock
from .models import Follow

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
SLACK = timedelta(minutes=5)  # a task run a little early still sends the day's digest


def item_follow(session, kind: str, target_id: int, user) -> Follow | None:
    """The person's follow of that item (a followable's name and the item's id), or None."""
    if user is None:
        return None
    return session.scalar(select(Follow).where(Follow.user_id == user.id, Follow.target_type == kind,
                                               Follow.target_id == target_id))


def follow_item(session, kind: str, target_id: int, user, digest: str | None = None, keep: bool = False) -> Follow:
    """Follow the item, with its own digest at `digest` ("daily", "weekly"; None: the account's notifications
    only); keep: an existing follow keeps the digest it has, if any."""
    if digest is not None and digest not in PERIODS:
        raise ValueError(f"no digest frequency {digest!r}")
    found = item_follow(session, kind, target_id, user)
    if found is None:
        found = Follow(user_id=user.id, target_type=kind, target_id=target_id, created=clock.now())
        session.add(found)
    elif keep and found.frequency is not None:
        return found
    if digest is not None and found.frequency is None:
        found.last_sent = clock.now()  # the first digest covers what happens from now on
    found.frequency = digest
    if digest is None:
        found.last_sent = None
    return found


def unfollow_item(session, kind: str, target_id: int, user) -> None:
    found = item_follow(session, kind, target_id, user)
    if found is not None:
        session.delete(found)


def own_digest_ids(session, kind: str, target_id: int) -> set:
    """Ids of the people who follow the item with a digest of its own (its news reach them there)."""
    return set(session.scalars(select(Follow.user_id).where(
        Follow.target_type == kind, Follow.target_id == target_id, Follow.frequency.is_not(None))))


def due(follow, now: datetime) -> bool:
    return follow.last_sent + PERIODS.get(follow.frequency, PERIODS["weekly"]) - SLACK <= now


def send_follow_digests(request, now: datetime | None = None, kind: str | None = None) -> int:
    """The periodic task: queue the followed items' digests due at `now` (default: the clock's time), of
    every kind that writes one or of `kind` only; returns how many were queued."""
    now = now or clock.now()
    session = request.dbsession
    followables = {name: item for name, item in request.registry.portal.followables.items()
                   if item.digest is not None and kind in (None, name)}
    if not followables:
        return 0
    stmt = select(Follow).where(Follow.frequency.is_not(None), Follow.target_type.in_(sorted(followables)))
    if session.bind.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Follow)
    follows = [f for f in session.scalars(stmt.order_by(Follow.id)).all() if f.last_sent is None or due(f, now)]
    objects = followed_objects(session, followables, follows)
    queued = 0
    for follow in follows:
        item, obj, user = followables[follow.target_type], objects.get((follow.target_type, follow.target_id)), follow.user
        since, follow.last_sent = follow.last_sent or now, now
        if obj is None or not user.active or not item.allowed(request, user, obj):
            continue
        message = item.digest(request, follow, obj, since, now)
        if message:
            request.send_mail(user.email, *message)
            queued += 1
    return queued


def followed_objects(session, followables, follows) -> dict:
    """{(kind, id): object} of the follows that are still there, one query per kind (with its load options)."""
    wanted: dict = {}
    for follow in follows:
        if follow.target_type in followables:
            wanted.setdefault(follow.target_type, set()).add(follow.target_id)
    found = {}
    for name, ids in wanted.items():
        model = followables[name].model
        key = sa_inspect(model).primary_key[0]
        stmt = select(model).where(key.in_(sorted(ids))).options(*followables[name].load)
        for obj in session.scalars(stmt):
            found[name, getattr(obj, key.key)] = obj
    return found
