"""Time zones for forms and pages: the choices of a zone select, a local date-time typed in a zone
turned into UTC (what is stored), and a moment written in a zone and a language with the zone's name.

Every moment is stored in UTC; a person types and reads it in their own zone."""
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import format_date, format_time, get_datetime_format, get_timezone_location, get_timezone_name


Length = Literal["full", "long", "medium", "short"]


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """UTC, then the zones of the world's places ("America/Sao_Paulo"), in alphabetical order, without the
    legacy aliases ("US/Eastern", "Brazil/East")."""
    legacy = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Mexico/", "Chile/", "posix/", "right/")
    places = sorted(z for z in available_timezones() if "/" in z and not z.startswith(legacy))
    return ("UTC", *places)


def zone_choices() -> list[tuple[str, str]]:
    return [(z, z.replace("_", " ")) for z in zone_names()]


def is_zone(name: str) -> bool:
    return name in zone_names()


ZONE_COOKIE = "portal_tz"  # the browser's zone, written by static/js/portal.js


def reader_zone(request: Any) -> str:
    """The zone a page shows times in: the person's (their account), else their browser's (a cookie the
    portal's script sets), else the site's (`portal.timezone`), else UTC."""
    user = getattr(request, "user", None)
    for zone in (getattr(user, "timezone", ""), request.cookies.get(ZONE_COOKIE, ""),
                 request.registry.settings.get("portal.timezone", "")):
        if zone and is_zone(zone):
            return zone
    return "UTC"


class NoSuchTime(ValueError):
    """A local time the clocks skip in that zone (the hour lost when summer time begins)."""


def local_to_utc(local: datetime, zone: str) -> datetime:
    """The UTC moment of a wall-clock time in `zone`; of a time shown twice (when summer time ends),
    the first."""
    tz = ZoneInfo(zone)
    moment = local.replace(tzinfo=tz)
    if moment.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != local:
        raise NoSuchTime(local)
    return moment.astimezone(timezone.utc)


def zone_label(moment: datetime, zone: str, locale: str) -> str:
    """"Central European Standard Time (Europe/Madrid)" in the reader's language, for that moment."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz, zone = ZoneInfo("UTC"), "UTC"
    name = get_timezone_name(moment.astimezone(tz), locale=locale)
    return name if zone == "UTC" else f"{name} ({zone.replace('_', ' ')})"


def moment_text(moment: datetime, zone: str, locale: str) -> str:
    """"Tuesday, December 1, 2026, 9:00 AM" as the reader writes it, in `zone` (without its name)."""
    return datetime_text(locale, moment, zone, "full")


def zone_info(zone: str | None) -> ZoneInfo:
    """The zone of that name; UTC for none or an unknown name (a stored zone a newer tzdata renamed)."""
    try:
        return ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def date_text(locale: str, value: date | datetime | None, length: Length = "medium", zone: str | None = None) -> str:
    """A date as the reader writes it ("22 nov. 2026", "Nov 22, 2026"); a moment's date in `zone`."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (value.astimezone(zone_info(zone)) if value.tzinfo else value).date()
    return format_date(value, length, locale=locale)


def machine_time(value: date | datetime | None) -> str:
    """The value of a <time datetime="...">: a date as 2026-12-02, a moment to the second with its offset
    (HTML allows at most three decimals of a second, a stored moment may have six)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def datetime_text(locale: str, moment: datetime | None, zone: str | None = "UTC", length: Length = "medium",
                  with_zone: bool = False) -> str:
    """A moment as the reader writes it, in `zone` ("22 nov. 2026, 9:30", "Nov 22, 2026, 9:30 AM"), the
    zone named after it when `with_zone`. Templates have it as datetime_text(value, zone); mails and
    pages of plugins call it with the recipient's or the reader's language."""
    if moment is None:
        return ""
    tz = zone_info(zone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # stored moments are UTC
    local = moment.astimezone(tz)
    date_part, time_part = format_date(local, length, locale=locale), format_time(local, "short", tzinfo=tz, locale=locale)
    # the language's own way of joining them ("{1} 'à' {0}" in French), as babel's format_datetime does
    text = str(get_datetime_format(length, locale=locale)).replace("'", "").replace("{0}", time_part).replace("{1}", date_part)
    return f"{text} ({zone_label(moment, zone or 'UTC', locale)})" if with_zone else text


def place_of(zone: str | None, locale: str, style: Literal["city", "country"] = "city") -> str:
    """Where a zone's clocks are, in the reader's language: style "city", the city it is named after
    ("São Paulo", "Montevideo"); "country", the time of its country ("Uruguay Time", "hora de Francia").
    "UTC" for UTC, none or an unknown zone."""
    if not zone or zone == "UTC" or not is_zone(zone):
        return "UTC"
    return get_timezone_location(ZoneInfo(zone), locale=locale, return_city=style == "city")


def same_clock(moment: datetime, zone: str, other: str) -> bool:
    """Whether clocks in both zones read the same at that moment (Lisbon and Dakar in winter)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone_info(zone)).utcoffset() == moment.astimezone(zone_info(other)).utcoffset()


def wall_clock(column: str, zone_attribute: str = "timezone", to_utc: Any = None) -> property:
    """A model's property that reads and writes the UTC datetime `column` as a naive wall-clock time in the
    zone its `zone_attribute` names: what a form with LocalDateTime fields edits (an event's, a campaign's
    start and end). to_utc(local, zone) turns a typed time into UTC (default local_to_utc)."""
    convert = to_utc or local_to_utc

    def get(obj: Any) -> datetime | None:
        value = getattr(obj, column)
        return value.astimezone(zone_info(getattr(obj, zone_attribute))).replace(tzinfo=None) if value else None

    def put(obj: Any, value: datetime) -> None:
        setattr(obj, column, convert(value, getattr(obj, zone_attribute) or "UTC"))
    return property(get, put)
