"""A hundred registrations at the same moment for sixty places, against a running server (waitress on
loopback, PostgreSQL): sixty registered, forty waiting in the order they came, none lost."""
import os

import pytest
from conference_helpers import add_conference, registration_form
from sqlalchemy import select

from portal.testing import client, submit_all_at_once

pytestmark = [pytest.mark.postgresql, pytest.mark.skipif(
    not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL (PORTAL_TEST_DB)")]


def test_a_hundred_registrations_for_sixty_places(app, db, frozen_clock):
    event_id = add_conference(db, capacity=60)
    browsers = [client(app, address=f"192.0.2.{n + 100}") for n in range(100)]
    forms = [registration_form(b, event_id, f"person{n}@example.org", dietary_needs=f"note {n}")
             for n, b in enumerate(browsers)]
    statuses = submit_all_at_once(app, list(zip(forms, browsers)), "register")
    from plugins.events.conference import Registration
    from plugins.events.registration import position
    with db() as s:
        rows = s.scalars(select(Registration).where(Registration.event_id == event_id).order_by(Registration.id)).all()
        states = [r.state for r in rows]
        positions = [position(s, r) for r in rows if r.state == "waiting"]
        emails = {r.email for r in rows}
        notes = {r.email: r.answers["dietary_needs"] for r in rows}
    assert len(rows) == 100 and emails == {f"person{n}@example.org" for n in range(100)}  # none lost
    assert states.count("registered") == 60 and states.count("waiting") == 40
    # in order: everyone registered came before everyone waiting, whose positions run 1 to 40
    assert states == ["registered"] * 60 + ["waiting"] * 40
    assert positions == list(range(1, 41))
    assert all(notes[f"person{n}@example.org"] == f"note {n}" for n in range(100))
    assert [status for status, _location in statuses].count(302) == 100
    assert all("/events/registrations/" in location for _status, location in statuses)
