"""The PostgreSQL backend under change: `portal reindex` lets edits through while it runs, and a search
after a change refreshes its copy of the facets from what changed only."""
import threading
import time

import pytest
from sqlalchemy import func, select

from portal.models import News, SearchChange, utcnow
from portal.search import SearchQuery


@pytest.fixture
def search_backend():
    return "postgresql"


@pytest.fixture
def news(db):
    with db() as s:
        for i in range(40):
            s.add(News(title=f"Item {i}", description=f"Text {i}", language="en", state="published",
                       published=utcnow()))


def test_an_edit_during_a_reindex_is_quick_and_stays_indexed(registry, db, news, monkeypatch):
    from portal.search import queue
    from portal.search.postgres import PostgresBackend
    backend = registry["search"]
    expected = backend.count()
    monkeypatch.setattr(queue, "REBUILD_BATCH", 4)
    original = PostgresBackend._insert

    def slow(self, conn, documents, written=None):  # the reindex writes a document in 0.03 s, under the lock
        count = 0
        for doc in documents:
            count += original(self, conn, [doc], written)
            if threading.current_thread().name == "reindex":
                time.sleep(0.03)
        return count
    monkeypatch.setattr(PostgresBackend, "_insert", slow)
    rebuild = threading.Thread(target=queue.rebuild_index, args=(registry,), name="reindex")
    rebuild.start()
    time.sleep(0.4)
    during = rebuild.is_alive()
    started = time.monotonic()
    with db() as s:  # commits, then writes its document to the index (waiting for the lock at most 2 s)
        s.scalar(select(News).where(News.title == "Item 3")).title = "Renamed harbour item"
        s.add(News(title="New harbour item", language="en", state="published", published=utcnow()))
    elapsed = time.monotonic() - started
    rebuild.join()
    assert during, "the reindex was over before the edit: nothing measured"
    assert elapsed < 1.0  # one batch at most, not the whole reindex (over 1.2 s here)
    found = backend.search(SearchQuery(text="harbour"))
    assert sorted(hit.title for hit in found.hits) == ["New harbour item", "Renamed harbour item"]
    assert backend.count() == expected + 1
    with db() as s:
        assert s.scalar(select(func.count()).select_from(SearchChange)) == 0  # nothing left queued


def test_a_reindex_drops_what_is_gone_and_keeps_the_rest(registry, db, news):
    from portal.search import queue
    backend = registry["search"]
    backend.index([{"key": "news:999999", "type": "news", "title": "Ghost harbour", "text": "", "language": "en",
                    "url": "/x", "date": None, "year": "", "region": [], "allowed": ["system.Everyone"],
                    "facets": {}}])
    before = backend.count()
    assert queue.rebuild_index(registry) == before - 1
    assert backend.count() == before - 1 and backend.search(SearchQuery(text="ghost")).total == 0


def count_reads(monkeypatch) -> list:
    """What each read of a process's copy of the facets read from now on: "whole", or how many documents."""
    from portal.search import postgres
    reads = []
    original = postgres.Documents.__init__

    def counted(self, conn, only=None):
        reads.append("whole" if only is None else len(only))
        original(self, conn, only)
    monkeypatch.setattr(postgres.Documents, "__init__", counted)
    return reads


def test_a_change_refreshes_the_copy_from_what_changed(registry, db, news, monkeypatch):
    """Each process keeps a copy of every document's facets; after a change (here by another node and by
    an edit) the next search reads the documents that changed only, and counts as a copy read whole."""
    from datetime import datetime, timezone
    from portal.search.postgres import PostgresBackend
    backend = registry["search"]
    query = SearchQuery(text="", facets=("language", "type", "year", "theme"), sort="date", page_size=50)
    backend.search(query)  # the copy is read
    reads = count_reads(monkeypatch)
    other = PostgresBackend(registry["engine"])
    other.index([{"key": "news:999999", "type": "news", "title": "Island vote", "text": "A vote.", "language": "pt",
                  "url": "/x", "date": datetime(2030, 1, 1, tzinfo=timezone.utc), "year": "2030", "region": [],
                  "allowed": ["system.Everyone"], "facets": {"theme": ["islands"]}}])
    gone = sorted(key for key in backend.fingerprints() if key.startswith("news:") and key != "news:999999")[0]
    other.delete([gone])
    with db() as s:
        s.scalar(select(News).where(News.title == "Item 7")).language = "fr"
    after = backend.search(query)
    assert reads == [3]  # the three documents changed, not the whole copy
    fresh = PostgresBackend(registry["engine"]).search(query)
    assert after.total == fresh.total and after.facets == fresh.facets
    assert [hit.key for hit in after.hits] == [hit.key for hit in fresh.hits]
    assert after.hits[0].title == "Island vote" and gone not in {hit.key for hit in after.hits}
    assert dict(after.facets["theme"]) == {"islands": 1} and dict(after.facets["language"])["fr"] == 1
    themed = backend.search(SearchQuery(filters={"theme": ["islands"]}, facets=("language",)))
    assert [hit.title for hit in themed.hits] == ["Island vote"]


def test_a_rebuild_reads_the_copy_whole(registry, news, monkeypatch):
    backend = registry["search"]
    backend.search(SearchQuery())
    reads = count_reads(monkeypatch)
    backend.rebuild([])
    assert backend.search(SearchQuery()).total == 0 and reads == ["whole"]
