"""Spending in the open, in a browser: the campaign's owner submits an expense with its receipt; the
secretariat records the bank transfer of a pledge on the pledges page, reads the warning of an expense
over what is left on its line and approves the owner's expense; the public ledger and the campaign's
page (planned against spent, a table that stacks on a phone) show both."""
import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests
    expect = None

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/crowd-shots")


@pytest.mark.parametrize("width", ("desktop", "phone"))
def test_the_secretariat_records_a_transfer_and_approves_an_owners_expense(new_page, live_server, db, make_user,
                                                                           frozen_clock, width):
    from browser_steps import SIDEWAYS, VIEWPORTS, log_in
    from crowd_helpers import add_campaign
    from spending_helpers import RECEIPT, add_expense, make_owner, paid_pledge
    campaign_id, _r = add_campaign(db, title="Translate the guide into Portuguese")
    owner = make_user("olga@example.org", name="Olga Owner")
    make_owner(db, campaign_id, owner)
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat")
    add_expense(db, campaign_id, 1, 80000, description="Layout of the guide")  # €200.00 left on Printing
    paid_pledge(db, campaign_id, 12000, name="Luiza Fernandes", email="luiza@poa.example", state="pledged")
    SHOTS.mkdir(exist_ok=True)
    options = {"is_mobile": True, "has_touch": True} if width == "phone" else {}

    page = new_page(VIEWPORTS[width], **options)
    log_in(page, live_server, "olga@example.org", "Olga Owner")
    page.goto(live_server + f"/campaigns/{campaign_id}")
    page.get_by_role("link", name="Expenses", exact=True).click()
    form = page.locator("main form#deform")
    form.get_by_label("Budget line").select_option(label="Printing")
    form.get_by_label("What was paid for").fill("Printing of 200 copies")
    form.get_by_label("Amount (EUR)").fill("300")
    form.get_by_label("Date of the expense").fill("2026-11-20")
    form.get_by_label("Receipts").set_input_files({"name": "invoice.pdf", "mimeType": "application/pdf",
                                                   "buffer": RECEIPT})
    form.get_by_role("button", name="Submit the expense").click()
    expect(page.locator(".flash")).to_contain_text("Expense submitted")
    row = page.locator(".expenses-table tbody tr", has_text="Printing of 200 copies")
    expect(row).to_contain_text("Waiting for approval")
    expect(row).to_contain_text("Someone else approves it.")
    expect(row.get_by_role("link", name="Approve")).to_have_count(0)

    sam = new_page(VIEWPORTS[width], **options)
    log_in(sam, live_server, "sam@example.org", "Sam Secretariat")
    sam.goto(live_server + f"/campaigns/{campaign_id}/pledges")
    sam.locator(".pledges-table tr", has_text="Luiza Fernandes").get_by_role("link", name="Record payment").click()
    expect(sam.locator("main")).to_contain_text("€120.00 from Luiza Fernandes (luiza@poa.example) was received.")
    sam.get_by_role("button", name="Record payment").click()
    expect(sam.locator(".pledges-table tr", has_text="Luiza Fernandes")).to_contain_text("Paid")

    sam.goto(live_server + f"/campaigns/{campaign_id}/expenses")
    row = sam.locator(".expenses-table tbody tr", has_text="Printing of 200 copies")
    expect(row.locator(".expense-warning")).to_have_text(
        "Over its budget line: “Printing” has €200.00 left and this expense is €300.00, €100.00 more.")
    assert sam.evaluate(SIDEWAYS) is None, "the expenses page scrolls sideways"
    sam.screenshot(path=str(SHOTS / f"expenses-{width}.png"), full_page=True)
    row.get_by_role("link", name="Approve").click()
    expect(sam.locator("main h1")).to_have_text("Approve an expense")
    expect(sam.locator(".expense-warning")).to_contain_text("€100.00 more")
    expect(sam.get_by_role("link", name="invoice.pdf")).to_be_visible()
    sam.screenshot(path=str(SHOTS / f"approve-expense-{width}.png"), full_page=True)
    sam.get_by_role("button", name="Approve").click()
    expect(sam.locator(".flash")).to_contain_text("Expense approved")
    expect(sam.locator(".expenses-table tbody tr", has_text="Printing of 200 copies")).to_contain_text("Approved")

    # anyone: the ledger and the campaign's page
    visitor = new_page(VIEWPORTS[width], **options)
    visitor.goto(live_server + f"/campaigns/{campaign_id}")
    spending = visitor.locator("table.campaign-spending-table")
    expect(spending.get_by_role("row", name=re.compile("^Printing"))).to_contain_text("€1,100.00")
    expect(spending.get_by_role("row", name=re.compile("^Printing"))).to_contain_text("over budget")
    assert visitor.evaluate(SIDEWAYS) is None, "the campaign page scrolls sideways"
    visitor.screenshot(path=str(SHOTS / f"planned-spent-{width}.png"), full_page=True)
    visitor.get_by_role("link", name="The ledger: income and expenses, with receipts").click()
    ledger = visitor.locator("table.ledger-table")
    expect(ledger).to_contain_text("Pledge from Luiza Fernandes")
    expect(ledger.locator("tr", has_text="Printing of 200 copies")).to_contain_text("-€1,100.00")
    expect(visitor.locator("main")).to_contain_text("Balance: -€980.00")
    assert visitor.evaluate(SIDEWAYS) is None, "the ledger scrolls sideways"
    visitor.screenshot(path=str(SHOTS / f"ledger-{width}.png"), full_page=True)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="invoice.pdf").click()
    assert Path(download.value.path()).read_bytes() == RECEIPT
