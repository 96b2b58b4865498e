"""Search over every registered type, on both backends: the same tests, the same answers."""
import re
from datetime import date, timedelta

import pytest

from portal.search import fold
from portal.models import LocalRole, Member, News, Page, User, utcnow


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def corpus(db, make_user):
    """Published news in four languages, one private draft, one item visible to a group only."""
    author = make_user("author@example.org", role="editor")
    mexican = make_user("cdmx@example.org", role="member")
    now = utcnow()
    with db() as s:
        member = Member(name="Ciudad de México", kind="city", country="MX", region="latin-america-caribbean",
                        status="active")
        s.add(member)
        s.flush()
        s.get(User, mexican).member_id = member.id
        items = [
            ("en", "Participatory budgeting in Porto Alegre", "Citizens decide how the budget is spent.", 0),
            ("es", "Presupuestos participativos en la Ciudad de México", "La participación ciudadana decide.", 400),
            ("fr", "Les budgets participatifs à Grenoble", "Les habitants décident des investissements.", 800),
            ("pt", "Orçamento participativo em Canoas", "A participação cidadã decide o orçamento.", 30),
            ("en", "Citizen assemblies on climate", "A randomly selected assembly of citizens.", 5),
        ]
        for lang, title, text, days in items:
            s.add(News(title=title, description=text, body=f"<p>{text}</p>", language=lang, state="published",
                       published=now - timedelta(days=days), creator_id=mexican if lang == "es" else author))
        s.add(News(title="Secret budgeting draft", description="Not public yet.", language="en", state="draft",
                   creator_id=author))
        shared = Page(title="Budgeting handbook for the editorial group", language="en", state="draft")
        s.add(shared)
        s.flush()
        s.add(LocalRole(content_id=shared.id, principal="group:editorial", role="reader"))
    return author


def search(testapp, status=200, **params):
    return testapp.get("/search.json", params, status=status)


def titles(res):
    data = res if isinstance(res, dict) else res.json
    return [hit["title"] for hit in data["results"]]


def test_stemmed_in_the_document_language(testapp, corpus):
    # "budget" finds the English "budgeting" and the French "budgets" (each stemmed in its language)
    found = titles(search(testapp, q="budget"))
    assert "Participatory budgeting in Porto Alegre" in found
    assert "Les budgets participatifs à Grenoble" in found
    # a Spanish plural finds the Spanish document
    assert "Presupuestos participativos en la Ciudad de México" in titles(search(testapp, q="presupuesto"))


def test_accent_insensitive(testapp, corpus):
    assert "Orçamento participativo em Canoas" in titles(search(testapp, q="orcamento"))
    assert "Presupuestos participativos en la Ciudad de México" in titles(search(testapp, q="MEXICO"))
    assert "Presupuestos participativos en la Ciudad de México" in titles(search(testapp, q="participación"))


def test_only_what_the_visitor_may_see(testapp, corpus, make_user, db):
    assert "Secret budgeting draft" not in titles(search(testapp, q="budgeting"))
    assert "Budgeting handbook for the editorial group" not in titles(search(testapp, q="handbook"))


def test_json_shape_snippets_and_facets(testapp, corpus):
    data = search(testapp, q="participativo").json
    assert data["total"] == len(data["results"]) >= 2
    hit = data["results"][0]
    assert set(hit) >= {"title", "url", "type", "language", "snippet", "date"}
    assert hit["url"].startswith("http://portal.test/news/")
    assert any("<mark" in r["snippet"] for r in data["results"])
    assert set(data["facets"]) >= {"type", "language", "region", "year"}
    assert data["facets"]["type"] == {"news": data["total"]}
    assert data["facets"]["region"].get("latin-america-caribbean") == 1


def test_snippet_is_escaped(testapp, db, corpus):
    with db() as s:
        s.add(News(title="Escaping test", description="Jerry & Tom <b>run</b> a budgeting <club>",
                   body="<p>x</p>", language="en", state="published", published=utcnow()))
    data = search(testapp, q="jerry").json
    snippet = data["results"][0]["snippet"]
    assert "<mark" in snippet
    rest = re.sub(r"</?mark[^>]*>", "", snippet)
    assert "<" not in rest and "&amp;" in rest
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#)", rest)


def test_filters_combine(testapp, corpus):
    assert titles(search(testapp, q="participatory OR participativo OR participatifs OR participativos",
                         language="pt")) == ["Orçamento participativo em Canoas"]
    data = search(testapp, region="latin-america-caribbean").json
    assert titles(data) == ["Presupuestos participativos en la Ciudad de México"]
    year = str((utcnow() - timedelta(days=800)).year)
    assert "Les budgets participatifs à Grenoble" in titles(search(testapp, year=year))
    both = search(testapp, language=["en", "fr"]).json
    assert {r["language"] for r in both["results"]} == {"en", "fr"}


def test_sort_by_date_and_pages(testapp, db, corpus):
    data = search(testapp, sort="date").json
    dates = [r["date"] for r in data["results"]]
    assert dates == sorted(dates, reverse=True)
    with db() as s:
        for i in range(23):
            s.add(News(title=f"Observatory bulletin {i}", description="Local observatory.", language="en",
                       state="published", published=utcnow() - timedelta(hours=i)))
    first = search(testapp, q="observatory").json
    assert first["total"] == 23 and len(first["results"]) == 10 and first["pages"] == 3
    third = search(testapp, q="observatory", page="3").json
    assert len(third["results"]) == 3
    seen = {r["key"] for p in ("1", "2", "3") for r in search(testapp, q="observatory", page=p).json["results"]}
    assert len(seen) == 23


@pytest.mark.parametrize("params", [{"sort": "popularity"}, {"colour": "red"}, {"language": "de"},
                                    {"region": "antarctica"}, {"type": "poem"}, {"year": "twenty"},
                                    {"page": "0"}, {"page": "abc"}])
def test_bad_filters_are_refused(testapp, params):
    res = search(testapp, status=400, **params)
    assert "Allowed" in res.text or "number" in res.text or "year" in res.text


def test_unknown_filter_message_is_translated(testapp):
    res = testapp.get("/search", {"sort": "popularity", "_LOCALE_": "es"}, status=400)
    assert "relevance, date, title" in res.text


def test_sort_by_title_ignores_case_and_accents(testapp, corpus):
    found = titles(search(testapp, sort="title"))
    assert found == sorted(found, key=lambda t: fold(t))
    assert found.index("Les budgets participatifs à Grenoble") < found.index("Orçamento participativo em Canoas")


def test_plugin_facets_appear(testapp, db):
    from sample_plugin.models import Workshop
    with db() as s:
        s.add(Workshop(title="Workshop on youth participation", city="Dakar", starts=date(2027, 1, 1),
                       language="fr", state="published", published=utcnow()))
    data = search(testapp, q="youth").json
    assert data["facets"]["city"] == {"Dakar": 1}
    assert search(testapp, city="Dakar").json["total"] == 1
    assert search(testapp, city="Paris").json["total"] == 0


def test_html_page_has_highlights_facets_and_pager(testapp, corpus):
    res = testapp.get("/search", {"q": "budget"})
    assert "<mark" in res.text
    assert 'href="/search?q=budget&amp;type=news"' in res.text
    res = testapp.get("/search", {"q": "budget", "language": "fr"})
    assert "Les budgets participatifs à Grenoble" in res.text
    assert "Participatory budgeting in Porto Alegre" not in res.text


def test_rolled_back_changes_are_not_indexed(testapp, registry, corpus):
    backend = registry["search"]
    before = backend.count()
    session = registry["dbsession_factory"](info={"registry": registry})
    with pytest.raises(RuntimeError):
        with session.begin():
            session.add(News(title="Phantom news", language="en", state="published", published=utcnow()))
            session.flush()
            raise RuntimeError("the request failed")
    assert backend.count() == before
    assert search(testapp, q="phantom").json["total"] == 0


def test_rebuild_from_the_database(testapp, registry, corpus):
    from pyramid.scripting import prepare
    from portal.search import all_documents
    backend = registry["search"]
    expected = backend.count()
    backend.clear()
    assert search(testapp, q="budget").json["total"] == 0
    env = prepare(registry=registry)
    session = registry["dbsession_factory"]()
    env["request"].dbsession = session
    backend.index(list(all_documents(env["request"])))
    session.close()
    env["closer"]()
    assert backend.count() == expected
    assert search(testapp, q="budget").json["total"] >= 2


def test_whoosh_ranks_pages_and_counts_as_whoosh_itself(tmp_path):
    """The Whoosh backend matches, counts and ranks from the posting lists itself (Whoosh's matchers step one
    posting at a time in Python): across several segments and with deleted documents, its pages must be the
    ones Whoosh's own collectors give, in the same order, by relevance, date and title."""
    import random
    from datetime import datetime, timezone
    from whoosh import sorting
    from whoosh.query import And, Every, Or, Term
    from portal.search import SearchQuery
    from portal.search.query import parse_text
    from portal.search.whoosh import WhooshBackend

    backend = WhooshBackend(str(tmp_path / "index"))
    words = {"en": ["participatory", "budget", "citizens", "assembly", "climate", "youth", "council", "city"],
             "es": ["presupuesto", "participativo", "ciudadanos", "asamblea", "clima", "juventud", "barrio"]}
    rng = random.Random(7)
    for segment in range(3):  # three commits: three segments
        docs = []
        for i in range(60):
            lang = rng.choice(["en", "es"])
            n = segment * 60 + i
            docs.append({"key": f"news:{n}", "type": "news", "title": " ".join(rng.sample(words[lang], 2)),
                         "text": " ".join(rng.choices(words[lang], k=rng.randint(3, 40))), "language": lang,
                         "url": f"/news/{n}",
                         # the first segment has no dates at all (no date column), the others some
                         "date": datetime(2020, 1, 1 + n % 28, n % 24, tzinfo=timezone.utc) if segment and n % 5 else None,
                         "year": "2020", "region": [rng.choice(["africa", "europe"])], "allowed": ["system.Everyone"],
                         "facets": {"theme": rng.sample(["a", "b", "c"], rng.randint(0, 2))}})
        backend.index(docs)
    backend.delete([f"news:{n}" for n in range(0, 180, 7)])
    searcher = backend._searcher()
    assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
    everyone = Or([Term("allowed", "system.Everyone")])
    for text, sort, facet in [("budget", None, None), ("presupuesto participativo", None, None),
                              ("citizens climate youth", None, None), ("city", "date", sorting.FieldFacet("date", reverse=True)),
                              ("", "date", sorting.FieldFacet("date", reverse=True)),
                              ("council", "sort_title", sorting.FieldFacet("sort_title"))]:
        parsed = backend.text_queries(parse_text(text))[0] if text else Every()
        memo = {}
        matched = backend._docs(searcher, And([parsed, everyone]), memo)
        expected = searcher.search(parsed, limit=None, filter=everyone, sortedby=facet)
        assert matched == set(expected.docs()) and matched
        mine = backend._top(searcher, parsed, backend._leaves(parsed), matched, 25, memo, sort)
        assert [d for _, d in mine.top_n] == [hit.docnum for hit in expected][:25], (text, sort)
        if sort is None:
            assert [round(s, 9) for s, _ in mine.top_n] == [round(hit.score, 9) for hit in expected][:25]
    # through the interface: totals and facet counts agree with a plain count of the stored documents
    found = backend.search(SearchQuery(text="budget", facets=("region", "theme"), page_size=200))
    stored = [hit for hit in searcher.search(backend.text_queries(parse_text("budget"))[0], limit=None)]
    assert found.total == len(stored) == len(found.hits)
    regions = {}
    for hit in stored:
        for region in hit["region"].split(","):
            regions[region] = regions.get(region, 0) + 1
    assert dict(found.facets["region"]) == regions
    # a phrase goes through Whoosh's own matching, and still finds its documents in order
    phrase = backend.search(SearchQuery(text='"participatory budget"', page_size=200))
    assert phrase.total == len(list(searcher.search(backend.text_queries(parse_text('"participatory budget"'))[0],
                                                    limit=None)))


def pg_only(registry):
    if registry.settings["search.backend"] != "postgresql":
        pytest.skip("about the PostgreSQL backend")
    return registry["search"]


def test_postgresql_ranks_a_bounded_window_and_counts_everything(registry, corpus, search_backend):
    """Relevance reads each candidate's whole tsvector, so the PostgreSQL backend ranks at most rank_window
    matches, the newest; the pages after the window continue newest first. Totals and facets stay exact."""
    from portal.search import SearchQuery
    backend = pg_only(registry)
    words = "budget OR participativo OR orçamento"

    def found(**kwargs):
        results = backend.search(SearchQuery(text=words, facets=("language", "type"), **kwargs))
        return results, [hit.title for hit in results.hits]
    everything, newest = found(sort="date")
    assert everything.total == 4 and len(newest) == 4
    for window in (1, 2):
        backend.rank_window = window
        results, ranked = found()
        assert results.total == 4 and results.facets == everything.facets
        assert set(ranked[:window]) == set(newest[:window]) and ranked[window:] == newest[window:]
    assert ranked[0] != newest[0]  # two ranked: the better match of the two newest comes first
    backend.rank_window = 1000
    _, best = found()
    assert set(best) == set(newest) and best[0] == "Orçamento participativo em Canoas" != newest[0]
    _, second_page = found(page=2, page_size=3)
    assert second_page == [title for title in best if title not in found(page_size=3)[1]]


def test_postgresql_nodes_see_each_others_changes(testapp, registry, corpus, search_backend):
    """Each process keeps the facets of every document until the index changes: a change written by another
    node (another backend on the same database) is seen by the next search, in totals and facets."""
    from datetime import datetime, timezone
    from portal.search import SearchQuery
    from portal.search.postgres import PostgresBackend
    backend = pg_only(registry)
    query = SearchQuery(text="budget", facets=("language", "type"))
    before = backend.search(query)
    other = PostgresBackend(registry["engine"])
    other.index([{"key": "news:9999", "type": "news", "title": "Budget of the islands", "text": "A budget vote.",
                  "language": "pt", "url": "/news/9999", "date": datetime(2026, 1, 1, tzinfo=timezone.utc),
                  "year": "2026", "region": [], "allowed": ["system.Everyone"], "facets": {}}])
    after = backend.search(query)
    assert after.total == before.total + 1
    assert dict(after.facets["language"]).get("pt", 0) == dict(before.facets["language"]).get("pt", 0) + 1
    other.delete(["news:9999"])
    assert backend.search(query).total == before.total


def test_whoosh_bulk_write_that_fails_leaves_the_index_as_it_was(tmp_path):
    """A reindex on several processes that fails, in the command (a document that cannot be read) or in one of
    the indexing processes, stops at once and leaves the index that was there, searchable."""
    from portal.search import SearchQuery
    from portal.search.whoosh import WhooshBackend

    backend = WhooshBackend(str(tmp_path / "index"))

    def doc(n, text="an assembly of citizens"):
        return {"key": f"news:{n}", "type": "news", "title": f"Assembly {n}", "text": text, "language": "en",
                "url": f"/news/{n}", "year": "", "region": [], "allowed": ["system.Everyone"], "facets": {}}
    backend.index([doc(n) for n in range(3)])

    def failing():
        yield from (doc(n) for n in range(10, 700))
        raise ValueError("a row the command could not read")
    backend.processes = 2  # what a command's bulk() sets
    with pytest.raises(ValueError):
        backend.rebuild(failing())
    assert backend.count() == 3
    with pytest.raises(RuntimeError, match="an indexing process failed"):
        with backend.locked() as handle:  # dies in a worker
            backend.apply_changes({d["key"]: d for d in [doc(n) for n in range(10, 600)] + [doc(600, text=12345)]},
                                  handle, parallel=True)
    assert backend.count() == 3
    assert backend.search(SearchQuery(text="assembly")).total == 3
    # the index still takes changes: the writer's lock was given back
    backend.index([doc(3)])
    assert backend.search(SearchQuery(text="assembly")).total == 4
