"""How the awards write dates and states for a reader: in the call's own time zone, in the reader's language."""
from portal.api import _, datetime_text, here_and_there

STATE_TITLES = {"upcoming": _("Upcoming"), "open": _("Open"), "closed": _("Closed"),
                "evaluation": _("Under evaluation"), "published": _("Results published")}
OUTCOME_TITLES = {"winner": _("Winner"), "mention": _("Special mention")}


def when(request, call, value):
    """A date-time in the call's time zone, as the reader writes dates, with its city named, and on the
    reader's clock too when theirs reads otherwise ("…11:59 PM in São Paulo, …3:59 AM in Dakar")."""
    return here_and_there(request, value, call.timezone)


def when_in(language, call, value):
    """The same in a given language: a mail is written in its recipient's ("1 de dez. de 2026 19:53")."""
    if value is None:
        return ""
    return f"{datetime_text(language or 'en', value, call.timezone)} ({call.timezone.replace('_', ' ')})"

