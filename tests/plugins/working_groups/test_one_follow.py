"""A group has one follow per person, the core's: its Follow button and its digest button are two ways
to the same row. Who chose the group's digest hears of each new page under the bell but is mailed the
digest only (no mail for each page besides it); Unfollow ends the digest too; the core's task sends it."""
from datetime import timedelta

from sqlalchemy import func, select

from portal.models import Follow, OutboxMessage, User, utcnow
from portal.tasks import run_task
from portal.testing import csrf, text_of

from .test_digest import outbox
from .test_notifications import notifications_of


def follows(db, email):
    with db() as s:
        user = s.scalar(select(User).where(User.email == email))
        return [(f.target_type, f.frequency) for f in s.scalars(select(Follow).where(Follow.user_id == user.id))]


def digest_button(browser, gid):
    return text_of(str(browser.get(f"/groups/{gid}").html.select_one(f'a[href="/groups/{gid}/follow"]')))


def test_the_follow_button_and_the_digest_are_one_follow(world, db, registry):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    ana = world.person("ana@example.org", name="Ana Member")
    world.person("bob@example.org", name="Bob Reader")
    gid = world.group("Observatories", coord, [ana])
    bob = world.browser("bob@example.org")
    bob.post("/follow", {"target_type": "working_group", "target_id": str(gid), "follow": "1",
                         "csrf_token": csrf(bob)}, status=302)
    assert follows(db, "bob@example.org") == [("working_group", None)]  # the bell only, no digest yet
    assert digest_button(bob, gid) == "A digest of the group by e-mail"
    form = bob.get(f"/groups/{gid}/follow").forms["deform"]
    form["frequency"] = "weekly"
    form.submit("save", status=302)
    assert follows(db, "bob@example.org") == [("working_group", "weekly")]  # the same follow, with the digest
    page = bob.get(f"/groups/{gid}")
    assert digest_button(bob, gid) == "Following: weekly digest"
    assert "Unfollow" in text_of(str(page.html.select_one(".follow-form")))

    writer = world.browser("ana@example.org")
    form = writer.get(f"/groups/{gid}/pages/add").forms["deform"]
    form["title"], form["body"] = "Indicators", "<p>What we measure.</p>"
    form.submit("save", status=302)
    # under the bell, but not mailed one by one: the digest tells of it (nor in the account's digests)
    assert notifications_of(db, registry, "bob@example.org") == [
        ("follow.activity", "Ana Member added the page “Indicators” to “Observatories”.", True)]
    assert notifications_of(db, registry, "coord@example.org")[-1][2] is True  # a member: the weekly digest
    assert outbox(db) == []
    task = registry.portal.periodic_tasks["portal:follow-digests"]
    assert run_task(registry, task) == (0, "")  # not a week yet
    with db() as s:  # a week later
        for follow in s.scalars(select(Follow).where(Follow.frequency.is_not(None))):
            follow.last_sent = utcnow() - timedelta(days=7)
    assert run_task(registry, task) == (2, "")
    mails = sorted(to for to, _subject, _body in outbox(db))
    assert mails == ["bob@example.org", "coord@example.org"]  # Ana wrote it: nothing for her
    assert all("Indicators" in body and "weekly digest" in subject for _to, subject, body in outbox(db))

    bob.post("/follow", {"target_type": "working_group", "target_id": str(gid), "follow": "0",
                         "csrf_token": csrf(bob)}, status=302)
    assert follows(db, "bob@example.org") == []
    assert digest_button(bob, gid) == "A digest of the group by e-mail"
    with db() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 2
