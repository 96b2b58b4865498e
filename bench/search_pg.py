"""Search on PostgreSQL (issue 21): how long `portal reindex` holds the writers' lock, what the first
search after a change costs, and search latency, on generated documents in the four languages.

    .venv/bin/python bench/search_pg.py --count 20000 [--dsn postgresql+psycopg://postgres@127.0.0.1:5432]

A throw-away database portal_bench_search (dropped at the end), migrated as `portal initdb` does; the
backend is used directly (no HTTP): figures of the search layer only. Prints one line per figure.
"""
import argparse
import os
import random
import statistics
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

DATABASE = "portal_bench_search"
WORDS = {
    "en": "participatory budget citizens assembly council youth women neighbourhood climate plan city report".split(),
    "es": "presupuesto participativo ciudadanos asambleas concejo jóvenes mujeres barrio acción climática ciudad".split(),
    "fr": "budget participatif citoyens assemblée conseil jeunes femmes quartier climat plan ville travaux".split(),
    "pt": "orçamento participativo cidadãos assembleias conselho jovens mulheres bairro ações cidade planeamento".split(),
}
QUERIES = ["budget", "presupuestos participativos", "conselhos municipais", '"participatory budget"', "jóvenes",
           "quartier climat", "cidadão", "women council"]


def documents(count, seed=21):
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    for n in range(1, count + 1):
        lang = "enfrespt"[2 * (n % 4):2 * (n % 4) + 2]
        words = WORDS[lang]
        yield {"key": f"experience:{n}", "type": "experience", "title": " ".join(rng.sample(words, 5)),
               "text": ". ".join(" ".join(rng.choices(words, k=12)) for _ in range(8)), "extra": "",
               "language": lang, "url": f"/experiences/{n}", "date": start + timedelta(hours=n), "year": "2024",
               "region": [rng.choice(["africa", "europe", "latin-america-caribbean"])], "allowed": ["system.Everyone"],
               "facets": {"theme": [rng.choice(["budget", "youth", "climate", "gender"])]}}


def timed(call):
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--dsn", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    from portal.migrations import upgrade
    from portal.search import SearchQuery
    from portal.search.postgres import PostgresBackend
    admin = create_engine(f"{args.dsn}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {DATABASE}"))
    engine = create_engine(f"{args.dsn}/{DATABASE}")
    try:
        with engine.begin() as conn:
            upgrade({"sqlalchemy.url": f"{args.dsn}/{DATABASE}", "portal.plugins": ""}, connection=conn)
        backend = PostgresBackend(engine)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
        docs = list(documents(args.count))
        ms, _ = timed(lambda: backend.rebuild(docs))
        print(f"one-transaction rebuild of {args.count} documents (the lock held throughout, as before): {ms:.0f} ms")
        batch = {doc["key"]: doc for doc in docs[:500]}
        holds = []
        for _ in range(3):
            with backend.locked() as conn:
                started = time.perf_counter()
                backend.apply_changes(batch, conn)
                holds.append((time.perf_counter() - started) * 1000)
        print(f"one batch of 500 of the batched reindex (the longest an edit waits now): {min(holds):.0f} ms")
        full, _ = timed(lambda: backend.search(SearchQuery(text="budget")))
        print(f"first search reading the facet copy whole: {full:.0f} ms")
        other = PostgresBackend(engine)
        refreshes = []
        for doc in docs[:5]:
            other.index([dict(doc, title=doc["title"] + " renamed")])
            refreshes.append(timed(lambda: backend.search(SearchQuery(text="budget")))[0])
        print(f"first search after a one-document change, copy merged: {statistics.median(refreshes):.0f} ms "
              f"(median of 5)")
        for query in QUERIES:
            backend.search(SearchQuery(text=query))
        latencies = []
        for _ in range(args.rounds):
            for query in QUERIES:
                latencies.append(timed(lambda: backend.search(SearchQuery(text=query)))[0])
        latencies.sort()
        print(f"search over {args.count}: p50 {latencies[len(latencies) // 2]:.1f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95)]:.1f} ms ({len(latencies)} searches)")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))


if __name__ == "__main__":
    main()
