"""How the awards write dates and states for a reader: in the call's own time zone, in the reader's language."""
from portal.api import _, datetime_text

STATE_TITLES = {"upcoming": _("Upcoming"), "open": _("Open"), "closed": _("Closed"),
                "evaluation": _("Under evaluation"), "published": _("Results published")}
OUTCOME_TITLES = {"winner": _("Winner"), "mention": _("Special mention")}


def when(request, call, value):
    """A date-time in the call's time zone, as the reader writes dates, with the zone named."""
    if value is None:
        return ""
    return f"{datetime_text(request.locale_name, value, call.timezone)} ({call.timezone.replace('_', ' ')})"

