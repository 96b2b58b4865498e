"""The call for sessions: while it is open, a member organisation's representative and a working group's
member propose sessions on behalf of their organisation or group (anyone else is told who may); the
secretariat accepts one into the programme (placed at a time, its speakers on their profile pages) or
declines one with a reason; the proposer is notified either way and sees what became of their proposals."""
import pytest
from conference_helpers import add_conference
from sqlalchemy import select, update

from portal.models import Member, User
from portal.testing import client, login, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def open_call(db, event_id):
    from plugins.events.conference import Conference
    with db() as s:
        s.execute(update(Conference).where(Conference.event_id == event_id).values(call_open=True))


def propose(testapp, event_id, status=302, **values):
    form = testapp.get(f"/events/{event_id}/propose").forms["deform"]
    for name, value in values.items():
        form[name] = value
    return form.submit("propose", status=status)


def notifications(db, email):
    from portal.models.notifications import Notification
    with db() as s:
        user = s.scalars(select(User).where(User.email == email)).one()
        return [n.message["msgid"] for n in s.scalars(select(Notification).where(Notification.user_id == user.id))]


def test_proposed_accepted_and_declined(app, testapp, db, at, as_user, make_user):
    event_id = add_conference(db)
    with db() as s:
        member = Member(name="Câmara Municipal de Cascais", kind="city", country="PT", region="europe", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    make_user("rep@cascais.pt", role="member", member_id=member_id, name="Rita Rep")
    wg_member = make_user("wg@example.org", name="Wanda Group")
    make_user("nobody@example.org", name="No Body")
    from plugins.working_groups.services import create_group
    with db() as s:
        group = create_group(s, "Youth participation", creator=s.get(User, wg_member))
        group_id = group.id
    # closed: no form
    login(testapp, "rep@cascais.pt")
    assert "call for sessions of this conference is closed" in text_of(testapp.get(f"/events/{event_id}/propose").text)
    open_call(db, event_id)
    assert "Propose a session" in testapp.get(f"/events/{event_id}/programme").text
    refused = propose(testapp, event_id, status=400, behalf=f"member:{member_id}", title="Budgets in schools",
                      kind="workshop", speakers="Ana Souza | Nowhere City")
    assert "No member organisation is named" in text_of(refused.text)
    assert refused.forms["deform"]["title"].value == "Budgets in schools"  # nothing typed lost
    propose(testapp, event_id, behalf=f"member:{member_id}", title="Budgets in schools", kind="workshop",
            description="How pupils choose.", speakers="Ana Souza | Câmara Municipal de Cascais\nRui Matos")
    login(testapp, "wg@example.org")
    page = testapp.get(f"/events/{event_id}/propose")
    assert [value for value, _s, _t in page.forms["deform"]["behalf"].options] == [f"group:{group_id}"]
    propose(testapp, event_id, behalf=f"group:{group_id}", title="Young councils", kind="parallel")
    login(testapp, "nobody@example.org")
    alone = testapp.get(f"/events/{event_id}/propose")
    assert "proposed by the people of a member organisation" in text_of(alone.text) and "deform" not in alone.forms
    client(app).get(f"/events/{event_id}/propose", status=302)  # anonymous: to the login page
    testapp.get(f"/events/{event_id}/proposals", status=403)
    # the secretariat chooses
    as_user("secretariat", email="sec@example.org")
    listing = text_of(testapp.get(f"/events/{event_id}/proposals").text)
    assert "Budgets in schools" in listing and "Câmara Municipal de Cascais" in listing
    assert "Young councils" in listing and "Youth participation" in listing
    from plugins.events.proposals import SessionProposal
    with db() as s:
        ids = {p.title: p.id for p in s.scalars(select(SessionProposal))}
    form = testapp.get(f"/events/proposals/{ids['Budgets in schools']}/accept").forms["deform"]
    form["starts"], form["ends"], form["room"], form["capacity"] = "2027-01-31T11:00", "2027-01-31T10:00", "Room B", "30"
    bad = form.submit("accept", status=400)
    assert "ends after it starts" in text_of(bad.text) and bad.forms["deform"]["room"].value == "Room B"
    form = bad.forms["deform"]
    form["ends"] = "2027-01-31T12:30"
    form.submit("accept", status=302)
    no_reason = testapp.get(f"/events/proposals/{ids['Young councils']}/decline").forms["deform"].submit(
        "decline", status=400)
    form = no_reason.forms["deform"]
    form["reason"] = "The programme has a session on youth councils already."
    form.submit("decline", status=302)
    programme = text_of(client(app).get(f"/events/{event_id}/programme").text)
    assert "Budgets in schools" in programme and "30 places left" in programme and "Young councils" not in programme
    # told, and shown on the proposers' page
    assert any("is accepted" in message for message in notifications(db, "rep@cascais.pt"))
    assert any("is declined" in message for message in notifications(db, "wg@example.org"))
    login(testapp, "wg@example.org")
    mine = text_of(testapp.get(f"/events/{event_id}/propose").text)
    assert "Young councils : Declined" in mine and "youth councils already" in mine
    # the speaker's page: the person, their organisation, their sessions
    page = client(app).get(f"/events/{event_id}/programme")
    speaker = page.click("Ana Souza")
    text = text_of(speaker.text)
    assert "Speaker: Ana Souza" in text and "Câmara Municipal de Cascais" in text and "Budgets in schools" in text
    assert f"/members/{member_id}" in speaker.text
    client(app).get("/events/speakers/999999", status=404)
