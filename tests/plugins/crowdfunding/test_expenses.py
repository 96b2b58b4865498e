"""Spending in the open: an owner submits an expense with its receipt, someone else of the secretariat
approves it (nobody their own), an expense over what is left on its line warns the approver, the
public ledger (page, CSV, JSON) keeps anonymous supporters anonymous and shows no e-mail address, and
the campaign's page shows planned against spent per line, after the campaign too."""
import csv
import io

from crowd_helpers import add_campaign
from spending_helpers import RECEIPT, add_expense, expense_form, expenses, make_owner, paid_pledge

from portal.testing import csrf, login, text_of


def test_an_owner_submits_an_expense_and_someone_of_the_secretariat_approves_it(testapp, app, db, make_user,
                                                                                 secretariat, at):
    from portal.testing import client
    campaign_id, _r = add_campaign(db)
    owner = make_user("owner@example.org", name="Olga Owner")
    make_owner(db, campaign_id, owner)
    login(testapp, "owner@example.org")
    page = testapp.get(f"/campaigns/{campaign_id}")
    assert "Expenses" in text_of(page.click(description="Expenses").text)
    res = expense_form(testapp, campaign_id).submit("submit", status=302).follow()
    assert "Expense submitted" in text_of(res.text)
    [(line, amount, state, by, decided, receipts)] = expenses(db, campaign_id)
    assert (line, amount, state, by, decided, receipts) == (1, 45000, "submitted", owner, None, ["invoice.pdf"])
    assert "Approve" not in [a.text for a in res.html.select(".expenses-table a")]  # not the owner's to decide
    receipt_url = res.html.select_one(".expenses-table td a")["href"]
    assert testapp.get(receipt_url).body == RECEIPT  # the owner reads it
    visitor = client(app)
    visitor.get(receipt_url, status=302)  # not public while it waits: asked to log in
    assert "Printing of 200 copies" not in visitor.get(f"/campaigns/{campaign_id}/ledger").text
    expense_id = res.html.select_one(".expenses-table tbody tr")["id"].split("-")[1]
    testapp.post(f"/expenses/{expense_id}/approve", {"csrf_token": csrf(testapp), "confirm": "1"}, status=403)
    assert expenses(db, campaign_id)[0][2] == "submitted"

    login(testapp, "sec@example.org")
    listing = testapp.get(f"/campaigns/{campaign_id}/expenses")
    confirm = listing.click(description="Approve", href=f"/expenses/{expense_id}/approve")
    assert "Olga Owner" in text_of(confirm.text) and "€450.00" in text_of(confirm.text)
    assert "Over its budget line" not in confirm.text
    testapp.post(confirm.request.path, {"csrf_token": "wrong", "confirm": "1"}, status=400)  # CSRF checked
    assert expenses(db, campaign_id)[0][2] == "submitted"
    confirm.forms["confirm-form"].submit("confirm", status=302)
    assert expenses(db, campaign_id)[0][2:5] == ("approved", owner, secretariat)
    # approved: its receipt is public, as Open Collective's
    assert visitor.get(receipt_url).body == RECEIPT
    ledger = text_of(visitor.get(f"/campaigns/{campaign_id}/ledger").text)
    assert "Printing : Printing of 200 copies (Approved) Receipt : invoice.pdf €450.00 -€450.00" in ledger

    paid = testapp.get(f"/campaigns/{campaign_id}/expenses").click(description="Record payment")
    paid.forms["confirm-form"].submit("confirm", status=302)
    assert expenses(db, campaign_id)[0][2] == "paid"


def test_nobody_approves_their_own_expense(testapp, db, make_user, secretariat, at):
    campaign_id, _r = add_campaign(db)
    make_user("other-sec@example.org", role="secretariat", name="Other")
    login(testapp, "sec@example.org")  # the secretariat may submit too
    expense_form(testapp, campaign_id, amount="99.90").submit("submit", status=302)
    [row] = testapp.get(f"/campaigns/{campaign_id}/expenses").html.select(".expenses-table tbody tr")
    assert "Someone else approves it." in row.text and not row.select("a.button")
    expense_id = row["id"].split("-")[1]
    for action, fields in (("approve", {"confirm": "1"}), ("reject", {"reject": "1", "reason": "Mine"})):
        shown = testapp.get(f"/expenses/{expense_id}/{action}", status=403)
        assert "You submitted this expense, so you cannot decide on it" in text_of(shown.text)
        assert "confirm-form" not in shown.text
        refused = testapp.post(f"/expenses/{expense_id}/{action}", {"csrf_token": csrf(testapp), **fields}, status=403)
        assert "someone else of the secretariat approves or rejects it" in text_of(refused.text)
    assert expenses(db, campaign_id)[0][2] == "submitted"

    login(testapp, "other-sec@example.org")
    testapp.get(f"/expenses/{expense_id}/approve").forms["confirm-form"].submit("confirm", status=302)
    assert expenses(db, campaign_id)[0][2] == "approved"
    again = testapp.post(f"/expenses/{expense_id}/approve", {"csrf_token": csrf(testapp), "confirm": "1"}, status=409)
    assert "nothing was changed" in text_of(again.text)


def test_a_rejected_expense_says_why_and_stays_out_of_the_ledger(testapp, db, make_user, secretariat, at):
    campaign_id, _r = add_campaign(db)
    owner = make_user("owner@example.org")
    make_owner(db, campaign_id, owner, role="contributor")  # the core's sharing form gives this role
    expense_id = add_expense(db, campaign_id, 0, 12000, description="Dinner", state="submitted", submitted_by=owner)
    login(testapp, "sec@example.org")
    form = testapp.get(f"/expenses/{expense_id}/reject").forms["deform"]
    refused = form.submit("reject", status=400)
    assert "Required" in text_of(refused.text)
    form = refused.forms["deform"]
    form["reason"] = "Not a cost of the translation."
    form.submit("reject", status=302)
    assert expenses(db, campaign_id)[0][2] == "rejected"
    login(testapp, "owner@example.org")
    assert "Not a cost of the translation." in text_of(testapp.get(f"/campaigns/{campaign_id}/expenses").text)
    assert "Dinner" not in testapp.get(f"/campaigns/{campaign_id}/ledger").text


def test_only_owners_and_the_secretariat_see_and_submit_expenses(testapp, db, make_user, at):
    campaign_id, _r = add_campaign(db)
    owner = make_user("owner@example.org")
    make_owner(db, campaign_id, owner)
    expense_id = add_expense(db, campaign_id, 0, 5000, state="submitted", submitted_by=owner)
    testapp.get(f"/campaigns/{campaign_id}/expenses", status=302)  # anonymous: asked to log in
    assert "/expenses" not in testapp.get(f"/campaigns/{campaign_id}").text.replace("/ledger", "")
    make_user("member@example.org")
    make_user("editor@example.org", role="editor")
    for email in ("member@example.org", "editor@example.org"):
        login(testapp, email)
        testapp.get(f"/campaigns/{campaign_id}/expenses", status=403)
        testapp.post(f"/campaigns/{campaign_id}/expenses", {"csrf_token": csrf(testapp), "submit": "1"}, status=403)
    login(testapp, "owner@example.org")  # an owner submits, never decides
    testapp.get(f"/expenses/{expense_id}/approve", status=403)
    testapp.post(f"/expenses/{expense_id}/approve", {"csrf_token": csrf(testapp), "confirm": "1"}, status=403)
    assert expenses(db, campaign_id)[0][2] == "submitted"


def test_bad_input_is_refused_with_everything_typed_and_the_receipt_kept(testapp, db, secretariat, at):
    campaign_id, _r = add_campaign(db)
    login(testapp, "sec@example.org")
    res = expense_form(testapp, campaign_id, amount="12.345", description="Ink and paper").submit("submit", status=400)
    assert "Amounts in EUR have at most 2 decimals." in text_of(res.text)
    form = res.forms["deform"]
    assert form["description"].value == "Ink and paper" and form["spent_on"].value == "2026-11-20"
    assert "invoice.pdf : added when you save" in text_of(res.text)
    form["amount"] = "12.34"
    form.submit("submit", status=302)
    assert expenses(db, campaign_id) == [(1, 1234, "submitted", secretariat, None, ["invoice.pdf"])]

    res = expense_form(testapp, campaign_id, receipts=()).submit("submit", status=400)
    assert "Add the receipt of the expense (a PDF or an image)." in text_of(res.text)
    res = expense_form(testapp, campaign_id, receipts=[(f"page-{n}.pdf", RECEIPT) for n in range(11)])
    res = res.submit("submit", status=400)
    assert "An expense has at most 10 receipts: put several pages in one PDF." in text_of(res.text)
    assert "page-10.pdf : added when you save" in text_of(res.text)  # none lost: fewer can be kept
    res = expense_form(testapp, campaign_id, receipts=(("page.html", b"<html><script>x</script></html>"),),
                       amount="0").submit("submit", status=400)
    text = text_of(res.text)
    assert "page.html: This type of file is not accepted." in text
    assert "An expense is more than nothing: write its amount." in text
    form = expense_form(testapp, campaign_id)
    form["line"].force_value("7")  # a line the budget has not
    form.submit("submit", status=400)
    assert len(expenses(db, campaign_id)) == 1


def test_an_expense_over_what_is_left_on_its_line_warns_the_approver(testapp, db, make_user, secretariat, at):
    campaign_id, _r = add_campaign(db)  # Printing: €1,000.00 planned
    owner = make_user("owner@example.org")
    make_owner(db, campaign_id, owner)
    add_expense(db, campaign_id, 1, 80000)
    over = add_expense(db, campaign_id, 1, 30000, description="Binding", state="submitted", submitted_by=owner)
    within = add_expense(db, campaign_id, 0, 30000, description="Review", state="submitted", submitted_by=owner)
    warning = "Over its budget line: “Printing” has €200.00 left and this expense is €300.00, €100.00 more."
    login(testapp, "sec@example.org")
    listing = testapp.get(f"/campaigns/{campaign_id}/expenses")
    assert warning in text_of(str(listing.html.select_one(f"#expense-{over}")))
    assert "Over its budget line" not in text_of(str(listing.html.select_one(f"#expense-{within}")))
    confirm = testapp.get(f"/expenses/{over}/approve")
    assert warning in text_of(str(confirm.html.select_one(".expense-warning")))
    confirm.forms["confirm-form"].submit("confirm", status=302)  # a warning, not a refusal
    page = testapp.get(f"/campaigns/{campaign_id}")
    [printing] = [r for r in page.html.select(".campaign-spending-table tbody tr") if "Printing" in r.text]
    assert text_of(str(printing)) == "Printing €1,000.00 €1,100.00 -€100.00 (over budget)"
    login(testapp, "owner@example.org")  # the owner is not the one warned
    assert "Over its budget line" not in testapp.get(f"/campaigns/{campaign_id}/expenses").text


def test_the_ledger_as_open_data_keeps_anonymity_and_no_email(testapp, db, at):
    campaign_id, _r = add_campaign(db)
    paid_pledge(db, campaign_id, 10000, name="Ana Souza", email="ana@example.org", days_ago=9)
    paid_pledge(db, campaign_id, 5000, name="Bruno Secret", anonymous=True, email="bruno@example.org", days_ago=8)
    paid_pledge(db, campaign_id, 7000, name="Carla Waits", email="carla@example.org", state="pledged")
    add_expense(db, campaign_id, 0, 4000, description="=HYPERLINK(\"x\")", state="paid")
    add_expense(db, campaign_id, 1, 999, description="Not yet approved", state="submitted")
    add_expense(db, campaign_id, 1, 888, description="Rejected one", state="rejected")

    data = testapp.get(f"/campaigns/{campaign_id}/ledger.json")
    assert data.content_type == "application/json"
    assert data.json["currency"] == "EUR"
    assert [(e["date"], e["kind"], e["who"], e["budget_line"], e["amount"], e["balance"]) for e in data.json["entries"]] == [
        ("2026-11-20", "expense", "", "Translation", "-40.00", "-40.00"),
        ("2026-11-22", "income", "Ana Souza", "", "100.00", "60.00"),
        ("2026-11-23", "income", "Anonymous", "", "50.00", "110.00")]
    sheet = testapp.get(f"/campaigns/{campaign_id}/ledger.csv")
    assert sheet.content_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(sheet.text)))
    assert [(r["kind"], r["who"], r["amount"], r["balance"]) for r in rows] == [
        ("expense", "", "-40.00", "-40.00"), ("income", "Ana Souza", "100.00", "60.00"),
        ("income", "Anonymous", "50.00", "110.00")]
    assert rows[0]["description"] == "'=HYPERLINK(\"x\")"  # never run as a formula by a spreadsheet
    page = text_of(testapp.get(f"/campaigns/{campaign_id}/ledger").text)
    assert "Pledge from Anonymous" in page and "Received: €150.00" in page and "Balance: €110.00" in page
    for body in (data.text, sheet.text, page):
        assert "@" not in body and "Bruno" not in body and "Carla" not in body and "CF-" not in body
        assert "Not yet approved" not in body and "Rejected one" not in body


def test_planned_against_spent_stays_on_the_page_after_the_campaign(testapp, db, at):
    campaign_id, _r = add_campaign(db, days=(-60, -10))
    add_expense(db, campaign_id, 0, 80000, state="approved")
    add_expense(db, campaign_id, 0, 20000, state="paid")
    add_expense(db, campaign_id, 1, 50000, state="submitted")  # not spent until approved
    page = testapp.get(f"/campaigns/{campaign_id}")
    assert "Ended on" in text_of(page.text)
    table = page.html.select_one(".table-wrap table.listing.campaign-spending-table")
    assert [th.text for th in table.select("thead th")] == ["Budget line", "Planned", "Spent", "Left"]
    assert [text_of(str(r)) for r in table.select("tbody tr")] == [
        "Translation €3,000.00 €1,000.00 €2,000.00", "Printing €1,000.00 €0.00 €1,000.00"]
    assert text_of(str(table.select_one("tfoot"))) == "Total €4,000.00 €1,000.00"
    assert page.click(description="The ledger: income and expenses, with receipts").status_int == 200


def test_a_draft_campaigns_ledger_and_receipts_are_not_public(testapp, app, db, make_user, secretariat, at):
    from portal.testing import client
    campaign_id, _r = add_campaign(db, state="draft")
    owner = make_user("owner@example.org")
    make_owner(db, campaign_id, owner)
    login(testapp, "owner@example.org")  # the owners prepare its spending before it is published
    expense_form(testapp, campaign_id).submit("submit", status=302)
    receipt_url = testapp.get(f"/campaigns/{campaign_id}/expenses").html.select_one(".expenses-table td a")["href"]
    login(testapp, "sec@example.org")
    expense_id = receipt_url.split("/")[2]
    testapp.get(f"/expenses/{expense_id}/approve").forms["confirm-form"].submit("confirm", status=302)
    visitor = client(app)
    visitor.get(f"/campaigns/{campaign_id}/ledger", status=302)
    visitor.get(f"/campaigns/{campaign_id}/ledger.json", status=302)
    visitor.get(receipt_url, status=404)  # approved, but of a campaign nobody may see yet
    login(testapp, "owner@example.org")
    assert testapp.get(receipt_url).body == RECEIPT


def test_an_expense_dated_in_the_future_is_refused(testapp, db, secretariat, at):
    campaign_id, _r = add_campaign(db)  # the clock: 2026-12-01 00:00 UTC, the same day in Lisbon
    login(testapp, "sec@example.org")
    res = expense_form(testapp, campaign_id, spent_on="2026-12-02").submit("submit", status=400)
    assert "An expense is submitted once it is made: its date cannot be in the future." in text_of(res.text)
    res.forms["deform"]["spent_on"] = "2026-12-01"
    res.forms["deform"].submit("submit", status=302)
    assert len(expenses(db, campaign_id)) == 1
