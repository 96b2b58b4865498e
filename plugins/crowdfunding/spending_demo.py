"""The demo's spending: the Dakar workshop's owner (the antenna's contact, Awa Diop) submitted its
expenses; the room is paid, part of the travel approved, and a second travel expense, over what is left
on its line, waits for the secretariat."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import LocalRole, Request, User

from .expenses import Expense

EXPENSES = [  # line, amount (XOF), what, state, days after the end
    (0, 1400000, "Hotel conference room, two days, with interpretation booths", "paid", 2),
    (1, 900000, "Flights of three speakers from Bamako and Ouagadougou", "approved", 5),
    (1, 1500000, "Flights of the speakers from Porto Alegre and Montréal", "submitted", 9),
]


def add_demo_expenses(request: Request, campaign) -> None:
    db = request.dbsession
    owner = db.scalar(select(User).where(User.email == "dakar@example.org"))
    approver = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    if owner is not None:
        db.add(LocalRole(content_id=campaign.id, principal=f"user:{owner.id}", role="owner"))
    for line, amount, what, state, days in EXPENSES:
        when = campaign.ends + timedelta(days=days)
        decided = state != "submitted"
        db.add(Expense(campaign_id=campaign.id, line=line, line_what=campaign.budget[line]["what"], description=what,
                       amount=amount, spent_on=when.date(), state=state, submitted_by=owner.id if owner else None,
                       submitted_at=when, decided_by=approver.id if decided and approver else None,
                       decided_at=when + timedelta(days=1) if decided else None, reason="",
                       paid_at=when + timedelta(days=2) if state == "paid" else None))
    db.flush()
