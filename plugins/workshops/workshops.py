"""The workshops' rules: the guide's programme template, the length limit and the event in the calendar
(through the events plugin's registered content type "event", never by importing that plugin)."""
from datetime import datetime, time
from zoneinfo import ZoneInfo

from portal.api import _, content_service, translate

from .workshop_models import HALVES, MAX_DAYS

# the guide's proposal of content and structure, by half-day
TEMPLATE = {(1, "am"): _("Welcome and context (the situation and the theme)"),
            (1, "pm"): _("Site visit to the place concerned by the theme; first framing of the needs"),
            (2, "am"): _("Good practices answering the needs found on day 1 (experiences of the database)"),
            (2, "pm"): _("Proposals for the common problems; choosing the priority problem"),
            (3, "am"): _("First sketch of a pilot project (see the pilot project template)"),
            (3, "pm"): ""}
HALF_TITLES = {"am": _("Morning"), "pm": _("Afternoon")}
TOO_LONG = _("A workshop lasts at most 2 or 3 days (the workshop guide): choose an end at most 3 days after "
             "the start.")


def slot_name(day, half):
    return f"day{day}_{half}"


def template_programme(request):
    """The form's programme fields prefilled from the guide, in the reader's language."""
    return {slot_name(day, half): translate(TEMPLATE[(day, half)], request) if TEMPLATE[(day, half)] else ""
            for day in range(1, MAX_DAYS + 1) for half in HALVES}


def programme_of(values, days):
    """The programme from the form's fields, the days the workshop has."""
    return [{"day": day, "half": half, "text": values.get(slot_name(day, half), "").strip()}
            for day in range(1, days + 1) for half in HALVES if values.get(slot_name(day, half), "").strip()]


def programme_fields(workshop):
    return {slot_name(s["day"], s["half"]): s["text"] for s in workshop.programme}


def sync_event(request, workshop):
    """The workshop as an event of the calendar (kind "workshop", 9:00-18:00 in its zone), made once and
    kept up to date; nothing when the events plugin is off."""
    info = request.registry.portal.content_types.get("event")
    if info is None:
        return None
    zone = ZoneInfo(workshop.timezone or "UTC")
    starts = datetime.combine(workshop.starts, time(9), zone).astimezone(ZoneInfo("UTC"))
    ends = datetime.combine(workshop.ends, time(18), zone).astimezone(ZoneInfo("UTC"))
    pilot = workshop.network.pilot
    columns = dict(timezone=workshop.timezone or "UTC", starts=starts, ends=ends, venue=workshop.venue,
                   city=workshop.city or pilot.name, country=pilot.country, member_id=pilot.id,
                   organiser=f"{pilot.name} · {translate(_('Secretariat'), request)}")
    event = request.dbsession.get(info.factory, workshop.event_id) if workshop.event_id else None
    if event is None:
        event = content_service.create(request, info, {"title": workshop.title}, fields=["title"],
                                       state="published", **columns)
        workshop.event_id = event.id
    else:
        for name, value in columns.items():
            setattr(event, name, value)
    event.kind = "workshop"
    return event
