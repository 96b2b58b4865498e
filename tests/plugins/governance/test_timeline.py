"""A member organisation's timeline: the plenary it attended, the votes it cast (a secret one as
"voted", its choice never shown), the proxies it gave and held."""
from datetime import timedelta

from governance_helpers import STARTS, add_meeting, add_members, add_motion, check_in_all, proxy, vote
from portal.testing import text_of


def entries(page):
    return [(" ".join(li["class"]), li.get_text(" ", strip=True)) for li in page.html.select("#history ol.timeline-entries > li")]


def test_attendance_votes_and_proxies_on_the_timeline(testapp, app, db, at):
    at.set(STARTS)
    members = add_members(db, 3)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members[:2])
    proxy(db, meeting_id, members[2], members[0])
    named = add_motion(db, meeting_id, title="Approve the budget", opens=STARTS - timedelta(minutes=1))
    secret = add_motion(db, meeting_id, title="Elect the presidency", secret=True, opens=STARTS - timedelta(minutes=1))
    vote(app, db, named, members[0], "no", status=302)
    vote(app, db, secret, members[0], "yes", status=200)
    found = entries(testapp.get(f"/members/{members[0]}"))
    shown = " | ".join(text for _kind, text in found)
    assert "Plenary 2026" in shown and "attended on site" in shown
    assert "Approve the budget voted no" in shown
    assert "Elect the presidency voted" in shown and "Elect the presidency voted yes" not in shown
    assert "Proxy held for City 002" in shown
    assert "Proxy given to City 000" in text_of(testapp.get(f"/members/{members[2]}").text)
