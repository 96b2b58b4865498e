"""Working groups and the core's notifications: an invitation shows under the invitee's bell (its mail
stays the plugin's own, with the one-time link), followers of a group hear of new pages and comments,
and nobody follows a members-only group they may not read."""
import pytest
from sqlalchemy import select

from portal.models import Notification, OutboxMessage, User
from portal.notifications import message_text
from portal.testing import csrf



@pytest.fixture
def people(world):
    return {"coord": world.person("coord@example.org", name="Carla Coordinator"),
            "ana": world.person("ana@example.org", name="Ana Member"),
            "bob": world.person("bob@example.org", name="Bob Member"),
            "out": world.person("out@example.org", name="Olga Outsider")}


def invite(world, gid, emails):
    form = world.browser("coord@example.org").get(f"/groups/{gid}/members").forms["deform"]
    form["emails"] = emails
    form["role"] = "member"
    return form.submit("invite", status=302)


def notifications_of(db, registry, email):
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    try:
        with db() as s:
            user = s.scalar(select(User).where(User.email == email))
            return [(n.kind, message_text(env["request"], n, "en"), n.mailed_at is not None)
                    for n in s.scalars(select(Notification).where(Notification.user_id == user.id)
                                       .order_by(Notification.id))]
    finally:
        env["closer"]()


def test_an_invitation_to_an_account_shows_under_its_bell_and_is_mailed_once(world, people, db, registry):
    gid = world.group("Observatories", people["coord"], visibility="members")
    invite(world, gid, "bob@example.org\nnobody@example.org")
    assert notifications_of(db, registry, "bob@example.org") == [
        ("group.invitation", "Carla Coordinator invites you to the working group “Observatories”: the link to accept "
                             "is in your mail.", False)]
    with db() as s:
        assert len(s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "bob@example.org")).all()) == 1
    bob = world.browser("bob@example.org")
    assert bob.get("/").html.select_one("a.bell")["aria-label"] == "Notifications, 1 unread"


def test_followers_of_a_group_hear_of_its_pages_and_comments(world, people, db, registry):
    gid = world.group("Observatories", people["coord"], members=[people["ana"]])
    bob = world.browser("bob@example.org")
    bob.post("/follow", {"target_type": "working_group", "target_id": str(gid), "follow": "1",
                         "csrf_token": csrf(bob)}, status=302)
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/{gid}/pages/add").forms["deform"]
    form["title"], form["body"] = "Indicators", "<p>What we measure.</p>"
    page = form.submit("save", status=302).follow()
    pid = page.request.path.rsplit("/", 1)[1]
    ana.post(f"/groups/pages/{pid}/comments", {"text": "Add water use", "comment": "1", "csrf_token": csrf(ana)},
             status=302)
    found = notifications_of(db, registry, "bob@example.org")
    assert [(k, t) for k, t, _m in found] == [
        ("follow.activity", "Ana Member added the page “Indicators” to “Observatories”."),
        ("follow.activity", "Ana Member commented on the page “Indicators” of “Observatories”.")]
    assert all(mailed for _k, _t, mailed in found)  # Bob's frequency: immediately
    assert notifications_of(db, registry, "ana@example.org") == []  # not told of her own work
    assert "Observatories" in bob.get("/account").html.select_one(".follows").text


def test_a_members_only_group_cannot_be_followed_from_outside(world, people, db):
    gid = world.group("Closed", people["coord"], visibility="members")
    out = world.browser("out@example.org")
    out.post("/follow", {"target_type": "working_group", "target_id": str(gid), "follow": "1",
                         "csrf_token": csrf(out)}, status=404)
    assert out.get(f"/groups/{gid}").html.select_one(".follow-form") is None
