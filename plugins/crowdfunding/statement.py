"""A bank statement (CSV: a date, an amount and a reference or description per line; ";" or "," between
the values, a decimal comma or point) matched to the pledges waiting for a transfer by the reference
found in each line's text, the amount checked. Recording the matches pays only what is still waiting,
so the same statement imported twice pays nothing twice."""
import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from portal.api import _

from .models import Pledge
from .money import to_decimal
from .payments import PAYABLE

DATE = ("date", "booking date", "value date", "fecha", "data", "date d'opération")
AMOUNT = ("amount", "importe", "montant", "valor", "montante", "credit", "crédito")
TEXT = ("reference", "description", "details", "concepto", "libellé", "descrição", "referencia", "référence")
# the pledge's reference as banks pass it on: any case, its dashes kept, dropped or turned into spaces
REFERENCE = re.compile(r"\bCF[\s\-_./]*(\d+)[\s\-_./]*([A-HJ-NP-Z2-9]{6})(?![A-Z0-9])")
MAX_LINES = 5000


class StatementError(ValueError):
    """The file cannot be read as a statement; `reason` is translatable."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


@dataclass
class Line:
    number: int  # in the file, counting the header as 1
    date: str
    raw_amount: str
    amount: Decimal | None
    text: str
    reference: str | None


@dataclass
class Match:
    line: Line
    outcome: str  # pay, mismatch, paid, cancelled, twice, unknown, unreadable
    pledge: Pledge | None = None


def read_amount(raw: str) -> Decimal | None:
    """"1.234,56", "1,234.56", "-12,50", "+ 80 €", "1 500,00" as a Decimal; None if no number."""
    value = re.sub(r"[^\d,.\-+]", "", raw or "")
    sign = -1 if value.startswith("-") or value.endswith("-") else 1
    value = value.strip("+-")
    if not value or not re.fullmatch(r"[\d.,]+", value):
        return None
    if "," in value and "." in value:  # the last of the two separates the decimals
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1 or value.count(".") > 1:
        value = value.replace(",", "").replace(".", "")
    try:
        return sign * Decimal(value)
    except InvalidOperation:
        return None


def find_reference(text: str) -> str | None:
    found = REFERENCE.search(text.upper())
    return f"CF-{int(found.group(1))}-{found.group(2)}" if found else None


def _column(columns, names):
    return next((i for i, c in enumerate(columns) if c in names), None)


def read_statement(text: str) -> list[Line]:
    rows = [line for line in text.splitlines() if line.strip()]
    if not rows:
        raise StatementError(_("The file is empty."))
    separator = ";" if rows[0].count(";") > rows[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        records = [(reader.line_num, record) for record in reader if any(v.strip() for v in record)]
    except csv.Error as exc:
        raise StatementError(_("The file is not valid CSV: ${reason}.", mapping={"reason": str(exc)})) from None
    header = [c.strip().lower() for c in records[0][1]]
    date, amount = _column(header, DATE), _column(header, AMOUNT)
    texts = [i for i, c in enumerate(header) if c in TEXT]
    if date is None or amount is None or not texts:
        raise StatementError(_("The first line must name the columns: date, amount, and reference or description."))
    if len(records) > MAX_LINES + 1:
        raise StatementError(_("A statement has at most ${count} lines: split the file.", mapping={"count": MAX_LINES}))
    lines = []
    for number, record in records[1:]:
        cell = (lambda i: record[i].strip() if i < len(record) else "")
        described = " ".join(cell(i) for i in texts if cell(i))
        lines.append(Line(number=number, date=cell(date), raw_amount=cell(amount), amount=read_amount(cell(amount)),
                          text=described, reference=find_reference(described)))
    return lines


def match(session, lines: list[Line]) -> list[Match]:
    """Each line with the pledge its reference names and what recording it does."""
    references = {line.reference for line in lines if line.reference}
    pledges = {p.reference: p for p in session.scalars(select(Pledge).where(Pledge.reference.in_(references)))} \
        if references else {}
    seen: set[str] = set()
    found = []
    for line in lines:
        pledge = pledges.get(line.reference or "")
        if line.amount is None or line.amount <= 0:
            found.append(Match(line, "unreadable", pledge))
        elif pledge is None:
            found.append(Match(line, "unknown"))
        elif pledge.reference in seen:
            found.append(Match(line, "twice", pledge))
        elif pledge.state not in PAYABLE:
            found.append(Match(line, "paid" if pledge.state == "paid" else "cancelled", pledge))
        elif to_decimal(pledge.amount, pledge.campaign.currency) != line.amount:
            found.append(Match(line, "mismatch", pledge))
        else:
            seen.add(pledge.reference)
            found.append(Match(line, "pay", pledge))
    return found
