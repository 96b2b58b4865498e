"""Checking in at a conference: the QR code on a registered person's page, the check-in page taking the
typed code (wrong, waiting or repeated codes told as such), the counts on the page and as JSON."""
import pytest
from conference_helpers import add_conference, registration_form
from sqlalchemy import select

from portal.testing import client, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def codes(db):
    from plugins.events.conference import Registration
    with db() as s:
        return {r.email: r.code for r in s.scalars(select(Registration))}


def test_check_in_by_the_typed_code(app, testapp, db, at, as_user):
    pytest.importorskip("segno")
    event_id = add_conference(db, capacity=2)
    for email in ("ana@example.org", "rui@example.org", "kwame@example.org"):
        registration_form(client(app), event_id, email).submit("register", status=302)
    code = codes(db)
    page = client(app).get(f"/events/registrations/{code['ana@example.org']}")
    assert f"/events/registrations/{code['ana@example.org']}/qr.svg" in page.text
    qr = client(app).get(f"/events/registrations/{code['ana@example.org']}/qr.svg")
    assert qr.content_type == "image/svg+xml" and b"<svg" in qr.body
    waiting = client(app).get(f"/events/registrations/{code['kwame@example.org']}")
    assert "qr.svg" not in waiting.text
    client(app).get(f"/events/{event_id}/check-in", status=302)  # the secretariat's page
    as_user("secretariat", email="sec@example.org")
    page = testapp.get(f"/events/{event_id}/check-in")
    assert "0 checked in of 2 registered" in text_of(page.text)
    form = page.forms["deform"]
    form["code"] = "f" * 24
    refused = form.submit("check_in", status=400)
    assert "No registration of this conference has this code" in text_of(refused.text)
    assert refused.forms["deform"]["code"].value == "f" * 24
    form = refused.forms["deform"]
    form["code"] = code["kwame@example.org"]
    assert "is not registered" in text_of(form.submit("check_in", status=400).text)
    form = testapp.get(f"/events/{event_id}/check-in").forms["deform"]
    form["code"] = " " + code["ana@example.org"].upper() + " "  # as typed from the paper
    done = form.submit("check_in", status=302).follow()
    assert "Welcome" in text_of(done.text) and "1 checked in of 2 registered" in text_of(done.text)
    form = done.forms["deform"]
    form["code"] = code["ana@example.org"]
    assert "checked in already" in text_of(form.submit("check_in", status=302).follow().text)
    assert testapp.get(f"/events/{event_id}/check-in/counts.json").json == {"registered": 2, "checked_in": 1}
