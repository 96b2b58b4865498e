"""The award call in Spanish, end to end in a browser: the secretariat types the Spanish texts in the
call form's language tabs, a reader whose browser asks for Spanish reads them, a French reader gets the
original with a note. The tabs pass axe-core at desktop and phone width and work with the keyboard."""
import os
from datetime import datetime, timezone

import pytest
from award_helpers import add_open_call
from browser_steps import html_field, log_in

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests
    expect = None

pytestmark = pytest.mark.browser

UTC = timezone.utc
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
SHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: the pages are kept there as PNG


@pytest.fixture
def call_id(db, make_user, monkeypatch):
    found = add_open_call(db, monkeypatch, NOW)
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat")
    return found


def axe_problems(page, axe):
    problems = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.add_script_tag(content=axe)
        found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
        problems += [f"{width}px {v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in found
                     if v["impact"] in ("serious", "critical")]
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"{page.url.rsplit('/', 1)[-1] or 'page'}-{width}.png"),
                            full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


def test_the_award_call_in_spanish_end_to_end(new_page, live_server, call_id, axe_source):
    sam = new_page(bypass_csp=True)  # axe-core is injected as a script the site's policy rightly refuses
    log_in(sam, live_server, "sam@example.org", "Sam Secretariat")
    sam.goto(f"{live_server}/awards/{call_id}/edit")
    form = sam.locator("main form#deform")
    title = form.locator("fieldset:has(> legend:text-is('Title'))")
    tabs = title.get_by_role("tab")
    expect(tabs).to_have_count(4)
    for n, name in enumerate(["English (required)", "Español (optional)", "Français (optional)", "Português (optional)"]):
        expect(title.get_by_role("tab", name=name, exact=True)).to_have_attribute("id", tabs.nth(n).get_attribute("id"))
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    expect(title.get_by_label("Español", exact=True)).to_be_hidden()  # one language at a time
    tabs.first.focus()
    sam.keyboard.press("ArrowRight")  # the keyboard moves between the languages
    expect(tabs.nth(1)).to_be_focused()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    title.get_by_label("Español", exact=True).fill("Premio a la Buena Práctica")
    rules = form.locator("fieldset:has(> legend:text-is('Rules'))")
    rules.get_by_role("tab", name="Español (optional)").click()
    html_field(rules, "Español").fill("<p>Sea audaz.</p>")
    eligibility = form.locator("fieldset:has(> legend:text-is('Eligibility'))")
    eligibility.get_by_role("tab", name="Español (optional)").click()
    html_field(eligibility, "Español").fill("<p>Miembros.</p>")
    category = form.locator(".translatable:has(input[value='Inclusion'])")
    category.get_by_role("tab", name="Español (optional)").click()
    category.locator("input[name='name-es']").fill("Inclusión")
    assert axe_problems(sam, axe_source) == []
    form.get_by_role("button", name="Save").click()
    expect(sam.locator(".flash")).to_contain_text("Changes saved.")

    reader = new_page(bypass_csp=True)  # a reader who chose Spanish (kept in a cookie for the next pages)
    reader.goto(f"{live_server}/awards?_LOCALE_=es")
    reader.get_by_role("link", name="7th Premio a la Buena Práctica").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("7th Premio a la Buena Práctica")
    expect(reader.locator("main .body p").first).to_have_text("Sea audaz.")  # shown as HTML
    expect(reader.locator("main")).to_contain_text("Inclusión")
    expect(reader.locator(".untranslated-note")).to_have_count(0)

    french = new_page(bypass_csp=True)
    french.goto(f"{live_server}/awards/{call_id}?_LOCALE_=fr")
    expect(french.get_by_role("heading", level=1)).to_have_text("7th Good Practice Award")
    expect(french.locator(".untranslated-note")).to_have_text("Pas encore traduit en Français.")
    assert axe_problems(french, axe_source) == []
