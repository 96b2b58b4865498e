"""The events' pages under a large calendar: milliseconds per request, in process (webtest), against a
bare Pyramid hello-world measured the same way, with 5,000 published events (a third of them in three
languages, as the annual conference is).

The listings are not kept by the anonymous page cache (what is upcoming changes with the clock), so
each request runs its queries: this measures that cost. Prints a table and writes
bench/results/events.json; nothing is asserted.

    .venv/bin/python bench/events.py [--events 5000] [--requests 200]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inprocess import make_site, page_bench  # noqa: E402


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


def pages(event_id):
    return (("upcoming", "/events"), ("upcoming, filtered", "/events?kind=workshop&region=europe"),
            ("past, page 10", "/events/past?page=10"), ("event page", f"/events/{event_id}"),
            ("calendar feed (.ics)", "/events/calendar.ics"), ("Atom feed", "/events/feed.atom"))


def main(argv=None):
    page_bench(argv, "events", "events", 5000, 200, build, pages)


if __name__ == "__main__":
    main()
