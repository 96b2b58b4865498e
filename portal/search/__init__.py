"""Search: one interface, two backends (Whoosh by default, PostgreSQL full text for several nodes).

A document is a dict: key, type, title, text, language, url, date (aware datetime), region
(list), year, allowed (principals that may view it) and facets ({name: [values]}).
Changes are queued when the session flushes and applied only after a successful commit.
"""
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..security import principals_allowed

LANGUAGES = ("en", "es", "fr", "pt")
CORE_FACETS = ("type", "language", "region", "year")
SORTS = ("relevance", "date", "title")
PAGE_SIZE = 10


def leading_text(text, limit=240):
    """The start of a text for a result without highlights, cut at a word, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


def facet_order(counts):
    """Most frequent first; ties in natural order, so goal 2 comes before goal 13."""
    return sorted(((v, n) for v, n in counts if v), key=lambda p: (-p[1], (0, int(p[0]), "") if str(p[0]).isdigit()
                                                               else (1, 0, str(p[0]))))


def fold(text):
    """Lower-case and strip accents, so 'Participación' finds 'participacion'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # name -> list of values, ANDed across names, ORed within
    principals: tuple = ("system.Everyone",)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    facets: tuple = CORE_FACETS
    exclude: frozenset = frozenset()  # keys of documents this search must not find (add_search_exclusion)


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    language: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    date: datetime | None
    region: list
    year: str
    facets: dict

    def as_json(self):
        data = {"key": self.key, "title": self.title, "url": self.url, "type": self.type,
                "language": self.language, "snippet": self.snippet,
                "date": self.date.isoformat() if self.date else None, "region": self.region,
                "year": self.year}
        data.update(self.facets)
        return data


@dataclass
class SearchResults:
    total: int
    hits: list
    facets: dict  # name -> list of (value, count), most frequent first
    page: int
    page_size: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))


class SearchIndexError(RuntimeError):
    """Changes the database committed that the search index could not take."""


class SearchBackend:
    """What both backends implement: _index, _delete, _clear, count and search. Every change is
    announced to the listeners (the page cache drops what it rendered from the old index)."""

    listeners = ()
    _held = None  # {key: document, or None to delete} while bulk() holds the changes back
    processes = 1  # how many processes a command may index on (bulk()); 1 inside a server

    def index(self, documents):
        if self._held is not None:
            self._hold({doc["key"]: doc for doc in documents})
            return
        self._index(documents)
        self._changed()

    def delete(self, keys):
        if self._held is not None:
            self._hold(dict.fromkeys(keys))
            return
        self._delete(keys)
        self._changed()

    @contextmanager
    def bulk(self, batch=5000, processes=1):
        """For a command that writes many documents (an import, a reindex): the changes that commits
        announce are held and applied `batch` documents at a time, and when the block ends, also after an
        error (what the database committed gets indexed), instead of after every commit; `processes` > 1
        lets a backend that can (Whoosh) index on several processes. Never inside a server: it would fork
        a process with threads, and hold other requests' changes back. When the index refuses changes,
        the error says how many and that `portal reindex` puts the index right."""
        self._held, self._batch, self.processes = {}, batch, max(1, processes)
        try:
            yield self
        except BaseException:
            try:
                self._apply_held()
            except Exception as exc:  # the block's own error is the one to report; this one is said beside it
                print(f"portal: {exc}", file=sys.stderr)
            raise
        else:
            self._apply_held()
        finally:
            self._held, self.processes = None, 1

    def _hold(self, changes):
        self._held.update(changes)
        if len(self._held) >= self._batch:
            self._apply_held()

    def _apply_held(self):
        held, self._held = self._held, {}
        try:
            self._apply(held)
        except Exception as exc:
            raise SearchIndexError(f"the search index did not take {len(held)} changes ({exc}); the database "
                                   "has them: run `portal reindex`") from exc

    def _apply(self, changes):
        deletes = [key for key, doc in changes.items() if doc is None]
        if deletes:
            self._delete(deletes)
        documents = [doc for doc in changes.values() if doc is not None]
        if documents:
            self._index(documents)
        if changes:
            self._changed()

    def clear(self):
        self._clear()
        self._changed()

    def rebuild(self, documents):
        """Replace the whole index with these documents; searches keep the old one until it is done."""
        self._rebuild(documents)  # consumed once, as it is indexed: a progress bar shows the real work
        self._changed()

    def _rebuild(self, documents):
        self._clear()
        self._index(documents)

    def _changed(self):
        for listener in self.listeners:
            listener()

    def count(self):
        raise NotImplementedError

    def search(self, query):
        raise NotImplementedError

    def facet_names(self, query):
        return list(query.facets)


def build_document(request, info, obj):
    """The full document of obj: the plugin's fields plus what the core derives (key, allowed...)."""
    doc = dict(info.document(obj, request))
    doc.setdefault("key", f"{info.name}:{obj.id}")
    doc.setdefault("type", info.name)
    doc.setdefault("language", getattr(obj, "language", "en") or "en")
    if "allowed" not in doc:
        acl = getattr(obj, "__acl__", None)
        doc["allowed"] = principals_allowed(acl) if acl is not None else ["system.Everyone"]
    date = doc.get("date")
    doc.setdefault("year", str(date.year) if date else "")
    doc.setdefault("region", [])
    doc.setdefault("facets", {})
    doc.setdefault("text", "")
    portal = getattr(getattr(request, "registry", None), "portal", None)
    if portal is not None and portal.search_facets.get(info.name):
        doc["facets"] = dict(doc["facets"])
        for facet, values in portal.extra_facets(request, info.name, obj).items():
            doc["facets"][facet] = list(doc["facets"].get(facet, [])) + values
    return doc


def document_key(info, obj):
    return f"{info.name}:{obj.id}"


# --- queueing on flush, applying after commit ---------------------------------------------------

def _pending(session):
    return session.info.setdefault("search_pending", {})


def reindex_later(session, obj):
    """Queue obj for (re)indexing at commit, for changes that do not touch its own row."""
    _pending(session)[id(obj)] = ("update", obj)


def _after_flush(session, flush_context):
    request = session.info.get("request")
    registry = getattr(request, "registry", None) or session.info.get("registry")
    if registry is None or not hasattr(registry, "portal"):
        return
    pending = _pending(session)
    for obj in list(session.new) + list(session.dirty):
        if registry.portal.index_for(obj) is not None:
            pending[id(obj)] = ("update", obj)
    for obj in session.deleted:
        info = registry.portal.index_for(obj)
        if info is not None:
            pending[id(obj)] = ("delete", document_key(info, obj))


def _before_commit(session):
    session.flush()  # SQLAlchemy flushes after this event; the queue must see the last changes
    pending = session.info.pop("search_pending", None)
    if not pending:
        return
    request = session.info.get("request")
    registry = getattr(request, "registry", None) or session.info.get("registry")
    updates, deletes = {}, set()
    for action, payload in pending.values():
        if action == "delete":
            deletes.add(payload)
            continue
        info = registry.portal.index_for(payload)
        if info is None or payload in session.deleted or payload.id is None:
            continue
        key = document_key(info, payload)
        if info.should_index(payload):
            updates[key] = build_document(request, info, payload)
        else:
            deletes.add(key)
    session.info["search_ready"] = (registry, list(updates.values()), deletes - set(updates))


def _after_commit(session):
    ready = session.info.pop("search_ready", None)
    if ready:
        registry, updates, deletes = ready
        backend = registry["search"]
        if deletes:
            backend.delete(deletes)
        if updates:
            backend.index(updates)


def _after_rollback(session):
    session.info.pop("search_pending", None)
    session.info.pop("search_ready", None)


def listen(session_class=Session):
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)
        event.listen(session_class, "before_commit", _before_commit)
        event.listen(session_class, "after_commit", _after_commit)
        event.listen(session_class, "after_soft_rollback", lambda s, t: _after_rollback(s))


def all_documents(request):
    """Every document the database says should be indexed: what `portal reindex` writes."""
    from sqlalchemy import select
    portal = request.registry.portal
    for info in portal.search_indexes.values():
        for obj in request.dbsession.scalars(select(info.factory).options(*info.load)):
            if type(obj) is not info.factory and portal.index_for(obj) is not info:
                continue
            if info.should_index(obj):
                yield build_document(request, info, obj)


def make_backend(settings, engine):
    kind = settings.get("search.backend", "whoosh")
    if kind == "whoosh":
        from .whoosh import WhooshBackend
        return WhooshBackend(settings["search.whoosh_dir"], memory_mb=int(settings.get("search.whoosh_memory_mb", 256)))
    if kind == "postgresql":
        from .postgres import PostgresBackend
        return PostgresBackend(engine)
    raise ValueError(kind)


def includeme(config):
    settings = config.get_settings()
    backend = config.registry["search"] = make_backend(settings, config.registry["engine"])
    cache = config.registry.get("page_cache")
    if cache is not None:
        backend.listeners = (cache.changed,)
    listen()
