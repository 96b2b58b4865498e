"""My space (/my) in a browser, in the four languages, at desktop (1280 px) and phone (390 px) width: a
member representative logs in and lands there, finds their organisation, their draft and their working
group; the secretariat finds what waits for it first. No serious axe-core violation, no sideways
scrolling, no Nu validator error."""
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from award_helpers import add_open_call
from browser_steps import PASSWORD, html_problems, log_in, page_problems

from portal.testing import in_language

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests
    expect = None

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("PORTAL_SCREENSHOTS")
LANGUAGES = ("en", "es", "fr", "pt")


@pytest.fixture
def arranged(people, db, make_user):
    from plugins.experiences.models import Experience
    from plugins.working_groups import services
    from portal.models import MembershipApplication, User
    with db() as s:
        rita = s.query(User).filter_by(email=people["member"]).one()
        s.add(Experience(title="Neighbourhood assemblies of Villa Esperanza", description="", body="<p>x</p>",
                         language="en", city="Villa Esperanza", country="AR", state="draft", creator_id=rita.id,
                         mechanism="participatory-budget", scale="city", start_year=2019, sdgs=[16]))
        services.create_group(s, "Participatory budgets", "<p>Budgets decided by residents.</p>", "public", rita)
        s.add(MembershipApplication(organisation="Ciudad de Rosario", kind="city", country="AR",
                                    contact_name="Marta Díaz", email="marta@example.org"))
    return people


def test_a_member_lands_on_my_space_in_each_language(new_page, live_server, arranged, axe_source, validate_html,
                                                     tmp_path):
    tab = new_page(bypass_csp=True)  # axe-core is injected as a script the site's policy rightly refuses
    tab.goto(live_server + "/")
    log_in(tab, live_server, arranged["member"], "Rita Representative")
    assert tab.url == live_server + "/my"
    problems, saved = [], []
    for language in LANGUAGES:
        tab.goto(f"{live_server}/my?_LOCALE_={language}")
        expect(tab.locator("main h1")).to_have_text(in_language(language, "My space") if language != "en" else "My space")
        own = tab.locator(".my-own")
        expect(own).to_contain_text("Neighbourhood assemblies of Villa Esperanza")
        expect(own.locator(".badge-draft")).to_be_visible()
        expect(tab.locator(".my-organisation a")).to_have_text("Municipality of Villa Esperanza")
        expect(tab.locator("#my-working-groups")).to_contain_text("Participatory budgets")
        expect(tab.locator(".my-waiting")).to_have_count(0)
        expect(tab.locator("header .user-links a[href='/my']")).to_have_attribute("aria-current", "page")
        path = tmp_path / f"my-space-{language}.html"
        path.write_text(tab.content(), encoding="utf-8")  # the page as served, before axe-core is injected
        saved.append(path)
        tab.add_script_tag(content=axe_source)
        problems += page_problems(tab, f"my space ({language})")
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 900})
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(Path(SHOTS) / f"my-space-{language}-{width}.png"), full_page=True)
        tab.set_viewport_size({"width": 1280, "height": 900})
    problems += html_problems(validate_html, saved)
    assert not problems, "\n".join(problems)


def test_the_secretariat_finds_what_waits_for_it_first(new_page, live_server, arranged):
    tab = new_page()
    log_in(tab, live_server, arranged["secretariat"], "Sam Secretariat")
    assert tab.url == live_server + "/my"
    waiting = tab.locator("main .my-waiting")
    expect(waiting).to_contain_text("Membership applications")
    waiting.get_by_role("link", name="Membership applications").click()
    expect(tab.locator("main h1")).to_have_text("Membership applications")


def test_a_representative_follows_the_call_to_action_of_an_open_call(new_page, live_server, people, db, monkeypatch,
                                                                     axe_source):
    """Not logged in, the call says member representatives log in to apply; the link comes back to the call,
    where Rita now finds the button to submit an entry."""
    call_id = add_open_call(db, monkeypatch, datetime(2027, 2, 1, 12, 0, tzinfo=timezone.utc))
    tab = new_page(bypass_csp=True)
    tab.goto(f"{live_server}/awards/{call_id}")
    expect(tab.get_by_role("link", name="Submit an entry")).to_have_count(0)
    tab.add_script_tag(content=axe_source)
    problems = page_problems(tab, "open call, not logged in")
    if SHOTS:
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 900})
            tab.screenshot(path=str(Path(SHOTS) / f"call-to-action-{width}.png"), full_page=True)
        tab.set_viewport_size({"width": 1280, "height": 900})
    tab.locator(".call-to-action").get_by_role("link", name="Member representatives: log in to apply.").click()
    tab.get_by_label("Email").fill(people["member"])
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    assert tab.url == f"{live_server}/awards/{call_id}"
    expect(tab.get_by_role("link", name="Submit an entry")).to_be_visible()
    expect(tab.locator(".call-to-action")).to_have_count(0)
    assert not problems, "\n".join(problems)
