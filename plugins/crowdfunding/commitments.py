"""Pledges in the name of a member organisation: the commitment (who signs it, in what role; the letter
signed and uploaded back), then the invoice the secretariat issues. Such a pledge is "committed" until it
is paid. Invoice numbers run per year and are never reused: they come from a counter per year, not from
the invoices there are (a deleted campaign takes its invoices' rows, never their numbers)."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import Base, UTCDateTime, clock, insert_ignoring_conflicts, utcnow

from .models import Pledge


class Commitment(Base):
    """The organisation a pledge is made in the name of, as it was named then, and its signatory."""
    __tablename__ = "crowd_commitments"
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("crowd_pledges.id", ondelete="CASCADE"), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    signatory: Mapped[str] = mapped_column(String(200))
    signatory_role: Mapped[str] = mapped_column(String(200))
    # the letter signed and uploaded back (a PDF, through the core's upload checks)
    signed_file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="SET NULL"), nullable=True)
    signed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    pledge: Mapped[Pledge] = relationship()
    signed_file = relationship("File")


class Invoice(Base):
    """An invoice of a committed pledge: its number and what it bills, as issued (kept when the pledge
    goes: the accounts keep it)."""
    __tablename__ = "crowd_invoices"
    __table_args__ = (UniqueConstraint("year", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("crowd_pledges.id", ondelete="SET NULL"),
                                                  nullable=True, unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    issued: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    organisation: Mapped[str] = mapped_column(String(200))

    pledge: Mapped[Pledge | None] = relationship()

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:04d}"


class InvoiceCounter(Base):
    """The last invoice number of a year."""
    __tablename__ = "crowd_invoice_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


def represented(user):
    """The member organisation the user represents (an active one), or None."""
    member = getattr(user, "member", None) if user is not None and user.role == "member" else None
    return member if member is not None and member.status == "active" else None


def commitment_of(session, pledge):
    return session.scalars(select(Commitment).where(Commitment.pledge_id == pledge.id)).first()


def invoice_of(session, pledge):
    return session.scalars(select(Invoice).where(Invoice.pledge_id == pledge.id)).first()


def commit(session, pledge, member, signatory: str, role: str) -> Commitment:
    """The pledge made in the name of `member`: committed until paid."""
    found = commitment_of(session, pledge)
    if found is not None:  # the same form sent twice: the first pledge and its commitment
        return found
    pledge.state = "committed"
    commitment = Commitment(pledge_id=pledge.id, member_id=member.id, organisation=member.name,
                            signatory=signatory, signatory_role=role)
    session.add(commitment)
    session.flush()
    return commitment


def next_number(session, year: int) -> int:
    """The year's next invoice number: the counter's row is written first, so two invoices issued at once
    wait for each other and never get the same number."""
    session.execute(insert_ignoring_conflicts(session, InvoiceCounter, ["year"]).values(year=year, last=0))
    session.execute(update(InvoiceCounter).where(InvoiceCounter.year == year)
                    .values(last=InvoiceCounter.last + 1).execution_options(synchronize_session=False))
    return int(session.scalar(select(InvoiceCounter.last).where(InvoiceCounter.year == year)))


def issue_invoice(session, pledge, commitment) -> tuple[Invoice, bool]:
    """(the pledge's invoice, whether it is new): one invoice per pledge."""
    found = invoice_of(session, pledge)
    if found is not None:
        return found, False
    now = clock.now()
    invoice = Invoice(pledge_id=pledge.id, year=now.year, number=next_number(session, now.year), issued=now,
                      amount=pledge.amount, currency=pledge.campaign.currency, organisation=commitment.organisation)
    session.add(invoice)
    session.flush()
    return invoice, True


def committed_total(session, campaign_id) -> int:
    """What organisations have committed to the campaign and not paid yet."""
    return int(session.scalar(select(func.coalesce(func.sum(Pledge.amount), 0))
                              .where(Pledge.campaign_id == campaign_id, Pledge.state == "committed")) or 0)
