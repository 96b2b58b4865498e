"""Pledging in a browser, on a desktop and on a phone: a visitor without an account finds the open
campaign, chooses a reward with too small an amount (refused, nothing typed lost), corrects the amount,
and reads the bank reference on the thank-you page; the secretariat then sees the pledge waiting."""
import re
from pathlib import Path

import pytest

from browser_steps import WIDTHS, expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/crowd-shots")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_pledges_with_a_reward_and_gets_the_bank_reference(new_page, live_server, db, frozen_clock, width):
    from crowd_helpers import add_campaign
    campaign_id, (copy, seat) = add_campaign(db, title="Translate the guide into Portuguese",
                                             rewards=[(5000, "A printed copy of the guide", 30),
                                                      (25000, "A seat at the launch workshop", 1)])
    SHOTS.mkdir(exist_ok=True)
    page = new_page(WIDTHS[width], **({"is_mobile": True, "has_touch": True} if width == "phone" else {}))
    page.goto(live_server + "/campaigns")
    page.screenshot(path=str(SHOTS / f"campaigns-{width}.png"), full_page=True)
    page.get_by_role("link", name="Translate the guide into Portuguese").click()
    expect(page.locator("main h1")).to_have_text("Translate the guide into Portuguese")
    expect(page.get_by_label("Minimum: €3,000.00 (0%)")).to_have_attribute("value", "0")
    page.screenshot(path=str(SHOTS / f"campaign-{width}.png"), full_page=True)
    page.get_by_role("link", name="Support this campaign").click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign_id}/pledge$"))

    form = page.locator("main form#deform")
    form.get_by_label("Amount (EUR)").fill("20")
    form.get_by_label(re.compile("A printed copy of the guide")).check()
    expect(form.get_by_label(re.compile("A seat at the launch workshop"))).to_be_visible()
    form.get_by_label("Your name").fill("Luiza Fernandes")
    form.get_by_label("Message (optional)").fill("Para as cidades brasileiras!")
    form.get_by_label("Email").fill("luiza@poa.example")
    page.screenshot(path=str(SHOTS / f"pledge-{width}.png"), full_page=True)
    form.get_by_role("button", name="Pledge").click()

    expect(page.locator("main")).to_contain_text("This reward is for pledges of €50.00 or more.")
    form = page.locator("main form#deform")
    expect(form.get_by_label("Message (optional)")).to_have_value("Para as cidades brasileiras!")
    expect(form.get_by_label(re.compile("A printed copy of the guide"))).to_be_checked()
    page.screenshot(path=str(SHOTS / f"pledge-error-{width}.png"), full_page=True)
    form.get_by_label("Amount (EUR)").fill("50")
    form.get_by_role("button", name="Pledge").click()

    expect(page.locator("main h1")).to_have_text("Thank you for your pledge")
    reference = page.locator(".pledge-reference strong").inner_text()
    assert re.fullmatch(rf"CF-{campaign_id}-[A-Z2-9]{{6}}", reference)
    expect(page.locator("main")).to_contain_text("IBAN PT50 1234")
    page.screenshot(path=str(SHOTS / f"thanks-{width}.png"), full_page=True)
    width_px = page.evaluate("document.documentElement.scrollWidth")
    assert width_px <= WIDTHS[width]["width"], "the thank-you page scrolls sideways"

    page.goto(live_server + f"/campaigns/{campaign_id}")
    expect(page.locator("main")).to_contain_text("A printed copy of the guide (29 of 30 left)")
    expect(page.locator("main")).to_contain_text("Luiza Fernandes")  # among the supporters who gave their name
