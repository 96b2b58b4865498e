"""The home page as a visitor first sees it, in each language at desktop and phone width: the hero, the
highlights the plugins register (the open award call, the next events, the latest experiences), the figures
of the network, the main menu on one line at 1280 px, the phone menu button, and no serious axe-core
violation (contrast included). LOOK_SHOTS=DIR also saves screenshots of the main pages there."""
import os

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import VIEWPORTS, page_problems

pytestmark = pytest.mark.browser

LANGUAGES = {"en": ("Menu", "Close the menu", "Upcoming events"),
             "es": ("Menú", "Cerrar el menú", "Próximos eventos"),
             "fr": ("Menu", "Fermer le menu", "Événements à venir"),
             "pt": ("Menu", "Fechar o menu", "Próximos eventos")}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory, db_engine, test_plugins, browser, serve):
    from portal.testing import fresh_app, serving
    app = fresh_app(tmp_path_factory.mktemp("home"), db_engine, test_plugins, demo=True)
    with serving(serve, app, db_engine) as server:
        yield server.url


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_home_page_shows_the_network_in_every_language(demo_site, new_page, axe_source, lang):
    menu_label, close_label, events_title = LANGUAGES[lang]
    page = new_page(viewport=VIEWPORTS["desktop"], bypass_csp=True)  # bypass_csp only to inject axe-core
    page.goto(f"{demo_site}/?_LOCALE_={lang}")
    hero = page.locator("section.hero")
    expect(hero.locator("h1")).to_be_visible()
    expect(hero.locator("a.button").first).to_be_visible()
    # the highlights: the open call with its deadline, three upcoming events, the three latest experiences
    expect(page.locator("#section-awards .cards > li")).to_have_count(1)
    expect(page.locator("#section-awards .meta")).not_to_be_empty()
    expect(page.locator("#section-events h2")).to_have_text(events_title)
    expect(page.locator("#section-events .cards > li")).to_have_count(3)
    expect(page.locator("#section-experiences .cards > li")).to_have_count(3)
    # every highlight has a picture: its cover, or the drawing of its kind
    cards = page.locator(".highlights .cards > li")
    assert cards.count() == page.locator(".highlights .cards > li > .card-cover").count()
    # the figures: members, countries, experiences shared, events held, each a number above zero
    figures = page.locator(".home-figures li strong").all_inner_texts()
    assert len(figures) == 4 and all(int(f.replace(",", "").replace(".", "").replace("\u202f", "").replace("\xa0", "")) > 0
                                     for f in figures), figures
    # headings in the display face, served by the portal
    assert "Bricolage Grotesque" in page.eval_on_selector("h1", "h => getComputedStyle(h).fontFamily")
    assert page.evaluate("document.fonts.check('700 2rem \"Bricolage Grotesque\"')")
    # the main menu keeps to one line at 1280 px
    tops = page.eval_on_selector_all("nav.main-nav ul.menu > li", "items => items.map(i => i.offsetTop)")
    assert len(tops) >= 5 and len(set(tops)) == 1, tops
    page.add_script_tag(content=axe_source)
    problems = page_problems(page, f"home ({lang})")
    assert not problems, "\n".join(problems)
    # on a phone the menu button opens and closes the menu, and says which it will do
    page.set_viewport_size(VIEWPORTS["phone"])
    page.reload()
    button = page.locator("button.menu-toggle")
    expect(button).to_have_text(menu_label)
    expect(page.locator("nav.main-nav")).to_be_hidden()
    button.click()
    expect(button).to_have_text(close_label)
    expect(page.locator("nav.main-nav")).to_be_visible()
    button.click()
    expect(button).to_have_text(menu_label)
    expect(page.locator("nav.main-nav")).to_be_hidden()
    expect(page.locator("section.hero h1")).to_be_visible()


def test_screenshots_of_the_main_pages(demo_site, new_page):
    shots = os.environ.get("LOOK_SHOTS")
    if not shots:
        pytest.skip("LOOK_SHOTS=DIR saves the screenshots")
    page = new_page()
    page.goto(f"{demo_site}/experiences")
    experience = page.locator(".experience-hits h2 a").first.get_attribute("href")
    page.goto(f"{demo_site}/members")
    member = page.locator("main a[href*='/members/']").first.get_attribute("href")
    for name, path in [("home", "/"), ("experiences", "/experiences"), ("experience", experience),
                       ("member", member), ("events", "/events"), ("home-es", "/?_LOCALE_=es")]:
        for width in ("desktop", "phone"):
            page.set_viewport_size(VIEWPORTS[width])
            page.goto(demo_site + path)
            page.screenshot(path=os.path.join(shots, f"{name}-{width}.png"), full_page=True)
