"""World maps in a browser: on /members, /experiences and /reach the map passes axe-core at desktop
and phone width and the HTML validator; a country is a link that a screen reader names with its
count, that shows where the keyboard is, and that filters the list, by mouse, finger or Enter; the
table says the same."""
import os

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from .conftest import DESKTOP, PHONE
from browser_steps import html_problems, keep_screenshots, page_problems

pytestmark = pytest.mark.browser

# Set to a folder to keep a screenshot of each page at both widths (for a person to look at).
SHOTS = os.environ.get("PORTAL_SCREENSHOTS")
FOCUS_FILL = "rgb(242, 169, 0)"  # maps.css: a focused country takes the portal's focus colour


@pytest.fixture
def network(db):
    from portal.countries import region_of
    from portal.models import Member, utcnow
    from plugins.experiences.models import Experience, Theme
    with db() as s:
        members = [Member(name=n, kind=k, country=c, region=region_of(c), status="active")
                   for n, k, c in (("Porto Alegre", "city", "BR"), ("Canoas", "city", "BR"),
                                   ("Grenoble", "city", "FR"), ("Dakar", "city", "SN"),
                                   ("Singapore City", "local-government", "SG"),
                                   ("Universidad de Buenos Aires", "university", "AR"))]
        s.add_all(members)
        theme = s.query(Theme).filter_by(slug="participatory-budgeting").one()
        for title, country, city in (("Participatory budget of Porto Alegre", "BR", "Porto Alegre"),
                                     ("Youth budget of Dakar", "SN", "Dakar"),
                                     ("Budget participatif de Grenoble", "FR", "Grenoble")):
            e = Experience(title=title, description="", body="<p>x</p>", language="en", city=city, country=country,
                           state="published", published=utcnow(), mechanism="participatory-budget", scale="city",
                           start_year=2010, sdgs=[16])
            s.add(e)
            e.themes = [theme]


PAGES = [
    ("members-map", "/members"),
    ("members-map-country", "/members?country=BR"),
    ("experiences-map", "/experiences"),
    ("experiences-map-country", "/experiences?country=SN"),
    ("reach-map", "/reach"),
]


def test_map_pages_are_accessible_and_valid(new_page, live_server, network, axe_source, validate_html, tmp_path):
    tab = new_page(bypass_csp=True)
    problems, files = [], []
    for name, path in PAGES:
        tab.set_viewport_size(DESKTOP)
        response = tab.goto(live_server + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(tab.locator("section.world-map svg g.countries a").first).to_be_attached()
        tab.add_script_tag(content=axe_source)
        # the table too: axe checks what is shown
        tab.locator("section.world-map details summary").click()
        problems += page_problems(tab, name)
        keep_screenshots(tab, name, (("desktop", DESKTOP), ("phone", PHONE)))
        file = tmp_path / f"{name}.html"
        file.write_text(response.text(), encoding="utf-8")
        files.append(file)
    problems += html_problems(validate_html, files)
    assert not problems, "\n".join(problems)


def test_a_country_on_the_map_is_a_named_link_that_filters_the_directory(new_page, live_server, network):
    tab = new_page()
    tab.goto(live_server + "/members")
    world = tab.locator("#members-map")
    # what a screen reader reads: the map by its name, each country with members a link with its count
    expect(tab.get_by_role("region", name="Member organisations by country")).to_be_visible()
    brazil = world.get_by_role("link", name="Brazil: 2 member organisations")
    expect(brazil).to_be_visible()
    expect(world.get_by_role("link", name="Singapore: 1 member organisation")).to_be_visible()  # a dot
    expect(world.locator("svg").get_by_role("link")).to_have_count(5)
    # the keyboard: a focused country is painted in the focus colour
    france = world.get_by_role("link", name="France: 1 member organisation")
    france.focus()
    fill = france.locator("path").evaluate("el => getComputedStyle(el).fill")
    assert fill == FOCUS_FILL
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/members?country=FR")
    expect(tab.locator("ul.members h2 a")).to_have_text(["Grenoble"])
    # the mouse: Brazil
    tab.locator("#members-map").get_by_role("link", name="Brazil: 2 member organisations").click()
    tab.wait_for_url("**/members?country=BR")
    expect(tab.locator("ul.members h2 a")).to_have_text(["Canoas", "Porto Alegre"])
    expect(tab.locator("#members-map a.selected")).to_have_attribute("aria-current", "true")


def test_on_a_phone_the_map_fits_and_its_table_filters(new_page, live_server, network):
    tab = new_page(PHONE, is_mobile=True, has_touch=True)
    tab.goto(live_server + "/experiences")
    svg = tab.locator("#experiences-map svg")
    box = svg.bounding_box()
    assert 300 < box["width"] <= PHONE["width"] and box["height"] > 100  # scaled to the width, not cut
    # the first result comes before the map
    first_hit = tab.locator(".hits h2").first.bounding_box()
    assert first_hit["y"] < box["y"]
    tab.locator("a[href='#experiences-map']").click()
    expect(svg).to_be_in_viewport()
    table = tab.locator("#experiences-map details")
    table.locator("summary").click()
    expect(table.locator("tbody tr")).to_have_count(3)
    table.get_by_role("link", name="Senegal").click()
    tab.wait_for_url("**/experiences?country=SN")
    expect(tab.locator(".hits h2 a")).to_have_text(["Youth budget of Dakar"])
