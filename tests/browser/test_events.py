"""The events' journey in a browser: an antenna's coordinator adds an event in the antenna's section with
its date, time and zone (a wrong end time first, corrected without retyping anything), publishes it, and
a visitor finds it among the upcoming events, at the time of the place where it happens, and takes it
into their calendar."""
import os
import re
from datetime import datetime, timezone

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import add_form_from_menu

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)
TITLE = "Atelier international : budgets participatifs & jeunesse"


@pytest.fixture(scope="session")
def test_plugins(test_plugins):
    """PORTAL_EVENTS_ONLY=1: only the plugins these tests need (see tests/plugins/events/conftest.py)."""
    if os.environ.get("PORTAL_EVENTS_ONLY") == "1":
        return "plugins.experiences plugins.events sample_plugin"
    return test_plugins


@pytest.fixture
def clock(monkeypatch):
    from portal.clock import clock
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def antenna(db, make_user):
    from portal.models import Group, LocalRole, Section, User
    coordinator = make_user("awa@dakar.example", role="member", name="Awa Coordinator", password=PASSWORD)
    with db() as s:
        s.add(Group(name="antenna-africa", title="Africa antenna", users=[s.get(User, coordinator)]))
        section = Section(title="Africa antenna", language="fr", state="published", published=NOW)
        s.add(section)
        s.flush()
        # reviewers of the section: they add, edit and publish there
        s.add(LocalRole(content_id=section.id, principal="group:antenna-africa", role="reviewer"))
        return section.id


def test_a_coordinator_adds_an_event_a_visitor_finds_it(new_page, live_server, antenna, clock):
    page = new_page()
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("awa@dakar.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash")).to_contain_text("Welcome, Awa Coordinator.")

    form = add_form_from_menu(page, "Events", "Upcoming events", "Add an event to Africa antenna",
                              re.compile(rf"/sections/{antenna}/add-event$"))
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Summary").fill("Des collectivités de trois continents partagent leurs budgets jeunes.")
    form.get_by_label("Language").select_option("fr")
    form.get_by_label("Kind of event").select_option(label="International workshop")
    expect(form.get_by_label("Section")).to_have_value(str(antenna))
    form.get_by_label("Time zone").select_option("Africa/Dakar")
    form.get_by_label("Starts").fill("2027-04-14T09:30")
    form.get_by_label("Ends").fill("2027-04-13T17:00")  # a slip: the day before
    form.get_by_label("Venue").fill("Maison de la culture Douta Seck")
    form.get_by_label("City").fill("Dakar")
    form.get_by_label("Country", exact=True).select_option(label="Senegal")
    form.get_by_role("button", name="Save").click()

    expect(page.locator(".error-summary, .error").first).to_be_visible()
    expect(page.locator("#deform-errors")).to_contain_text("The event ends before it starts.")
    form = page.locator("main form#deform")
    expect(form.get_by_label("Title")).to_have_value(TITLE)
    expect(form.get_by_label("Starts")).to_have_value("2027-04-14T09:30")
    expect(form.get_by_label("Venue")).to_have_value("Maison de la culture Douta Seck")
    form.get_by_label("Ends").fill("2027-04-15T17:00")
    form.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash")).to_contain_text("Published")

    # a visitor, reading in Portuguese, on a phone
    visitor = new_page({"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    visitor.goto(live_server + "/events?_LOCALE_=pt")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Próximos eventos")
    expect(visitor.get_by_role("heading", level=2, name="abril de 2027")).to_be_visible()
    card = visitor.locator("ul.event-list li", has_text=TITLE)
    expect(card).to_contain_text("qua., 14 de abr. – qui., 15 de abr. de 2027")
    expect(card).to_contain_text("Dakar, Senegal")
    visitor.get_by_label("Tipo de evento").select_option(label="Webinars")
    visitor.get_by_role("button", name="Filtrar").click()
    expect(visitor.locator("ul.event-list li", has_text=TITLE)).to_have_count(0)
    visitor.get_by_label("Tipo de evento").select_option(label="Oficinas internacionais")
    visitor.get_by_role("button", name="Filtrar").click()
    visitor.get_by_role("link", name=TITLE).click()
    # Dakar keeps UTC all year: 09:30 there is 09:30 UTC; shown in Dakar's time, in Portuguese
    facts = visitor.locator("dl.facts")
    expect(facts).to_contain_text("qua., 14 de abr. 09:30 – qui., 15 de abr. 17:00")
    expect(facts).to_contain_text("Horário do Meridiano de Greenwich")

    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Adicionar ao meu calendário").click()
    body = open(download.value.path(), encoding="utf-8", newline="").read()
    assert "DTSTART:20270414T093000Z\r\n" in body and "DTEND:20270415T170000Z\r\n" in body
    assert "SUMMARY;LANGUAGE=fr:Atelier international : budgets participatifs & jeunesse" in body.replace("\r\n ", "")
