"""Minutes: drafted by the portal from the agenda, the attendance (organisations present and represented),
the quorum, the motions, amendments and results (the ballot box's hash for a secret vote); edited and
translated by the secretariat; approved by a passed motion of a following meeting (the link kept); not
seen by the public before, then published as HTML and PDF in the reader's language."""
import io
import re
from datetime import timedelta

from governance_helpers import STARTS, add_meeting, add_members, add_motion, check_in_all, proxy, vote
from pypdf import PdfReader

from portal.testing import client, login, text_of


def close(testapp, motion_id):
    return testapp.get(f"/governance/motions/{motion_id}/close").forms["confirm-form"].submit("confirm", status=302)


def held_plenary(testapp, app, db, at):
    """Four members: two checked in, one represented by proxy, one absent; an amendment (named, rejected)
    and a secret motion (passed)."""
    at.set(STARTS)
    members = add_members(db, 4)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members[:2])
    proxy(db, meeting_id, members[2], members[0])
    motion_id = add_motion(db, meeting_id, secret=True, opens=STARTS - timedelta(minutes=1))
    amendment_id = add_motion(db, meeting_id, title="Add a line on translations", amends_id=motion_id,
                              opens=STARTS - timedelta(minutes=2))
    vote(app, db, amendment_id, members[0], "no", status=302)
    for member_id, voter, choice in ((members[0], None, "yes"), (members[0], members[2], "yes"), (members[1], None, "no")):
        vote(app, db, motion_id, member_id, choice, voter=voter, status=200)
    login(testapp, "sec@example.org")
    close(testapp, amendment_id)
    close(testapp, motion_id)
    return members, meeting_id, motion_id


def draft(testapp, meeting_id):
    page = testapp.get(f"/governance/meetings/{meeting_id}").click(description="Draft the minutes")
    return page.forms["confirm-form"].submit("confirm", status=302).follow()


def test_the_portal_drafts_the_minutes_from_the_meeting(testapp, app, db, secretariat, at):
    members, meeting_id, motion_id = held_plenary(testapp, app, db, at)
    page = draft(testapp, meeting_id)
    body = page.html.select_one(".minutes-body")
    shown = body.get_text(" ", strip=True)
    assert [li.get_text() for li in body.select("ol li")] == ["Work plan"]
    assert "Organisations present: City 000: on site (Someone) City 001: on site (Someone)" in shown
    assert "Organisations represented by proxy: City 002, by City 000" in shown
    assert "3 of 4 member organisations present or represented; the quorum is 2. The quorum is reached." in shown
    # the amendment before its motion, each with its result; the secret one with its box's hash
    assert [h.get_text() for h in body.select("h3")] == ["Amendment: Add a line on translations",
                                                         "Approve the work plan"]
    assert "Result: not passed: 0 yes of 1 cast" in shown
    assert "Result: passed: 2 yes of 3 cast, more yes than no: 2 needed" in shown
    from plugins.governance.models import Motion
    with db() as s:
        box_hash = s.get(Motion, motion_id).record["hash"]
    assert f"SHA-256 of the ballot box at the close: {box_hash}" in shown
    assert "Draft: not yet approved" in text_of(page.text)


def test_draft_minutes_are_not_public_then_approved_by_a_motion_and_published(testapp, app, db, secretariat,
                                                                               make_user, at):
    members, meeting_id, _m = held_plenary(testapp, app, db, at)
    visitor = client(app)
    visitor.get(f"/governance/meetings/{meeting_id}/minutes", status=404)  # not drafted yet
    draft(testapp, meeting_id)
    make_user("someone@example.org")
    someone = client(app)
    login(someone, "someone@example.org")
    for browser, status in ((visitor, 302), (someone, 404)):  # anonymous: log in; anyone else: not there
        for path in ("minutes", "minutes.pdf"):
            page = browser.get(f"/governance/meetings/{meeting_id}/{path}", status=status)
            assert "City 000" not in page.text
    # the secretariat edits and translates
    form = testapp.get(f"/governance/meetings/{meeting_id}/minutes/edit").forms["deform"]
    assert "Organisations present:" in form["body"].value  # starts from the draft
    form["body"] = form["body"].value + "<p>The president thanked Cascais.</p><script>x()</script>"
    form["body-fr"] = "<p>Le président a remercié Cascais.</p>"
    form.submit("save", status=302)
    # the next meeting approves them: a motion that did not pass is refused, a passed one approves
    from plugins.governance.models import Motion
    next_meeting = add_meeting(db, starts=STARTS + timedelta(days=200), code="NEXT14")
    failed = add_motion(db, next_meeting, title="Approve the minutes (failed)", closed=True,
                        record={"members": 4, "quorum": True, "tally": {"yes": 1, "no": 2, "abstain": 0}})
    passed = add_motion(db, next_meeting, title="Approve the minutes of Cascais", closed=True,
                        record={"members": 4, "quorum": True, "tally": {"yes": 3, "no": 0, "abstain": 1}})
    assert "No minutes approved yet." in text_of(visitor.get("/governance/minutes").text)
    approve = testapp.get(f"/governance/meetings/{meeting_id}/minutes/approve").forms["deform"]
    assert {text for _v, _s, text in approve["motion"].options} >= {
        f"{failed}. Approve the minutes (failed)", f"{passed}. Approve the minutes of Cascais"}
    approve["motion"] = str(failed)
    refused = approve.submit("approve", status=400)
    assert "This motion did not pass: it cannot approve the minutes." in text_of(refused.text)
    visitor.get(f"/governance/meetings/{meeting_id}/minutes", status=302)
    approve["motion"] = str(passed)
    approve.submit("approve", status=302)
    from plugins.governance.minutes import Minutes
    with db() as s:
        minutes = s.query(Minutes).filter_by(meeting_id=meeting_id).one()
        assert (minutes.status, minutes.motion_id) == ("approved", passed)
        assert s.get(Motion, passed).id == passed
    listing = visitor.get("/governance/minutes")
    assert [a.get_text() for a in listing.html.select(".minutes-list a")] == ["Plenary 2026"]
    public = listing.click(description="Plenary 2026")
    shown = text_of(public.text)
    assert "The president thanked Cascais." in shown and "<script>" not in public.text
    assert "Approve the minutes of Cascais" in public.html.select_one(".minutes-status a").get_text()
    assert "Organisations present: City 000" in shown
    # in the reader's language when translated: HTML and PDF
    visitor.set_cookie("_LOCALE_", "fr")
    assert "Le président a remercié Cascais." in text_of(visitor.get(f"/governance/meetings/{meeting_id}/minutes").text)
    pdf = visitor.get(f"/governance/meetings/{meeting_id}/minutes.pdf")
    assert pdf.content_type == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Le président a remercié Cascais." in text and "Plénière 2026" in text
    visitor.set_cookie("_LOCALE_", "en")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        visitor.get(f"/governance/meetings/{meeting_id}/minutes.pdf").body)).pages)
    assert "City 002, by City 000" in text and "The president thanked Cascais." in text
    assert re.search(r"3 of 4 member organisations\s+present or represented", text)
    # approved minutes no longer change
    form = testapp.get(f"/governance/meetings/{meeting_id}/minutes/edit").forms["deform"]
    form["body"] = "<p>Rewritten.</p>"
    assert "Approved minutes no longer change." in text_of(form.submit("save", status=400).text)
