"""A conference in a browser: registering on a phone (390 px, nothing wider than the screen), the check-in
page taking typed codes from the list it keeps on the device, online and then offline, its check-ins sent
when the connection is back, and a person's agenda starred from the programme."""
import pytest
from browser_steps import log_in
from conference_helpers import add_conference, add_session, codes, registration_form
from sqlalchemy import func, select

from portal.testing import client

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests
    expect = None

pytestmark = pytest.mark.browser


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_registering_on_a_phone(phone_page, live_server, db, frozen_clock):
    event_id = add_conference(db, capacity=1)
    page = phone_page
    page.goto(f"{live_server}/events/{event_id}/register")
    expect(page.locator("main")).to_contain_text("1 places left")
    assert no_sideways_scroll(page)
    page.get_by_label("Your name").fill("Ana Souza")
    page.get_by_label("Email").fill("ana@example")  # no dotted domain: refused, the rest kept
    page.get_by_label("Dietary needs").fill("Vegetarian")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".error-summary, #deform-errors").first).to_be_visible()
    expect(page.get_by_label("Dietary needs")).to_have_value("Vegetarian")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".flash")).to_contain_text("You are registered.")
    expect(page.locator(".registration-qr img")).to_be_visible()
    assert no_sideways_scroll(page)
    other = page.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    try:
        other.goto(f"{live_server}/events/{event_id}/register")
        expect(other.locator("main")).to_contain_text("The conference is full")
        other.get_by_label("Your name").fill("Rui Matos")
        other.get_by_label("Email").fill("rui@example.org")
        other.get_by_role("button", name="Register").click()
        expect(other.locator(".flash")).to_contain_text("you are number 1 on the waiting list")
    finally:
        other.context.close()


def check_ins(db):
    from plugins.events.checkin import CheckIn
    with db() as s:
        return s.scalar(select(func.count(CheckIn.id)))


def test_the_check_in_page_online_then_offline(new_page, live_server, app, db, make_user, frozen_clock):
    event_id = add_conference(db)
    for email in ("ana@example.org", "rui@example.org"):
        registration_form(client(app), event_id, email).submit("register", status=302)
    code = codes(db, event_id)
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat")
    page = new_page()
    log_in(page, live_server, "sam@example.org", "Sam Secretariat")
    page.goto(f"{live_server}/events/{event_id}/check-in")
    status = page.locator("#checkin-status")
    expect(status).to_contain_text("The list of 2 registrations is kept on this device")
    result = page.locator("#checkin-result")
    page.get_by_label("Registration code").fill("f" * 24)
    page.get_by_role("button", name="Check in").click()
    expect(result).to_have_text("No registration of this conference has this code.")
    page.get_by_label("Registration code").fill(code["ana@example.org"].upper())
    page.get_by_role("button", name="Check in").click()
    expect(result).to_have_text("Welcome, Ana: checked in.")
    expect(page.locator("[data-count=checked_in]")).to_have_text("1")
    expect(page.locator("[data-count=here]")).to_have_text("1")
    assert check_ins(db) == 1
    page.get_by_label("Registration code").fill(code["ana@example.org"])
    page.get_by_role("button", name="Check in").click()
    expect(result).to_have_text("Ana checked in already.")
    # the connection drops: the page keeps checking people in from its list
    page.context.set_offline(True)
    page.get_by_label("Registration code").fill(code["rui@example.org"])
    page.get_by_role("button", name="Check in").click()
    expect(result).to_have_text("Welcome, Rui: checked in.")
    expect(status).to_contain_text("1 check-ins kept on this device")
    assert check_ins(db) == 1
    page.context.set_offline(False)
    expect(status).to_have_text("Every check-in is sent.")
    expect(page.locator("[data-count=checked_in]")).to_have_text("2")
    assert check_ins(db) == 2


def test_a_personal_agenda_from_the_programme(new_page, live_server, db, make_user, frozen_clock):
    from datetime import timedelta
    event_id = add_conference(db)
    add_session(db, event_id, title="Opening plenary", kind="plenary", starts=timedelta(days=60, hours=9))
    add_session(db, event_id, title="Site visit to the works", starts=timedelta(days=61, hours=15), capacity=20)
    make_user("ana@example.org", role="member", name="Ana Souza")
    page = new_page()
    log_in(page, live_server, "ana@example.org", "Ana Souza")
    page.goto(f"{live_server}/events/{event_id}/programme")
    expect(page.locator("main")).to_contain_text("20 places left")
    visit = page.locator(".programme-session", has_text="Site visit to the works")
    visit.get_by_role("button", name="Add to my agenda").click()
    expect(page.locator(".programme-session", has_text="Site visit to the works")
           .get_by_role("button", name="In my agenda")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name="My agenda").click()
    main = page.locator("main")
    expect(main).to_contain_text("Site visit to the works")
    expect(main).not_to_contain_text("Opening plenary")
    expect(page.get_by_role("link", name="Add my agenda to my calendar")).to_have_attribute(
        "href", f"/events/{event_id}/agenda.ics")
