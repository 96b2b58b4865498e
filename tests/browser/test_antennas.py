"""Antennas in a browser: a coordinator publishes news in their antenna, a visitor reads it there;
the pages the plugin adds pass axe-core (desktop and phone) and the HTML validator."""
import os

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from .conftest import DESKTOP, PHONE
from browser_steps import html_problems, keep_screenshots, log_in, menu_link, page_problems

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
# Set to a folder to keep a screenshot of each page at both widths (for a person to look at).
SHOTS = os.environ.get("PORTAL_SCREENSHOTS")


@pytest.fixture
def antenna(db, make_user):
    from datetime import date
    from portal.countries import region_of
    from portal.models import Member, Section, utcnow
    from plugins.antennas.models import Antenna
    from plugins.experiences.models import Experience, Theme
    luiza = make_user("luiza@example.org", name="Luiza Coordinator", password=PASSWORD)
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat", password=PASSWORD)
    with db() as s:
        members = [Member(name=n, kind=k, country=c, region=region_of(c), status="active", member_since=date(y, 1, 1),
                          description="A member of the network.", website="https://example.org")
                   for n, k, c, y in (("Porto Alegre", "city", "BR", 1999), ("Montevideo", "city", "UY", 2002),
                                      ("Dakar", "city", "SN", 2008), ("Seoul", "local-government", "KR", 2015),
                                      ("Universidad de Buenos Aires", "university", "AR", 2014))]
        s.add_all(members)
        section = Section(title="Latin America antenna", state="published", published=utcnow(), language="en")
        a = Antenna(name="Latin America antenna", region="latin-america-caribbean", seat_city="Porto Alegre",
                    seat_country="BR", status="active", description="<p>Experts of the region.</p>",
                    contacts="antena@example.org", section=section, host_member=members[0])
        s.add(a)
        e = Experience(title="Participatory budget of Porto Alegre", description="", body="<p>x</p>", language="en",
                       city="Porto Alegre", country="BR", state="published", published=utcnow(),
                       mechanism="participatory-budget", scale="city", start_year=1989, sdgs=[16], member=members[0])
        s.add(e)
        e.themes = [s.query(Theme).filter_by(slug="participatory-budgeting").one()]
        s.flush()
        a.set_coordinators(s, [luiza])
        return {"id": a.id, "member": members[0].id}


def test_a_coordinator_publishes_news_in_their_antenna(new_page, live_server, antenna):
    tab = new_page()
    log_in(tab, live_server, "luiza@example.org", "Luiza Coordinator")
    menu_link(tab, "Antennas", group="The network").click()
    tab.get_by_role("link", name="Latin America antenna").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Latin America antenna")
    tab.get_by_role("link", name="Add: News item").click()
    tab.get_by_label("Title").fill("Regional meeting in Porto Alegre")
    tab.get_by_label("Summary").fill("Thirty cities compared their budget cycles.")
    tab.get_by_role("button", name="Save").click()
    expect(tab.locator(".flash")).to_contain_text("antenna")
    tab.get_by_role("button", name="Publish").click()
    expect(tab.locator(".flash")).to_contain_text("Published")
    # the breadcrumbs lead back to the antenna's section; a visitor reads the news on the antenna's page
    visitor = new_page()
    visitor.goto(f"{live_server}/antennas/{antenna['id']}")
    news = visitor.locator("#antenna-news")
    expect(news).to_contain_text("Regional meeting in Porto Alegre")
    expect(visitor.locator("#section-members")).to_contain_text("Montevideo")
    expect(visitor.locator("#section-experiences")).to_contain_text("Participatory budget of Porto Alegre")
    # the coordinator has no editing rights on the core's news
    tab.goto(f"{live_server}/news/add")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Not allowed")


PAGES = [
    ("antennas", "/antennas", None),
    ("antenna", "/antennas/{id}", None),
    ("antenna-as-coordinator", "/antennas/{id}", "luiza@example.org"),
    ("antenna-form", "/antennas/{id}/edit", "sam@example.org"),
    ("antenna-add-news", "/antennas/{id}/add/news", "luiza@example.org"),
    ("reach", "/reach", None),
    ("reach-secretariat", "/reach", "sam@example.org"),
    ("members", "/members?region=latin-america-caribbean", None),
    ("member", "/members/{member}", None),
    ("badge", "/members/{member}/badge", None),
    ("embed-help", "/embed?region=latin-america-caribbean", None),
    ("embed", "/embed/experiences?region=latin-america-caribbean&lang=pt", None),
]


def test_pages_are_accessible_and_valid(new_page, live_server, antenna, axe_source, validate_html, tmp_path):
    names = {"luiza@example.org": "Luiza Coordinator", "sam@example.org": "Sam Secretariat"}
    tabs = {}
    problems, files = [], []
    for name, path, user in PAGES:
        if user not in tabs:
            tabs[user] = new_page(bypass_csp=True)
            if user:
                log_in(tabs[user], live_server, user, names[user])
        tab = tabs[user]
        tab.set_viewport_size(DESKTOP)
        response = tab.goto(live_server + path.format(**antenna))
        assert response.status == 200, f"{name}: HTTP {response.status}"
        html = response.text()
        tab.add_script_tag(content=axe_source)
        problems += page_problems(tab, name)
        keep_screenshots(tab, name, (("desktop", DESKTOP), ("phone", PHONE)))
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    problems += html_problems(validate_html, files)
    assert not problems, "\n".join(problems)
