"""The main menu in a browser: one line at 1280 px in each language, its groups open one at a time and
close with Escape, and on a phone the menu button opens and closes the menu and says which it does."""
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import serious_violations

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_the_main_menu_keeps_one_line_at_1280_px(live_server, new_page, lang):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server}/members?_LOCALE_={lang}")
    tops = page.eval_on_selector_all("nav.main-nav ul.menu > li",
                                     "items => items.map(item => Math.round(item.getBoundingClientRect().top))")
    assert len(tops) >= 5 and len(set(tops)) == 1, tops
    # and the search box stays beside it, not under it
    menu = page.locator("nav.main-nav").bounding_box()
    search = page.locator("form.search-box").bounding_box()
    assert abs((search["y"] + search["height"] / 2) - (menu["y"] + menu["height"] / 2)) < 30


def test_a_group_opens_shows_its_entries_and_closes_with_escape(live_server, new_page, axe_source):
    page = new_page(bypass_csp=True)  # only to inject axe-core
    page.goto(f"{live_server}/")
    network = page.locator("nav.main-nav details.submenu").first
    about = network.get_by_role("link", name="About the network")
    expect(about).to_be_hidden()
    network.locator("summary").click()
    expect(about).to_be_visible()
    page.add_script_tag(content=axe_source)
    assert serious_violations(page) == []
    page.locator("nav.main-nav details.submenu").nth(1).locator("summary").click()  # News
    expect(about).to_be_hidden()  # one group open at a time
    expect(page.get_by_role("link", name="Newsletter")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Newsletter")).to_be_hidden()
    network.locator("summary").click()
    page.mouse.click(1000, 600)  # a click elsewhere closes it
    expect(about).to_be_hidden()
    network.locator("summary").click()
    about.click()
    page.wait_for_url("**/sections**")


def test_the_phone_menu_button_opens_and_closes_the_menu(live_server, new_page):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_server}/?_LOCALE_=es")
    button = page.locator("button.menu-toggle")
    expect(button).to_have_text("Menú")
    expect(page.locator("nav.main-nav")).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_text("Cerrar el menú")
    page.locator("nav.main-nav summary").first.click()
    expect(page.locator("nav.main-nav").get_by_role("link", name="Miembros", exact=True)).to_be_visible()
    button.click()
    expect(button).to_have_text("Menú")
    expect(page.locator("nav.main-nav")).to_be_hidden()
