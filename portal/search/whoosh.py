"""Whoosh backend: one index on disk, a text field per language with that language's stemmer."""
import os
import threading
from datetime import timezone

from whoosh import highlight, index, sorting, writing
from whoosh.analysis import CharsetFilter, LanguageAnalyzer, StandardAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Every, Or, Term
from whoosh.support.charset import accent_map

from . import LANGUAGES, Hit, SearchBackend, SearchResults, facet_order, fold, leading_text

FACET_PREFIX = "f_"


def _analyzer(lang):
    return LanguageAnalyzer(lang) | CharsetFilter(accent_map)


def make_schema():
    schema = Schema(
        key=ID(stored=True, unique=True),
        type=ID(stored=True),
        title=STORED,
        url=STORED,
        language=ID(stored=True),
        region=KEYWORD(stored=True, commas=True),
        year=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        sort_title=ID(sortable=True),
        allowed=KEYWORD(commas=True),
        plain=TEXT(analyzer=StandardAnalyzer() | CharsetFilter(accent_map)),
        facets=STORED,
    )
    for lang in LANGUAGES:
        # chars=True keeps match positions, so highlighting needs no second pass of the analyzer
        schema.add(f"text_{lang}", TEXT(analyzer=_analyzer(lang), stored=True, chars=True))
        schema.add(f"title_{lang}", TEXT(analyzer=_analyzer(lang), field_boost=3.0))
    schema.add(FACET_PREFIX + "*", KEYWORD(commas=True, stored=True), glob=True)
    return schema


class WhooshBackend(SearchBackend):
    def __init__(self, directory):
        self.directory = directory
        self._lock = threading.Lock()
        self._local = threading.local()  # each server thread keeps its own searcher and parser
        self._facets_lock = threading.Lock()
        self._facets, self._facets_generation = {}, None
        os.makedirs(directory, exist_ok=True)
        if index.exists_in(directory):
            self.ix = index.open_dir(directory)
        else:
            self.ix = index.create_in(directory, make_schema())

    def _writer(self):
        return self.ix.writer(timeout=30)

    def _index(self, documents):
        with self._lock:
            writer = self._writer()
            try:
                for doc in documents:
                    writer.update_document(**self._fields(doc))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise

    def _fields(self, doc):
        lang = doc["language"] if doc["language"] in LANGUAGES else "en"
        fields = {
            "key": doc["key"], "type": doc["type"], "title": doc["title"], "url": doc["url"],
            "language": doc["language"], "region": ",".join(doc["region"]), "year": doc["year"],
            "allowed": ",".join(doc["allowed"]), "facets": doc["facets"],
            f"text_{lang}": doc["text"], f"title_{lang}": doc["title"],
            # unstemmed words across languages: the title and what the document adds (theme labels in the
            # four languages, place names); the text itself is matched through its language's field only
            "plain": " ".join([doc["title"], doc.get("extra", "")]),
            "sort_title": fold(doc["title"])[:100],
        }
        if doc.get("date"):
            fields["date"] = doc["date"].astimezone(timezone.utc).replace(tzinfo=None)
        for name, values in doc["facets"].items():
            fields[FACET_PREFIX + name] = ",".join(str(v) for v in values)
        return fields

    def _delete(self, keys):
        with self._lock:
            writer = self._writer()
            for key in keys:
                writer.delete_by_term("key", key)
            writer.commit()

    def _rebuild(self, documents):
        """All documents in one commit that drops every old segment: searches see the old index
        until the new one is complete, never an empty one."""
        with self._lock:
            writer = self._writer()
            try:
                for doc in documents:
                    writer.add_document(**self._fields(doc))
                writer.commit(mergetype=writing.CLEAR)
            except BaseException:
                writer.cancel()
                raise

    def _clear(self):
        with self._lock:
            self.ix = index.create_in(self.directory, make_schema())
            self._local = threading.local()
            with self._facets_lock:  # a new index counts its generations from 0 again
                self._facets, self._facets_generation = {}, None

    def count(self):
        with self.ix.searcher() as searcher:
            return searcher.doc_count()

    def _field(self, name):
        return name if name in ("type", "language", "region", "year") else FACET_PREFIX + name

    def _searcher(self):
        """This thread's searcher, reopened only when the index changed since its last search."""
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
        elif not searcher.up_to_date():
            searcher.close()  # (Searcher.refresh fails on a reader of an index that was empty)
            searcher = self.ix.searcher()
        local.searcher = searcher
        return searcher

    def _parser(self):
        parser = getattr(self._local, "parser", None)
        if parser is None:
            fields = [f"text_{lang}" for lang in LANGUAGES] + [f"title_{lang}" for lang in LANGUAGES] + ["plain"]
            parser = self._local.parser = MultifieldParser(fields, self.ix.schema, group=OrGroup)
        return parser

    def search(self, q):
        if q.text.strip():
            parsed = self._parser().parse(q.text)
        else:
            parsed = Every()
        conditions = [Or([Term("allowed", p) for p in q.principals])]
        for name, values in q.filters.items():
            conditions.append(Or([Term(self._field(name), str(v)) for v in values]))
        if q.sort == "title":
            sortedby = sorting.FieldFacet("sort_title")
        elif q.sort == "relevance" and q.text.strip():
            sortedby = None
        else:
            sortedby = sorting.FieldFacet("date", reverse=True)
        searcher = self._searcher()
        if searcher:  # kept open for the next search of this thread
            # Every match once, unscored: it gives the total and the facet counts; the page is then scored
            # among these only (Whoosh's block-quality skipping keeps that cheap).
            matched = set(searcher.docs_for_query(And([parsed, *conditions])))
            counted = {name: facet_order(self._count(searcher, name, matched).items()) for name in q.facets}
            hits = []
            first = (q.page - 1) * q.page_size
            if q.page_size and len(matched) > first:
                # search(), not search_page(): the page object would count every match once more
                results = searcher.search(parsed, limit=first + q.page_size, filter=matched, sortedby=sortedby)
                results.fragmenter = highlight.PinpointFragmenter(maxchars=240, surround=60, autotrim=True)
                results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
                hits = [self._hit(results[i]) for i in range(first, min(first + q.page_size, results.scored_length()))]
            return SearchResults(total=len(matched), hits=hits,
                                 facets=counted, page=q.page, page_size=q.page_size)

    def _count(self, searcher, name, matched):
        """{value: documents among matched}, from a value list per document kept with the searcher."""
        values_of = self._facet_values(searcher, self._field(name))
        counts = {}
        for docnum in matched:
            for value in values_of.get(docnum, ()):
                counts[value] = counts.get(value, 0) + 1
        return counts

    def _facet_values(self, searcher, field):
        """docnum -> values of one facet field, read once per index generation and shared by the server's
        threads (document numbers are those of that generation's segments)."""
        reader = searcher.reader()
        generation = reader.generation()
        with self._facets_lock:
            if self._facets_generation != generation:
                self._facets, self._facets_generation = {}, generation
            found = self._facets.get(field)
        if found is None:
            found = {}
            if field in reader.indexed_field_names():
                for value in reader.field_terms(field):
                    for docnum in reader.postings(field, value).all_ids():
                        found.setdefault(docnum, []).append(value)
            with self._facets_lock:
                if self._facets_generation == generation:
                    self._facets[field] = found
        return found

    def _hit(self, hit):
        from markupsafe import escape
        lang = hit.get("language") if hit.get("language") in LANGUAGES else "en"
        stored_text = hit.get(f"text_{lang}") or ""
        snippet = hit.highlights(f"text_{lang}") if stored_text else ""
        if not snippet:
            snippet = str(escape(leading_text(stored_text)))
        date = hit.get("date")
        return Hit(key=hit["key"], type=hit["type"], title=hit["title"], url=hit["url"],
                   language=hit["language"], snippet=snippet,
                   date=date.replace(tzinfo=timezone.utc) if date else None,
                   region=[r for r in (hit.get("region") or "").split(",") if r], year=hit.get("year") or "",
                   facets=hit.get("facets") or {})
