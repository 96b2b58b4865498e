"""The baseline of the search benchmark: SQLite FTS5 indexing and querying the texts the portal indexes.

    python bench/fts5.py serve DB PORT '{"threads": "4"}'     # the same answers over HTTP (waitress)

Each experience becomes the document the portal's search index receives (plugins/experiences/search.py:
title; text = summary, description as text, city; extra = the theme labels in four languages, the city
and the country's names), in an FTS5 table with the unicode61 tokenizer (diacritics removed) and the
porter stemmer, plus plain tables for the filters and facets. A query answers what /search.json
answers: the number of matches, one page of 10 ordered by relevance (bm25, title weighted 3) or date,
a highlighted snippet per hit, and the counts of the same ten facets over all matches. Words are ORed,
as the Whoosh backend's query parser does.
"""
import heapq
import json
import re
import sqlite3
import sys
import threading
from collections import Counter
from urllib.parse import parse_qs

PAGE_SIZE = 10
TOKENIZER = "porter unicode61 remove_diacritics 2"
COLUMN_FACETS = ("language", "region", "year", "country", "mechanism", "scale", "start_year")
LIST_FACETS = ("theme", "sdg")
FILTERS = ("type", "language", "region", "year", "theme", "country", "mechanism", "scale", "start_year", "sdg")

SCHEMA = f"""
CREATE TABLE docs (id INTEGER PRIMARY KEY, key TEXT, title TEXT, url TEXT, type TEXT, language TEXT,
                   region TEXT, year TEXT, date TEXT, country TEXT, mechanism TEXT, scale TEXT, start_year TEXT,
                   theme TEXT, sdg TEXT);
CREATE TABLE doc_facets (doc INTEGER, name TEXT, value TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, text, extra, tokenize = '{TOKENIZER}');
"""
INDEXES = """
CREATE INDEX ix_doc_facets ON doc_facets (name, value, doc);
CREATE INDEX ix_docs_date ON docs (date);
"""
# docs columns read for each match: the sort keys and every facet (lists joined with |)
FACET_COLUMNS = ("type",) + COLUMN_FACETS + LIST_FACETS


def build(path, documents):
    """Index documents (dicts with id, key, title, text, extra, date, region, facets...) into a new DB."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    with conn:
        for doc in documents:
            f = doc["facets"]
            conn.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         (doc["id"], doc["key"], doc["title"], doc["url"], doc["type"], doc["language"],
                          doc["region"][0], doc["year"], doc["date"], f["country"][0], f["mechanism"][0],
                          f["scale"][0], (f["start_year"] or [""])[0], "|".join(f["theme"]), "|".join(f["sdg"])))
            conn.executemany("INSERT INTO doc_facets VALUES (?,?,?)",
                             [(doc["id"], name, v) for name in LIST_FACETS for v in f.get(name, [])])
            conn.execute("INSERT INTO fts (rowid, title, text, extra) VALUES (?,?,?,?)",
                         (doc["id"], doc["title"], doc["text"], doc["extra"]))
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.close()


def connect(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cache_size = -65536")
    return conn


def match_expression(text):
    words = re.findall(r"\w+", text)
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words)


def search(conn, query_string, facets=True):
    """The answer of /search.json to the same query string, as a dict; facets=False: only the total,
    the page and its snippets (what a bare full-text query costs)."""
    params = parse_qs(query_string)
    text = (params.get("q") or [""])[0]
    sort = (params.get("sort") or ["relevance"])[0]
    page = int((params.get("page") or ["1"])[0])
    match = match_expression(text)
    where, args = [], []
    for name in FILTERS:
        values = params.get(name)
        if not values:
            continue
        marks = ",".join("?" * len(values))
        if name in LIST_FACETS:
            where.append(f"d.id IN (SELECT doc FROM doc_facets WHERE name = '{name}' AND value IN ({marks}))")
        else:
            where.append(f"d.{name} IN ({marks})")
        args += values
    by_relevance = bool(match) and sort == "relevance"
    columns = ", ".join(f"d.{c}" for c in FACET_COLUMNS) if facets else "NULL"
    if match:
        sql = (f"SELECT d.id, bm25(fts, 3.0, 1.0, 1.0), d.date, {columns} FROM fts JOIN docs d ON d.id = fts.rowid "
               "WHERE fts MATCH ?" + "".join(" AND " + w for w in where))
        args = [match] + args
    else:
        sql = f"SELECT d.id, 0, d.date, {columns} FROM docs d" + (" WHERE " + " AND ".join(where) if where else "")
    matches = conn.execute(sql, args).fetchall()
    total = len(matches)
    wanted = page * PAGE_SIZE
    if by_relevance:
        ordered = heapq.nsmallest(wanted, matches, key=lambda r: (r[1], _neg(r[2])))
    else:
        ordered = heapq.nlargest(wanted, matches, key=lambda r: (r[2], -r[0]))
    page_ids = [r[0] for r in ordered[wanted - PAGE_SIZE:]]
    marks = ",".join("?" * len(page_ids))
    rows = {r[0]: r for r in conn.execute(
        f"SELECT id, key, title, url, type, language, date, region, year FROM docs WHERE id IN ({marks})", page_ids)}
    if match and page_ids:
        snippets = dict(conn.execute(
            f"SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', ' … ', 32) FROM fts WHERE fts MATCH ? "
            f"AND rowid IN ({marks})", [match] + page_ids))
    else:
        snippets = dict(conn.execute(f"SELECT rowid, substr(text, 1, 240) FROM fts WHERE rowid IN ({marks})", page_ids))
    counted = {}
    if facets:
        for n, name in enumerate(FACET_COLUMNS, 3):
            if name in LIST_FACETS:
                counter = Counter(v for r in matches if r[n] for v in r[n].split("|"))
            else:
                counter = Counter(r[n] for r in matches if r[n])
            counted[name] = dict(counter.most_common())
    results = [{"key": r[1], "title": r[2], "url": r[3], "type": r[4], "language": r[5], "date": r[6],
                "region": [r[7]], "year": r[8], "snippet": snippets.get(i, "")}
               for i in page_ids for r in [rows[i]]]
    return {"total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "results": results,
            "facets": counted}


class _neg(str):
    """A string that sorts backwards: newest first among equal ranks."""

    def __lt__(self, other):
        return str.__gt__(self, other)


def make_app(path):
    local = threading.local()  # one connection per server thread, as the portal keeps one searcher each

    def app(environ, start_response):
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = connect(path)
        if environ.get("PATH_INFO") != "/search.json":
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
            return [b"ok"]
        body = json.dumps(search(conn, environ.get("QUERY_STRING", "")), ensure_ascii=False).encode()
        start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"),
                                  ("Content-Length", str(len(body)))])
        return [body]
    return app


def main(argv):
    import logging
    from waitress import serve
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    path, port = argv[2], int(argv[3])
    settings = json.loads(argv[4]) if len(argv) > 4 else {}
    print(f"Serving FTS5 {path} on http://127.0.0.1:{port}", flush=True)
    serve(make_app(path), listen=f"127.0.0.1:{port}", **settings)


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "serve":
        raise SystemExit(__doc__.strip().splitlines()[2])
    main(sys.argv)
