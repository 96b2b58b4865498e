"""Seats in sessions with limited places: people registered reserve one from their registration's page,
never over the session's capacity (a full session said so, with status 409), give it back, and lose it
when they cancel; those waiting for the conference reserve none; the programme shows the places left."""
import os

import pytest
from conference_helpers import add_conference, add_session, codes, registration_form, session_form
from sqlalchemy import func, select

from portal.testing import client, submit_all_at_once, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def seats(db, session_id):
    from plugins.events.programme import SessionSeat
    with db() as s:
        return s.scalar(select(func.count(SessionSeat.id)).where(SessionSeat.session_id == session_id))


def test_seats_never_over_the_capacity_given_back_and_freed_by_cancelling(app, testapp, db, at, as_user):
    event_id = add_conference(db, capacity=3)
    visit = add_session(db, event_id, capacity=2)
    add_session(db, event_id, title="Opening plenary", kind="plenary")  # no seats to reserve
    for email in ("ana@example.org", "rui@example.org", "kwame@example.org", "lea@example.org"):
        registration_form(client(app), event_id, email).submit("register", status=302)
    code = codes(db, event_id)
    page = text_of(client(app).get(f"/events/registrations/{code['ana@example.org']}").text)
    assert "Sessions with limited places" in page and "2 places left" in page and "Opening plenary" not in page
    for email in ("ana@example.org", "rui@example.org"):
        ask = client(app).get(f"/events/registrations/{code[email]}/sessions/{visit}/seat")
        done = ask.forms["confirm-form"].submit("confirm", status=302).follow()
        assert "Your seat is reserved" in text_of(done.text) and "your seat is reserved" in text_of(done.text)
    again = client(app).get(f"/events/registrations/{code['ana@example.org']}/sessions/{visit}/seat")
    assert "Give back my seat" in again.text
    kwame = client(app).get(f"/events/registrations/{code['kwame@example.org']}")
    assert "Full: no seat left" in text_of(kwame.text)
    ask = client(app).get(f"/events/registrations/{code['kwame@example.org']}/sessions/{visit}/seat")
    full = ask.forms["confirm-form"].submit("confirm", status=409)
    assert "is full: no seat is left" in text_of(full.text)
    assert seats(db, visit) == 2
    assert "Full: no seat left" in text_of(client(app).get(f"/events/{event_id}/programme").text)
    # lea waits for the conference itself: no seat for her
    client(app).get(f"/events/registrations/{code['lea@example.org']}/sessions/{visit}/seat", status=404)
    # rui gives his seat back; ana cancels her registration: both seats free again
    ask = client(app).get(f"/events/registrations/{code['rui@example.org']}/sessions/{visit}/seat")
    assert "Your seat is given back" in text_of(ask.forms["confirm-form"].submit("confirm", status=302).follow().text)
    cancel = client(app).get(f"/events/registrations/{code['ana@example.org']}/cancel")
    cancel.forms["confirm-form"].submit("confirm", status=302)
    assert seats(db, visit) == 0
    # a session of another conference, or one without places, is not found here
    other = add_conference(db, title="Another conference")
    elsewhere = add_session(db, other, capacity=5)
    client(app).get(f"/events/registrations/{code['kwame@example.org']}/sessions/{elsewhere}/seat", status=404)
    client(app).get(f"/events/registrations/{code['kwame@example.org']}/sessions/{visit + 1}/seat", status=404)


def test_the_secretariat_gives_a_session_its_places(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    as_user("secretariat", email="sec@example.org")
    form = session_form(testapp, event_id, title="Workshop on digital tools", kind="workshop", capacity="none",
                        starts="2027-01-30T09:30", ends="2027-01-30T11:00")
    refused = form.submit("add", status=400)
    assert refused.forms["deform"]["title"].value == "Workshop on digital tools"
    form = refused.forms["deform"]
    form["capacity"] = "25"
    form.submit("add", status=302)
    assert "25 places left" in text_of(client(app).get(f"/events/{event_id}/programme").text)


@pytest.mark.postgresql
@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL")
def test_forty_people_reserving_twenty_seats_at_once(app, db, frozen_clock):
    event_id = add_conference(db, capacity=100)
    visit = add_session(db, event_id, capacity=20)
    browsers = [client(app, address=f"192.0.2.{n + 10}") for n in range(40)]
    for n, browser in enumerate(browsers):
        registration_form(browser, event_id, f"person{n}@example.org").submit("register", status=302)
    code = codes(db, event_id)
    forms = [b.get(f"/events/registrations/{code[f'person{n}@example.org']}/sessions/{visit}/seat")
             .forms["confirm-form"] for n, b in enumerate(browsers)]
    statuses = [status for status, _location in submit_all_at_once(app, list(zip(forms, browsers)), "confirm")]
    assert seats(db, visit) == 20
    assert statuses.count(302) == 20 and statuses.count(409) == 20
