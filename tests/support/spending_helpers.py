"""Steps the spending tests share (webtest and browser): an owner of a campaign, a paid pledge and an
expense written straight into the database, the expense form filled as an owner does it."""
from datetime import date, timedelta

from crowd_helpers import NOW

RECEIPT = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_owner(db, campaign_id, user_id, role="owner"):
    from portal.models import LocalRole
    with db() as s:
        s.add(LocalRole(content_id=campaign_id, principal=f"user:{user_id}", role=role))


def paid_pledge(db, campaign_id, amount, name="", anonymous=False, email="backer@example.org", days_ago=5,
                state="paid"):
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        n = s.query(Pledge).count() + 1
        s.add(Pledge(campaign_id=campaign_id, idempotency_key=f"key-{campaign_id}-{n}", reference=f"CF-{campaign_id}-T{n}",
                     amount=amount, name=name, anonymous=anonymous, email=email, state=state,
                     created=NOW - timedelta(days=days_ago + 1),
                     paid=NOW - timedelta(days=days_ago) if state == "paid" else None))


def add_expense(db, campaign_id, line, amount, description="Printing of 200 copies", state="approved",
                submitted_by=None, spent_on=date(2026, 11, 20)):
    from plugins.crowdfunding.expenses import Expense
    with db() as s:
        expense = Expense(campaign_id=campaign_id, line=line, line_what="", description=description, amount=amount,
                          spent_on=spent_on, state=state, submitted_by=submitted_by, submitted_at=NOW, reason="")
        s.add(expense)
        s.flush()
        return expense.id


def expense_form(browser, campaign_id, receipts=(("invoice.pdf", RECEIPT),), **values):
    """The expense form of the campaign's expenses page, filled (line: the budget line's index)."""
    from webtest import Upload
    form = browser.get(f"/campaigns/{campaign_id}/expenses").forms["deform"]
    values = {"line": "1", "description": "Printing of 200 copies", "amount": "450", "spent_on": "2026-11-20",
              **values}
    for name, value in values.items():
        form[name] = value
    if receipts:
        form["add"] = [Upload(name, data) for name, data in receipts]
    return form


def expenses(db, campaign_id):
    from plugins.crowdfunding.expenses import Expense
    with db() as s:
        return [(e.line, e.amount, e.state, e.submitted_by, e.decided_by, [r.file.filename for r in e.receipts])
                for e in s.query(Expense).filter_by(campaign_id=campaign_id).order_by(Expense.id)]
