"""A listing's filters on a phone: behind one "Filters (n)" button, so the first result is on the first
screen; the button opens them over the page and Escape closes them. On a wide screen they stay beside
the results with no button."""
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import serious_violations

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def experiences(db):
    from portal.models import utcnow
    from plugins.experiences.models import Experience, Theme
    with db() as s:
        budget = Theme(slug="budgeting", label_en="Participatory budgeting", label_es="Presupuesto participativo",
                       label_fr="Budget participatif", label_pt="Orçamento participativo")
        s.add(budget)
        for i in range(6):
            s.add(Experience(title=f"Assembly number {i}", description="Residents decide.", body="<p>x</p>",
                             language="en", city="Rosario", country="AR", state="published", published=utcnow(),
                             themes=[budget] if i % 2 else []))


@pytest.mark.parametrize("path", ["/experiences?theme=budgeting", "/search?q=assembly"])
def test_on_a_phone_the_first_result_comes_before_the_filters(live_server, new_page, axe_source, experiences, path):
    page = new_page(PHONE, is_mobile=True, has_touch=True, bypass_csp=True)  # (bypass: to inject axe-core)
    page.goto(live_server + path)
    button = page.locator("details.filters-drawer > summary")
    expect(button).to_be_visible()
    chosen = "(1)" if "theme=" in path else ""
    expect(button).to_have_text(f"Filters {chosen}".strip())
    first = page.locator("ol.hits > li h2 a").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the first result is on the first screen"
    expect(page.locator("aside.facets")).to_be_hidden()
    button.click()
    facets = page.locator("aside.facets")
    expect(facets).to_be_visible()
    drawer = page.locator("details.filters-drawer").bounding_box()
    assert drawer["y"] == 0 and drawer["height"] >= PHONE["height"] - 1  # over the page
    page.add_script_tag(content=axe_source)
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(facets).to_be_hidden()
    expect(button).to_be_focused()
    button.click()
    before = page.url
    with page.expect_navigation():
        page.locator("aside.facets a").first.click()  # a filter in the drawer still filters
    assert page.url != before


def test_on_a_wide_screen_the_filters_stand_beside_the_results(live_server, new_page, experiences):
    page = new_page(DESKTOP)
    page.goto(live_server + "/experiences")
    expect(page.locator("details.filters-drawer > summary")).to_be_hidden()
    facets = page.locator("aside.facets")
    expect(facets).to_be_visible()
    results = page.locator("section.results").bounding_box()
    assert facets.bounding_box()["x"] + facets.bounding_box()["width"] <= results["x"]
