"""Written procedures close by the clock: the worker's periodic task closes every one whose end has
passed (its census, quorum, tally and result frozen as when the secretariat closes it), and announces a
presidency call's result when the procedure was its election."""
from sqlalchemy import select

from portal.api import clock

from .models import Motion
from .presidency_vote import announce_vote_result
from .votes import close_vote

CHECK_EVERY = 60  # seconds


def close_due(request) -> list[int]:
    """Close the written procedures whose end has passed; their ids."""
    due = request.dbsession.scalars(select(Motion).where(
        Motion.meeting_id.is_(None), Motion.closed.is_(False), Motion.closes.is_not(None),
        Motion.closes <= clock.now()).order_by(Motion.id)).all()
    for motion in due:
        close_vote(request, motion)
        announce_vote_result(request, motion)
    return [motion.id for motion in due]


def close_task(request) -> int:
    """The periodic task: in the worker's transaction; the number of procedures closed."""
    return len(close_due(request))
