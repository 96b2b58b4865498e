"""Wide tables on a phone: each row of a listing becomes a card whose cells say which column they are, the
page no longer scrolls sideways, and the same table stays a table on a desktop. A table that still overflows
its box can be scrolled with the keyboard."""
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import log_in, serious_violations

from .conftest import PHONE

pytestmark = pytest.mark.browser

ROW_LAYOUT = """table => {
  const row = table.tBodies[0].rows[0];
  const cell = row.cells[1];  // the first is the card's title
  return {row: getComputedStyle(row).display, label: cell.getAttribute('data-label'),
          shown: getComputedStyle(cell, '::before').content, role: cell.getAttribute('role'),
          overflow: document.scrollingElement.scrollWidth - window.innerWidth};
}"""


def test_a_listing_is_a_pile_of_cards_on_a_phone_and_a_table_on_a_desktop(live_server, new_page, people, axe_source):
    page = new_page(PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    log_in(page, live_server, people["secretariat"], "Sam Secretariat")
    page.goto(f"{live_server}/manage/users?_LOCALE_=fr")
    phone = page.eval_on_selector("main table.listing", ROW_LAYOUT)
    assert phone["row"] == "block"  # a card
    assert phone["label"] == "Adresse électronique" and phone["shown"] == '"Adresse électronique"'  # the column's name, translated
    assert phone["role"] == "cell"  # still a table cell for a screen reader
    assert phone["overflow"] <= 0  # nothing to scroll sideways
    page.add_script_tag(content=axe_source)
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    desktop = page.eval_on_selector("main table.listing", ROW_LAYOUT)
    assert desktop["row"] == "table-row" and desktop["shown"] in ("none", "normal")


def test_a_table_wider_than_its_box_takes_the_keyboard_focus(live_server, new_page, people):
    page = new_page(viewport={"width": 1280, "height": 800})
    log_in(page, live_server, people["secretariat"], "Sam Secretariat")
    page.goto(f"{live_server}/manage/users")
    wrap = page.locator("main .table-wrap").first
    assert wrap.get_attribute("tabindex") is None  # it fits: no extra stop for the keyboard
    page.evaluate("""() => { const wrap = document.querySelector('main .table-wrap');
                             wrap.style.width = '200px'; wrap.querySelector('table').style.minWidth = '900px'; }""")
    page.set_viewport_size({"width": 1200, "height": 800})  # the resize check runs again
    expect(wrap).to_have_attribute("tabindex", "0")
    expect(wrap).to_have_attribute("aria-label", "Users")  # named after the page's heading above it
    wrap.focus()
    for _ in range(20):  # the arrow key scrolls the focused box
        page.keyboard.press("ArrowRight")
        if wrap.evaluate("wrap => wrap.scrollLeft") > 0:
            break
    assert wrap.evaluate("wrap => wrap.scrollLeft") > 0
