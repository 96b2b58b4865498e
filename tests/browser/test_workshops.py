"""A workshop's page in a browser, on a desktop and on a phone: the programme by day, the co-organisers,
the register button; a visitor registers (one registration) and the page fits the screen."""
from datetime import date
from pathlib import Path

import pytest

from browser_steps import WIDTHS, expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/workshops-shots")


def add_workshop(db):
    from portal.api import Member
    from plugins.workshops.models import Network
    from plugins.workshops.workshop_models import Workshop
    from plugins.workshops.workshops import TEMPLATE
    with db() as s:
        dakar = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(dakar)
        s.flush()
        network = Network(title="Network on participatory budgeting in West Africa", member_id=dakar.id, theme="",
                          stage="workshop", description="")
        s.add(network)
        s.flush()
        programme = [{"day": d, "half": h, "text": str(text)} for (d, h), text in TEMPLATE.items() if text]
        workshop = Workshop(network_id=network.id, title="International workshop, Dakar", starts=date(2027, 5, 12),
                            ends=date(2027, 5, 14), timezone="Africa/Dakar", venue="Maison de la culture Douta Seck",
                            city="Dakar", provides_room=True, provides_meals=True, provides_other="",
                            programme=programme, budget=600000, currency="EUR")
        s.add(workshop)
        s.flush()
        return workshop.id


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_reads_the_workshop_and_registers(new_page, live_server, db, frozen_clock, width):
    workshop_id = add_workshop(db)
    SHOTS.mkdir(exist_ok=True)
    page = new_page(WIDTHS[width], **({"is_mobile": True, "has_touch": True} if width == "phone" else {}))
    page.goto(live_server + f"/international-workshops/{workshop_id}")
    expect(page.locator("main h1")).to_have_text("International workshop, Dakar")
    programme = page.locator(".workshop-programme")
    expect(programme.get_by_role("heading", name="Day 3")).to_be_visible()
    expect(programme).to_contain_text("Welcome and context")
    expect(page.locator(".workshop-facts")).to_contain_text("the meeting room")
    page.screenshot(path=str(SHOTS / f"workshop-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"], "no sideways scroll"

    page.get_by_role("link", name="Register", exact=True).click()
    form = page.locator("main form#deform")
    form.get_by_label("Name", exact=True).fill("Fatou Sow")
    form.get_by_label("E-mail").fill("fatou@example.org")
    form.get_by_label("List my name among the participants on the workshop's public page").check()
    form.get_by_role("button", name="Register").click()
    expect(page.locator("main")).to_contain_text("You are registered")
    expect(page.locator("#participants")).to_contain_text("Fatou Sow")
    page.screenshot(path=str(SHOTS / f"workshop-registered-{width}.png"), full_page=True)
