"""The main menu and the About page: the menu is a few groups (so it keeps one line in every language),
plugins add their entries to the core's groups, and "About the network" leads to the one section the
secretariat chose, in the reader's language."""
import pytest
from pyramid.exceptions import ConfigurationError

from portal.models import Section, Setting, utcnow
from portal.testing import form_with, text_of


def top_level(page):
    return [li for li in page.html.select("nav.main-nav ul.menu > li")]


def group(page, title):
    for li in top_level(page):
        summary = li.select_one("details.submenu > summary")
        if summary is not None and summary.get_text(strip=True) == title:
            return [(a.get_text(strip=True), a["href"]) for a in li.select("details.submenu ul a")]
    raise AssertionError(f"no group {title!r} in the main menu")


def test_the_main_menu_groups_the_network_and_its_news(testapp):
    page = testapp.get("/")
    titles = [li.select_one("summary, a").get_text(strip=True) for li in top_level(page)]
    assert titles[0] == "The network" and "News" in titles and "Experiences" in titles
    assert len(titles) <= 7, titles
    network = group(page, "The network")
    assert network[0] == ("About the network", "/about")
    assert ("Members", "/members") in network and ("Join the network", "/join") in network
    assert ("Antennas", "/antennas") in network  # a plugin's entry, in the core's group
    assert ("Newsletter", "/newsletter") in group(page, "News")
    # without script the groups are disclosures (details/summary), every entry a plain link
    assert all(li.select_one("a[href], details > summary") for li in top_level(page))


def test_the_group_of_the_current_page_is_marked(testapp):
    page = testapp.get("/members")
    [current] = [li for li in top_level(page) if "current" in (li.get("class") or [])]
    assert current.select_one("summary").get_text(strip=True) == "The network"
    assert current.select_one('a[aria-current="page"]')["href"] == "/members"


def test_the_menu_is_translated(testapp):
    page = testapp.get("/", headers={"Accept-Language": "fr"})
    assert ("À propos du réseau", "/about") in group(page, "Le réseau")


def test_an_entry_of_a_group_needs_a_page(app):
    from pyramid.config import Configurator
    from portal.registry import add_menu_item
    config = Configurator(registry=app.registry)
    with pytest.raises(ConfigurationError, match="needs a route_name"):
        add_menu_item(config, "main", "orphan", "Orphan", parent="network")


@pytest.fixture
def about_sections(db):
    with db() as s:
        listing = Section(title="Antenna of Africa", state="published", published=utcnow(), language="en")
        about = Section(title="About us", state="published", published=utcnow(), language="en")
        s.add_all([listing, about])
        s.flush()
        spanish = Section(title="Sobre nosotros", state="published", published=utcnow(), language="es",
                          translation_group=about.translation_group)
        s.add(spanish)
        s.flush()
        return {"first": listing.id, "about": about.id, "spanish": spanish.id}


def test_about_leads_to_the_chosen_section_in_the_readers_language(testapp, db, about_sections):
    with db() as s:
        s.add(Setting(key="about", value={"section": str(about_sections["about"])}))
    assert testapp.get("/about", status=302).location.endswith(f"/sections/{about_sections['about']}")
    spanish = testapp.get("/about", headers={"Accept-Language": "es"}, status=302)
    assert spanish.location.endswith(f"/sections/{about_sections['spanish']}")
    french = testapp.get("/about", headers={"Accept-Language": "fr"}, status=302)  # no French: the original
    assert french.location.endswith(f"/sections/{about_sections['about']}")


def test_without_a_choice_about_is_the_oldest_section_and_without_sections_the_listing(testapp, db):
    assert testapp.get("/about", status=302).location.endswith("/sections")
    with db() as s:
        s.add(Section(title="Draft about", state="draft", language="en"))
    assert testapp.get("/about", status=302).location.endswith("/sections")  # a draft is not shown
    with db() as s:
        first = Section(title="Who we are", state="published", published=utcnow(), language="en")
        s.add(first)
        s.add(Section(title="Later section", state="published", published=utcnow(), language="en"))
        s.flush()
        first_id = first.id
    assert testapp.get("/about", status=302).location.endswith(f"/sections/{first_id}")


def test_the_secretariat_chooses_the_about_section(testapp, as_user, db, about_sections):
    as_user("secretariat")
    form = form_with(testapp, "/manage/settings/about", section=str(about_sections["about"]))
    form.submit("save", status=302)
    with db() as s:
        assert s.get(Setting, "about").value == {"section": str(about_sections["about"])}
    assert testapp.get("/about", status=302).location.endswith(f"/sections/{about_sections['about']}")
    labels = text_of(testapp.get("/manage/settings/about").text)
    assert "About us (en)" in labels and "Sobre nosotros (es)" in labels


@pytest.mark.parametrize("path", ["/awards", "/newsletter", "/members", "/experiences", "/events", "/groups"])
def test_breadcrumbs_never_link_the_current_page_to_itself(testapp, path):
    page = testapp.get(path)
    crumbs = page.html.select("nav.breadcrumbs li")
    assert crumbs, "the page has breadcrumbs"
    assert [a["href"] for a in page.html.select("nav.breadcrumbs a") if a["href"].split("?")[0] == path] == []
    assert crumbs[-1].select_one('[aria-current="page"]') is not None


@pytest.mark.parametrize("number, pages, expected", [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (1, 20, [1, 2, 3, None, 20]), (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
    (20, 20, [1, None, 18, 19, 20]), (4, 7, [1, 2, 3, 4, 5, 6, 7])])
def test_a_pager_links_the_first_and_last_pages_and_those_around_this_one(number, pages, expected):
    from portal.pagination import Page
    assert Page(items=[], number=number, total=pages * 10, size=10, url=str).numbers() == expected


def test_a_listing_links_its_pages_by_number(testapp, db):
    from portal.models import News
    with db() as s:
        for i in range(45):
            s.add(News(title=f"Item {i}", state="published", published=utcnow(), language="en"))
    page = testapp.get("/news?page=2")
    pager = page.html.select_one("nav.pager")
    assert [a.get_text(" ", strip=True) for a in pager.select("ol.page-numbers a")] == ["Page 1", "Page 3"]
    assert pager.select_one('[aria-current="page"]').get_text(" ", strip=True).startswith("Page 2 of 3")
    assert pager.select_one('a[rel="prev"]')["href"].endswith("/news") and "page=3" in pager.select_one('a[rel="next"]')["href"]
