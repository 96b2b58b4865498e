"""The presidency's vote: the secretariat holds a secret vote among the call's eligible candidacies, as a
written procedure or at a plenary, with the votes' code (one ballot per organisation, receipts, the
census frozen and published); at the close the winner is announced on the call's page, mailed to every
representative and put on the winner's timeline; a tie elects nobody and announces nothing."""
import re
from datetime import timedelta

from governance_helpers import STARTS, add_meeting, add_members, check_in_all, make_call, vote

from portal.testing import client, login, text_of


def add_candidacies(db, call_id, members, eligibility=("eligible", "eligible", "ineligible")):
    from plugins.governance.presidency import Candidacy
    ids = []
    with db() as s:
        for member_id, state in zip(members, eligibility):
            row = Candidacy(call_id=call_id, member_id=member_id, statement="<p>Us</p>", programme="",
                            eligibility=state, reason="checked")
            s.add(row)
            s.flush()
            ids.append(row.id)
    return ids


def hold(testapp, year=2014, where="0", days="10", status=302):
    page = testapp.get(f"/governance/presidency/{year}").click(description="Hold the vote")
    form = page.forms["deform"]
    form["where"], form["days"] = where, days
    return form.submit("hold", status=status)


def test_a_written_procedure_elects_the_presidency_and_announces_it(testapp, app, db, secretariat, maildir,
                                                                    registry, at):
    at.set(STARTS - timedelta(days=30))
    call_id = make_call(db)
    members = add_members(db, 3, languages=("en", "fr"))
    cands = add_candidacies(db, call_id, members)
    login(testapp, "sec@example.org")
    motion_page = hold(testapp).follow()
    from plugins.governance.models import Motion
    from plugins.governance.presidency import PresidencyCall
    with db() as s:
        motion = s.query(Motion).one()
        motion_id, options = motion.id, motion.options
        assert (motion.secret, motion.meeting_id, s.get(PresidencyCall, call_id).vote_id) == (True, None, motion_id)
    assert options == [{"key": f"c{cands[0]}", "title": "City 000"}, {"key": f"c{cands[1]}", "title": "City 001"}]
    assert "An election among: City 000, City 001" in text_of(motion_page.text)
    again = testapp.get("/governance/presidency/2014/vote").forms["deform"]
    assert "already held" in text_of(again.submit("hold", status=400).text)  # once per call
    receipts = []
    for member_id, choice in zip(members, (f"c{cands[0]}", f"c{cands[0]}", f"c{cands[1]}")):
        page = vote(app, db, motion_id, member_id, choice, status=200)
        receipts.append(re.search(r'<strong id="receipt">([0-9A-F]+)</strong>', page.text).group(1))
    assert "already voted" in text_of(vote(app, db, motion_id, members[2], f"c{cands[0]}", status=409).text)
    # the ineligible candidacy is no choice of the ballot
    assert all(value != f"c{cands[2]}" for value, _s, _t in
               _vote_form(app, db, motion_id, members[0]).fields["choice"][0].options)
    closed = testapp.get(f"/governance/motions/{motion_id}/close").forms["confirm-form"].submit("confirm").follow()
    shown = text_of(closed.text)
    assert "elected: City 000 with 2 votes of 3 cast" in shown
    assert all(receipt in shown for receipt in receipts)
    assert [li.get_text() for li in closed.html.select("#census li")] == ["City 000", "City 001", "City 002"]
    # announced on the call's page, to everyone
    call_page = text_of(client(app).get("/governance/presidency/2014").text)
    assert "City 000 holds the presidency of the network for 2014 ." in call_page
    assert "Secret vote of the member organisations: elected: City 000 with 2 votes of 3 cast." in call_page
    maildir.deliver(registry)
    mails = sorted((str(m["To"]), str(m["Subject"])) for m in maildir.messages())
    assert [to for to, _subject in mails] == ["rep0@example.org", "rep1@example.org", "rep2@example.org"]
    assert mails[0][1] == "The presidency of the network for 2014: City 000"
    assert "Presidency of the network for 2014" in text_of(client(app).get(f"/members/{members[0]}").text)
    assert "Presidency of the network for 2014" not in text_of(client(app).get(f"/members/{members[1]}").text)


def _vote_form(app, db, motion_id, member_id):
    from governance_helpers import as_rep
    browser = client(app, address="192.0.2.250")
    as_rep(browser, db, member_id)
    return browser.get(f"/governance/motions/{motion_id}/vote").forms["deform"]


def test_at_a_plenary_the_vote_is_opened_there_and_a_tie_elects_nobody(testapp, app, db, secretariat, make_user, at):
    at.set(STARTS - timedelta(days=2))
    call_id = make_call(db)
    members = add_members(db, 2)
    cands = add_candidacies(db, call_id, members)
    meeting_id = add_meeting(db)
    make_user("rep-other@example.org", role="member", member_id=members[0])
    login(testapp, "sec@example.org")
    hold(testapp, where=str(meeting_id)).follow()
    from plugins.governance.models import Motion
    from plugins.governance.presidency import PresidencyCall
    with db() as s:
        motion = s.query(Motion).one()
        motion_id = motion.id
        assert (motion.meeting_id, motion.opens) == (meeting_id, None)
    from governance_helpers import as_rep
    rep = as_rep(client(app, address="192.0.2.251"), db, members[0])
    form = rep.get(f"/governance/motions/{motion_id}/amend").forms["deform"]  # an election has no amendments
    form["title"], form["text"] = "Add a third city", "<p>Lyon.</p>"
    form.submit("save", status=400)
    with db() as s:
        assert s.query(Motion).count() == 1
    meeting = testapp.get(f"/governance/meetings/{meeting_id}")
    assert "Presidency 2014" in [a.get_text() for a in meeting.html.select("#motions-heading + ul a")]
    at.set(STARTS)
    check_in_all(db, meeting_id, members)
    testapp.get(f"/governance/motions/{motion_id}/open").forms["confirm-form"].submit("confirm", status=302)
    vote(app, db, motion_id, members[0], f"c{cands[0]}", status=200)
    vote(app, db, motion_id, members[1], f"c{cands[1]}", status=200)
    closed = testapp.get(f"/governance/motions/{motion_id}/close").forms["confirm-form"].submit("confirm").follow()
    assert "no candidacy elected: no candidacy has more votes than every other (2 votes cast)" in text_of(closed.text)
    with db() as s:
        call = s.get(PresidencyCall, call_id)
        assert call.announced is None and call.winner is None
    # the secretariat may still announce the result decided otherwise, with the result form
    page = testapp.get("/governance/presidency/2014")
    assert "Announce the result" in text_of(page.text) and "Hold the vote" not in text_of(page.text)


def test_no_vote_without_an_eligible_candidacy_and_only_the_secretariat_holds_it(testapp, app, db, secretariat, at):
    call_id = make_call(db)
    members = add_members(db, 1)
    add_candidacies(db, call_id, members, eligibility=("pending",))
    login(testapp, "sec@example.org")
    assert "No candidacy is eligible yet" in text_of(hold(testapp, status=400).text)
    rep = client(app)
    login(rep, "rep0@example.org")
    rep.get("/governance/presidency/2014/vote", status=403)
    from plugins.governance.models import Motion
    with db() as s:
        assert s.query(Motion).count() == 0


def test_the_clock_closes_a_written_procedure_and_announces_the_presidency(testapp, app, db, secretariat, registry,
                                                                           at):
    from portal.tasks import run_task
    at.set(STARTS - timedelta(days=30))
    call_id = make_call(db)
    members = add_members(db, 2)
    cands = add_candidacies(db, call_id, members)
    login(testapp, "sec@example.org")
    hold(testapp, days="5")
    from plugins.governance.models import Motion
    from plugins.governance.presidency import PresidencyCall
    with db() as s:
        motion_id = s.query(Motion).one().id
    vote(app, db, motion_id, members[0], f"c{cands[1]}", status=200)
    vote(app, db, motion_id, members[1], f"c{cands[1]}", status=200)
    task = registry.portal.periodic_tasks["governance:close-procedures"]
    at.set(STARTS - timedelta(days=26))
    assert run_task(registry, task) == (0, "")  # still open: nothing closed
    at.set(STARTS - timedelta(days=25))
    assert run_task(registry, task) == (1, "")
    with db() as s:
        motion, call = s.get(Motion, motion_id), s.get(PresidencyCall, call_id)
        assert motion.closed and motion.entitled == sorted(members) and motion.record["winner"] == f"c{cands[1]}"
        assert call.announced is not None and call.winner.member_id == members[1]
    assert "City 001 holds the presidency of the network for 2014 ." in text_of(client(app).get(
        "/governance/presidency/2014").text)
    assert run_task(registry, task) == (0, "")  # once
