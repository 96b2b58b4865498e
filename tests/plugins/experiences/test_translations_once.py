"""A translated experience is one item: it appears once in /search, /experiences, their facet counts and the
feed, in the reader's language when it exists, with links to its other languages; the same on both search
backends."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.models import Member, utcnow

from plugins.experiences.models import Experience

UTC = timezone.utc


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


ES = "Presupuesto participativo de los barrios"
PT = "Orçamento participativo dos bairros"
OTHER = "Asambleas ciudadanas del clima"


@pytest.fixture
def pair(db):
    """An experience written in Spanish, its Portuguese translation, and another Spanish experience."""
    with db() as s:
        member = Member(name="Montevideo", kind="city", country="UY", region="latin-america-caribbean",
                        status="active")
        s.add(member)
        s.flush()
        now = utcnow()
        common = dict(city="Montevideo", country="UY", state="published", member_id=member.id,
                      mechanism="participatory-budget", scale="city", start_year=2012, sdgs=[16])
        es = Experience(title=ES, description="Los vecinos deciden el presupuesto participativo.",
                        body="<p>Los vecinos deciden el presupuesto participativo de cada barrio.</p>",
                        language="es", published=now - timedelta(days=2), **common)
        s.add(es)
        s.flush()
        pt = Experience(title=PT, description="Os moradores decidem o orçamento participativo.",
                        body="<p>Os moradores decidem o orçamento participativo, o presupuesto participativo.</p>",
                        language="pt", published=now - timedelta(days=1), translation_group=es.translation_group,
                        **common)
        other = Experience(title=OTHER, description="Una asamblea sorteada.", body="<p>Asamblea del clima.</p>",
                           language="es", published=now - timedelta(days=3), **common)
        s.add_all([pt, other])
        s.flush()
        return {"es": es.id, "pt": pt.id, "other": other.id}


def words(tag):
    return " ".join(tag.get_text(" ").split())


def found(testapp, reader, **params):
    return testapp.get("/search.json", params, headers={"Accept-Language": reader}).json


def test_search_shows_a_translated_item_once_in_the_readers_language(testapp, pair):
    data = found(testapp, "es", q="participativo")
    assert [hit["title"] for hit in data["results"]] == [ES]
    assert data["total"] == 1
    assert [t["language"] for t in data["results"][0]["translations"]] == ["pt"]
    assert data["results"][0]["translations"][0]["url"] == f"/experiences/{pair['pt']}"
    data = found(testapp, "pt", q="participativo")
    assert [hit["title"] for hit in data["results"]] == [PT]
    assert [t["language"] for t in data["results"][0]["translations"]] == ["es"]
    # in French, which neither version is in: one of them (the best ranked), naming the other
    data = found(testapp, "fr", q="participativo")
    assert data["total"] == 1 and len(data["results"]) == 1
    hit = data["results"][0]
    assert hit["title"] in (ES, PT)
    assert [t["language"] for t in hit["translations"]] == [{"es": "pt", "pt": "es"}[hit["language"]]]


def test_without_words_and_by_every_sort(testapp, pair):
    for sort in ("date", "title", "relevance"):
        data = found(testapp, "pt", type="experience", sort=sort)
        assert sorted(hit["title"] for hit in data["results"]) == sorted([PT, OTHER]), sort
        assert data["total"] == 2


def test_facets_count_items_and_a_language_filter_selects_versions(testapp, pair):
    data = found(testapp, "en", type="experience")
    assert data["facets"]["type"]["experience"] == 2
    assert data["facets"]["region"]["latin-america-caribbean"] == 2
    # each language counts the items it has a version in
    assert data["facets"]["language"] == {"es": 2, "pt": 1}
    data = found(testapp, "es", type="experience", language="pt")
    assert [hit["title"] for hit in data["results"]] == [PT] and data["total"] == 1
    data = found(testapp, "pt", type="experience", language="es")
    assert sorted(hit["title"] for hit in data["results"]) == sorted([ES, OTHER])


def test_search_page_and_experiences_listing_name_the_other_languages(testapp, pair):
    page = testapp.get("/search", {"q": "participativo"}, headers={"Accept-Language": "es"})
    hits = page.html.select("ol.hits > li")
    assert len(hits) == 1 and hits[0]["lang"] == "es"
    link = hits[0].select_one("p.translations a")
    assert link["href"] == f"/experiences/{pair['pt']}" and link["hreflang"] == "pt"
    assert "portugués" in words(hits[0].select_one("p.translations")).lower()
    listing = testapp.get("/experiences", headers={"Accept-Language": "pt"})
    titles = [words(h) for h in listing.html.select("ol.experience-hits h2")]
    assert titles.count(PT) == 1 and ES not in titles and OTHER in titles
    also = listing.html.select_one("ol.experience-hits p.translations")
    assert "espanhol" in words(also).lower()
    assert also.select_one("a")["href"] == f"/experiences/{pair['es']}"


def test_the_content_page_names_the_language_of_each_translation(testapp, pair):
    page = testapp.get(f"/experiences/{pair['es']}", headers={"Accept-Language": "en"})
    nav = page.html.select_one("nav.translations")
    assert "Portuguese" in words(nav) and PT in words(nav)


def test_the_feed_shows_a_translated_item_once(testapp, pair):
    feed = testapp.get("/experiences/feed.atom", headers={"Accept-Language": "pt"}).text
    assert feed.count(PT) == 1 and ES not in feed and OTHER in feed
    feed = testapp.get("/experiences/feed.atom", headers={"Accept-Language": "es"}).text
    assert ES in feed and PT not in feed


def test_a_winner_badge_shows_on_every_language_version(testapp, db, pair, frozen_clock):
    from plugins.awards.models import AwardCall, AwardEntry
    frozen_clock.set(datetime(2027, 7, 1, tzinfo=UTC))
    with db() as s:
        member_id = s.get(Experience, pair["es"]).member_id
        call = AwardCall(edition="7th", title="Good Practice Award", categories=[{"key": "inclusion", "title": "Inclusion"}],
                         opens=datetime(2027, 1, 1, tzinfo=UTC), closes=datetime(2027, 3, 1, tzinfo=UTC),
                         evaluation_closes=datetime(2027, 5, 1, tzinfo=UTC), results_date=datetime(2027, 6, 1, tzinfo=UTC))
        s.add(call)
        s.flush()
        s.add(AwardEntry(call_id=call.id, member_id=member_id, experience_id=pair["es"], status="submitted",
                         eligible=True, outcome="winner", category="inclusion"))
    for key in ("es", "pt"):
        page = testapp.get(f"/experiences/{pair[key]}")
        assert "Winner of the 7th Good Practice Award" in words(page.html.select_one("ul.content-badges")), key


def test_home_page_and_embedded_list_show_a_translated_item_once(testapp, pair):
    home = testapp.get("/", headers={"Accept-Language": "pt"}).text
    assert home.count(PT) == 1 and ES not in home and OTHER in home
    embed = testapp.get("/embed/experiences", {"lang": "es"}).text
    assert embed.count(ES) == 1 and PT not in embed and OTHER in embed


def test_phrases_and_pages_count_items(testapp, registry, pair):
    from portal.api import SearchQuery
    data = found(testapp, "pt", q='"orçamento participativo" OR "presupuesto participativo"')
    assert [hit["title"] for hit in data["results"]] == [PT] and data["total"] == 1
    search = registry["search"].search
    for sort in ("date", "title", "relevance"):
        pages = [search(SearchQuery(text="participativo OR asamblea" if sort == "relevance" else "",
                                    filters={"type": ["experience"]}, sort=sort, page=n, page_size=1,
                                    facets=("language",), language="es")) for n in (1, 2, 3)]
        assert [p.total for p in pages] == [2, 2, 2], sort
        assert sorted(h.title for p in pages for h in p.hits) == sorted([ES, OTHER]), sort
        assert pages[0].facets["language"] == [("es", 2), ("pt", 1)]


def test_an_index_written_before_translation_groups_gets_the_field(tmp_path):
    from whoosh import index
    from whoosh.fields import ID, STORED, Schema

    from portal.search.whoosh import WhooshBackend
    old = Schema(key=ID(stored=True, unique=True), title=STORED)
    index.create_in(str(tmp_path), old)
    backend = WhooshBackend(str(tmp_path))
    assert "translation_group" in backend.ix.schema and "fingerprint" in backend.ix.schema
    assert "translation_group" in WhooshBackend(str(tmp_path)).ix.schema  # opened again: nothing to add


def test_reindex_check_gives_documents_indexed_before_groups_their_group(testapp, registry, pair):
    from portal.search.queue import check_index, database_documents
    with registry["dbsession_factory"]() as session:
        wanted = database_documents(registry, session)
    key = f"experience:{pair['pt']}"
    assert wanted[key]["translation_group"] == wanted[f"experience:{pair['es']}"]["translation_group"]
    registry["search"].index([dict(wanted[key], translation_group=None)])  # as written before groups were kept
    assert found(testapp, "es", q="participativo")["total"] == 2
    report = check_index(registry)
    assert report.stale == 1
    assert found(testapp, "es", q="participativo")["total"] == 1
