"""A campaign's public ledger: the money that came in (paid pledges; a supporter who asked not to be
named is "Anonymous") and went out (approved and paid expenses), in date order with the running
balance. No e-mail address, no bank reference: it is open data (ledger.csv, ledger.json)."""
from sqlalchemy import select

from .expenses import SPENT, Expense
from .models import Pledge
from .money import plain

LEDGER_COLUMNS = ("date", "kind", "who", "budget_line", "description", "amount", "balance", "currency", "state")


def ledger_entries(session, campaign) -> list[dict]:
    """[{date, kind ("income"/"expense"), who (None: anonymous), budget_line, description, amount (minor
    units, negative for an expense), balance, state}] in date order."""
    zone = campaign.zone
    entries = []
    for pledge in session.scalars(select(Pledge).where(Pledge.campaign_id == campaign.id, Pledge.state == "paid")):
        moment = pledge.paid or pledge.created
        entries.append({"date": moment.astimezone(zone).date(), "kind": "income", "order": (0, pledge.id),
                        "who": None if pledge.anonymous or not pledge.name else pledge.name,
                        "budget_line": "", "description": "", "amount": pledge.amount, "state": "paid"})
    for expense in session.scalars(select(Expense).where(Expense.campaign_id == campaign.id,
                                                         Expense.state.in_(SPENT))):
        entries.append({"date": expense.spent_on, "kind": "expense", "order": (1, expense.id), "who": None,
                        "budget_line": expense.line_name(), "description": expense.description,
                        "amount": -expense.amount, "state": expense.state, "expense": expense})
    entries.sort(key=lambda e: (e["date"], e["order"]))
    balance = 0
    for entry in entries:
        balance += entry["amount"]
        entry["balance"] = balance
    return entries


def open_rows(campaign, entries, anonymous: str) -> list[dict]:
    """The entries as open data: amounts as decimals of the currency, anonymity kept."""
    currency = campaign.currency
    return [{"date": e["date"].isoformat(), "kind": e["kind"],
             "who": e["who"] if e["who"] is not None else (anonymous if e["kind"] == "income" else ""),
             "budget_line": e["budget_line"], "description": e["description"],
             "amount": plain(e["amount"], currency), "balance": plain(e["balance"], currency),
             "currency": currency, "state": e["state"]} for e in entries]
