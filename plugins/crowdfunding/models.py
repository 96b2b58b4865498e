"""A campaign (a content item: its title and story in each language, its cover among its images), its
rewards and the pledges made to it. Amounts are whole minor units of the campaign's currency."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, Content, UTCDateTime, clock, utcnow, wall_clock

from .money import plain, to_minor
from .permissions import CrowdfundingPermissions, owner_principals

RULES = ("all_or_nothing", "keep_all")
METHODS = ("transfer", "offline")  # the shipped payment providers (payments.PROVIDERS has them all)
# "committed": an organisation's signed commitment, invoiced later; it counts until paid. "refunded": a
# paid pledge given back (when: Pledge.cancelled, how much: Pledge.refund_amount, the accounting's record
# of the transfer back the secretariat makes); "cancelled": a pledge never paid
PLEDGE_STATES = ("pledged", "committed", "paid", "cancelled", "refunded")
COUNTED = ("pledged", "committed", "paid")  # a cancelled or refunded pledge counts for nothing
UNPAID = ("pledged", "committed")  # counted, and still to be paid
# how a closed campaign ended: its minimum reached ("funded"), all or nothing under it ("failed": pledges
# cancelled, payments refunded), keep what is raised under it ("kept": pledges collected all the same)
OUTCOMES = ("funded", "failed", "kept")


class Campaign(Content):
    __tablename__ = "crowd_campaigns"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    action: Mapped[str] = mapped_column(String(500), default="")  # what of the work plan it funds
    # the member organisation whose action it is, if any (a workshop's pilot city): on its timeline
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # the zone first: the local times of the form are read in it (see start_local)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # [{"what", "amount" (minor units), "required"}]; minimum = required lines, optimum = all
    budget: Mapped[list] = mapped_column(JSON, default=list)
    rule: Mapped[str] = mapped_column(String(20), default="all_or_nothing")
    min_pledge: Mapped[int] = mapped_column(Integer, default=100)
    payment_details: Mapped[str] = mapped_column(Text, default="")  # the account a transfer goes to
    # a second round towards the optimum, of second_round_days after `ends`, when the minimum is reached
    # at the end of the first one (round_two_started: when closing.py started it)
    second_round: Mapped[bool] = mapped_column(Boolean, default=False)
    second_round_days: Mapped[int] = mapped_column(Integer, default=40)
    round_two_started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    outcome: Mapped[str] = mapped_column(String(20), default="")  # OUTCOMES once closed
    warned: Mapped[bool] = mapped_column(Boolean, default=False)  # the owners told the minimum is far

    rewards: Mapped[list["Reward"]] = relationship(back_populates="campaign", cascade="all, delete-orphan",
                                                   passive_deletes=True, order_by="Reward.position")

    __mapper_args__ = {"polymorphic_identity": "campaign"}
    __translatable__ = ("title", "description", "body")

    @property
    def __acl__(self):
        return CrowdfundingPermissions.campaign(Content.__acl__.fget(self),  # type: ignore[attr-defined]
                                                owners=owner_principals(self))

    @property
    def zone(self):
        return ZoneInfo(self.timezone or "UTC")

    # the form edits wall-clock times in the campaign's zone (checked to exist there); the columns keep UTC
    start_local = wall_clock("starts")
    end_local = wall_clock("ends")

    # the budget and the minimum pledge as the form shows them: decimals of the currency
    @property
    def budget_lines(self):
        return [{"what": line["what"], "amount": plain(line["amount"], self.currency),
                 "required": bool(line["required"])} for line in self.budget or []]

    @budget_lines.setter
    def budget_lines(self, rows):
        # the form's check read each amount in the currency chosen ("minor"); else it is read here
        self.budget = [{"what": row["what"], "required": bool(row.get("required")),
                        "amount": row["minor"] if "minor" in row else to_minor(row["amount"], self.currency)}
                       for row in rows or [] if (row.get("what") or "").strip()]

    @property
    def min_pledge_amount(self):
        return plain(self.min_pledge or 0, self.currency)

    @min_pledge_amount.setter
    def min_pledge_amount(self, value):
        self.min_pledge = value if isinstance(value, int) else to_minor(value, self.currency)

    @property
    def reward_rows(self):
        return [{"reward_id": str(r.id), "amount": plain(r.amount, self.currency), "description": r.description,
                 "quantity": "" if r.quantity is None else str(r.quantity)} for r in self.rewards]

    @reward_rows.setter
    def reward_rows(self, rows):
        """Rewards kept by their id (pledges point to them); a reward someone has taken is never removed."""
        old = {str(r.id): r for r in self.rewards}
        kept = []
        for position, row in enumerate(rows or []):
            if not (row.get("description") or "").strip():
                continue
            reward = old.pop(row.get("reward_id") or "", None) or Reward()
            reward.position = position
            reward.description = row["description"].strip()
            reward.amount = row["minor"] if "minor" in row else to_minor(row["amount"], self.currency)
            quantity = str(row.get("quantity") or "").strip()
            reward.quantity = int(quantity) if quantity else None
            kept.append(reward)
        kept += [r for r in old.values() if r.taken]
        self.rewards = kept

    @property
    def minimum(self) -> int:
        return sum(line["amount"] for line in self.budget or [] if line["required"])

    @property
    def optimum(self) -> int:
        return sum(line["amount"] for line in self.budget or [])

    @property
    def final_end(self) -> datetime:
        """When pledges stop: the end of the second round once it started, else `ends`."""
        if self.round_two_started is None:
            return self.ends
        return self.ends + timedelta(days=self.second_round_days or 0)

    def phase(self, now=None) -> str:
        now = now or clock.now()
        if now < self.starts:
            return "upcoming"
        return "open" if now < self.final_end and self.closed is None else "ended"

    @property
    def is_open(self) -> bool:
        return self.phase() == "open"


class Reward(Base):
    """What a supporter receives for a pledge of at least `amount`; `quantity` None: unlimited. `taken`
    only grows through one conditional UPDATE (pledges.take_reward), so a limited reward is never oversold."""
    __tablename__ = "crowd_rewards"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    amount: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    taken: Mapped[int] = mapped_column(Integer, default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="rewards")

    @property
    def left(self) -> int | None:
        return None if self.quantity is None else max(self.quantity - self.taken, 0)


class Pledge(Base):
    """A supporter's promise; with a bank transfer it waits ("pledged") under its reference until the
    secretariat records the payment ("paid"). The idempotency key of the form that made it is unique: the
    same form sent twice makes one pledge."""
    __tablename__ = "crowd_pledges"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    reward_id: Mapped[int | None] = mapped_column(ForeignKey("crowd_rewards.id", ondelete="SET NULL"),
                                                  nullable=True, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    amount: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(8), default="en")
    method: Mapped[str] = mapped_column(String(20), default="transfer")
    state: Mapped[str] = mapped_column(String(20), default="pledged", index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    paid: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # cancelled or refunded
    refund_amount: Mapped[int | None] = mapped_column(Integer, nullable=True)  # minor units given back
    updates: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # mail me the updates

    campaign: Mapped[Campaign] = relationship()
    reward: Mapped[Reward | None] = relationship()

    @property
    def __acl__(self):
        return CrowdfundingPermissions.pledge(self)

    @property
    def shown_name(self) -> str:
        return "" if self.anonymous else self.name


# the tables of the plugin's other modules, in the metadata wherever the models are loaded (alembic
# compares every models module's metadata)
from . import commitments, expenses, matching, returns, updates  # noqa: E402,F401
