"""Quorum and majorities, computed from counts alone (no database): the statutes' quorum (a share of
the member organisations present or represented) and each motion's majority rule. The result says why,
in words a plenary reads out: "passed: 41 yes of 58 cast, two thirds = 39"."""
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from portal.api import _

RULES = ("simple", "absolute", "two_thirds_cast", "two_thirds_members")
RULE_TITLES = {
    "simple": _("Simple majority (more yes than no)"),
    "absolute": _("Absolute majority (more than half of the votes cast)"),
    "two_thirds_cast": _("Two thirds of the votes cast"),
    "two_thirds_members": _("Two thirds of the member organisations"),
}


def quorum_needed(members: int, share: Fraction | float | str) -> int:
    """How many organisations must be present or represented: the share of the members, rounded up."""
    share = Fraction(str(share)) if not isinstance(share, Fraction) else share
    needed = share * members
    return int(needed) + (needed.denominator != 1)


def quorum_reached(present: int, members: int, share: Fraction | float | str) -> bool:
    return present >= quorum_needed(members, share)


def threshold(rule: str, yes: int, no: int, abstain: int, members: int) -> int:
    """The fewest yes votes that pass the motion under the rule. Abstentions are not votes cast for the
    absolute and two-thirds-of-cast rules (cast = yes + no), as in most statutes."""
    cast = yes + no
    if rule == "simple":
        return no + 1
    if rule == "absolute":
        return cast // 2 + 1
    if rule == "two_thirds_cast":
        return -(-2 * cast // 3)  # ceil(2/3 of cast)
    if rule == "two_thirds_members":
        return -(-2 * members // 3)
    raise ValueError(rule)


@dataclass(frozen=True)
class Result:
    passed: bool
    yes: int
    no: int
    abstain: int
    needed: int
    rule: str
    quorum: bool

    @property
    def cast(self) -> int:
        return self.yes + self.no

    def explanation(self, t: Callable[[Any], str]) -> str:
        """"passed: 41 yes of 58 cast, two thirds = 39", in the language of t (a translation string -> text)."""
        mapping: dict[str, Any] = {"yes": self.yes, "cast": self.cast, "needed": self.needed, "no": self.no,
                   "abstain": self.abstain}
        if not self.quorum:
            return t(_("not passed: the quorum was not reached (${yes} yes of ${cast} cast)", mapping=mapping))
        rule = {"simple": _("more yes than no: ${needed} needed", mapping=mapping),
                "absolute": _("absolute majority = ${needed}", mapping=mapping),
                "two_thirds_cast": _("two thirds = ${needed}", mapping=mapping),
                "two_thirds_members": _("two thirds of the members = ${needed}", mapping=mapping)}[self.rule]
        mapping["rule"] = t(rule)
        if self.passed:
            return t(_("passed: ${yes} yes of ${cast} cast, ${rule}", mapping=mapping))
        return t(_("not passed: ${yes} yes of ${cast} cast, ${rule}", mapping=mapping))


def decide(rule: str, yes: int, no: int, abstain: int, members: int, quorum: bool = True) -> Result:
    needed = threshold(rule, yes, no, abstain, members)
    return Result(passed=quorum and yes >= needed and yes > 0, yes=yes, no=no, abstain=abstain, needed=needed,
                  rule=rule, quorum=quorum)


@dataclass(frozen=True)
class Election:
    """An election among options (the presidency's candidacies): the option with the most votes wins,
    if the quorum is reached and no other has as many; abstentions count for none."""
    counts: tuple[tuple[str, int], ...]  # (option's title, votes), in the options' order
    winner: str | None                    # the winning option's title
    cast: int
    quorum: bool

    @property
    def passed(self) -> bool:
        return self.winner is not None

    def explanation(self, t: Callable[[Any], str]) -> str:
        if not self.quorum:
            return t(_("no candidacy elected: the quorum was not reached (${cast} votes cast)",
                       mapping={"cast": self.cast}))
        if self.winner is None:
            return t(_("no candidacy elected: no candidacy has more votes than every other (${cast} votes cast)",
                       mapping={"cast": self.cast}))
        votes = dict(self.counts)[self.winner]
        return t(_("elected: ${winner} with ${votes} votes of ${cast} cast",
                   mapping={"winner": self.winner, "votes": votes, "cast": self.cast}))


def elect(options: list[tuple[str, str]], counts: dict[str, int], quorum: bool = True) -> tuple[str | None, Election]:
    """(the winning option's key or None, the Election) from options [(key, title)] and counts {key: votes}."""
    votes = [(key, title, counts.get(key, 0)) for key, title in options]
    best = max((n for _k, _t, n in votes), default=0)
    leaders = [(key, title) for key, title, n in votes if n == best and n > 0]
    key, title = leaders[0] if quorum and len(leaders) == 1 else (None, None)
    return key, Election(counts=tuple((t, n) for _k, t, n in votes), winner=title,
                         cast=sum(n for _k, _t, n in votes), quorum=quorum)
