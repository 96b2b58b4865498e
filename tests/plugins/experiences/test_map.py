"""The map of experiences by country on /experiences: published experiences only, an experience and
its translations counted once, the other filters respected, each country a link to the listing
filtered by it (keeping the other filters), and the table beside it."""
from urllib.parse import parse_qsl, urlsplit

import pytest

from .test_experiences import add_experience


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def spread(db):
    first = add_experience(db, "Orçamento participativo de Porto Alegre", language="pt", country="BR")
    with db() as s:
        from plugins.experiences.models import Experience
        group = s.get(Experience, first).translation_group
    add_experience(db, "Participatory budgeting in Porto Alegre", language="en", country="BR",
                   translation_group=group)  # the same experience in English: counted once
    add_experience(db, "Youth budget of Recife", language="pt", country="BR", themes=("youth-participation",))
    add_experience(db, "Climate assembly of Grenoble", language="fr", country="FR", city="Grenoble",
                   themes=("citizen-assemblies",), mechanism="deliberative-assembly")
    add_experience(db, "Youth budget of Dakar", language="fr", country="SN", city="Dakar",
                   themes=("youth-participation",))
    add_experience(db, "Draft: Seoul e-petitions", language="en", country="KR", state="draft")


def country_links(res):
    svg = res.html.select_one("#experiences-map svg")
    return {a.find("title").text: a["href"] for a in svg.select("g.countries a")}


def query_of(href):
    return urlsplit(href).path, sorted(parse_qsl(urlsplit(href).query))


def test_map_counts_published_experiences_once_per_translation(testapp, spread):
    res = testapp.get("/experiences")
    links = country_links(res)
    assert set(links) == {"Brazil: 2 experiences", "France: 1 experience", "Senegal: 1 experience"}
    assert query_of(links["France: 1 experience"]) == ("/experiences", [("country", "FR")])
    rows = [(tr.th.text.strip(), tr.td.text.strip()) for tr in res.html.select("#experiences-map details tbody tr")]
    assert rows == [("Brazil", "2"), ("France", "1"), ("Senegal", "1")]
    # South Korea has only a draft: drawn, not a link
    assert len(res.html.select("#experiences-map g.countries a")) == 3
    assert res.html.select_one("a[href='#experiences-map']") is not None  # reachable from the summary line


def test_map_follows_the_other_filters_and_a_country_link_keeps_them(testapp, spread):
    res = testapp.get("/experiences", {"theme": "youth-participation"})
    links = country_links(res)
    assert set(links) == {"Brazil: 1 experience", "Senegal: 1 experience"}
    path, params = query_of(links["Senegal: 1 experience"])
    assert params == [("country", "SN"), ("theme", "youth-participation")]
    filtered = testapp.get(links["Senegal: 1 experience"])
    assert [a.text for a in filtered.html.select(".hits h2 a")] == ["Youth budget of Dakar"]


def test_with_a_country_chosen_the_map_still_shows_the_others_and_marks_the_chosen_one(testapp, spread):
    res = testapp.get("/experiences", {"country": "FR", "page": "1"})
    assert [a.text for a in res.html.select(".hits h2 a")] == ["Climate assembly of Grenoble"]
    links = country_links(res)
    assert set(links) == {"Brazil: 2 experiences", "France: 1 experience", "Senegal: 1 experience"}
    # choosing another country replaces the chosen one (countries are ORed as filters) and leaves the page
    assert query_of(links["Brazil: 2 experiences"]) == ("/experiences", [("country", "BR")])
    chosen = res.html.select_one("#experiences-map g.countries a.selected")
    assert chosen.find("title").text == "France: 1 experience" and chosen["aria-current"] == "true"


def test_map_in_the_reader_s_language(testapp, spread):
    res = testapp.get("/experiences", {"_LOCALE_": "pt"})
    assert {"Brasil: 2 experiências", "França: 1 experiência"} <= set(country_links(res))
    assert res.html.select_one("#experiences-map h2").text == "Experiências por país"
