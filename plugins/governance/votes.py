"""Votes on motions, at a plenary or by written procedure: one ballot per member organisation (its own
seat and each proxy its holder carries), yes/no/abstain, named or secret, inside the vote's window.
A second ballot for one organisation meets the unique key of Voted and is refused, the first kept.

A secret ballot is two rows with no link between them: Voted (the organisation took part, no choice)
and SecretBallot (a receipt code and the choice). After the close the receipts are published with
their choices and a SHA-256 hash of the whole box, so each voter checks their ballot was counted."""
import hashlib
import secrets
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.api import Member, _, clock

from .meetings import present_ids
from .models import CHOICE_TITLES, CHOICES, Motion, Proxy, SecretBallot, Voted
from .quorum import decide, elect, quorum_needed

DEFAULT_QUORUM = 50  # percent of the member organisations, present or represented


class VoteRefused(Exception):
    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message, self.status = message, status


def quorum_share(request) -> Fraction:
    values = request.plugin_settings("governance") or {}
    return Fraction(int(values.get("quorum_percent") or DEFAULT_QUORUM), 100)


def member_count(session) -> int:
    return len(session.scalars(select(Member.id).where(Member.status == "active")).all())


def proxies_for(session, meeting_id, holder_id) -> list[int]:
    """The organisations whose checked proxy holder_id carries at this meeting."""
    return list(session.scalars(select(Proxy.giver_id).where(
        Proxy.meeting_id == meeting_id, Proxy.holder_id == holder_id, Proxy.state == "checked")))


def ballots_of(session, motion, member_id) -> list[int]:
    """The organisations a representative of member_id votes for: its own (at a plenary, once checked in)
    and those whose proxy it holds."""
    if motion.meeting_id is None:
        return [member_id]
    if member_id not in present_ids(session, motion.meeting_id):
        return []
    return [member_id] + proxies_for(session, motion.meeting_id, member_id)


def represented(session, meeting_id) -> set[int]:
    """Present or represented: the organisations checked in and those whose proxy a present one holds."""
    present = present_ids(session, meeting_id)
    given = session.execute(select(Proxy.giver_id, Proxy.holder_id).where(
        Proxy.meeting_id == meeting_id, Proxy.state == "checked")).all()
    return present | {giver for giver, holder in given if holder in present}


def entitled(session, motion) -> list[int]:
    if motion.meeting_id is None:
        return sorted(session.scalars(select(Member.id).where(Member.status == "active")))
    return sorted(represented(session, motion.meeting_id))


def choice_titles(motion) -> dict:
    """The choices of a ballot and their titles: yes/no/abstain, or an election's options and abstain."""
    if not motion.options:
        return CHOICE_TITLES
    return {**{option["key"]: option["title"] for option in motion.options}, "abstain": CHOICE_TITLES["abstain"]}


def meeting_quorum(request, meeting_id) -> dict:
    """The quorum of a meeting now: how many organisations are present or represented and how many are needed."""
    session = request.dbsession
    count = member_count(session)
    counted = represented(session, meeting_id)
    needed = quorum_needed(count, quorum_share(request))
    return {"counted": len(counted), "needed": needed, "members": count, "reached": len(counted) >= needed,
            "present": len(present_ids(session, meeting_id))}


def cast(request, motion, voter_id, by_member_id, choice) -> str | None:
    """Record a ballot; the receipt code of a secret one. Refusals raise VoteRefused, nothing written."""
    session = request.dbsession
    if choice not in choice_titles(motion):
        raise VoteRefused(_("Choose one of the ballot's choices."))
    if not motion.is_open(clock.now()):
        raise VoteRefused(_("This vote is not open: ballots are accepted only between its opening and its close."))
    if voter_id not in ballots_of(session, motion, by_member_id):
        raise VoteRefused(_("Your organisation cannot vote for this organisation."), status=403)
    receipt = secrets.token_hex(8).upper() if motion.secret else None
    try:
        with session.begin_nested():
            session.add(Voted(motion_id=motion.id, member_id=voter_id, by_member_id=by_member_id,
                              choice="" if motion.secret else choice, cast=clock.now()))
            session.flush()
            if receipt:
                session.add(SecretBallot(motion_id=motion.id, receipt=receipt, choice=choice))
                session.flush()
    except IntegrityError:
        raise VoteRefused(_("This organisation has already voted: its first ballot is kept."), status=409) from None
    return receipt


def choices(session, motion) -> list[str]:
    model = SecretBallot if motion.secret else Voted
    return list(session.scalars(select(model.choice).where(model.motion_id == motion.id)))


def box(session, motion) -> list[tuple[str, str]]:
    """The published ballot box of a secret vote: (receipt, choice), in the receipts' order."""
    return [tuple(row) for row in session.execute(select(SecretBallot.receipt, SecretBallot.choice).where(
        SecretBallot.motion_id == motion.id).order_by(SecretBallot.receipt))]


def box_hash(rows) -> str:
    return hashlib.sha256("".join(f"{receipt}:{choice}\n" for receipt, choice in rows).encode()).hexdigest()


def tally(found, keys=CHOICES) -> dict[str, int]:
    return {choice: sum(1 for c in found if c == choice) for choice in keys}


def open_vote(motion, now, closes=None):
    motion.opens, motion.closes, motion.closed = now, closes, False


def pending_amendments(session, motion) -> list[Motion]:
    return session.scalars(select(Motion).where(Motion.amends_id == motion.id, Motion.closed.is_(False))).all()


def close_vote(request, motion) -> dict:
    """Close the vote: freeze the entitled organisations, the quorum, the tally, the result and the hash."""
    session = request.dbsession
    now = clock.now()
    members = member_count(session)
    frozen = entitled(session, motion)
    share = quorum_share(request)
    needed = quorum_needed(members, share)
    counts = tally(choices(session, motion), tuple(choice_titles(motion)))
    # at a plenary the quorum counts who is present or represented; in a written procedure, who took part
    counted = len(frozen) if motion.meeting_id is not None else sum(counts.values())
    winner = None
    if motion.options:
        winner, result = elect(options_of(motion), counts, quorum=counted >= needed)
    else:
        result = decide(motion.rule, counts["yes"], counts["no"], counts["abstain"], members, quorum=counted >= needed)
    motion.entitled, motion.closed = frozen, True
    if motion.closes is None or motion.closes > now:
        motion.closes = now
    motion.record = {"members": members, "present_or_represented": counted, "quorum_needed": needed,
                     "quorum_share": str(share), "quorum": result.quorum, "tally": counts,
                     "needed": getattr(result, "needed", None), "winner": winner,
                     "passed": result.passed, "voted": len(choices(session, motion)),
                     "hash": box_hash(box(session, motion)) if motion.secret else ""}
    return motion.record


def options_of(motion) -> list[tuple[str, str]]:
    return [(option["key"], option["title"]) for option in motion.options or ()]


def result_of(motion):
    record = motion.record or {}
    counts = record.get("tally") or {}
    if motion.options:
        return elect(options_of(motion), counts, quorum=record.get("quorum", False))[1]
    return decide(motion.rule, counts.get("yes", 0), counts.get("no", 0), counts.get("abstain", 0),
                  record.get("members", 0), quorum=record.get("quorum", False))
