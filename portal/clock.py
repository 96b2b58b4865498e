"""The portal's one clock for the decisions that depend on the date: a call's deadline, the publication of
results, upcoming and past events, a campaign's end. Plugins read `clock.now()` (from portal.api) at each
decision; tests stand on either side of a date with the `frozen_clock` fixture (portal.testing).

The bookkeeping times written by the core (when a row was created, a session's expiry, a login throttle)
stay on the machine's time, `portal.models.utcnow`: a test that moves the date by months keeps its
logged-in people."""
from datetime import datetime, timezone


class Clock:
    def __init__(self):
        self._frozen = None

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        frozen = self._frozen
        if frozen is None:
            return datetime.now(timezone.utc)
        return frozen() if callable(frozen) else frozen

    def freeze(self, when) -> None:
        """Stop the clock at an aware datetime (or at what a callable answers each time)."""
        self._frozen = when

    def thaw(self) -> None:
        self._frozen = None


clock = Clock()
