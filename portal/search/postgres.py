"""PostgreSQL full-text backend: documents in the search_documents table, shared by every app node.

A document's tsvector holds the terms portal.search.language gives of it (computed here, in Python:
the same analyzers as the Whoosh index's fields, so both backends find the same words), each lexeme
named by its kind of field ("es:region", "plain:regiones"), with weights: title A, summary B, labels C,
text D. A query is a tsquery literal of the same terms, bound as one parameter. The text search
configurations of migration 0001 (portal_en...) are no longer used for documents.

A search does a bounded amount of work whatever the number of matches (migration 0003):
- PostgreSQL finds the numbers of the matching documents the visitor may see, from the GIN index and
  narrow rows (the text and the tsvector are kept out of the row, so reading 100,000 matches reads a few
  thousand pages and decompresses nothing);
- filters, the total and the facet counts are computed here, with NumPy, from a copy of every document's
  facet values, date and title order, which each process keeps until the index changes (search_state
  counts the changes; each search reads it in the same snapshot as the matches); after a change the copy
  reads again only the documents search_log says changed (migration 0014);
- relevance (ts_rank, which must read each document's whole tsvector) is computed for at most
  `rank_window` matches: all of them when there are fewer, otherwise the newest ones. The first pages
  are the best of that window; pages beyond it continue newest first. Totals and facets stay exact.
"""
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from markupsafe import escape
from sqlalchemy import text

from . import (EXACT_WINDOW, LANGUAGES, Hit, SearchBackend, SearchIndexLocked, SearchResults, exact_first,
               exact_phrases, facet_order, fingerprint, leading_text, translations_of)
from .language import PLAIN, highlight, lead, phrase_terms, tsquery_of_phrase, tsvector
from .query import parse_text

SNIPPET_FROM = 20_000  # characters of a text its snippet is looked for in
RANK_WINDOW = 1000
EVERYTHING, NOTHING = 0, -1  # what search_log says of a generation that rewrote every document, or none (numbers start at 1)
LOG_KEPT = 10_000  # generations search_log keeps
INSERT_BATCH = 500  # documents written by one statement
# documents given as one JSON array of rows: one statement and one round trip for a batch
UPSERT = """
    INSERT INTO search_documents (key, type, title, body, language, url, date, year, region, allowed, facets,
                                  fingerprint, translation_group, tsv)
    SELECT r.key, r.type, r.title, r.body, r.language, r.url, r.date, r.year,
           ARRAY(SELECT jsonb_array_elements_text(r.region)), ARRAY(SELECT jsonb_array_elements_text(r.allowed)),
           r.facets, r.fingerprint, r.translation_group, CAST(r.tsv AS tsvector)
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(key text, type text, title text, body text, language text,
        url text, date timestamptz, year text, region jsonb, allowed jsonb, facets jsonb, fingerprint text,
        translation_group text, tsv text)
    ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title, body = EXCLUDED.body,
        language = EXCLUDED.language, url = EXCLUDED.url, date = EXCLUDED.date, year = EXCLUDED.year,
        region = EXCLUDED.region, allowed = EXCLUDED.allowed, facets = EXCLUDED.facets,
        fingerprint = EXCLUDED.fingerprint, translation_group = EXCLUDED.translation_group, tsv = EXCLUDED.tsv
    RETURNING doc"""
ALLOWED = " allowed"  # the principals that may see a document, kept as a facet no plugin can name
WRITERS_LOCK = 7_305_118_114  # the advisory lock of the search index's writers


def tsqueries(parsed) -> tuple[str | None, str | None, dict | None]:
    """(SQL of the tsquery a document must match or None, SQL of what it must not match or None, params)
    of a parsed text: every group of alternatives ANDed, each alternative's terms in every kind of field
    (portal.search.language, the terms Whoosh looks for), bound as tsquery literals. params is None when
    a group has no term in any field: nothing can match (as with Whoosh)."""
    groups = []
    for group in parsed.required:
        alternatives = [a for a in map(tsquery_of_phrase, group) if a is not None]
        if not alternatives:
            return None, None, None
        groups.append("(" + " | ".join(alternatives) + ")")
    excluded = [a for a in map(tsquery_of_phrase, parsed.excluded) if a is not None]
    # what a document's title or summary (weights A and B) must hold to rank before the others
    covering = [" | ".join(filter(None, (tsquery_of_phrase(words, "AB") for words in group))) or "'-'"
                for group in parsed.required]
    params = {"positive": " & ".join(groups), "excluded": " | ".join(excluded),
              "covering": " & ".join(f"({c})" for c in covering)}
    return ("CAST(:positive AS tsquery)" if groups else None,
            "CAST(:excluded AS tsquery)" if excluded else None, params)


def document_tsvector(doc: dict) -> str:
    """The tsvector literal of a document: its title (weight A), summary (B) and text in its language, and its title
    and what it adds (labels in every language) unstemmed (weight C): the terms of Whoosh's fields."""
    lang = doc["language"] if doc["language"] in LANGUAGES else "en"
    return tsvector([(doc["title"], lang, "A"), (lead(doc.get("text", "")), lang, "B"), (doc.get("text", ""), lang, "D"),
                     (" ".join([doc["title"], doc.get("extra", "")]), PLAIN, "C")])


NO_DATE = -(2 ** 62)


def _numbers(raw):
    """A NumPy array of the bigints that string_agg(int8send(...), '') packed into one bytea."""
    return np.frombuffer(raw, dtype=">i8").astype(np.int64) if raw else np.zeros(0, dtype=np.int64)


class Documents:
    """What the search needs of every document, as arrays indexed by position (documents sorted by number):
    their numbers, dates, title order and, per facet, (value names, {value: code}, positions, codes).
    Read in two statements that PostgreSQL aggregates into packed binary strings, so loading 200,000
    documents costs no Python work per row."""

    def __init__(self, conn, only=None):
        """only: the numbers of the documents to read (a part, for merged()); None: every document."""
        where, params = ("WHERE doc = ANY(:only)", {"only": [int(n) for n in only]}) if only is not None else ("", {})
        row = conn.execute(text(f"""
            SELECT string_agg(int8send(doc), ''::bytea ORDER BY doc),
                   string_agg(int8send(coalesce((extract(epoch FROM date) * 1000000)::bigint, {NO_DATE})),
                              ''::bytea ORDER BY doc),
                   -- each document's translation group (its key when it has none), as a 64-bit digest
                   string_agg(int8send(('x' || left(md5(coalesce(translation_group, key)), 16))::bit(64)::bigint),
                              ''::bytea ORDER BY doc)
            FROM search_documents {where}"""), params).one()
        self.numbers, self.dates, self.group_digest = _numbers(row[0]), _numbers(row[1]), _numbers(row[2])
        self.size = len(self.numbers)
        columns = {}
        for name, value, raw in conn.execute(text(f"""
                SELECT name, value, string_agg(int8send(doc), ''::bytea) FROM (
                    SELECT doc, 'type' AS name, type AS value FROM search_documents {where}
                    UNION ALL SELECT doc, 'language', language FROM search_documents {where}
                    UNION ALL SELECT doc, 'year', year FROM search_documents {where}
                    UNION ALL SELECT doc, 'region', r FROM search_documents, unnest(region) AS r {where}
                    UNION ALL SELECT doc, :allowed, a FROM search_documents, unnest(allowed) AS a {where}
                    UNION ALL SELECT doc, f.key, v FROM search_documents, jsonb_each(facets) AS f,
                                                        jsonb_array_elements_text(f.value) AS v {where}
                ) AS x WHERE value <> '' GROUP BY name, value ORDER BY name, value"""), dict(params, allowed=ALLOWED)):
            names, known, positions, codes = columns.setdefault(name, ([], {}, [], []))
            known[value] = len(names)
            names.append(value)
            at = self.positions(_numbers(raw))
            positions.append(at)
            codes.append(np.full(len(at), known[value], dtype=np.int64))
        self.facets = {name: (names, known, np.concatenate(positions), np.concatenate(codes))
                       for name, (names, known, positions, codes) in columns.items()}
        self._derive()

    def _derive(self):
        """The orders and groups computed from the arrays: the date order (the title order is read by
        the first search sorted by title, a second of sorting at 200,000), each document's group as a
        number and which documents share theirs with another one."""
        self.order, self.rank = {}, {}
        self._lock = threading.Lock()
        self._sorted("date", np.lexsort((self.numbers, -self.dates)))  # newest first, then by number
        self.group = np.unique(self.group_digest, return_inverse=True)[1].astype(np.int64).reshape(-1)
        self.shared = (np.bincount(self.group)[self.group] > 1) if self.size else np.zeros(0, dtype=bool)

    def merged(self, conn, changed):
        """A new copy: this one without the documents of numbers `changed`, with those of them that exist
        now read again (a change reads what it changed, not every document); this copy stays as it was
        for the searches using it."""
        changed = np.unique(np.asarray(changed, dtype=np.int64))
        part = Documents(conn, only=changed)
        keep = ~np.isin(self.numbers, changed)
        new = Documents.__new__(Documents)
        numbers = np.concatenate([self.numbers[keep], part.numbers])
        order = np.argsort(numbers, kind="stable")
        new.numbers, new.size = numbers[order], len(numbers)
        new.dates = np.concatenate([self.dates[keep], part.dates])[order]
        new.group_digest = np.concatenate([self.group_digest[keep], part.group_digest])[order]
        new.facets = {}
        for name in set(self.facets) | set(part.facets):
            names, known, positions, codes = self.facets.get(name, ([], {}, np.zeros(0, np.int64), np.zeros(0, np.int64)))
            names, known = list(names), dict(known)
            old = self.numbers[positions]
            kept = ~np.isin(old, changed)
            numbers_of, codes_of = [old[kept]], [codes[kept]]
            if name in part.facets:
                part_names, _, part_positions, part_codes = part.facets[name]
                for value in part_names:
                    if value not in known:
                        known[value] = len(names)
                        names.append(value)
                recode = np.array([known[value] for value in part_names], dtype=np.int64)
                numbers_of.append(part.numbers[part_positions])
                codes_of.append(recode[part_codes])
            new.facets[name] = (names, known, np.searchsorted(new.numbers, np.concatenate(numbers_of)),
                                np.concatenate(codes_of))
        new._derive()
        return new

    def _sorted(self, by, order):
        rank = np.empty(self.size, dtype=np.int64)
        rank[order] = np.arange(self.size)
        self.order[by], self.rank[by] = order, rank

    def read_title_order(self, conn):
        with self._lock:
            if "title" not in self.order:
                raw = conn.execute(text("SELECT string_agg(int8send(doc), ''::bytea ORDER BY lower(unaccent(title)), "
                                        "key) FROM search_documents")).scalar()
                self._sorted("title", self.positions(_numbers(raw)))

    def positions(self, numbers):
        """Positions of these document numbers (all known)."""
        return np.searchsorted(self.numbers, numbers)

    def mask_of(self, numbers):
        """A boolean array: which positions hold these document numbers (numbers unknown to this copy, of
        documents added since it was read, are left out)."""
        mask = np.zeros(self.size, dtype=bool)
        if self.size and len(numbers):
            at = np.minimum(np.searchsorted(self.numbers, numbers), self.size - 1)
            mask[at[self.numbers[at] == numbers]] = True
        return mask

    def having(self, name, values):
        """Positions whose facet `name` has one of values."""
        mask = np.zeros(self.size, dtype=bool)
        if name in self.facets:
            _, known, positions, codes = self.facets[name]
            wanted = [known[v] for v in values if v in known]
            if wanted:
                mask[positions[np.isin(codes, wanted)]] = True
        return mask

    def count(self, name, mask):
        """[(value, items among mask)] of facet `name`, the values found only: the versions of one translated
        item count once."""
        if name not in self.facets:
            return []
        names, _, positions, codes = self.facets[name]
        chosen = mask[positions]
        at, found = positions[chosen], codes[chosen]
        shared = self.shared[at]
        counts = np.bincount(found[~shared], minlength=len(names))
        if shared.any():  # (value, group) pairs, each once
            span = self.size + 1
            pairs = np.unique(found[shared] * span + self.group[at[shared]])
            counts += np.bincount(pairs // span, minlength=len(names))
        return [(names[code], int(counts[code])) for code in np.flatnonzero(counts)]

    def total(self, mask):
        """How many items mask holds: the versions of one translated item count once."""
        shared = mask & self.shared
        return int((mask & ~self.shared).sum()) + len(np.unique(self.group[shared]))

    def collapsed(self, positions):
        """These positions (best first) with only the first of each translation group."""
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return positions
        _, first = np.unique(self.group[positions], return_index=True)
        return positions[np.sort(first)]

    def ordered(self, mask, by="date"):
        """Positions of mask in order (newest first or by title), one per translation group."""
        at = np.flatnonzero(mask)
        return self.collapsed(at[np.argsort(self.rank[by][at], kind="stable")])

    def first(self, mask, stop, by="date", start=0):
        """Numbers of the documents [start:stop] of mask, newest first (ties by number) or in title order;
        only the first `stop` are sorted."""
        ranks = self.rank[by][mask]
        if len(ranks) > stop:
            ranks = np.partition(ranks, stop - 1)[:stop] if stop else ranks[:0]
        ranks.sort()
        return [int(n) for n in self.numbers[self.order[by][ranks[start:stop]]]]


class PostgresBackend(SearchBackend):
    batched_rebuild = True  # a reindex never holds the writers' lock for longer than a batch
    def __init__(self, engine, rank_window=RANK_WINDOW):
        self.engine = engine
        self.rank_window = rank_window
        self._lock = threading.Lock()
        self._documents = (None, None)  # (generation, Documents)

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def locked(self, session=None, timeout: float = 30.0) -> Iterator:
        """One writer at a time across the nodes: an advisory lock of the session's transaction (or of a
        transaction of its own when there is no session), released when it ends."""
        if session is None:
            with self.engine.connect() as conn:
                with conn.begin():
                    self._lock_writers(conn, timeout)
                    yield conn
            return
        conn = session.connection()
        self._lock_writers(conn, timeout)
        yield conn

    def _lock_writers(self, conn, timeout: float) -> None:
        from sqlalchemy.exc import OperationalError
        try:  # (one statement: set_config comes first in the select list, so it bounds the wait)
            conn.execute(text("SELECT set_config('lock_timeout', :wait, true), pg_advisory_xact_lock(:key)"),
                         {"wait": f"{int(timeout * 1000)}ms", "key": WRITERS_LOCK})
        except OperationalError as exc:
            raise SearchIndexLocked(f"another process writes to the search index (waited {timeout:g} s); the "
                                    "changes stay queued") from exc

    def apply_changes(self, changes: dict, conn, parallel: bool = False) -> None:
        """conn: the connection locked() gave; the changes are seen when its transaction commits."""
        if not changes:
            return
        deletes = [key for key, doc in changes.items() if doc is None]
        written: list[int] = []
        if deletes:
            written += conn.execute(text("DELETE FROM search_documents WHERE key = ANY(:keys) RETURNING doc"),
                                    {"keys": deletes}).scalars().all()
        self._insert(conn, [doc for doc in changes.values() if doc is not None], written)
        self._bump(conn, written)

    def replace_all(self, documents, conn) -> int:
        """In the transaction of conn: readers see the old documents until it commits."""
        conn.execute(text("DELETE FROM search_documents"))
        count = self._insert(conn, documents)
        self._bump(conn, [EVERYTHING])
        return count

    def fingerprints(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(text("SELECT key, fingerprint FROM search_documents")).all())

    def _bump(self, conn, written):
        """A new generation of the index, which changed the documents of numbers `written` (EVERYTHING:
        all of them), logged for the processes' copies; the log keeps the last LOG_KEPT generations."""
        generation = conn.execute(text("UPDATE search_state SET generation = generation + 1 RETURNING generation")).scalar()
        if generation is None:
            return
        conn.execute(text("INSERT INTO search_log (generation, doc) SELECT :g, unnest(CAST(:docs AS bigint[]))"),
                     {"g": generation, "docs": list(written) or [NOTHING]})
        if generation % 100 == 0:
            conn.execute(text("DELETE FROM search_log WHERE generation <= :g"), {"g": generation - LOG_KEPT})

    def _insert(self, conn, documents, written=None):
        """Write documents (new or replacing theirs), INSERT_BATCH to a statement; written: the list to
        which the numbers of the rows written are added."""
        count = 0
        rows: dict = {}

        def flush():
            if rows:
                numbers = conn.execute(text(UPSERT), {"rows": json.dumps(list(rows.values()), ensure_ascii=False)})
                numbers = numbers.scalars().all()
                if written is not None:
                    written.extend(numbers)
                rows.clear()
        for doc in documents:
            count += 1
            rows.pop(doc["key"], None)  # a key given twice: its last document
            date = doc.get("date")
            rows[doc["key"]] = {
                "key": doc["key"], "type": doc["type"], "title": doc["title"], "body": doc["text"],
                "language": doc["language"], "url": doc["url"], "date": date.isoformat() if date else None,
                "year": doc["year"], "region": list(doc["region"]), "allowed": list(doc["allowed"]),
                "facets": {k: [str(v) for v in vs] for k, vs in doc["facets"].items()},
                "fingerprint": fingerprint(doc), "tsv": document_tsvector(doc),
                "translation_group": doc.get("translation_group") or doc["key"]}
            if len(rows) >= INSERT_BATCH:
                flush()
        flush()
        return count

    def count(self):
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM search_documents")).scalar()

    # --- searching -------------------------------------------------------------------------------

    def forget_copy(self) -> None:
        """Read the copy again at the next search: after the database was put back to an earlier state (a
        restored backup, a test's reset), whose generation number this process may have seen already."""
        with self._lock:
            self._documents = (None, None)

    def _documents_of(self, conn, generation):
        """This process's copy of every document's facets, dates and title order, read again when the
        index changed (search_state.generation)."""
        with self._lock:  # one thread reads it; the others wait for that copy instead of reading their own
            known, documents = self._documents
            if known == generation and generation is not None:  # (no search_state row: nothing is kept)
                return documents
            changed = self._changed_since(conn, known, generation, documents)
            documents = documents.merged(conn, changed) if changed is not None else Documents(conn)
            self._documents = (generation, documents)
            return documents

    @staticmethod
    def _changed_since(conn, known, generation, documents):
        """The numbers of the documents the generations after `known` changed, from search_log; None when
        the copy is better read again whole (no copy, a rebuild, generations no longer logged, or so many
        changes that reading them costs as much)."""
        if documents is None or known is None or generation is None or generation <= known:
            return None
        rows = conn.execute(text("SELECT generation, doc FROM search_log WHERE generation > :known AND "
                                 "generation <= :now"), {"known": known, "now": generation}).all()
        if len({g for g, _ in rows}) != generation - known:
            return None
        changed = {doc for _, doc in rows if doc != NOTHING}
        if EVERYTHING in changed or len(changed) > max(1000, documents.size // 4):
            return None
        return np.fromiter(changed, dtype=np.int64, count=len(changed))

    def search(self, q):
        parsed = parse_text(q.text)
        positive, excluded, params = tsqueries(parsed)
        if parsed.matches_nothing or params is None:  # only ignored words: nothing to look for
            return SearchResults(total=0, hits=[], facets={name: [] for name in q.facets}, page=q.page,
                                 page_size=q.page_size)
        with self.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
            conn.execute(text("SET LOCAL jit = off"))  # short statements: compiling them costs more than it saves
            # a sequential scan would decompress every row's tsvector; the GIN index reads none of them
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            generation = conn.execute(text("SELECT generation FROM search_state")).scalar()
            documents = self._documents_of(conn, generation)
            if positive is not None:
                mask = documents.mask_of(self._matching(conn, positive, params))
            else:
                mask = np.ones(documents.size, dtype=bool)
            if excluded is not None:  # read from the index too, then left out: NOT would read every tsvector
                mask &= ~documents.mask_of(self._matching(conn, excluded, params))
            mask &= documents.having(ALLOWED, list(q.principals))  # what this visitor may see, and only that
            for name, values in q.filters.items():
                mask &= documents.having(name, [str(v) for v in values])
            if q.exclude:
                raw = conn.execute(text("SELECT string_agg(int8send(doc), ''::bytea) FROM search_documents "
                                        "WHERE key = ANY(:keys)"), {"keys": sorted(q.exclude)}).scalar()
                mask &= ~documents.mask_of(_numbers(raw))
            collapse = bool((mask & documents.shared).any())
            total = documents.total(mask) if collapse else int(mask.sum())
            facets = {name: facet_order(documents.count(name, mask)) for name in q.facets}
            first, last = (q.page - 1) * q.page_size, q.page * q.page_size
            if collapse:
                page = self._collapsed_page(conn, documents, mask, q, positive, params, first, last)
            elif q.sort == "title":
                documents.read_title_order(conn)
                page = documents.first(mask, last, by="title", start=first)
            elif positive is not None and q.sort == "relevance" and first < self.rank_window:
                window = documents.first(mask, self.rank_window)
                phrases = exact_phrases(parsed)
                page = self._ranked(conn, positive, params, window, q.language, max(last, EXACT_WINDOW if phrases else 0))
                page = self._exact_first(conn, phrases, page)[first:last]
                if last > self.rank_window:  # the page goes past the window: newest first after it
                    page += documents.first(mask, last, start=self.rank_window)
            else:
                page = documents.first(mask, last, start=first)
            rows = {}
            others = self._translations(conn, documents, q, page) if collapse else {}
            if page:
                for r in conn.execute(text("""
                        SELECT doc, key, type, title, url, language, date, year, region, facets,
                               left(body, :longest) AS body
                        FROM search_documents WHERE doc = ANY(:page)"""),
                        {"page": page, "longest": SNIPPET_FROM}).mappings():
                    rows[r["doc"]] = r
        hits = [Hit(key=r["key"], type=r["type"], title=r["title"], url=r["url"], language=r["language"],
                    snippet=self._snippet(parsed, r["body"], r["language"] if positive else None),
                    date=r["date"], region=list(r["region"] or []), year=r["year"] or "",
                    facets=r["facets"] or {}, translations=others.get(r["key"], []))
                for r in (rows[n] for n in page if n in rows)]
        return SearchResults(total=total, hits=hits, facets=facets, page=q.page, page_size=q.page_size)

    @staticmethod
    def _ranked(conn, positive, params, window, language, limit) -> list[int]:
        """The best `limit` of the window's documents: those whose title or summary hold every word first,
        then by ts_rank, then those in the reader's language, then the newest."""
        return list(conn.execute(text(f"""
            SELECT doc FROM search_documents, (SELECT {positive} AS query) q WHERE doc = ANY(:window)
            ORDER BY tsv @@ CAST(:covering AS tsquery) DESC, ts_rank(tsv, query) DESC, language = :reader DESC,
                     date DESC NULLS LAST, doc
            LIMIT :limit"""), dict(params, window=window, reader=language, limit=limit)).scalars())

    @staticmethod
    def _exact_first(conn, phrases, ranked) -> list[int]:
        """ranked, the first EXACT_WINDOW with those holding a quoted phrase as typed first."""
        if not phrases or not ranked:
            return ranked
        head = ranked[:EXACT_WINDOW]
        texts = dict(conn.execute(text("SELECT doc, title || E'\\n' || left(body, :longest) FROM search_documents "
                                       "WHERE doc = ANY(:docs)"), {"docs": head, "longest": SNIPPET_FROM}).all())
        return exact_first(phrases, head, lambda doc: texts.get(doc, "")) + ranked[EXACT_WINDOW:]

    @staticmethod
    def _snippet(parsed, body: str, lang: str | None) -> str:
        """Safe HTML: the passages of body with the query's words marked (lang: the document's, None
        without words to find), as the Whoosh backend gives them, or the start of body."""
        if lang is not None:
            wanted = set()
            for group in parsed.required:
                for words in group:
                    wanted |= phrase_terms(words, lang if lang in LANGUAGES else "en")
            found = highlight(body, lang, wanted)
            if found:
                return found
        return str(escape(leading_text(body)))

    def _collapsed_page(self, conn, documents, mask, q, positive, params, first, last) -> list[int]:
        """The numbers of a page of items: each translated item once, at its best version's place, shown in
        the reader's language when that version matched."""
        if q.sort == "title":
            documents.read_title_order(conn)
            ordered = documents.ordered(mask, by="title")
        elif positive is not None and q.sort == "relevance" and first < self.rank_window:
            window = documents.first(mask, self.rank_window)
            ranked = self._exact_first(conn, exact_phrases(parse_text(q.text)),
                                       self._ranked(conn, positive, params, window, q.language, len(window)))
            ordered = documents.collapsed(documents.positions(np.array(ranked, dtype=np.int64)))
            if last > len(ordered):  # the page goes past the window: newest first after it
                rest = documents.ordered(mask & ~documents.mask_of(np.array(window, dtype=np.int64)))
                rest = rest[~np.isin(documents.group[rest], documents.group[ordered])]
                ordered = np.concatenate([ordered, rest])
        else:
            ordered = documents.ordered(mask)
        page = ordered[first:last]
        preferred = mask & documents.shared & documents.having("language", [q.language])
        shown = []
        for at in page:
            if documents.shared[at] and not preferred[at]:
                versions = np.flatnonzero(preferred & (documents.group == documents.group[at]))
                at = versions[0] if len(versions) else at
            shown.append(int(documents.numbers[at]))
        return shown

    def _translations(self, conn, documents, q, page) -> dict:
        """{key of a hit: [the other versions of its item the visitor may see]}."""
        at = documents.positions(np.array(page, dtype=np.int64))
        groups = documents.group[at[documents.shared[at]]] if len(at) else []
        if not len(groups):
            return {}
        visible = documents.having(ALLOWED, list(q.principals)) & np.isin(documents.group, groups)
        numbers = documents.numbers[visible]
        group_of = dict(zip(numbers.tolist(), documents.group[visible].tolist()))
        rows = conn.execute(text("SELECT doc, key, language, url, title FROM search_documents WHERE doc = ANY(:docs)"),
                            {"docs": numbers.tolist()}).all()
        on_page = set(page)
        hits = [(key, group_of[doc]) for doc, key, *_ in rows if doc in on_page]
        return translations_of([(key, group_of[doc], language, url, title) for doc, key, language, url, title in rows
                                if key not in q.exclude], hits)

    def _matching(self, conn, tsquery: str, params: dict) -> np.ndarray:
        """The numbers of the documents matching tsquery, as one binary string: 100,000 of them cost 800 KB
        and no per-row parsing."""
        raw = conn.execute(text(f"SELECT string_agg(int8send(doc), ''::bytea) FROM search_documents "
                                f"WHERE tsv @@ ({tsquery})"), params).scalar()
        return _numbers(raw)
