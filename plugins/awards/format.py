"""How the awards write dates and states for a reader: in the call's own time zone, in the reader's language."""
from babel.dates import format_date, format_time

from portal.api import _

STATE_TITLES = {"upcoming": _("Upcoming"), "open": _("Open"), "closed": _("Closed"),
                "evaluation": _("Under evaluation"), "published": _("Results published")}
OUTCOME_TITLES = {"winner": _("Winner"), "mention": _("Special mention")}


def when(request, call, value):
    """A date-time in the call's time zone, as the reader writes dates, with the zone named."""
    if value is None:
        return ""
    local = value.astimezone(call.zone)
    text = (format_date(local, "medium", locale=request.locale_name) + ", "
            + format_time(local, "short", tzinfo=call.zone, locale=request.locale_name))
    return f"{text} ({call.timezone.replace('_', ' ')})"

