"""The quorum and the majority rules against a direct computation with exact fractions, and the
result's explanation as a plenary reads it."""
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from plugins.governance.quorum import decide, quorum_needed, quorum_reached
from portal.api import translate_to

counts = st.integers(min_value=0, max_value=400)


@given(members=st.integers(0, 500), percent=st.integers(1, 100), present=st.integers(0, 500))
def test_quorum_is_the_share_rounded_up(members, percent, present):
    share = Fraction(percent, 100)
    direct = present * 100 >= percent * members  # present / members >= share, exactly
    assert quorum_reached(present, members, share) == direct
    needed = quorum_needed(members, share)
    assert Fraction(needed) >= share * members > needed - 1


@given(yes=counts, no=counts, abstain=counts, extra=counts)
def test_majorities_against_a_direct_computation(yes, no, abstain, extra):
    members = yes + no + abstain + extra
    cast = yes + no
    direct = {"simple": yes > no,
              "absolute": Fraction(yes) > Fraction(cast, 2),
              "two_thirds_cast": cast > 0 and Fraction(yes) >= Fraction(2 * cast, 3),
              "two_thirds_members": yes > 0 and Fraction(yes) >= Fraction(2 * members, 3)}
    for rule, passed in direct.items():
        assert decide(rule, yes, no, abstain, members).passed == passed, rule
        assert not decide(rule, yes, no, abstain, members, quorum=False).passed


def test_the_result_says_why(registry):
    from pyramid.testing import DummyRequest
    request = DummyRequest()
    request.registry = registry
    result = decide("two_thirds_cast", 41, 17, 3, 70)
    assert result.explanation(lambda term: translate_to(request, term, "en")) == "passed: 41 yes of 58 cast, two thirds = 39"
    result = decide("two_thirds_cast", 38, 20, 0, 70)
    assert result.explanation(lambda term: translate_to(request, term, "en")) == "not passed: 38 yes of 58 cast, two thirds = 39"
    french = decide("two_thirds_cast", 41, 17, 3, 70).explanation(lambda term: translate_to(request, term, "fr"))
    assert "41" in french and "39" in french
    result = decide("simple", 10, 2, 0, 70, quorum=False)
    assert "quorum was not reached" in result.explanation(lambda term: translate_to(request, term, "en"))
