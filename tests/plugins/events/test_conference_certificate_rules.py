"""A conference's rule for certificates of attendance: at least N sessions attended and every mandatory
session; certificates only for those who meet it (the others told what they lack, their certificate and its
verification a 404), shown on the person's space and, as a count, on their organisation's timeline."""
import json

import pytest
from conference_helpers import add_conference, add_session, codes, registration_form, session_form
from sqlalchemy import select, update

from portal.models import Member
from portal.testing import client, csrf, login, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def test_certificates_follow_the_rule(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    opening = add_session(db, event_id, title="Opening plenary", kind="plenary", mandatory=True)
    budgets = add_session(db, event_id, title="Budgets for young people", kind="parallel")
    visit = add_session(db, event_id, title="Site visit")
    with db() as s:
        member = Member(name="Câmara Municipal de Cascais", kind="city", country="PT", region="europe", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    for email in ("ana@example.org", "rui@example.org", "kwame@example.org"):
        registration_form(client(app), event_id, email, name=email.split("@")[0].title()).submit("register", status=302)
    code = codes(db, event_id)
    from plugins.events.conference import Registration
    with db() as s:
        s.execute(update(Registration).where(Registration.email.in_(["ana@example.org", "rui@example.org"]))
                  .values(member_id=member_id))
    as_user("secretariat", email="sec@example.org")
    form = testapp.get(f"/events/{event_id}/conference").forms["deform"]
    form["certificate_sessions"] = "2"
    form["certificate_mandatory"].checked = True
    form.submit("save", status=302)
    listing = text_of(testapp.get(f"/events/{event_id}/registrations").text)
    assert "at least 2 sessions, every mandatory session among them" in listing
    batch = [{"code": code["ana@example.org"], "scope": scope} for scope in
             ("day:2027-01-30", f"session:{opening}", f"session:{budgets}")]
    batch += [{"code": code["rui@example.org"], "scope": scope} for scope in
              ("day:2027-01-30", f"session:{budgets}", f"session:{visit}")]
    batch += [{"code": code["kwame@example.org"], "scope": "day:2027-01-30"}]
    testapp.post(f"/events/{event_id}/check-in/sync", json.dumps({"check_ins": batch}),
                 content_type="application/json", headers={"X-CSRF-Token": csrf(testapp)})
    with db() as s:
        keys = {r.email: r.certificate for r in s.scalars(select(Registration))}
    ana = client(app).get(f"/events/registrations/{code['ana@example.org']}")
    assert "Certificate of attendance (PDF)" in ana.text
    client(app).get(f"/events/registrations/{code['ana@example.org']}/certificate.pdf", status=200)
    client(app).get(f"/events/certificates/{keys['ana@example.org']}", status=200)
    rui = client(app).get(f"/events/registrations/{code['rui@example.org']}")
    assert "needs every mandatory session attended" in text_of(rui.text) and "certificate.pdf" not in rui.text
    client(app).get(f"/events/registrations/{code['rui@example.org']}/certificate.pdf", status=404)
    client(app).get(f"/events/certificates/{keys['rui@example.org']}", status=404)
    kwame = text_of(client(app).get(f"/events/registrations/{code['kwame@example.org']}").text)
    assert "needs 2 sessions attended; you attended 0" in kwame
    # the organisation's timeline: one certificate (ana's; rui's not earned), no names
    profile = text_of(client(app).get(f"/members/{member_id}").text)
    assert "1 certificates of attendance" in profile and "Ana" not in profile
    # the person's space
    as_user(email="ana@example.org", name="Ana Souza")
    mine = testapp.get("/my")
    assert "Your conference registrations" in mine.text
    assert f"/events/registrations/{code['ana@example.org']}/certificate.pdf" in mine.text
    # the rule relaxed: rui earns his
    login(testapp, "sec@example.org")
    form = testapp.get(f"/events/{event_id}/conference").forms["deform"]
    form["certificate_mandatory"].checked = False
    form.submit("save", status=302)
    client(app).get(f"/events/registrations/{code['rui@example.org']}/certificate.pdf", status=200)
    client(app).get(f"/events/registrations/{code['kwame@example.org']}/certificate.pdf", status=404)


def test_a_session_made_mandatory_by_the_secretariat(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    as_user("secretariat", email="sec@example.org")
    session_form(testapp, event_id, title="Closing plenary", kind="plenary", starts="2027-02-01T16:00",
                 ends="2027-02-01T17:00", mandatory=True).submit("add", status=302)
    assert "Mandatory" in text_of(client(app).get(f"/events/{event_id}/programme").text)
