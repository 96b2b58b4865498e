"""My space (/my): where a person lands after logging in; their organisation, their drafts and items waiting
for review, the plugins' panels (add_dashboard_panel), and for the secretariat what waits for it."""
from urllib.parse import urlsplit

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal.models import Member, MembershipApplication, Page
from portal.testing import client, in_language, text_of


def test_my_space_needs_a_login(testapp):
    res = testapp.get("/my", status=302)
    assert urlsplit(res.location).path == "/login"
    assert "came_from=%2Fmy" in res.location


def test_login_from_the_home_page_or_with_no_came_from_lands_on_my_space(testapp, make_user):
    make_user(email="ana@example.org")
    for came_from in ("", "/", "/?_LOCALE_=es", "https://evil.example/"):
        browser = client(testapp.app)
        form = browser.get("/login").forms["deform"]
        form["email"], form["password"], form["came_from"] = "ana@example.org", "a-good-password", came_from
        res = form.submit("login", status=302)
        assert urlsplit(res.location).path == "/my", came_from
        assert urlsplit(res.location).netloc == "portal.test"


def test_login_with_a_page_to_return_to_goes_back_there(testapp, make_user):
    make_user(email="ana@example.org")
    form = testapp.get("/login", {"came_from": "/members"}).forms["deform"]
    form["email"], form["password"] = "ana@example.org", "a-good-password"
    assert urlsplit(form.submit("login", status=302).location).path == "/members"


def test_the_header_and_the_home_page_lead_a_member_to_my_space(testapp, as_user):
    home = testapp.get("/").html
    assert "Join the network" in text_of(str(home.select_one(".hero"))) and not home.select('a[href="/my"]')
    as_user(role="member")
    res = testapp.get("/")
    hero = res.html.select_one(".hero")
    assert "Join the network" not in text_of(str(hero)) and hero.select_one('a[href="/my"]').text == "My space"
    assert res.html.select_one('header .user-links a[href="/my"]').text == "My space"


def test_my_space_shows_the_organisation_and_own_drafts_not_others(testapp, as_user, make_user, db):
    with db() as s:
        member = Member(name="Ciudad de Rosario", kind="city", country="AR", region="latin-america-caribbean",
                        status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    other = make_user(email="other@example.org", role="editor")
    me = as_user(role="editor", email="me@example.org", member_id=member_id)
    with db() as s:
        s.add(Page(title="My unfinished page", state="draft", creator_id=me, language="en"))
        s.add(Page(title="My page under review", state="pending", creator_id=me, language="en"))
        s.add(Page(title="My published page", state="published", creator_id=me, language="en"))
        s.add(Page(title="Someone else's draft", state="draft", creator_id=other, language="en"))
    res = testapp.get("/my")
    own = text_of(str(res.html.select_one(".my-own")))
    assert "My unfinished page" in own and "My page under review" in own
    assert "Draft" in own and "Pending review" in own
    assert "My published page" not in own and "Someone else's draft" not in own
    organisation = res.html.select_one(".my-organisation")
    assert organisation.select_one(f'a[href="/members/{member_id}"]').text == "Ciudad de Rosario"


def test_an_empty_my_space_says_what_to_do_next(testapp, as_user):
    as_user(role="member")
    res = testapp.get("/my")
    own = text_of(str(res.html.select_one(".my-own")))
    assert "You have no drafts" in own
    assert res.html.select_one('.my-own a[href="/experiences/add"]') is not None
    organisation = res.html.select_one(".my-organisation")
    assert "not linked to a member organisation" in text_of(str(organisation))
    assert organisation.select_one('a[href="/join"]') is not None


def test_my_space_speaks_the_readers_language(testapp, as_user):
    as_user(role="member", language="es")
    res = testapp.get("/my", {"_LOCALE_": "es"})
    assert in_language("es", "My space") in text_of(res.text)
    assert in_language("es", "Your drafts and items waiting for review") in text_of(res.text)


def test_the_secretariat_sees_what_waits_for_it_first(testapp, as_user, db):
    with db() as s:
        s.add(MembershipApplication(organisation="Municipio de Cuenca", email="cuenca@example.org",
                                    contact_name="Lucía", country="EC", kind="city", status="pending"))
        s.add(Page(title="A page to review", state="pending", language="en"))
    as_user(role="secretariat")
    res = testapp.get("/my")
    waiting = res.html.select_one(".my-waiting")
    assert waiting is not None
    text = text_of(str(waiting)).replace(" :", ":")
    assert "Membership applications: 1 waiting" in text and "Content waiting for review: 1 waiting" in text
    assert waiting.select_one('a[href="/manage/applications"]') is not None
    # the same list heads /manage
    assert "Membership applications: 1 waiting" in text_of(testapp.get("/manage").text).replace(" :", ":")


def test_a_member_sees_no_secretariat_work(testapp, as_user, db):
    with db() as s:
        s.add(MembershipApplication(organisation="Municipio de Cuenca", email="cuenca@example.org",
                                    contact_name="Lucía", country="EC", kind="city", status="pending"))
    as_user(role="member")
    res = testapp.get("/my")
    assert res.html.select_one(".my-waiting") is None
    assert "Membership applications" not in text_of(res.text)


# --- the directive ---------------------------------------------------------------------------------

def _config():
    config = Configurator(settings={})
    config.include("portal.registry")
    return config


def test_dashboard_panels_are_ordered_hidden_on_none_and_the_follows_slot_comes_first():
    config = _config()
    config.add_dashboard_panel("late", "Late", lambda request: [{"title": "x", "url": "/x"}], order=90)
    config.add_dashboard_panel("hidden", "Hidden", lambda request: None, order=10)
    config.add_dashboard_panel("empty", "Empty", lambda request: [], order=20, empty="Nothing yet.",
                               action=lambda request: {"title": "Start", "url": "/start"})
    config.commit()
    found = config.registry.portal.dashboard(object())
    assert [(p.name, items, action) for p, items, action in found] == [
        ("empty", [], {"title": "Start", "url": "/start"}), ("late", [{"title": "x", "url": "/x"}], None)]
    assert config.registry.introspector.get("portal dashboard panels", "late")["order"] == 90


def test_two_plugins_cannot_claim_one_dashboard_panel():
    config = _config()
    config.add_dashboard_panel("groups", "A", lambda request: [])
    config.add_dashboard_panel("groups", "B", lambda request: [])
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_a_dashboard_panel_callback_takes_the_request_first():
    config = _config()
    with pytest.raises(ConfigurationError):
        config.add_dashboard_panel("bad", "Bad", lambda user: [])
