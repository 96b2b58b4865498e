"""The events' pages under a large calendar: milliseconds per request, in process (webtest), against a
bare Pyramid hello-world measured the same way, with 5,000 published events (a third of them in three
languages, as the annual conference is).

The listings are not kept by the anonymous page cache (what is upcoming changes with the clock), so
each request runs its queries: this measures that cost. Prints a table and writes
bench/results/events.json; nothing is asserted.

    .venv/bin/python bench/events.py [--events 5000] [--requests 200]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import json
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inprocess import hello_app, make_site, timed  # noqa: E402


def build(directory, count):
    app = make_site(directory, "plugins.events")
    import uuid
    from plugins.events.models import KINDS, Event
    rng = random.Random(7)
    now = datetime.now(timezone.utc)
    zones = [("Africa/Dakar", "SN", "Dakar"), ("Europe/Paris", "FR", "Grenoble"), ("America/Sao_Paulo", "BR", "Canoas"),
             ("America/Toronto", "CA", "Montreal"), ("Asia/Seoul", "KR", "Seoul")]
    # a session outside any request: the rows go in without being indexed for search, which these pages
    # do not use (and which would make the seeding the longest part of the run)
    with app.registry["dbsession_factory"]() as db, db.begin():
        made = 0
        while made < count:
            tz, country, city = rng.choice(zones)
            starts = now + timedelta(days=rng.randint(-900, 400), hours=rng.randint(0, 23))
            languages = ("en", "es", "fr") if rng.random() < 0.33 else (rng.choice(("en", "es", "fr", "pt")),)
            group = uuid.uuid4().hex
            for lang in languages:
                db.add(Event(title=f"Event {made} ({lang}) on participatory budgets", description="A summary. " * 10,
                             body="<p>Programme.</p>" * 5, language=lang, kind=rng.choice(KINDS), timezone=tz,
                             city=city, country=country, starts=starts,
                             ends=starts + timedelta(hours=rng.randint(1, 50)), state="published", published=now,
                             translation_group=group))
                made += 1
        db.flush()
        first = db.query(Event.id).filter(Event.starts > now).first()[0]
    return app, first


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    directory = Path(tempfile.mkdtemp(prefix="bench-events-"))
    app, event_id = build(directory, args.events)
    hello = timed(hello_app(), "/", args.requests)
    rows = []
    for name, path in (("upcoming", "/events"), ("upcoming, filtered", "/events?kind=workshop&region=europe"),
                       ("past, page 10", "/events/past?page=10"), ("event page", f"/events/{event_id}"),
                       ("calendar feed (.ics)", "/events/calendar.ics"), ("Atom feed", "/events/feed.atom")):
        ms = timed(app, path, args.requests)
        rows.append({"name": name, "path": path, "ms": round(ms, 2), "ratio_to_hello": round(hello / ms, 4)})
    print(f"{args.events} events; hello-world {hello:.3f} ms/request")
    for row in rows:
        print(f"  {row['name']:<22} {row['ms']:8.2f} ms   ratio to hello-world {row['ratio_to_hello']:.4f}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "events.json").write_text(json.dumps({"events": args.events, "hello_ms": hello, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
