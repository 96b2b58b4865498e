"""The one clock every time decision of the awards reads (opening, deadline, evaluation, publication):
tests replace `now` to stand on either side of a date."""
from datetime import datetime, timezone


def now():
    return datetime.now(timezone.utc)
