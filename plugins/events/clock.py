"""The time "now" for everything that sorts events into upcoming and past.

One function, looked up at each call (`clock.now()`), so tests set the day they need with
monkeypatch.setattr("plugins.events.clock.now", ...)."""
from datetime import datetime, timezone


def now():
    return datetime.now(timezone.utc)
