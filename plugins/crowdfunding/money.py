"""Amounts of money: typed as decimals in the campaign's currency, kept as whole minor units (cents),
with as many decimals as the currency has (babel: 2 for EUR, 0 for JPY, 3 for TND)."""
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
CURRENCIES = ("EUR", "USD", "BRL", "MXN", "COP", "ARS", "CLP", "XOF", "MAD", "TND", "CAD", "GBP", "CHF", "JPY")


class BadAmount(ValueError):
    """reason: "number" (not a number), "negative", "decimals" (more than the currency has)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def decimals(currency: str) -> int:
    return get_currency_precision(currency)


def to_minor(text, currency: str) -> int:
    """"12.50" EUR -> 1250; a comma is read as the decimal point ("12,50"); refused: BadAmount."""
    raw = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    if not NUMBER.match(raw):
        raise BadAmount("number")
    value = Decimal(raw)
    if value < 0:
        raise BadAmount("negative")
    places = decimals(currency)
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise BadAmount("decimals")
    return int((value.scaleb(places)).to_integral_value(ROUND_HALF_UP))


def to_decimal(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-decimals(currency))


def plain(minor: int, currency: str) -> str:
    """The amount as a form shows it: "12.50", "1000"."""
    return f"{to_decimal(minor, currency):f}"


def money(minor: int, currency: str, locale: str = "en") -> str:
    """"€12.50", "12,50 €" in the reader's language."""
    return format_currency(to_decimal(minor or 0, currency), currency, locale=locale or "en")
