"""A city official reads the portal in their language, on a desktop or a phone: the experiences listing with a
filter chosen and an experience's page, in en, es, fr and pt at 1280 and 390 px. Each page speaks the
language (headings, the filters button, the theme's label, "Shared by", "Contact this city"), nothing
scrolls sideways, and axe-core finds no serious violation."""
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import serious_violations

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WORDS = {  # what each page must say, in each language (from the catalogs)
    "en": {"listing": "Experiences", "filters": "Filters (1)", "theme": "Participatory budgeting",
           "themes": "Themes", "shared": "Shared by", "contact": "Contact this city"},
    "es": {"listing": "Experiencias", "filters": "Filtros (1)", "theme": "Presupuesto participativo",
           "themes": "Temáticas", "shared": "Compartida por", "contact": "Contactar con esta ciudad"},
    "fr": {"listing": "Expériences", "filters": "Filtres (1)", "theme": "Budget participatif",
           "themes": "Thématiques", "shared": "Partagée par", "contact": "Contacter cette ville"},
    "pt": {"listing": "Experiências", "filters": "Filtros (1)", "theme": "Orçamento participativo",
           "themes": "Temáticas", "shared": "Compartilhada por", "contact": "Entrar em contato com esta cidade"},
}


@pytest.fixture
def experience(db):
    from portal.models import Member, utcnow
    from plugins.experiences.models import Experience, Theme
    with db() as s:
        member = Member(name="Municipality of Rosario", kind="city", country="AR", region="latin-america-caribbean")
        budget = Theme(slug="budgeting", label_en="Participatory budgeting", label_es="Presupuesto participativo",
                       label_fr="Budget participatif", label_pt="Orçamento participativo")
        s.add_all([member, budget])
        s.flush()
        for i in range(4):
            s.add(Experience(title=f"Neighbourhood assemblies {i}", description="Residents decide on works.",
                             body="<p>Each district votes.</p>", language="en", city="Rosario", country="AR",
                             state="published", published=utcnow(), themes=[budget], member_id=member.id,
                             contact="Ana Ruiz, participa@rosario.example"))
        s.flush()
        return s.query(Experience).order_by(Experience.id).first().id


def overflow(page):
    return page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_the_listing_and_an_experience_in_four_languages_and_two_widths(live_server, new_page, axe_source,
                                                                        experience, lang, width):
    words = WORDS[lang]
    phone = width == "phone"
    page = new_page(PHONE, is_mobile=True, has_touch=True, bypass_csp=True) if phone else new_page(DESKTOP,
                                                                                               bypass_csp=True)
    page.goto(f"{live_server}/experiences?theme=budgeting&_LOCALE_={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("main h1")).to_contain_text(words["listing"])
    if phone:  # the filters wait behind one button that counts the chosen ones
        expect(page.locator("details.filters-drawer > summary")).to_have_text(words["filters"])
    else:
        expect(page.locator("aside.facets")).to_be_visible()
    expect(page.locator("ul.active-filters")).to_contain_text(words["theme"])
    assert overflow(page) <= 0
    page.add_script_tag(content=axe_source)
    assert serious_violations(page) == []

    page.goto(f"{live_server}/experiences/{experience}")  # the language stays chosen
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("p.meta")).to_contain_text(re.compile(words["shared"] + r"\s+Municipality of Rosario"))
    expect(page.locator("h2.facts-title")).to_have_text(words["themes"])
    expect(page.locator("ul.tags")).to_contain_text(words["theme"])
    expect(page.locator("a.contact-city")).to_have_text(words["contact"])
    assert overflow(page) <= 0
    page.add_script_tag(content=axe_source)
    assert serious_violations(page) == []
