"""Dates and times of an event as a reader expects them: in the event's own zone, in the reader's language."""
from babel.dates import (format_date, format_datetime, format_interval, format_skeleton, format_time,
                         get_timezone_name)

from portal.api import place_of


def when(event, locale):
    """{"dates", "times", "zone"}: e.g. "Monday, March 1, 2027", "9:30 AM – 5:00 PM",
    "Central European Standard Time (GMT+01:00)"."""
    tz = event.tz
    start, end = event.starts.astimezone(tz), event.ends.astimezone(tz)
    if start.date() == end.date():
        dates = format_date(start, "full", locale=locale)
        times = f"{format_time(start, 'short', tzinfo=tz, locale=locale)} – {format_time(end, 'short', tzinfo=tz, locale=locale)}"
    else:
        dates = format_interval(start.date(), end.date(), "yMMMEd", locale=locale)
        times = (f"{format_skeleton('MMMEd', start, tzinfo=tz, locale=locale)} {format_time(start, 'short', tzinfo=tz, locale=locale)}"
                 f" – {format_skeleton('MMMEd', end, tzinfo=tz, locale=locale)} {format_time(end, 'short', tzinfo=tz, locale=locale)}")
    return {"dates": dates, "times": times, "zone": zone_label(start, locale)}


def zone_label(moment, locale):
    offset = format_datetime(moment, "ZZZZ", tzinfo=moment.tzinfo, locale=locale)
    return f"{get_timezone_name(moment, locale=locale)} ({offset})"


def short_when(event, locale):
    """For a listing: "Mon, Mar 1, 2027, 9:30 AM" or "Mon, Mar 1 – Wed, Mar 3, 2027"."""
    tz = event.tz
    start, end = event.starts.astimezone(tz), event.ends.astimezone(tz)
    if start.date() == end.date():
        return (f"{format_skeleton('yMMMEd', start, tzinfo=tz, locale=locale)}, "
                f"{format_time(start, 'short', tzinfo=tz, locale=locale)}–{format_time(end, 'short', tzinfo=tz, locale=locale)}")
    return format_interval(start.date(), end.date(), "yMMMEd", locale=locale)


def month_heading(moment, locale):
    """"March 2027", "Marzo de 2027": a heading starts with a capital, whatever the language does mid-sentence."""
    text = format_skeleton("yMMMM", moment, locale=locale)
    return text[:1].upper() + text[1:]


def short_date(event, locale):
    return format_skeleton("yMMMd", event.starts.astimezone(event.tz), tzinfo=event.tz, locale=locale)


def zone_place(event, locale):
    """For a listing, the zone its times are in, by its place: "Uruguay Time", "hora de Francia"; "UTC"."""
    return place_of(event.timezone, locale, style="country")
