"""A person uses the portal with a real browser: clicks, typing and the keyboard, as they would."""
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import html_field, menu_link

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"


@pytest.fixture
def secretariat(make_user):
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat", password=PASSWORD)
    return "sam@example.org"


def log_in(page, base, email):
    page.goto(base + "/")
    page.locator(".user-links").get_by_role("link", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/login\b"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_log_in_add_publish_search_switch_language_log_out(page, live_server, secretariat):
    log_in(page, live_server, secretariat)
    expect(page.locator(".flash")).to_contain_text("Welcome, Sam Secretariat.")
    header = page.locator("header.site-header")
    expect(header.get_by_role("link", name="Sam Secretariat")).to_be_visible()

    # Add a page through its form, reached from the control panel.
    header.get_by_role("link", name="Manage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage")
    page.locator("main").get_by_role("link", name="Page", exact=True).click()
    expect(page).to_have_url(re.compile(r"/pages/add$"))
    form = page.locator("main form")
    form.get_by_label("Title").fill("Neighbourhood councils of Montevideo")
    form.get_by_label("Summary").fill("How residents decide on the local budget.")
    html_field(form, "Text").fill("<p>The <strong>zonal councils</strong> meet every month.</p>")
    form.get_by_label("Language").select_option("en")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neighbourhood councils of Montevideo")
    expect(page.locator(".flash")).to_contain_text("Saved as a draft")
    expect(page.locator(".actions .state")).to_contain_text("Draft")
    expect(page.locator(".body strong")).to_have_text("zonal councils")

    # Publish it with the workflow's button, leaving a comment in the history.
    page.get_by_label("Comment (optional, kept in the history)").fill("Checked with the city")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Published: everyone can read it now.")
    expect(page.locator(".actions .state")).to_contain_text("Published")
    page_url = page.url

    # Find it with the search box in the header.
    search = page.locator("#site-search")
    search.fill("zonal councils")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=zonal"))
    hit = page.locator("ol.hits").get_by_role("link", name="Neighbourhood councils of Montevideo")
    expect(hit).to_be_visible()
    expect(page.locator("ol.hits mark").first).to_be_visible()
    expect(page.locator("#site-search")).to_have_value("zonal councils")
    hit.click()
    expect(page).to_have_url(page_url)

    # Switch the language: the choice is kept for the next pages.
    page.locator("nav.languages").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("nav.languages a[aria-current]")).to_have_text("Español")
    page.locator("a.brand").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")

    # Log out with the header's button (its label may be translated by now).
    page.locator(".user-links form button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    expect(page.locator(".user-links a[href^='/login']")).to_be_visible()
    expect(page.locator("header.site-header")).not_to_contain_text("Sam Secretariat")
    # The session is gone on the server too: the control panel asks to log in again.
    page.goto(live_server + "/manage")
    expect(page.locator("main form input[name=email]")).to_be_visible()


def test_wrong_password_is_explained_next_to_the_form(page, live_server, secretariat):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(secretariat)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password.")
    expect(page.get_by_label("Email")).to_have_value(secretariat)


def test_an_invalid_form_says_what_to_fix(page, live_server, secretariat):
    log_in(page, live_server, secretariat)
    page.goto(live_server + "/pages/add")
    # The browser would stop an empty title itself; one too long is refused by the server.
    form = page.locator("main form")
    form.get_by_label("Title").fill("x" * 301)
    form.get_by_role("button", name="Save").click()

    summary = page.locator("form .error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    title = form.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    described = title.get_attribute("aria-describedby").split()
    error = page.locator(f"#{[i for i in described if i.startswith('error-')][0]}")
    expect(error).to_be_visible()
    expect(error).to_contain_text("300")
    # The summary links to the field; following the link puts the cursor there. What was typed is kept.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Title")).to_be_focused()
    page.keyboard.press("Enter")
    expect(title).to_be_focused()
    expect(title).to_have_value("x" * 301)
    # A field with a hint is described by it too.
    text = form.locator("textarea").and_(form.get_by_label("Text", exact=True))
    hint = page.locator("#" + text.get_attribute("aria-describedby").split()[0])
    expect(hint).to_contain_text("scripts")


def test_keyboard_skip_link_and_search_box(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # From the top of the page, the search box is a few Tab presses away, before the content.
    page.goto(live_server + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    expect(page.locator("#site-search")).to_be_focused()
    page.keyboard.type("participation")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=participation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")


def test_menu_toggle_at_phone_width(phone_page, live_server):
    page = phone_page
    width = page.viewport_size["width"]
    page.goto(live_server + "/")
    toggle = page.get_by_role("button", name="Menu")
    nav = page.locator("#site-nav")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("Close the menu")
    expect(nav).to_be_visible()
    members = menu_link(page, "Members", group="The network")
    expect(members).to_be_in_viewport()
    search = page.locator("#site-search")
    expect(search).to_be_visible()
    box = search.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    # The menu works from the keyboard too: Enter opens it, Escape closes it and returns to the button.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.locator("a, summary").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    menu_link(page, "Members", group="The network").click()  # (Escape closed the group too)
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    expect(page.locator("#site-nav")).to_be_hidden()


def test_desktop_shows_the_navigation_without_a_toggle(page, live_server):
    page.goto(live_server + "/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator("#site-nav")).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()
