"""Recording a renewal in a browser, on a desktop and on a phone: the secretariat opens the hosting agreement
with UCLG, records its renewal with an end before its start (refused, nothing typed lost), corrects it, and
reads the earlier agreement in the new one's history; the partners' page shows the logos' groups."""
import re
from datetime import date
from pathlib import Path

import pytest

from browser_steps import WIDTHS, expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/partners-shots")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_secretariat_records_the_renewal_of_the_hosting_agreement(new_page, live_server, db, make_user, width):
    from browser_steps import log_in
    from partners_helpers import add_agreement, add_partner, agreement_row
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat")
    partner_id = add_partner(db, title="United Cities and Local Governments")
    first = add_agreement(db, partner_id, title="Hosting of the technical secretariat 2025-2026", public=True,
                          starts=date(2025, 1, 1), ends=date(2026, 12, 31),
                          renewal_terms="Renewed for two years by both parties.")
    SHOTS.mkdir(exist_ok=True)
    page = new_page(WIDTHS[width], **({"is_mobile": True, "has_touch": True} if width == "phone" else {}))
    log_in(page, live_server, "sam@example.org", "Sam Secretariat")
    page.goto(live_server + "/partners")
    expect(page.locator("main h2").first).to_have_text("Networks")
    page.screenshot(path=str(SHOTS / f"partners-{width}.png"), full_page=True)
    page.get_by_role("link", name="United Cities and Local Governments").click()
    page.get_by_role("link", name="Hosting of the technical secretariat 2025-2026").click()
    expect(page.locator("main h1")).to_have_text("Hosting of the technical secretariat 2025-2026")
    page.get_by_role("link", name="Record the renewal").click()
    expect(page).to_have_url(re.compile(rf"/agreements/{first}/renew$"))

    form = page.locator("main form#deform")
    expect(form.get_by_label("Starts")).to_have_value("2026-12-31")
    form.get_by_label("Title").fill("Hosting of the technical secretariat 2027-2028")
    form.get_by_label("Ends").fill("2026-06-30")
    form.get_by_role("button", name="Record the renewal").click()
    expect(page.locator("main")).to_contain_text("The agreement ends before it starts.")
    form = page.locator("main form#deform")
    expect(form.get_by_label("Title")).to_have_value("Hosting of the technical secretariat 2027-2028")
    page.screenshot(path=str(SHOTS / f"renew-error-{width}.png"), full_page=True)
    form.get_by_label("Ends").fill("2028-12-31")
    form.get_by_role("button", name="Record the renewal").click()

    expect(page.locator("main h1")).to_have_text("Hosting of the technical secretariat 2027-2028")
    expect(page.locator("main")).to_contain_text("History")
    expect(page.locator("main")).to_contain_text("Hosting of the technical secretariat 2025-2026")
    page.screenshot(path=str(SHOTS / f"renewed-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    assert agreement_row(db, first)["status"] == "renewed"
