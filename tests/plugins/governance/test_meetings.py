"""A plenary meeting: created by the secretariat with its agenda, convened by mail to every
representative in their language, attended on site or online (self check-in with the code, or recorded
by the secretariat), its quorum shown live; outsiders see nothing."""
from email.header import decode_header, make_header

from governance_helpers import STARTS, add_meeting, add_members, as_rep
from portal.testing import client, login, text_of


def test_the_secretariat_creates_a_meeting_with_its_agenda(testapp, secretariat, at):
    login(testapp, "sec@example.org")
    form = testapp.get("/governance/meetings/add").forms["deform"]
    form.set("title", "Plenary of Cascais", index=0)
    form.set("title-fr", "Plénière de Cascais", index=0)
    form.set("title", "Validation of the work plan", index=1)  # the first agenda item
    form["timezone"] = "Europe/Lisbon"
    form["start_local"] = "2026-12-10T16:00"
    form["place"] = ""
    page = form.submit("save", status=400)
    assert "Give a place, an online meeting link, or both." in text_of(page.text)
    form = page.forms["deform"]
    assert form.get("title", index=0).value == "Plenary of Cascais"  # nothing typed lost
    form["place"] = "Centro de Congressos, Cascais"
    page = form.submit("save", status=302).follow()
    shown = text_of(page.text)
    assert "Plenary of Cascais" in shown and "Validation of the work plan" in shown and "Centro de Congressos, Cascais" in shown
    assert "Dec 10, 2026, 4:00 PM in Lisbon" in shown  # 16:00 in the meeting's zone


def test_convocation_goes_to_every_representative_in_their_language(testapp, app, db, registry, secretariat,
                                                                    maildir, at):
    members = add_members(db, 4, languages=("en", "fr", "es", "pt"))
    meeting_id = add_meeting(db)
    login(testapp, "sec@example.org")
    testapp.get(f"/governance/meetings/{meeting_id}/convene").forms["confirm-form"].submit("confirm", status=302)
    maildir.deliver(registry)
    sent = {m["To"]: str(make_header(decode_header(m["Subject"]))) for m in maildir.messages()}
    assert len(sent) == 4
    assert sent["rep1@example.org"] == "Convocation : Plénière 2026"  # rep1 reads French, in French typography
    assert sent["rep0@example.org"] == "Convocation: Plenary 2026"
    from plugins.governance.models import Seat
    with db() as s:
        assert sorted(seat.member_id for seat in s.query(Seat).filter_by(meeting_id=meeting_id)) == sorted(members)


def test_self_check_in_with_the_code_and_the_live_quorum(testapp, app, db, secretariat, at):
    members = add_members(db, 4)
    meeting_id = add_meeting(db, code="CASC13")
    rep = as_rep(client(app), db, members[0])
    form = rep.get(f"/governance/meetings/{meeting_id}/check-in").forms["deform"]
    form["code"], form["mode"] = "WRONG", "online"
    page = form.submit("check_in", status=400)
    assert "This is not the meeting's check-in code." in text_of(page.text)
    form = page.forms["deform"]
    form["code"] = "casc13"
    page = form.submit("check_in", status=302).follow()
    shown = text_of(page.text)
    assert "1 of 4 member organisations present or represented; the quorum is 2" in shown, shown
    assert "City 000 Online" in shown
    login(testapp, "sec@example.org")
    form = testapp.get(f"/governance/meetings/{meeting_id}/attendance").forms["deform"]
    form["member_id"], form["attendee"] = str(members[1]), "Maria Lopes"
    testapp_page = form.submit("record", status=302).follow()
    assert "The quorum is reached." in text_of(testapp_page.text)
    assert "Maria Lopes" in text_of(testapp_page.text)


def test_outsiders_see_no_meeting(testapp, app, db, make_user, at):
    meeting_id = add_meeting(db)
    assert "/login" in testapp.get(f"/governance/meetings/{meeting_id}", status=302).location
    make_user("someone@example.org")
    login(testapp, "someone@example.org")
    testapp.get(f"/governance/meetings/{meeting_id}", status=403)
    testapp.get("/governance/meetings", status=403)
    assert STARTS.year == 2026
