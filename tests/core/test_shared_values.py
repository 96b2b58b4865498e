"""portal.api.shared_value: what a page shows every reader alike (the home page's highlights and figures,
an experience's related experiences) is computed once per process for all readers of a language, logged
in or not, and computed again as soon as anything is saved, the clock moves on, or the reader differs in
what matters (language, time zone, content hidden from a juror)."""
from datetime import UTC, datetime, timedelta

from pyramid.scripting import prepare

from portal.cache import shared_value
from portal.testing import login

from award_helpers import add_experience, add_member


def request_in(registry, language="en"):
    from pyramid.request import Request
    env = prepare(request=Request.blank("/", headers={"Accept-Language": language}), registry=registry)
    assert env["request"].locale_name == language
    return env


def test_one_computation_serves_every_reader_of_a_language_until_something_is_saved(app, registry, db):
    calls = []

    def compute():
        calls.append(1)
        return ["the latest experiences"]

    for _ in range(3):
        env = request_in(registry)
        try:
            assert shared_value(env["request"], "test:highlights", compute) == ["the latest experiences"]
        finally:
            env["closer"]()
    assert len(calls) == 1
    env = request_in(registry, "pt")
    try:
        shared_value(env["request"], "test:highlights", compute)
    finally:
        env["closer"]()
    assert len(calls) == 2, "another language is computed apart"
    add_member(db, "Porto Alegre", "BR", "latin-america-caribbean")  # a commit through the site's sessions
    env = request_in(registry)
    try:
        shared_value(env["request"], "test:highlights", compute)
    finally:
        env["closer"]()
    assert len(calls) == 3, "a saved change makes it stale"


def test_a_member_sees_a_new_experience_on_the_home_page_at_once(testapp, db, make_user):
    member = add_member(db, "Porto Alegre", "BR", "latin-america-caribbean")
    make_user("rep@poa.example", role="member", member_id=member, language="en")
    login(testapp, "rep@poa.example")
    add_experience(db, "Neighbourhood assemblies", member, "Porto Alegre", "BR")
    assert "Neighbourhood assemblies" in testapp.get("/").text
    add_experience(db, "Youth budget", member, "Porto Alegre", "BR")
    page = testapp.get("/")
    assert "Youth budget" in page.text
    figures = {li.get("class")[-1]: li.strong.get_text(strip=True) for li in page.html.select(".home-figures li")}
    assert figures["home-figure-experiences"] == "2"


def test_an_event_that_ended_leaves_a_members_home_page_when_the_clock_moves(testapp, db, make_user, frozen_clock):
    from plugins.events.models import Event
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    frozen_clock.set(now)
    member = add_member(db, "Dakar", "SN", "africa")
    make_user("rep@dakar.example", role="member", member_id=member, language="en")
    with db() as s:
        s.add(Event(title="Morning workshop on budgets", description="", body="<p>Programme.</p>", language="en",
                    kind="workshop", timezone="UTC", city="Dakar", country="SN", starts=now + timedelta(hours=1),
                    ends=now + timedelta(hours=3), state="published", published=now - timedelta(days=3)))
    login(testapp, "rep@dakar.example")
    assert "Morning workshop on budgets" in testapp.get("/").text
    frozen_clock.set(now + timedelta(days=1))  # nothing saved: only the portal's clock moved
    assert "Morning workshop on budgets" not in testapp.get("/").text
