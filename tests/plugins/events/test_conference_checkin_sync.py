"""The check-in page offline: the list of registrations it downloads beforehand (the secretariat's only),
the batch of check-ins it sends back (per day and per session; duplicates and a batch sent twice counted
once, unknown codes and scopes told, the CSRF token required), the counts per day or session, and the page
itself offering the camera (its Permissions-Policy lets this page alone open it)."""
import json

import pytest
from conference_helpers import add_conference, add_session, codes, registration_form
from sqlalchemy import func, select

from portal.testing import client, csrf, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def post_batch(testapp, event_id, items, status=200, token=True):
    headers = {"X-CSRF-Token": csrf(testapp)} if token else {}
    return testapp.post(f"/events/{event_id}/check-in/sync", json.dumps({"check_ins": items}),
                        content_type="application/json", headers=headers, status=status)


def check_ins(db):
    from plugins.events.checkin import CheckIn
    with db() as s:
        return s.scalar(select(func.count(CheckIn.id)))


def test_the_list_then_a_batch_synced_twice_counts_each_once(app, testapp, db, at, as_user):
    event_id = add_conference(db, capacity=2)  # Europe/Lisbon, 2027-01-30 to 2027-02-02
    visit = add_session(db, event_id, capacity=10)
    for email in ("ana@example.org", "rui@example.org", "kwame@example.org"):
        registration_form(client(app), event_id, email, name=email.split("@")[0].title()).submit("register",
                                                                                                 status=302)
    code = codes(db, event_id)
    as_user("secretariat", email="sec@example.org")
    listing = testapp.get(f"/events/{event_id}/check-in/registrations.json").json
    assert {r["code"]: r["name"] for r in listing["registrations"]} == {
        code["ana@example.org"]: "Ana", code["rui@example.org"]: "Rui"}  # kwame waits: not on the list
    scopes = [s["value"] for s in listing["scopes"]]
    assert scopes == ["day:2027-01-30", "day:2027-01-31", "day:2027-02-01", "day:2027-02-02", f"session:{visit}"]
    batch = [{"code": code["ana@example.org"], "scope": "day:2027-01-30", "at": "2027-01-30T08:55:00Z"},
             {"code": code["ana@example.org"], "scope": "day:2027-01-30", "at": "2027-01-30T09:01:00Z"},
             {"code": code["ana@example.org"].upper(), "scope": f"session:{visit}"},
             {"code": code["rui@example.org"], "scope": "day:2027-01-31"},
             {"code": "f" * 24, "scope": "day:2027-01-30"},
             {"code": code["kwame@example.org"], "scope": "day:2027-01-30"},
             {"code": code["rui@example.org"], "scope": "day:2030-01-01"}]
    answer = post_batch(testapp, event_id, batch).json
    assert [r["outcome"] for r in answer["results"]] == [
        "checked_in", "already", "checked_in", "checked_in", "unknown", "not_registered", "bad_scope"]
    assert answer["counts"] == {"registered": 2, "checked_in": 2}
    assert check_ins(db) == 3
    again = post_batch(testapp, event_id, batch).json  # the phone sends it again: nothing new
    assert [r["outcome"] for r in again["results"]][:4] == ["already"] * 4 and check_ins(db) == 3
    counts = testapp.get(f"/events/{event_id}/check-in/counts.json?scope=day:2027-01-30").json
    assert counts == {"registered": 2, "checked_in": 2, "scope": "day:2027-01-30", "here": 1}
    testapp.get(f"/events/{event_id}/check-in/counts.json?scope=day:1999-01-01", status=400)
    from plugins.events.conference import Registration
    with db() as s:
        ana = s.scalars(select(Registration).where(Registration.email == "ana@example.org")).one()
        assert ana.checked_in.isoformat().startswith("2026-12-01")  # a time ahead of the server's clock: now
        assert ana.certificate
    listing = testapp.get(f"/events/{event_id}/check-in/registrations.json").json
    assert {r["name"]: sorted(r["checked"]) for r in listing["registrations"]} == {
        "Ana": ["day:2027-01-30", f"session:{visit}"], "Rui": ["day:2027-01-31"]}
    # the page: per scope, with the camera allowed here
    page = testapp.get(f"/events/{event_id}/check-in?scope=session:{visit}")
    assert "Here, Site visit" in text_of(page.text) and page.forms["deform"]["scope"].value == f"session:{visit}"
    assert "camera=(self)" in page.headers["Permissions-Policy"]
    assert "camera=()" in testapp.get(f"/events/{event_id}").headers["Permissions-Policy"]
    form = page.forms["deform"]
    form["code"] = code["rui@example.org"]
    done = form.submit("check_in", status=302).follow()
    assert "Welcome, Rui" in text_of(done.text) and done.forms["deform"]["scope"].value == f"session:{visit}"


def test_bad_batches_and_people_other_than_the_secretariat_are_refused(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    registration_form(client(app), event_id, "ana@example.org").submit("register", status=302)
    code = codes(db, event_id)
    item = [{"code": code["ana@example.org"], "scope": "day:2027-01-30"}]
    anyone = client(app)
    assert anyone.get(f"/events/{event_id}/check-in/registrations.json", expect_errors=True).status_int in (302, 403)
    as_user(email="member@example.org", name="A member")
    testapp.get(f"/events/{event_id}/check-in/registrations.json", status=403)
    post_batch(testapp, event_id, item, status=403)
    as_user("secretariat", email="sec@example.org")
    post_batch(testapp, event_id, item, status=400, token=False)  # no CSRF token
    assert check_ins(db) == 0
    for body, told in (("not json", "are not JSON"), (json.dumps({"check_ins": "x"}), "check_ins"),
                       (json.dumps([1]), "check_ins")):
        answer = testapp.post(f"/events/{event_id}/check-in/sync", body, content_type="application/json",
                              headers={"X-CSRF-Token": csrf(testapp)}, status=400)
        assert answer.content_type == "text/html" and told in text_of(answer.text)  # the portal's page
    post_batch(testapp, event_id, item * 2001, status=400)
    assert check_ins(db) == 0
