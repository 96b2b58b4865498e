"""Votes: one ballot per organisation (its own seat and each proxy held), refused outside the window,
a second ballot refused with the first kept, a person neither representative nor proxy holder refused
with 403 and nothing recorded; amendments voted first; the entitled organisations frozen at the close;
the result stated with its reason; written procedures open N days."""
from datetime import timedelta

from governance_helpers import STARTS, add_meeting, add_members, add_motion, as_rep, check_in_all, proxy, vote
from portal.api import clock
from portal.testing import client, login, text_of


def voted_rows(db, motion_id):
    from plugins.governance.models import Voted
    with db() as s:
        return sorted((v.member_id, v.by_member_id, v.choice) for v in s.query(Voted).filter_by(motion_id=motion_id))


def close(testapp, motion_id):
    login(testapp, "sec@example.org")
    return testapp.get(f"/governance/motions/{motion_id}/close").forms["confirm-form"].submit("confirm",
                                                                                             status=302).follow()


def test_one_ballot_per_organisation_and_its_proxies(testapp, app, db, secretariat, at):
    at.set(STARTS)
    members = add_members(db, 6)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members[:3])
    proxy(db, meeting_id, members[4], members[0])             # checked: City 000 votes for City 004
    proxy(db, meeting_id, members[5], members[0], "given")    # not checked yet: no ballot
    motion_id = add_motion(db, meeting_id, opens=STARTS - timedelta(minutes=1))
    vote(app, db, motion_id, members[0], "yes", status=302)
    vote(app, db, motion_id, members[0], "no", voter=members[4], status=302)
    page = vote(app, db, motion_id, members[0], "no", status=409)  # again: refused
    assert "This organisation has already voted: its first ballot is kept." in text_of(page.text)
    vote(app, db, motion_id, members[0], "yes", voter=members[5], status=403)
    vote(app, db, motion_id, members[3], "yes", status=403)   # not checked in
    vote(app, db, motion_id, members[1], "yes", voter=members[2], status=403)  # not its proxy
    assert voted_rows(db, motion_id) == [(members[0], members[0], "yes"), (members[4], members[0], "no")]


def test_someone_who_represents_no_organisation_gets_403_and_nothing_is_written(app, db, make_user, at):
    at.set(STARTS)
    members = add_members(db, 2)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members)
    motion_id = add_motion(db, meeting_id, opens=STARTS - timedelta(minutes=1))
    make_user("visitor@example.org")
    browser = client(app)
    login(browser, "visitor@example.org")
    browser.get(f"/governance/motions/{motion_id}/vote", status=403)
    browser.post(f"/governance/motions/{motion_id}/vote", {"voter": str(members[0]), "choice": "yes"}, status=403)
    assert voted_rows(db, motion_id) == []


def test_outside_the_window_is_refused(app, db, at):
    at.set(STARTS)
    members = add_members(db, 2)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members)
    not_yet = add_motion(db, meeting_id)
    over = add_motion(db, meeting_id, opens=STARTS - timedelta(hours=2), closes=STARTS - timedelta(hours=1))
    for motion_id in (not_yet, over):
        page = vote(app, db, motion_id, members[0], "yes", status=400)
        assert "This vote is not open" in text_of(page.text)
        assert voted_rows(db, motion_id) == []


def test_amendments_first_then_the_motion_with_its_result_and_frozen_census(testapp, app, db, secretariat, at):
    at.set(STARTS - timedelta(days=2))
    members = add_members(db, 5)
    meeting_id = add_meeting(db)
    motion_id = add_motion(db, meeting_id, rule="two_thirds_cast")
    rep = as_rep(client(app, address="192.0.2.77"), db, members[1])
    form = rep.get(f"/governance/motions/{motion_id}/amend").forms["deform"]
    form["title"], form["text"] = "Add a line on translations", "<p>Translate the guide.</p>"
    form.submit("save", status=302)
    from plugins.governance.models import Motion
    with db() as s:
        amendment_id = s.query(Motion).filter_by(amends_id=motion_id).one().id
    at.set(STARTS)
    page = rep.get(f"/governance/motions/{motion_id}/amend").forms["deform"]
    page["title"], page["text"] = "Too late", "<p>x</p>"
    assert "before the meeting" in text_of(page.submit("save", status=400).text)

    check_in_all(db, meeting_id, members[:3])
    proxy(db, meeting_id, members[3], members[0])
    login(testapp, "sec@example.org")
    opened = testapp.get(f"/governance/motions/{motion_id}/open").forms["confirm-form"].submit("confirm").follow()
    assert "Its amendments are voted first" in text_of(opened.text)
    testapp.get(f"/governance/motions/{amendment_id}/open").forms["confirm-form"].submit("confirm", status=302)
    vote(app, db, amendment_id, members[0], "no", status=302)
    close(testapp, amendment_id)
    testapp.get(f"/governance/motions/{motion_id}/open").forms["confirm-form"].submit("confirm", status=302)
    vote(app, db, motion_id, members[0], "yes", status=302)
    vote(app, db, motion_id, members[0], "yes", voter=members[3], status=302)
    vote(app, db, motion_id, members[1], "no", status=302)
    vote(app, db, motion_id, members[2], "abstain", status=302)
    shown = text_of(close(testapp, motion_id).text)
    assert "passed: 2 yes of 3 cast, two thirds = 2" in shown
    assert "Quorum: 4 of 5 present or represented, 3 needed." in shown
    with db() as s:
        motion = s.get(Motion, motion_id)
        assert motion.entitled == sorted(members[:4]) and motion.record["tally"] == {"yes": 2, "no": 1, "abstain": 1}
    check_in_all(db, meeting_id, members[4:])  # arrives after the close: the census stays frozen
    vote(app, db, motion_id, members[4], "yes", status=400)
    with db() as s:
        assert s.get(Motion, motion_id).entitled == sorted(members[:4])
    assert "Named votes City 000: Yes City 001: No City 002: Abstain City 003: Yes" in shown


def test_a_written_procedure_is_open_for_its_days_to_every_member(testapp, app, db, secretariat, at):
    members = add_members(db, 3)
    login(testapp, "sec@example.org")
    form = testapp.get("/governance/procedures/add").forms["deform"]
    form["title"], form["text"], form["rule"], form["days"] = "Admit Dakar", "<p>Admit.</p>", "absolute", "10"
    form.submit("save", status=302)
    from plugins.governance.models import Motion
    with db() as s:
        motion_id = s.query(Motion).one().id
    vote(app, db, motion_id, members[2], "yes", status=302)  # no meeting, no check-in
    at.set(clock.now() + timedelta(days=10))
    assert "This vote is not open" in text_of(vote(app, db, motion_id, members[1], "yes", status=400).text)
    shown = text_of(close(testapp, motion_id).text)
    assert "not passed: the quorum was not reached (1 yes of 1 cast)" in shown
