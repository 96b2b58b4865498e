"""The newsletter on "My space" (/my): whether the visitor's address receives it, a way to subscribe if
not; the issues still drafts wait for the secretariat."""
from plugins.newsletter.models import Issue, Subscriber
from portal.testing import client, login, text_of


def panel(browser):
    return browser.get("/my").html.select_one("#my-newsletter")


def test_a_subscriber_finds_their_preferences_and_others_are_offered_to_subscribe(app, make_user, db):
    make_user("ana@example.org")
    make_user("bo@example.org")
    with db() as s:
        s.add(Subscriber(email="Ana@Example.org", name="Ana", status="subscribed"))
    ana = client(app, "192.0.2.31")
    login(ana, "ana@example.org")
    mine = panel(ana)
    link = mine.select_one('a[href^="/newsletter/preferences/"]')
    assert link.text == "Your newsletter preferences" and "Subscribed" in text_of(str(mine))
    assert mine.select_one(".my-action") is None
    assert ana.get(link["href"]).status_int == 200

    bo = client(app, "192.0.2.32")
    login(bo, "bo@example.org")
    theirs = panel(bo)
    assert "You do not receive the newsletter." in text_of(str(theirs))
    assert not theirs.select('a[href^="/newsletter/preferences/"]')
    assert theirs.select_one('.my-action a[href="/newsletter"]').text == "Subscribe to the newsletter"


def test_a_subscription_not_yet_confirmed_says_so(app, make_user, db):
    make_user("ana@example.org")
    with db() as s:
        s.add(Subscriber(email="ana@example.org", status="pending"))
    ana = client(app, "192.0.2.31")
    login(ana, "ana@example.org")
    assert "Waiting for your confirmation" in text_of(str(panel(ana)))


def test_draft_issues_wait_for_the_secretariat_not_for_members(app, make_user, db):
    make_user("sec@example.org", role="secretariat")
    make_user("rep@example.org", role="member")
    with db() as s:
        s.add(Issue(title="March issue", default_language="en"))
        s.add(Issue(title="February issue", default_language="en", status="sent"))
    sec = client(app, "192.0.2.33")
    login(sec, "sec@example.org")
    waiting = text_of(str(sec.get("/my").html.select_one(".my-waiting")))
    assert "March issue" in waiting and "February issue" not in waiting
    rep = client(app, "192.0.2.34")
    login(rep, "rep@example.org")
    assert "March issue" not in text_of(rep.get("/my").text)
