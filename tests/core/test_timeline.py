"""A member organisation's history on its profile (add_timeline): the core's day it joined, and what each
plugin adds (experiences shared, award entries and prizes, working groups, the antenna it hosts, events it
hosted), only what the visitor may see, newest first, grouped by year, filtered by kind; the profile's
contact, counts, and upcoming and past events apart."""
from datetime import date, datetime

import pytest
from member_history import UTC, arrange_history
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationExecutionError

from portal.api import TimelineEntry
from portal.testing import client, login, text_of


@pytest.fixture
def history(db, make_user, frozen_clock):
    return arrange_history(db, make_user, frozen_clock)


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
