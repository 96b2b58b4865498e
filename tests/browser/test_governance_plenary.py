"""A plenary in a browser: a representative checks their organisation in with the room's code, another
organisation gives it its proxy (letter signed and uploaded, checked by the secretariat), the secretariat
opens the vote, the representative casts both ballots, the secretariat closes the vote and reads the
result, then has the portal draft the minutes: attendance, proxy, quorum and result are in them."""
from datetime import timedelta

import pytest

from browser_steps import WIDTHS, expect, log_in

pytestmark = pytest.mark.browser

LETTER = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_plenary_check_in_proxy_vote_result_and_minutes(new_page, live_server, db, frozen_clock, make_user):
    from governance_helpers import STARTS, add_meeting, add_members, add_motion
    frozen_clock.set(STARTS - timedelta(hours=1))
    add_members(db, 3)
    make_user("sec@example.org", role="secretariat", name="Secretariat")
    meeting_id = add_meeting(db)
    motion_id = add_motion(db, meeting_id, title="Approve the work plan 2027")
    meeting_url = f"{live_server}/governance/meetings/{meeting_id}"

    # City 000's representative checks in with the room's code
    rep = new_page()
    log_in(rep, live_server, "rep0@example.org", "Rep 0")
    rep.goto(meeting_url)
    rep.get_by_role("link", name="Check in").click()
    rep.get_by_label("Check-in code").fill("casc13")
    rep.get_by_role("button", name="Check in").click()
    expect(rep.locator(".flash")).to_contain_text("Your organisation is checked in.")
    expect(rep.locator("#attendance tbody")).to_contain_text("City 000")

    # City 002 gives its proxy to City 000 and uploads the signed letter
    giver = new_page()
    log_in(giver, live_server, "rep2@example.org", "Rep 2")
    giver.goto(meeting_url)
    giver.get_by_role("link", name="Give our proxy").click()
    giver.get_by_label("Organisation holding the proxy").select_option(label="City 000")
    giver.get_by_role("button", name="Give our proxy").click()
    expect(giver.locator(".flash")).to_contain_text("Proxy given")
    expect(giver.locator("main h1")).to_have_text("The signed proxy letter")
    giver.locator("input[type=file]").set_input_files(
        files=[{"name": "proxy-signed.pdf", "mimeType": "application/pdf", "buffer": LETTER}])
    giver.get_by_role("button", name="Upload the signed letter").click()
    expect(giver.locator(".flash")).to_contain_text("Signed letter uploaded")

    # the secretariat checks the letter and opens the vote: the quorum is reached (2 of 3)
    sec = new_page()
    log_in(sec, live_server, "sec@example.org", "Secretariat")
    sec.goto(meeting_url)
    sec.locator("#proxies").get_by_role("link", name="check").click()
    sec.get_by_role("button", name="The letter is in order").click()
    expect(sec.locator(".flash")).to_contain_text("Proxy checked")
    expect(sec.locator("#quorum")).to_contain_text("The quorum is reached.")
    frozen_clock.set(STARTS + timedelta(minutes=30))
    sec.goto(meeting_url)
    sec.get_by_role("link", name="open the vote").click()
    sec.get_by_role("button", name="Open the vote").click()

    # City 000 votes for itself, then for City 002 whose proxy it holds
    for organisation, choice in (("City 000", "Yes"), ("City 002", "No")):
        rep.goto(f"{live_server}/governance/motions/{motion_id}")
        rep.get_by_role("link", name="Vote", exact=True).click()
        rep.get_by_label("Ballot of").select_option(label=organisation)
        rep.get_by_label("Your vote").select_option(label=choice)
        rep.get_by_role("button", name="Cast the ballot").click()
        expect(rep.locator(".flash")).to_contain_text("Ballot recorded.")

    # the secretariat closes the vote and reads the result
    sec.goto(f"{live_server}/governance/motions/{motion_id}")
    sec.get_by_role("link", name="Close the vote").click()
    sec.get_by_role("button", name="Close the vote").click()
    expect(sec.locator("#result .result")).to_have_text("not passed: 1 yes of 2 cast, more yes than no: 2 needed")

    # the minutes, drafted by the portal
    sec.goto(meeting_url)
    sec.get_by_role("link", name="Draft the minutes").click()
    sec.get_by_role("button", name="Draft the minutes").click()
    expect(sec.locator(".flash")).to_contain_text("The minutes are drafted")
    minutes = sec.locator(".minutes-body")
    expect(minutes).to_contain_text("City 000: on site")
    expect(minutes).to_contain_text("City 002, by City 000")
    expect(minutes).to_contain_text("2 of 3 member organisations present or represented; the quorum is 2.")
    expect(minutes).to_contain_text("Result: not passed: 1 yes of 2 cast")
    sec.set_viewport_size(WIDTHS["phone"])
    assert sec.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"]["width"], "the minutes scroll sideways"
