"""Notifications and follows (portal.notifications): who is told of what, on the portal and by mail at the
frequency each person chose; the bell, /notifications, following an item."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import Follow, News, Notification, OutboxMessage, User
from portal.notifications import notify
from portal.tasks import run_task
from portal.testing import client, csrf, login, text_of


def news(db, title, creator_email, state="draft"):
    with db() as s:
        creator = s.scalar(select(User).where(User.email == creator_email))
        item = News(title=title, language="en", state=state, creator_id=creator.id)
        s.add(item)
        s.flush()
        return f"/news/{item.id}"


def transition(browser, url, name, comment=""):
    return browser.post(f"{url}/transition", {"transition": name, "comment": comment,
                                              "csrf_token": csrf(browser)}, status=302)


def mails_to(db, address):
    with db() as s:
        return [(m.subject, m.body) for m in s.scalars(select(OutboxMessage).where(
            OutboxMessage.recipient == address).order_by(OutboxMessage.id))]


def bell(page):
    return page.html.select_one("a.bell")


@pytest.fixture
def people(make_user):
    make_user("sec@example.org", role="secretariat", name="Sara Secretariat")
    make_user("other-sec@example.org", role="secretariat", name="Omar", language="es")
    make_user("member@example.org", role="member", name="Marta Member")


def test_a_submitted_item_reaches_every_reviewer_bell_and_mail(app, db, people):
    url = news(db, "Our water plan", "member@example.org")
    member = client(app)
    login(member, "member@example.org")
    transition(member, url, "submit")
    assert mails_to(db, "member@example.org") == []  # the one who submits is not told
    (subject, body), = mails_to(db, "sec@example.org")
    assert "“Our water plan” was submitted for review by Marta Member." in subject
    assert "http://portal.test" + url in body
    (subject, _body), = mails_to(db, "other-sec@example.org")
    assert "Marta Member envió “Our water plan” a revisión." in subject  # in Omar's language
    sec = client(app, address="192.0.2.11")
    login(sec, "sec@example.org")
    home = sec.get("/")
    assert bell(home)["aria-label"] == "Notifications, 1 unread" and bell(home).select_one(".bell-count").text == "1"
    listing = sec.get("/notifications")
    item = listing.html.select_one("li.notification.unread")
    assert "“Our water plan” was submitted for review by Marta Member." in text_of(str(item))
    sec.get(item.form["action"], status=404)  # a GET marks nothing read (there is no such page)
    assert bell(sec.get("/"))["aria-label"] == "Notifications, 1 unread"
    opened = sec.post(item.form["action"], {"csrf_token": csrf(sec)}, status=302)
    assert opened.location.endswith(url)
    assert bell(sec.get("/"))["aria-label"] == "Notifications, 0 unread"
    assert sec.get("/notifications").html.select("li.notification.unread") == []


def test_the_author_reads_the_reviewers_note_when_published_or_sent_back(app, db, people):
    first = news(db, "First", "member@example.org", state="pending")
    second = news(db, "Second", "member@example.org", state="pending")
    sec = client(app)
    login(sec, "sec@example.org")
    transition(sec, first, "publish", comment="Clear and useful, thank you")
    transition(sec, second, "reject", comment="Please add the <b>budget</b>")
    (s1, b1), (s2, b2) = mails_to(db, "member@example.org")
    assert "“First” was published by Sara Secretariat." in s1 and "Clear and useful, thank you" in b1
    assert "“Second” was sent back to you by Sara Secretariat." in s2 and "Please add the <b>budget</b>" in b2
    member = client(app, address="192.0.2.12")
    login(member, "member@example.org")
    page = member.get("/notifications")
    notes = [q.text.strip() for q in page.html.select(".notification-note")]
    assert notes == ["Please add the <b>budget</b>", "Clear and useful, thank you"]  # newest first, escaped
    assert "<b>budget</b>" not in page.text
    kinds = text_of(page.text)
    assert "Your item was sent back" in kinds and "Your item was published" in kinds


def test_mark_all_as_read_needs_the_csrf_token(app, db, people):
    for title in ("One", "Two"):
        url = news(db, title, "member@example.org")
        member = client(app)
        login(member, "member@example.org")
        transition(member, url, "submit")
    sec = client(app, address="192.0.2.11")
    login(sec, "sec@example.org")
    assert bell(sec.get("/"))["aria-label"] == "Notifications, 2 unread"
    sec.post("/notifications/read", {}, status=400)
    assert bell(sec.get("/"))["aria-label"] == "Notifications, 2 unread"
    page = sec.get("/notifications")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/notifications/read")][0]].submit().follow()
    assert bell(sec.get("/"))["aria-label"] == "Notifications, 0 unread"


def test_another_persons_notification_is_not_found_and_visitors_log_in(app, db, people):
    url = news(db, "Private", "member@example.org")
    member = client(app)
    login(member, "member@example.org")
    transition(member, url, "submit")
    with db() as s:
        mine = s.scalar(select(Notification.id).where(Notification.user_id == s.scalar(
            select(User.id).where(User.email == "sec@example.org"))))
    member.post(f"/notifications/{mine}", {"csrf_token": csrf(member)}, status=404)
    with db() as s:
        assert s.get(Notification, mine).read_at is None
    anonymous = client(app, address="192.0.2.13")
    assert anonymous.get("/notifications", status=302).location.split("?")[0].endswith("/login")
    assert anonymous.get("/").html.select_one("a.bell") is None  # the cached anonymous page has no bell


def test_an_unknown_kind_is_an_error(app, db, people, registry):
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    try:
        with pytest.raises(LookupError, match="no notification kind 'nope'"):
            notify(env["request"], [], "nope", "x", "/")
    finally:
        env["closer"]()


def test_daily_and_weekly_digests_and_never(app, db, make_user, registry, frozen_clock):
    make_user("member@example.org", role="member", name="Marta")
    make_user("daily@example.org", role="secretariat", mail_frequency="daily")
    make_user("weekly@example.org", role="secretariat", mail_frequency="weekly")
    make_user("never@example.org", role="secretariat", mail_frequency="never")
    member = client(app)
    login(member, "member@example.org")
    for title in ("Alpha", "Beta"):
        transition(member, news(db, title, "member@example.org"), "submit")
    for who in ("daily", "weekly", "never"):
        assert mails_to(db, f"{who}@example.org") == []  # none immediately
    task = registry.portal.periodic_tasks["portal:notification-digests"]
    start = frozen_clock.now
    frozen_clock.set(start + timedelta(hours=23))
    assert run_task(registry, task) == (0, "")
    frozen_clock.set(start + timedelta(days=1, minutes=1))
    assert run_task(registry, task) == (1, "")
    (subject, body), = mails_to(db, "daily@example.org")
    assert subject.startswith("2 notifications") and "“Alpha” was submitted" in body and "“Beta” was submitted" in body
    assert run_task(registry, task) == (0, "")  # once: both count as mailed now
    frozen_clock.set(start + timedelta(days=7, minutes=1))
    assert run_task(registry, task) == (1, "")
    assert len(mails_to(db, "daily@example.org")) == 1 and len(mails_to(db, "weekly@example.org")) == 1
    assert mails_to(db, "never@example.org") == []
    never = client(app, address="192.0.2.14")
    login(never, "never@example.org")
    assert bell(never.get("/"))["aria-label"] == "Notifications, 2 unread"  # on the portal all the same


def test_the_account_page_sets_the_mail_frequency(app, db, people):
    member = client(app)
    login(member, "member@example.org")
    form = member.get("/account").forms["deform"]
    form["mail_frequency"] = "weekly"
    form.submit("save", status=302)
    with db() as s:
        assert s.scalar(select(User.mail_frequency).where(User.email == "member@example.org")) == "weekly"
    form = member.get("/account").forms["deform"]
    assert form["mail_frequency"].value == "weekly"


def test_follow_and_unfollow_an_item_and_hear_of_its_changes(app, db, people):
    url = news(db, "Watched", "sec@example.org", state="published")
    item_id = int(url.rsplit("/", 1)[1])
    member = client(app)
    login(member, "member@example.org")
    page = member.get(url)
    form = page.forms[[k for k, f in page.forms.items() if f.action.endswith("/follow")][0]]
    assert form["follow"].value == "1"
    page = form.submit().follow()
    assert "Unfollow" in text_of(str(page.html.select_one(".follow-form")))
    assert "Watched" in text_of(str(member.get("/account").html.select_one(".follows")))
    # My space lists it first, with the way to the notifications
    mine = member.get("/my").html
    panel = mine.select_one("#my-follows")
    assert panel is not None and mine.select(".my-panel")[2] is panel  # after the organisation and own work
    assert panel.select_one(f'a[href$="{url}"]').get_text() == "Watched"
    assert panel.select_one('.my-action a[href="/notifications"]').get_text() == "Your notifications (0 unread)"
    member.post("/follow", {"target_type": "content", "target_id": str(item_id), "follow": "1"}, status=400)  # no CSRF
    sec = client(app, address="192.0.2.11")
    login(sec, "sec@example.org")
    edit = sec.get(f"{url}/edit").forms["deform"]
    edit["title"] = "Watched closely"
    edit.submit("save", status=302)
    (subject, _body), = mails_to(db, "member@example.org")
    assert "“Watched closely” was changed by Sara Secretariat." in subject
    assert mails_to(db, "sec@example.org") == []  # who made the change is not told
    member.post("/follow", {"target_type": "content", "target_id": str(item_id), "follow": "0",
                            "csrf_token": csrf(member)}, status=302)
    with db() as s:
        assert s.scalars(select(Follow)).all() == []
    assert "You follow nothing yet" in text_of(str(member.get("/my").html.select_one("#my-follows")))


def test_nobody_follows_what_they_may_not_read(app, db, people):
    url = news(db, "A draft", "sec@example.org")
    member = client(app)
    login(member, "member@example.org")
    member.post("/follow", {"target_type": "content", "target_id": url.rsplit("/", 1)[1], "follow": "1",
                            "csrf_token": csrf(member)}, status=404)
    member.post("/follow", {"target_type": "nothing", "target_id": "1", "follow": "1",
                            "csrf_token": csrf(member)}, status=400)
    assert member.get("/").html.select_one("a.bell") is not None


def test_a_kind_declared_twice_stops_the_start_and_portal_plugins_lists_them(registry):
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationConflictError
    from portal.notifications import add_notification_kind
    config = Configurator()
    config.include("portal.registry")
    config.add_directive("add_notification_kind", add_notification_kind)
    config.add_notification_kind("group.invitation", "Invitation")
    config.add_notification_kind("group.invitation", "Another")
    with pytest.raises(ConfigurationConflictError):
        config.commit()
    kinds = {i["introspectable"].title: i["introspectable"]["plugin"]
             for i in registry.introspector.get_category("portal notification kinds")}
    assert kinds["review.submitted"] == "portal" and kinds["jury.assigned"] == "plugins.awards"
    assert kinds["group.invitation"] == "plugins.working_groups"
    followables = {i["introspectable"].title for i in registry.introspector.get_category("portal followables")}
    assert {"content", "working_group", "antenna"} <= followables


def test_the_list_is_newest_first_twenty_a_page(app, db, people):
    with db() as s:
        sec = s.scalar(select(User).where(User.email == "sec@example.org"))
        start = sec.created
        for i in range(25):
            s.add(Notification(user_id=sec.id, kind="follow.activity", url="/news",
                               message={"msgid": "“${title}” was published.", "mapping": {"title": f"Item {i}"}},
                               note="", created=start + timedelta(minutes=i)))
    browser = client(app)
    login(browser, "sec@example.org")
    first = browser.get("/notifications")
    texts = [t.text for t in first.html.select(".notification-text")]
    assert len(texts) == 20 and texts[0] == "“Item 24” was published." and texts[-1] == "“Item 5” was published."
    second = browser.get(first.html.select_one('a[rel="next"]')["href"])
    assert [t.text for t in second.html.select(".notification-text")][-1] == "“Item 0” was published."
    browser.get("/notifications?page=3", status=404)
