"""PostgreSQL full-text backend: documents in the search_documents table, shared by every app node.

Each language has a text search configuration (portal_en, portal_es, portal_fr, portal_pt, created
by the core migration) that stems with that language's snowball dictionary; portal_folded strips
accents without stemming. A document is indexed with its own language's configuration and the folded
one; a query is parsed with all five and ORed, so it matches whatever the language of the document,
with or without accents.
"""
import json

from markupsafe import escape
from sqlalchemy import text

from . import LANGUAGES, Hit, SearchBackend, SearchResults, facet_order, leading_text

START, STOP = "\x02", "\x03"
CORE_COLUMNS = {"type": "type", "language": "language", "year": "year"}


def _config(lang):
    return f"portal_{lang if lang in LANGUAGES else 'en'}"


class PostgresBackend(SearchBackend):
    def __init__(self, engine):
        self.engine = engine

    def _index(self, documents):
        with self.engine.begin() as conn:
            self._insert(conn, documents)

    def _insert(self, conn, documents):
        for doc in documents:
            conn.execute(text(f"""
                INSERT INTO search_documents (key, type, title, body, language, url, date, year, region,
                                              allowed, facets, tsv)
                VALUES (:key, :type, :title, :body, :language, :url, :date, :year, :region, :allowed,
                        CAST(:facets AS jsonb),
                        setweight(to_tsvector('{_config(doc["language"])}', :title), 'A')
                        || to_tsvector('{_config(doc["language"])}', :body)
                        || to_tsvector('portal_folded', :title || ' ' || :body || ' ' || :extra))
                ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title,
                    body = EXCLUDED.body, language = EXCLUDED.language, url = EXCLUDED.url,
                    date = EXCLUDED.date, year = EXCLUDED.year, region = EXCLUDED.region,
                    allowed = EXCLUDED.allowed, facets = EXCLUDED.facets, tsv = EXCLUDED.tsv"""),
                {"key": doc["key"], "type": doc["type"], "title": doc["title"], "body": doc["text"],
                 "language": doc["language"], "url": doc["url"], "date": doc.get("date"),
                 "year": doc["year"], "region": list(doc["region"]), "allowed": list(doc["allowed"]),
                 "facets": json.dumps({k: [str(v) for v in vs] for k, vs in doc["facets"].items()}),
                 "extra": doc.get("extra", "")})

    def _rebuild(self, documents):
        with self.engine.begin() as conn:  # one transaction: readers see the old documents until commit
            conn.execute(text("DELETE FROM search_documents"))
            self._insert(conn, documents)

    def _delete(self, keys):
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM search_documents WHERE key = ANY(:keys)"), {"keys": list(keys)})

    def _clear(self):
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM search_documents"))

    def count(self):
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM search_documents")).scalar()

    def _where(self, q, params):
        where = ["allowed && CAST(:principals AS text[])"]
        params["principals"] = list(q.principals)
        if q.text.strip():
            where.append("tsv @@ (" + self._tsquery() + ")")
            params["q"] = q.text
        for i, (name, values) in enumerate(sorted(q.filters.items())):
            key = f"f{i}"
            params[key] = [str(v) for v in values]
            if name in CORE_COLUMNS:
                where.append(f"{CORE_COLUMNS[name]} = ANY(CAST(:{key} AS text[]))")
            elif name == "region":
                where.append(f"region && CAST(:{key} AS text[])")
            else:
                params[key + "n"] = name
                where.append(f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(facets -> :{key}n) AS fv(x) "
                             f"WHERE fv.x = ANY(CAST(:{key} AS text[])))")
        return " AND ".join(where)

    def _tsquery(self):
        return " || ".join(f"websearch_to_tsquery('portal_{lang}', :q)" for lang in (*LANGUAGES, "folded"))

    def search(self, q):
        """One pass over the matches: they are materialised once (the full-text match, the visitor's
        principals and the filters evaluated once), then counted, faceted and paged from there; only the
        page's rows get a headline."""
        params = {}
        where = self._where(q, params)
        has_text = bool(q.text.strip())
        if q.sort == "title":
            order, rank = "lower(unaccent(title)), key", ""
        elif has_text and q.sort == "relevance":
            order, rank = "rank DESC, date DESC NULLS LAST, key", ", ts_rank(tsv, query) AS rank"
        else:
            order, rank = "date DESC NULLS LAST, key", ""
        query_expr = self._tsquery() if has_text else "NULL::tsquery"
        params.update(limit=q.page_size, offset=(q.page - 1) * q.page_size)
        facet_selects = []
        for i, name in enumerate(q.facets):
            if name in CORE_COLUMNS:
                expr, source = CORE_COLUMNS[name], "m"
            elif name == "region":
                expr, source = "fc.x", "m, unnest(m.region) AS fc(x)"
            else:
                params[f"fn{i}"] = name
                expr, source = "fc.x", f"m, jsonb_array_elements_text(m.facets -> :fn{i}) AS fc(x)"
            params[f"fl{i}"] = name
            facet_selects.append(f"SELECT CAST(:fl{i} AS text) AS facet, {expr} AS value, count(*) AS n "
                                 f"FROM {source} WHERE {expr} <> '' GROUP BY {expr}")
        facets_sql = (" UNION ALL ".join(facet_selects)) if facet_selects else \
            "SELECT NULL::text AS facet, NULL::text AS value, 0 AS n WHERE false"
        headline = ("ts_headline(('portal_' || CASE WHEN language IN ('en','es','fr','pt') THEN language "
                    "ELSE 'en' END)::regconfig, body, query, 'StartSel=\x02, StopSel=\x03, MaxFragments=2, "
                    "MaxWords=35, MinWords=12, FragmentDelimiter=\" … \"')") if has_text else "left(body, 400)"
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # a search is many short aggregates: compiling them to machine code costs more than it saves
                conn.execute(text("SET LOCAL jit = off"))
            found = conn.execute(text(f"""
                WITH q AS (SELECT {query_expr} AS query),
                m AS MATERIALIZED (
                    SELECT key, type, language, year, region, facets, date, title{rank}
                    FROM search_documents, q WHERE {where}),
                f AS ({facets_sql})
                SELECT (SELECT count(*) FROM m) AS total,
                       (SELECT coalesce(json_agg(p.key ORDER BY p.i), '[]'::json) FROM (
                            SELECT key, row_number() OVER (ORDER BY {order}) AS i FROM m
                            ORDER BY {order} LIMIT :limit OFFSET :offset) p) AS page,
                       (SELECT coalesce(json_agg(json_build_array(facet, value, n)), '[]'::json) FROM f) AS facets
                """), params).one()
            keys = found.page if isinstance(found.page, list) else json.loads(found.page)
            rows = {}
            if keys:
                for r in conn.execute(text(f"""
                        SELECT key, type, title, url, language, date, year, region, facets, {headline} AS snippet
                        FROM search_documents, (SELECT {query_expr} AS query) q WHERE key = ANY(:keys)"""),
                        dict(params, keys=keys)).mappings():
                    rows[r["key"]] = r
        counted = {name: [] for name in q.facets}
        for facet, value, n in (found.facets if isinstance(found.facets, list) else json.loads(found.facets)):
            counted[facet].append((value, n))
        facets = {name: facet_order(values) for name, values in counted.items()}
        hits = [Hit(key=r["key"], type=r["type"], title=r["title"], url=r["url"], language=r["language"],
                    snippet=str(escape(r["snippet"] if has_text else leading_text(r["snippet"])))
                    .replace(START, "<mark>").replace(STOP, "</mark>"),
                    date=r["date"], region=list(r["region"] or []), year=r["year"] or "",
                    facets=r["facets"] or {}) for r in (rows[k] for k in keys if k in rows)]
        return SearchResults(total=found.total, hits=hits, facets=facets, page=q.page,
                             page_size=q.page_size)
