"""Matchfunding: a matcher (a partner institution, an antenna) puts a pot on a campaign and adds a share
of each pledge that counts (factor 1: as much again, the pledge doubled; 0.5: half of it), capped per
pledge, per person (by e-mail) and by the pot itself. The pledges are matched in the order they were
made, so an early supporter's match never shrinks because of a later pledge; a cancelled pledge gives
its share of the pot back to the pledges after it."""
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import Base

from .models import COUNTED, Pledge

FACTOR_PLACES = 2  # the factor kept in hundredths: 100 = 1 (doubles), 50 = 0.5


class MatchPot(Base):
    __tablename__ = "crowd_match_pots"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    matcher: Mapped[str] = mapped_column(String(300), default="")  # free text: an antenna, a partner institution
    factor_percent: Mapped[int] = mapped_column(Integer, default=100)
    per_pledge: Mapped[int | None] = mapped_column(Integer, nullable=True)  # minor units; None: no cap
    per_person: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total: Mapped[int] = mapped_column(Integer, default=0)  # the pot


class BadFactor(ValueError):
    pass


def factor_to_percent(text) -> int:
    """"1" -> 100, "0.5" -> 50, "1,25" -> 125; refused (BadFactor): not a number, zero or less, more
    than two decimals."""
    raw = str(text).strip().replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BadFactor(raw) from None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")) or value > 100:
        raise BadFactor(raw)
    return int(value.scaleb(FACTOR_PLACES))


def percent_to_factor(percent: int) -> str:
    return f"{Decimal(percent).scaleb(-FACTOR_PLACES).normalize():f}"


def matched_amounts(pledges: Iterable[tuple[str, int]], factor_percent: int, total: int,
                    per_pledge: int | None = None, per_person: int | None = None) -> list[int]:
    """What a pot adds to each pledge, given (e-mail, amount) in the order the pledges were made: the
    factor's share of the amount (rounded down to the minor unit), never more than `per_pledge`, than
    what is left of `per_person` for that e-mail (compared without case), nor than what is left of the
    pot `total`."""
    left = max(total, 0)
    given: dict[str, int] = {}
    out = []
    for email, amount in pledges:
        share = (Decimal(max(amount, 0)) * factor_percent / 100).to_integral_value(ROUND_FLOOR)
        match = min(int(share), left)
        if per_pledge is not None:
            match = min(match, per_pledge)
        person = (email or "").strip().lower()
        if per_person is not None:
            match = min(match, per_person - given.get(person, 0))
        match = max(match, 0)
        given[person] = given.get(person, 0) + match
        left -= match
        out.append(match)
    return out


def pot_matched(pot: MatchPot, pledges: list[tuple[str, int]]) -> int:
    return sum(matched_amounts(pledges, pot.factor_percent, pot.total, pot.per_pledge, pot.per_person))


def pots_of(session, campaign_ids) -> dict[int, list[MatchPot]]:
    found: dict[int, list[MatchPot]] = {cid: [] for cid in campaign_ids}
    for pot in session.scalars(select(MatchPot).where(MatchPot.campaign_id.in_(list(campaign_ids)))
                               .order_by(MatchPot.position, MatchPot.id)):
        found[pot.campaign_id].append(pot)
    return found


def counted_pledges(session, campaign_ids) -> dict[int, list[tuple[str, int]]]:
    """{campaign id: [(e-mail, amount)]} of the pledges that count, in the order they were made."""
    found: dict[int, list[tuple[str, int]]] = {cid: [] for cid in campaign_ids}
    rows = session.execute(select(Pledge.campaign_id, Pledge.email, Pledge.amount)
                           .where(Pledge.campaign_id.in_(list(campaign_ids)), Pledge.state.in_(COUNTED))
                           .order_by(Pledge.created, Pledge.id))
    for cid, email, amount in rows:
        found[cid].append((email, amount))
    return found


def matched_by_pot(session, campaign_id) -> list[tuple[MatchPot, int]]:
    pots = pots_of(session, [campaign_id])[campaign_id]
    pledges = counted_pledges(session, [campaign_id])[campaign_id] if pots else []
    return [(pot, pot_matched(pot, pledges)) for pot in pots]


def matched_totals(session, campaign_ids) -> dict[int, int]:
    """{campaign id: what all its pots add}, in two queries however many campaigns."""
    campaign_ids = list(campaign_ids)
    pots = pots_of(session, campaign_ids)
    with_pots = [cid for cid in campaign_ids if pots[cid]]
    pledges = counted_pledges(session, with_pots) if with_pots else {}
    return {cid: sum(pot_matched(pot, pledges.get(cid, [])) for pot in pots[cid]) for cid in campaign_ids}
