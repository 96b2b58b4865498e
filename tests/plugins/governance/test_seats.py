"""A seat: the secretariat changes who represents a member organisation at a meeting and who substitutes,
among that organisation's representatives only; nobody else changes it."""
from governance_helpers import add_meeting, add_members, rep_email

from portal.testing import client, csrf, login, text_of


def seat_rows(db, meeting_id):
    from plugins.governance.models import Seat
    with db() as s:
        return sorted((r.member_id, r.representative_id, r.substitute_id) for r in s.query(Seat).filter_by(meeting_id=meeting_id))


def test_the_secretariat_changes_a_seat(testapp, app, db, secretariat, make_user, at):
    members = add_members(db, 2)
    meeting_id = add_meeting(db)
    from plugins.governance.meetings import ensure_seats
    from plugins.governance.models import Meeting, Seat
    from portal.api import User
    with db() as s:
        ensure_seats(s, s.get(Meeting, meeting_id))
    deputy = make_user("deputy@example.org", role="member", member_id=members[0], name="Dora Deputy")
    with db() as s:
        seat_id = s.query(Seat).filter_by(meeting_id=meeting_id, member_id=members[0]).one().id
        first = s.query(User).filter_by(email=rep_email(db, members[0])).one().id
        stranger = s.query(User).filter_by(email=rep_email(db, members[1])).one().id
    login(testapp, "sec@example.org")
    page = testapp.get(f"/governance/meetings/{meeting_id}")
    form = page.click(href=f"/seats/{seat_id}").forms["deform"]
    assert form["representative"].value == str(first)
    assert [text for _v, _s, text in form["substitute"].options] == ["—", "Rep 0", "Dora Deputy"]
    form["substitute"].force_value(str(stranger))  # a representative of another organisation
    refused = form.submit("save", status=400)
    assert seat_rows(db, meeting_id)[0] == (members[0], first, None)
    form = refused.forms["deform"]
    form["representative"], form["substitute"] = str(deputy), str(deputy)
    assert "another person than the representative" in text_of(form.submit("save", status=400).text)
    form["substitute"] = str(first)
    shown = form.submit("save", status=302).follow()
    assert seat_rows(db, meeting_id)[0] == (members[0], deputy, first)
    row = [tr.get_text(" ", strip=True) for tr in shown.html.select("#seats tbody tr")][0]
    assert row.startswith("City 000 Dora Deputy Rep 0")
    rep = client(app)
    login(rep, rep_email(db, members[0]))
    rep.get(f"/governance/meetings/{meeting_id}/seats/{seat_id}", status=403)
    rep.post(f"/governance/meetings/{meeting_id}/seats/{seat_id}",
             {"csrf_token": csrf(rep), "representative": str(first), "save": "1"}, status=403)
    assert seat_rows(db, meeting_id)[0] == (members[0], deputy, first)
    other = add_meeting(db, code="OTHER1")
    testapp.get(f"/governance/meetings/{other}/seats/{seat_id}", status=404)  # a seat of another meeting
