"""A conference's programme: sessions added by the secretariat with their speakers, shown by day and by
track in the conference's zone and the reader's, starred into a personal agenda whose iCal file the
`icalendar` library reads."""
from datetime import datetime, timezone

import pytest
from conference_helpers import add_conference
from sqlalchemy import select

from portal.models import Member
from portal.testing import client, csrf, text_of

UTC = timezone.utc


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def add_session(testapp, event_id, status=302, **values):
    form = testapp.get(f"/events/{event_id}/sessions/add").forms["deform"]
    for name, value in values.items():
        form[name] = value
    return form.submit("add", status=status)


def test_programme_by_day_and_track_and_a_personal_agenda(app, testapp, db, at, as_user):
    icalendar = pytest.importorskip("icalendar")
    event_id = add_conference(db)  # Europe/Lisbon, starting 2027-01-30
    with db() as s:
        s.add(Member(name="Câmara Municipal de Cascais", kind="city", country="PT", region="europe", status="active"))
    as_user("secretariat", email="sec@example.org")
    refused = add_session(testapp, event_id, status=400, title="Opening", kind="plenary",
                          starts="2027-01-30T09:30", ends="2027-01-30T09:00", speakers="Carlos | Nowhere City")
    assert "ends after it starts" in text_of(refused.text) and "No member organisation is named" in text_of(refused.text)
    assert refused.forms["deform"]["title"].value == "Opening"
    add_session(testapp, event_id, title="Opening plenary", kind="plenary", room="Auditorium",
                starts="2027-01-30T09:30", ends="2027-01-30T11:00",
                speakers="Carlos Carreiras | Câmara Municipal de Cascais\nTechnical secretariat")
    add_session(testapp, event_id, title="Budgets for young people", kind="parallel", track="Budgets",
                room="Room A", starts="2027-01-30T11:30", ends="2027-01-30T13:00")
    add_session(testapp, event_id, title="Site visit to Cascais", kind="visit", track="Visits",
                starts="2027-01-31T15:00", ends="2027-01-31T17:30")
    with db() as s:
        from plugins.events.programme import ProgrammeSession
        sessions = {x.title: (x.id, x.starts) for x in s.scalars(select(ProgrammeSession))}
    assert sessions["Opening plenary"][1] == datetime(2027, 1, 30, 9, 30, tzinfo=UTC)  # Lisbon is UTC in winter
    page = client(app).get(f"/events/{event_id}/programme")
    text = text_of(page.text)
    assert text.index("Opening plenary") < text.index("Budgets for young people") < text.index("Site visit")
    assert "Carlos Carreiras" in text and "Câmara Municipal de Cascais" in text
    day_two = text_of(client(app).get(f"/events/{event_id}/programme?day=2027-01-31").text)
    assert "Site visit to Cascais" in day_two and "Opening plenary" not in day_two
    budgets = text_of(client(app).get(f"/events/{event_id}/programme?track=Budgets").text)
    assert "Budgets for young people" in budgets and "Opening plenary" not in budgets
    client(app).get(f"/events/{event_id}/programme?day=2027-02-10", status=400)
    # a logged-in person stars two sessions, then unstars one
    as_user(email="ana@example.org", name="Ana")
    programme = testapp.get(f"/events/{event_id}/programme")
    assert programme.text.count('aria-pressed="false"') == 3
    for title in ("Opening plenary", "Site visit to Cascais", "Budgets for young people"):
        testapp.post(f"/events/sessions/{sessions[title][0]}/star", {"csrf_token": csrf(testapp), "confirm": "1"},
                     status=302)
    assert testapp.get(f"/events/{event_id}/programme").text.count('aria-pressed="true"') == 3
    page = testapp.get(f"/events/sessions/{sessions['Budgets for young people'][0]}/star")
    page.forms["confirm-form"].submit("confirm", status=302)
    agenda = text_of(testapp.get(f"/events/{event_id}/agenda").text)
    assert "Opening plenary" in agenda and "Site visit to Cascais" in agenda and "Budgets for young" not in agenda
    ics = testapp.get(f"/events/{event_id}/agenda.ics")
    calendar = icalendar.Calendar.from_ical(ics.body)
    found = sorted((str(e.get("summary")), e.decoded("dtstart")) for e in calendar.walk("VEVENT"))
    assert found == [("Opening plenary", datetime(2027, 1, 30, 9, 30, tzinfo=UTC)),
                     ("Site visit to Cascais", datetime(2027, 1, 31, 15, 0, tzinfo=UTC))]
    assert "Carlos Carreiras" in str(calendar.walk("VEVENT")[0].get("description"))


def test_the_agenda_is_for_logged_in_people(app, db, at):
    event_id = add_conference(db)
    assert "/login" in client(app).get(f"/events/{event_id}/agenda", status=302).location
    assert "/login" in client(app).get(f"/events/{event_id}/agenda.ics", status=302).location
