"""Search: one interface, two backends (Whoosh by default, PostgreSQL full text for several nodes).

A document is a dict: key, type, title, text, language, url, date (aware datetime), region
(list), year, allowed (principals that may view it), facets ({name: [values]}) and translation_group
(the key shared by an item's language versions, its own key when it has none). A search collapses the
versions of one group into one hit: the version in the reader's language (SearchQuery.language) when
it matches, else the best ranked; totals and facet counts count groups, a language filter still selects
versions.
A change to an indexed item is queued durably in its own transaction and applied after commit
(portal.search.queue); what a visitor types is read by portal.search.query.
"""
import hashlib
import json
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..security import principals_allowed
from ..translatable import translations_text

LANGUAGES = ("en", "es", "fr", "pt")
_WORDS = re.compile(r"[^\W_]+")
CORE_FACETS = ("type", "language", "region", "year")
SORTS = ("relevance", "date", "title")
PAGE_SIZE = 10
EXACT_WINDOW = 100  # best hits of a quoted phrase among which those holding it as typed come first


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


def exact_phrases(parsed) -> list[str]:
    """The quoted phrases of a parsed query (words to find together), folded, for exact_first."""
    return [" ".join(fold(w) for w in words) for group in parsed.required for words in group if len(words) > 1]


def exact_first(phrases, ranked, text_of) -> list:
    """ranked (best first) with the items whose text (text_of(item)) holds one of the phrases as typed
    (whatever the case, accents and punctuation) before those matching another inflection of it, each in
    its order: a quoted phrase ranks its exact occurrences first."""
    def exact(item) -> bool:
        text = f" {' '.join(_WORDS.findall(fold(text_of(item))))} "
        return any(f" {phrase} " in text for phrase in phrases)
    marks = [exact(item) for item in ranked]
    return [item for item, m in zip(ranked, marks) if m] + [item for item, m in zip(ranked, marks) if not m]


def reader_first(top_n, preferred, covering=frozenset()) -> list:
    """[(score, document)] best first: those whose title or summary holds every word (covering), then by
    score, those in the reader's language (preferred, a set of documents) first among equal scores."""
    return sorted(top_n, key=lambda item: (item[1] not in covering, -round(item[0], 6), item[1] not in preferred))


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
    language: str = ""  # the reader's language: the version of a translated item a hit shows


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
    # the other language versions of the item the visitor may see: [{"language", "url", "title"}]
    translations: list = field(default_factory=list)

    def as_json(self):
        data = {"key": self.key, "title": self.title, "url": self.url, "type": self.type,
                "language": self.language, "snippet": self.snippet,
                "date": self.date.isoformat() if self.date else None, "region": self.region,
                "year": self.year, "translations": self.translations}
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


def translations_of(rows, page):
    """{key of a hit: [the other versions of its group]} from (key, group, language, url, title) rows of
    the versions the visitor may see; page: [(key, group)] of the hits."""
    by_group: dict = {}
    for key, group, language, url, title in rows:
        by_group.setdefault(group, []).append((language, key, url, title))
    return {key: [{"language": lang, "url": url, "title": title}
                  for lang, other, url, title in sorted(by_group.get(group, [])) if other != key]
            for key, group in page}


class SearchIndexError(RuntimeError):
    """Changes the database committed that the search index could not take (they stay queued)."""


class SearchIndexLocked(SearchIndexError):
    """Another process holds the index's write lock for longer than a writer waits."""


class SearchBackend:
    """What both backends implement. A writer holds locked() (one writer at a time across processes) and
    calls apply_changes / replace_all with what it gave; index, delete, rebuild and clear write at once
    (tests, tools). Every change is announced to the listeners (the page cache drops what it rendered from
    the old index)."""

    listeners = ()
    processes = 1  # how many processes a command may index on (bulk()); 1 inside a server
    deferring = False  # inside bulk(): changes stay queued until `batch` of them are committed
    deferred, batch = 0, 5000
    batched_rebuild = False  # `portal reindex` writes in short transactions (queue.rebuild_index)

    @contextmanager
    def locked(self, session=None, timeout=30.0):
        """Exclusive write access to the index, waiting at most timeout seconds (SearchIndexLocked); a
        database session's writes commit with the index's (PostgreSQL) or after it (Whoosh)."""
        raise NotImplementedError

    def apply_changes(self, changes, handle, parallel=False):
        """Write {key: document, or None to delete}; handle: what locked() gave."""
        raise NotImplementedError

    def replace_all(self, documents, handle):
        """Replace the whole index with documents; searches keep the old index until the new one is
        complete. Returns how many were written."""
        raise NotImplementedError

    def fingerprints(self):
        """{key: fingerprint} of every indexed document ("" when indexed without one)."""
        raise NotImplementedError

    def index(self, documents):
        with self.locked() as handle:
            self.apply_changes({doc["key"]: doc for doc in documents}, handle)
        self._changed()

    def delete(self, keys):
        with self.locked() as handle:
            self.apply_changes(dict.fromkeys(keys), handle)
        self._changed()

    def rebuild(self, documents):
        """Replace the whole index with these documents (consumed once, as they are indexed)."""
        with self.locked() as handle:
            self.replace_all(documents, handle)
        self._changed()

    def clear(self):
        self.rebuild([])

    def _changed(self):
        for listener in self.listeners:
            listener()

    def count(self):
        raise NotImplementedError

    def search(self, query):
        raise NotImplementedError

    def facet_names(self, query):
        return list(query.facets)


def fingerprint(doc: dict) -> str:
    """A digest of everything a document holds, so a check can tell an indexed document that differs from
    the one the database gives now (lists compared as sets, dates in UTC)."""
    date = doc.get("date")
    canonical = {
        "key": doc["key"], "type": doc["type"], "title": doc["title"], "text": doc.get("text", ""),
        "extra": doc.get("extra", ""), "language": doc["language"], "url": doc["url"], "year": doc.get("year", ""),
        "date": date.astimezone(timezone.utc).isoformat() if date else None,
        "region": sorted(doc.get("region", [])), "allowed": sorted(doc["allowed"]),
        "translation_group": doc.get("translation_group") or doc["key"],
        "facets": {name: sorted(str(v) for v in values) for name, values in doc.get("facets", {}).items() if values},
    }
    return hashlib.sha1(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def build_document(request, info, obj):
    """The full document of obj: the plugin's fields plus what the core derives (key, allowed...)."""
    doc = dict(info.document(request, obj))
    doc.setdefault("key", f"{info.name}:{obj.id}")
    doc.setdefault("type", info.name)
    doc.setdefault("language", getattr(obj, "language", "en") or "en")
    group = getattr(obj, "translation_group", None)
    doc.setdefault("translation_group", str(group) if group else doc["key"])
    if "allowed" not in doc:
        acl = getattr(obj, "__acl__", None)
        doc["allowed"] = principals_allowed(acl) if acl is not None else ["system.Everyone"]
    date = doc.get("date")
    doc.setdefault("year", str(date.year) if date else "")
    doc.setdefault("region", [])
    doc.setdefault("facets", {})
    doc.setdefault("text", "")
    others = translations_text(obj)
    if others:  # a translatable field is found in each of its languages
        doc["extra"] = f"{doc.get('extra', '')}\n{others}".strip()
    portal = getattr(getattr(request, "registry", None), "portal", None)
    if portal is not None and portal.search_facets.get(info.name):
        doc["facets"] = dict(doc["facets"])
        for facet, values in portal.extra_facets(request, info.name, obj).items():
            doc["facets"][facet] = list(doc["facets"].get(facet, [])) + values
    return doc


def document_key(info, obj):
    return f"{info.name}:{obj.id}"


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
    from . import queue
    queue.listen(config.registry["dbsession_factory"])
    # what a process that stopped between a commit and its indexing left queued, once the plugins'
    # indexes are registered
    config.action(None, queue.drain_at_start, args=(config.registry,), order=10**6)


from .queue import bulk, reindex_later  # noqa: E402,F401  (what plugins and commands use)
