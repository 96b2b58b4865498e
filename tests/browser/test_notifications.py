"""Notifications in a browser: a member submits an experience; the secretariat's bell shows it, the SMTP
server received the mail, and opening the notification leads to the experience and marks it read."""
import email
import email.policy
import re
from pathlib import Path

import pytest
from browser_steps import fill_experience_facts, html_field, log_in

from portal.mail import deliver_pending

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

TITLE = "Children's council of Villa Esperanza"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_a_submitted_experience_rings_the_secretariats_bell_and_mails_it(new_page, live_server, people,
                                                                          registry, smtp_server):
    member = new_page()
    log_in(member, live_server, people["member"], "Rita Representative")
    member.goto(live_server + "/experiences/add")
    form = member.locator("main form#deform")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Summary").fill("Pupils of every school elect a council that proposes works to the mayor.")
    html_field(form, "Full description").fill("<p>Twice a year the council presents its proposals.</p>")
    form.get_by_label("Language").select_option("en")
    fill_experience_facts(form, "Participatory budget", "City", "2019")
    form.get_by_role("button", name="Save").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    member.get_by_role("button", name="Submit for review").click()
    expect(member.locator(".actions .state")).to_contain_text("Pending")
    experience_url = member.url
    # the member's own bell stays quiet: nobody is told of what they did themselves
    expect(member.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()

    settings = {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1",
                "mail.port": str(smtp_server.port)}
    deliver_pending(registry["dbsession_factory"], settings, registry=registry)
    received = [email.message_from_bytes(e.original_content, policy=email.policy.default)
                for e in smtp_server.messages if people["secretariat"] in e.rcpt_tos]
    assert len(received) == 1
    assert f"“{TITLE}” was submitted for review by Rita Representative." in received[0]["Subject"]
    assert experience_url in received[0].get_body(("plain",)).get_content()

    sam = new_page()
    log_in(sam, live_server, people["secretariat"], "Sam Secretariat")
    bell = sam.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_have_text("1")
    bell.click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Notifications")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        sam.set_viewport_size({"width": width, "height": height})
        sam.screenshot(path=str(SHOTS / f"notifications-{width}.png"), full_page=True)
    sam.set_viewport_size({"width": 1280, "height": 800})
    sam.get_by_role("button", name=re.compile("was submitted for review by Rita Representative")).click()
    expect(sam).to_have_url(experience_url)
    expect(sam.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
    # the secretariat follows the experience from its page
    sam.get_by_role("button", name="Follow").click()
    expect(sam.locator(".flash")).to_contain_text("You follow")
    expect(sam.get_by_role("button", name="Unfollow")).to_be_visible()
    for width, height in ((1280, 800), (390, 844)):
        sam.set_viewport_size({"width": width, "height": height})
        sam.screenshot(path=str(SHOTS / f"experience-followed-{width}.png"))
    sam.set_viewport_size({"width": 1280, "height": 800})
    sam.goto(live_server + "/account")
    expect(sam.locator(".follows")).to_contain_text(TITLE)
    expect(sam.get_by_label("Mail me my notifications")).to_have_value("immediately")
    sam.screenshot(path=str(SHOTS / "account-follows-1280.png"), full_page=True)
