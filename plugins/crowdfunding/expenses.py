"""Spending in the open (as Open Collective's expenses): a campaign's owners submit an expense against one
of its budget lines, with its receipts; someone else of the secretariat approves or rejects it (nobody
decides on their own expense), then records its payment. Approved and paid expenses are public: on the
campaign's page (planned against spent per line), in its ledger and with their receipts."""
from datetime import date, datetime

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from sqlalchemy import Date, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, FileAttachment, UTCDateTime, utcnow

from .models import Campaign
from .permissions import owner_principals

EXPENSE_STATES = ("submitted", "approved", "rejected", "paid")
SPENT = ("approved", "paid")  # what counts against a line, is public and enters the ledger


class Expense(Base):
    """Money spent on a budget line (`line`: its index in the campaign's budget; `line_what` keeps its
    name as it was, should the budget be rewritten). Amounts in minor units of the campaign's currency."""
    __tablename__ = "crowd_expenses"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    line_what: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[int] = mapped_column(Integer)
    spent_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                     index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was rejected
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    campaign: Mapped[Campaign] = relationship()
    submitter = relationship("User", foreign_keys=[submitted_by])
    decider = relationship("User", foreign_keys=[decided_by])
    receipts: Mapped[list["ExpenseReceipt"]] = relationship(back_populates="expense", cascade="all, delete-orphan",
                                                            passive_deletes=True, order_by="ExpenseReceipt.id")

    @property
    def __acl__(self):
        """Its receipts: the secretariat's and the owners' while it waits or was rejected; anyone's once
        approved (the receipt view also asks that the campaign itself be visible)."""
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        acl += [(Allow, principal, ("view",)) for principal in owner_principals(self.campaign)]
        if self.state in SPENT:
            acl.append((Allow, Everyone, "view"))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    def line_name(self) -> str:
        budget = self.campaign.budget or []
        return budget[self.line]["what"] if 0 <= self.line < len(budget) else self.line_what


class ExpenseReceipt(FileAttachment, Base):
    """A receipt of an expense."""
    __tablename__ = "crowd_expense_receipts"
    expense_id: Mapped[int] = mapped_column(ForeignKey("crowd_expenses.id", ondelete="CASCADE"), index=True)
    expense: Mapped[Expense] = relationship(back_populates="receipts")


def spent_by_line(session, campaign_id: int) -> dict[int, int]:
    """{line index: approved or paid amount}."""
    rows = session.execute(select(Expense.line, func.sum(Expense.amount))
                           .where(Expense.campaign_id == campaign_id, Expense.state.in_(SPENT))
                           .group_by(Expense.line)).all()
    return {int(line): int(total) for line, total in rows}


def planned_and_spent(session, campaign) -> list[dict]:
    """Each budget line with what was planned, spent and is left (over: spent beyond the plan)."""
    spent = spent_by_line(session, campaign.id)
    return [{"line": n, "what": line["what"], "planned": line["amount"], "spent": spent.get(n, 0),
             "left": line["amount"] - spent.get(n, 0)} for n, line in enumerate(campaign.budget or [])]


def left_on_line(session, expense) -> int:
    """What is left on the expense's line before it (the other approved or paid expenses deducted)."""
    budget = expense.campaign.budget or []
    planned = budget[expense.line]["amount"] if 0 <= expense.line < len(budget) else 0
    others = session.scalar(select(func.coalesce(func.sum(Expense.amount), 0)).where(
        Expense.campaign_id == expense.campaign_id, Expense.line == expense.line, Expense.state.in_(SPENT),
        Expense.id != expense.id))
    return planned - int(others or 0)
