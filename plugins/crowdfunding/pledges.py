"""Taking a pledge so that none is lost or counted twice: the form's idempotency key is unique (the
same form sent twice, by a double click, a reload or a retry, gives back the first pledge), and a
limited reward is taken by one conditional UPDATE in the pledge's own savepoint, so it is never oversold
however many pledges arrive at once."""
import secrets

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.api import clock

from .models import COUNTED, Pledge, Reward

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed at a bank


class SoldOut(Exception):
    """The reward chosen was taken by others since the form was shown."""


def new_key() -> str:
    return secrets.token_urlsafe(24)


def new_reference(campaign_id: int) -> str:
    return f"CF-{campaign_id}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _n in range(6))


def by_key(session, key):
    return session.scalars(select(Pledge).where(Pledge.idempotency_key == key)).first() if key else None


def take_reward(session, reward_id: int) -> bool:
    """One more of the reward taken, if any is left: the check and the count in one statement."""
    result = session.execute(
        update(Reward).where(Reward.id == reward_id, (Reward.quantity.is_(None)) | (Reward.taken < Reward.quantity))
        .values(taken=Reward.taken + 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


def make_pledge(request, campaign, values: dict) -> tuple[Pledge, bool]:
    """(the pledge, whether it is new). values: amount (minor units), reward_id, name, anonymous,
    message, email, method, key. Raises SoldOut."""
    session = request.dbsession
    key = values["key"] or new_key()
    for _attempt in range(3):
        first = by_key(session, key)
        if first is not None:
            return first, False
        savepoint = session.begin_nested()
        try:
            if values.get("reward_id") and not take_reward(session, values["reward_id"]):
                savepoint.rollback()
                raise SoldOut()
            pledge = Pledge(campaign_id=campaign.id, reward_id=values.get("reward_id"), idempotency_key=key,
                            reference=new_reference(campaign.id), amount=values["amount"],
                            name=values.get("name", ""), anonymous=values.get("anonymous", False),
                            message=values.get("message", ""), email=values["email"],
                            language=request.locale_name or "en", method=values.get("method", "transfer"),
                            user_id=request.user.id if request.user is not None else None, state="pledged",
                            created=clock.now(), updates=bool(values.get("updates")))
            session.add(pledge)
            session.flush()
            savepoint.commit()
            return pledge, True
        except IntegrityError:
            # the same key committed meanwhile by the other click (found on the next turn), or a
            # reference drawn twice (drawn again)
            savepoint.rollback()
    raise RuntimeError("no pledge after three attempts")


def totals(session, campaign_ids) -> dict:
    """{campaign id: (raised, supporters)} of the pledges that count (pledged or paid)."""
    rows = session.execute(
        select(Pledge.campaign_id, func.coalesce(func.sum(Pledge.amount), 0), func.count(func.distinct(Pledge.email)))
        .where(Pledge.campaign_id.in_(list(campaign_ids)), Pledge.state.in_(COUNTED))
        .group_by(Pledge.campaign_id)).all()
    found = {row[0]: (int(row[1]), int(row[2])) for row in rows}
    return {cid: found.get(cid, (0, 0)) for cid in campaign_ids}


def paid_total(session, campaign_id) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(Pledge.amount), 0))
                              .where(Pledge.campaign_id == campaign_id, Pledge.state == "paid")) or 0)


def release_reward(session, reward_id: int) -> bool:
    """One of the reward given back (a pledge cancelled): the count never goes under zero."""
    result = session.execute(
        update(Reward).where(Reward.id == reward_id, Reward.taken > 0)
        .values(taken=Reward.taken - 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


def cancel_pledge(session, pledge: Pledge, now) -> str | None:
    """The pledge stops counting: never paid, it is "cancelled"; paid, it is "refunded" (its whole amount
    recorded as given back, refund_amount, at `cancelled`). Its reward is released. One conditional UPDATE
    from the state it had, so a pledge cancelled twice at once is cancelled (and its reward released) once.
    Returns the new state, or None when the pledge counted for nothing already."""
    if pledge.state not in COUNTED:
        return None
    before = pledge.state
    state = "refunded" if before == "paid" else "cancelled"
    changed = session.execute(
        update(Pledge).where(Pledge.id == pledge.id, Pledge.state == before)
        .values(state=state, cancelled=now, refund_amount=pledge.amount if state == "refunded" else None)
        .execution_options(synchronize_session=False))
    session.expire(pledge, ["state", "cancelled", "refund_amount"])
    if changed.rowcount != 1:
        return None
    if pledge.reward_id is not None:
        release_reward(session, pledge.reward_id)
    return state
