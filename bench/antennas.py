"""The member directory, the reach dashboard, the badge and the embeddable list under a large
membership: milliseconds per request, in process (webtest), against a bare Pyramid hello-world
measured the same way, with 3,000 member organisations over every country and 2,000 experiences.

The anonymous page cache is turned off, so each request runs its queries and draws its charts: this
measures that cost (with the cache on, a visitor gets the page already rendered until something
changes). Prints a table and writes bench/results/antennas.json; nothing is asserted.

    .venv/bin/python bench/antennas.py [--members 3000] [--requests 100]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import random
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inprocess import make_site, page_bench  # noqa: E402


def build(directory, count):
    from portal.countries import COUNTRY_CODES, REGION_OF
    from portal.models import MEMBER_KINDS, Member, Setting, utcnow
    app = make_site(directory, "plugins.experiences plugins.antennas", **{"cache.anonymous_pages": "false"})
    from pyramid.scripting import prepare
    from plugins.experiences.models import Experience
    env = prepare(registry=app.registry)
    rng = random.Random(11)
    codes = [c for c in COUNTRY_CODES if c in REGION_OF]
    with env["request"].tm:
        db = env["request"].dbsession
        members = []
        for i in range(count):
            country = rng.choice(codes)
            members.append(Member(name=f"Municipality {i:05d}", kind=rng.choice(MEMBER_KINDS), country=country,
                                  region=REGION_OF[country], status="active" if rng.random() < 0.9 else "former",
                                  member_since=date(rng.randint(1990, 2026), 1, 1), description="A member."))
        db.add_all(members)
        db.flush()
        for i in range(2000):
            m = rng.choice(members)
            db.add(Experience(title=f"Experience {i}", description="", body="<p>x</p>", language="en", city="City",
                              country=m.country, member_id=m.id, state="published", published=utcnow(),
                              mechanism="other", scale="city", start_year=2010, sdgs=[16]))
        db.add(Setting(key="antennas", value={"africa": "25", "europe": "25"}))
        first = members[0].id
    env["closer"]()
    return app, first


def pages(member_id):
    return (("reach dashboard", "/reach"), ("reach CSV", "/export/reach.csv"),
            ("directory", "/members"), ("directory, filtered", "/members?region=africa&kind=city"),
            ("directory, name search", "/members?q=0042"), ("directory, page 50", "/members?page=50"),
            ("member profile", f"/members/{member_id}"), ("badge (SVG)", f"/members/{member_id}/badge.svg"),
            ("embed, a region", "/embed/experiences?region=europe"))


def main(argv=None):
    page_bench(argv, "antennas", "members", 3000, 100, build, pages)


if __name__ == "__main__":
    main()
