"""A member organisation's history on its profile (add_timeline): the core's day it joined, and what each
plugin adds (experiences shared, award entries and prizes, working groups, the antenna it hosts, events it
hosted), only what the visitor may see, newest first, grouped by year, filtered by kind; the profile's
contact, counts, and upcoming and past events apart."""
from datetime import date, datetime, timedelta, timezone

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationExecutionError

from portal.api import TimelineEntry
from portal.models import Member, User
from portal.testing import client, login, text_of

UTC = timezone.utc
NOW = datetime(2027, 7, 1, 12, tzinfo=UTC)


def add_experience(s, member_id, title, state="published", published=None, language="en"):
    from plugins.experiences.models import Experience
    e = Experience(title=title, description=f"{title}.", body="<p>Residents decide.</p>", language=language,
                   city="Porto Alegre", country="BR", state=state, member_id=member_id,
                   mechanism="participatory-budget", scale="city", start_year=2015, sdgs=[16],
                   published=published if state == "published" else None)
    s.add(e)
    s.flush()
    return e


def add_call(s, edition, results, blind=True):
    from plugins.awards.models import AwardCall
    call = AwardCall(edition=edition, title="Good Practice Award", timezone="UTC",
                     opens=results - timedelta(days=150), closes=results - timedelta(days=60),
                     evaluation_closes=results - timedelta(days=10), results_date=results, blind=blind)
    s.add(call)
    s.flush()
    return call


def add_event(s, member_id, title, starts, state="published"):
    from plugins.events.models import Event
    e = Event(title=title, description="", body="<p>Programme.</p>", language="en", kind="workshop", timezone="UTC",
              city="Dakar", country="SN", starts=starts, ends=starts + timedelta(hours=6), state=state,
              published=starts - timedelta(days=90) if state == "published" else None, member_id=member_id)
    s.add(e)
    s.flush()
    return e


@pytest.fixture
def history(db, make_user, frozen_clock):
    """Porto Alegre, a member since 2001, with something in every plugin, and things nobody may see yet."""
    from plugins.antennas.models import Antenna
    from plugins.awards.models import AwardEntry
    from plugins.working_groups import services
    frozen_clock.set(NOW)
    with db() as s:
        member = Member(name="Porto Alegre", kind="city", country="BR", region="latin-america-caribbean",
                        status="active", member_since=date(2001, 3, 15), description="Capital of Rio Grande do Sul.")
        s.add(member)
        s.flush()
        ids = {"member": member.id}
    ids["luiza"] = make_user("luiza@poa.example", role="member", member_id=ids["member"], name="Luiza Fernandes",
                             public_profile=True)
    ids["hidden"] = make_user("quiet@poa.example", role="member", member_id=ids["member"], name="Quiet Person")
    make_user("visitor@example.org", role="member", name="A member elsewhere")
    with db() as s:
        luiza = s.get(User, ids["luiza"])
        budget = add_experience(s, ids["member"], "Neighbourhood budget assemblies",
                                published=datetime(2024, 5, 10, 9, tzinfo=UTC))
        add_experience(s, ids["member"], "A draft nobody has read", state="draft")
        add_experience(s, ids["member"], "Waiting for the secretariat", state="pending")
        won = add_call(s, "6th", datetime(2025, 6, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=won.id, member_id=ids["member"], experience_id=budget.id, status="submitted",
                         submitted=datetime(2025, 3, 20, 10, tzinfo=UTC), eligible=True, outcome="winner"))
        under_review = add_call(s, "7th", datetime(2027, 9, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=under_review.id, member_id=ids["member"], experience_id=budget.id,
                         status="submitted", submitted=datetime(2027, 4, 2, tzinfo=UTC), eligible=True))
        refused = add_call(s, "5th", datetime(2024, 6, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=refused.id, member_id=ids["member"], experience_id=budget.id, status="submitted",
                         submitted=datetime(2024, 3, 1, tzinfo=UTC), eligible=False))
        public = services.create_group(s, "Participatory budgeting", "<p>Budgets.</p>", "public", luiza)
        closed = services.create_group(s, "Secretariat's back office", "<p>Private.</p>", "members", luiza)
        for group in (public, closed):
            services.add_member(s, group, luiza)
            services.add_member(s, group, s.get(User, ids["hidden"]))
            s.flush()
            for m in group.memberships:
                m.since = datetime(2023, 2, 1, tzinfo=UTC)
        s.add(Antenna(name="Antenna of Latin America", region="latin-america-caribbean", seat_city="Porto Alegre",
                      seat_country="BR", host_member_id=ids["member"], opened=date(2010, 9, 1), status="active"))
        s.add(Antenna(name="A planned antenna", region="latin-america-caribbean", host_member_id=ids["member"],
                      status="planned"))
        add_event(s, ids["member"], "Forum of local authorities", datetime(2026, 11, 20, 9, tzinfo=UTC))
        add_event(s, ids["member"], "Assembly being drafted", datetime(2026, 10, 1, 9, tzinfo=UTC), state="draft")
        add_event(s, ids["member"], "Conference to come", datetime(2027, 10, 5, 9, tzinfo=UTC))
    return ids


def timeline(page):
    """[(year, [(kind, date, title)])] as the profile shows the history."""
    found = []
    for year in page.html.select("#history ol.timeline-years > li"):
        entries = [(li["class"][1].removeprefix("kind-"), li.time["datetime"],
                    (li.a or li.select_one(".timeline-title")).get_text(strip=True))
                   for li in year.select("ol.timeline-entries > li")]
        found.append((int(year.h3.get_text(strip=True)), entries))
    return found


def test_the_history_gathers_every_plugin_newest_first_and_only_what_is_public(testapp, history):
    page = testapp.get(f"/members/{history['member']}")
    assert timeline(page) == [
        (2026, [("event", "2026-11-20", "Forum of local authorities")]),
        (2025, [("prize", "2025-06-01", "Winner · Neighbourhood budget assemblies"),
                ("award-entry", "2025-03-20", "Neighbourhood budget assemblies")]),
        (2024, [("experience", "2024-05-10", "Neighbourhood budget assemblies")]),
        (2023, [("working-group", "2023-02-01", "Participatory budgeting")]),
        (2010, [("antenna", "2010-09-01", "Antenna of Latin America")]),
        (2001, [("joined", "2001-03-15", "Joined the network")]),
    ]
    text = text_of(page.text)
    # drafts, an entry whose call is still under its blind review, an ineligible entry, a members-only group
    for hidden in ("A draft nobody has read", "Waiting for the secretariat", "Assembly being drafted",
                   "7th", "5th", "Secretariat's back office"):
        assert hidden not in text, hidden
    history_block = page.html.select_one("#history")
    assert "A planned antenna" not in history_block.text  # the region's antennas section lists it, as planned
    assert "Quiet Person" not in history_block.text and "Luiza Fernandes" in history_block.text
    links = [a["href"] for a in history_block.select("ol a")]
    assert f"/members/{history['member']}" not in links and any(h.startswith("/experiences/") for h in links)


def test_entries_appear_when_the_results_are_published(testapp, history, frozen_clock):
    frozen_clock.set(datetime(2027, 9, 1, 15, 1, tzinfo=UTC))
    kinds = [k for _year, entries in timeline(testapp.get(f"/members/{history['member']}")) for k, _d, _t in entries]
    assert kinds.count("award-entry") == 2 and kinds.count("prize") == 1


def test_a_member_of_the_closed_group_sees_it_in_the_history(app, history):
    luiza = client(app)
    login(luiza, "luiza@poa.example")
    titles = [t for _y, entries in timeline(luiza.get(f"/members/{history['member']}")) for _k, _d, t in entries]
    assert "Secretariat's back office" in titles and "Participatory budgeting" in titles


def test_the_history_is_filtered_by_kind_without_script(testapp, history):
    page = testapp.get(f"/members/{history['member']}")
    nav = page.html.select_one("#history nav.timeline-filter")
    labels = {a.get_text(" ", strip=True): a["href"] for a in nav.select("a")}
    assert labels["Everything (7)"].endswith("#history")
    assert "Experiences (1)" in labels and "Prizes (1)" in labels and "Award entries (1)" in labels
    assert nav.select_one('[aria-current="true"]').get_text(" ", strip=True) == "Everything (7)"
    filtered = testapp.get(labels["Prizes (1)"].split("#")[0])
    assert timeline(filtered) == [(2025, [("prize", "2025-06-01", "Winner · Neighbourhood budget assemblies")])]
    assert filtered.html.select_one('#history [aria-current="true"]').get_text(" ", strip=True) == "Prizes (1)"
    wrong = testapp.get(f"/members/{history['member']}", {"kind": "gossip", "_LOCALE_": "es"}, status=400)
    message = text_of(wrong.html.select_one("main").decode())
    assert "Tipo de entrada desconocido en el historial" in message and "award-entry" in message


def test_the_profile_shows_counts_contact_and_events_apart(app, testapp, history):
    page = testapp.get(f"/members/{history['member']}")
    counts = {dt.get_text(strip=True): dd.get_text(strip=True)
              for dt, dd in zip(page.html.select("dl.counts dt"), page.html.select("dl.counts dd"))}
    assert counts["Experiences"] == "1" and counts["Award entries"] == "1" and counts["Working groups"] == "1"
    assert counts["Events hosted"] == "1"
    assert "Conference to come" in page.html.select_one("#section-events").text
    assert "Forum of local authorities" in page.html.select_one("#section-past-events").text
    assert "Forum of local authorities" not in page.html.select_one("#section-events").text
    contact = page.html.select_one(".member-contact")
    assert "Luiza Fernandes" in contact.text and "luiza@poa.example" not in page.text
    assert contact.select_one('a[href^="/login"]') is not None
    member = client(app)
    login(member, "visitor@example.org")
    seen = member.get(f"/members/{history['member']}").html.select_one(".member-contact")
    assert seen.select_one('a[href="mailto:luiza@poa.example"]') is not None


@pytest.mark.parametrize("language, title, joined", [
    ("es", "Se unió a la red", "15 mar 2001"), ("fr", "A rejoint le réseau", "15 mars 2001"),
    ("pt", "Aderiu à rede", "15 de mar. de 2001")])
def test_the_history_speaks_the_reader_s_language(testapp, history, language, title, joined):
    page = testapp.get(f"/members/{history['member']}", {"_LOCALE_": language})
    entry = page.html.select_one("li.kind-joined")
    assert entry.select_one(".timeline-title").get_text(strip=True) == title
    assert entry.time.get_text(strip=True) == joined


def test_the_directive_refuses_a_kind_two_timelines_claim_and_an_undeclared_kind():
    config = Configurator()
    config.include("portal.registry")

    def mine(request, member):
        return [TimelineEntry(when=date(2020, 1, 1), kind="visit", title="A visit")]

    config.add_timeline("one", mine, kinds={"visit": "Visit"})
    config.add_timeline("two", mine, kinds={"visit": "Visit"})
    with pytest.raises(ConfigurationExecutionError, match="already the timeline"):
        config.commit()

    config = Configurator()
    config.include("portal.registry")
    config.add_timeline("three", mine, kinds={"other": "Other"})
    config.commit()
    with pytest.raises(LookupError, match="did not declare"):
        config.registry.portal.timeline(None, None)


def test_timelines_are_listed_with_the_plugin_s_registrations(registry):
    found = {x["introspectable"].title: x["introspectable"]
             for x in registry.introspector.get_category("portal timelines")}
    assert {"network", "experiences", "awards", "working-groups", "events", "antennas"} <= set(found)
    assert found["awards"]["plugin"] == "plugins.awards" and "prize" in found["awards"]["kinds"]
    assert found["network"]["kinds"] == "joined"
