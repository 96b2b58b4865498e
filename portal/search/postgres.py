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
        params = {}
        where = self._where(q, params)
        has_text = bool(q.text.strip())
        if q.sort == "title":
            order = "lower(unaccent(title)), key"
        elif has_text and q.sort == "relevance":
            order = "ts_rank(tsv, query) DESC, date DESC NULLS LAST"
        else:
            order = "date DESC NULLS LAST, key"
        query_expr = self._tsquery() if has_text else "NULL::tsquery"
        params.update(limit=q.page_size, offset=(q.page - 1) * q.page_size)
        headline = ("ts_headline(('portal_' || CASE WHEN language IN ('en','es','fr','pt') THEN language "
                    "ELSE 'en' END)::regconfig, body, query, 'StartSel=\x02, StopSel=\x03, MaxFragments=2, "
                    "MaxWords=35, MinWords=12, FragmentDelimiter=\" … \"')") if has_text else "left(body, 400)"
        with self.engine.connect() as conn:
            total = conn.execute(text(f"SELECT count(*) FROM search_documents WHERE {where}"), params).scalar()
            rows = conn.execute(text(f"""
                SELECT key, type, title, url, language, date, year, region, facets, {headline} AS snippet
                FROM search_documents, (SELECT {query_expr} AS query) q
                WHERE {where} ORDER BY {order} LIMIT :limit OFFSET :offset"""), params).mappings().all()
            facets = {name: self._facet(conn, name, where, params) for name in q.facets}
        hits = [Hit(key=r["key"], type=r["type"], title=r["title"], url=r["url"], language=r["language"],
                    snippet=str(escape(r["snippet"] if has_text else leading_text(r["snippet"])))
                    .replace(START, "<mark>").replace(STOP, "</mark>"),
                    date=r["date"], region=list(r["region"] or []), year=r["year"] or "",
                    facets=r["facets"] or {}) for r in rows]
        return SearchResults(total=total, hits=hits, facets=facets, page=q.page, page_size=q.page_size)

    def _facet(self, conn, name, where, params):
        if name in CORE_COLUMNS:
            expr, source = CORE_COLUMNS[name], "search_documents"
        elif name == "region":
            expr, source = "fc.x", "search_documents, unnest(region) AS fc(x)"
        else:
            expr, source = "fc.x", "search_documents, jsonb_array_elements_text(facets -> :facetname) AS fc(x)"
        rows = conn.execute(text(f"SELECT {expr} AS value, count(*) AS n FROM {source} WHERE {where} "
                                 f"AND {expr} <> '' GROUP BY {expr} ORDER BY n DESC, value"),
                            dict(params, facetname=name)).all()
        return facet_order((r.value, r.n) for r in rows)
