"""Awards: the cost of assigning entries to jurors and of ranking them, at the size of a large edition
(BENCH_AWARD_ENTRIES entries, default 400, 40 jurors, 3 reviews each), in memory: the figures are the
algorithm's, not the database's. Prints seconds and the load balance (reviews per juror, min-max).

    .venv/bin/python bench/awards.py
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class Collect:
    def add(self, obj):
        pass


def main():
    from datetime import datetime, timezone
    from portal.models import Member, User
    from plugins.awards.jury import assign, ranking
    from plugins.awards.models import AwardCall, AwardEntry, Juror
    from plugins.experiences.models import Experience
    n_entries = int(os.environ.get("BENCH_AWARD_ENTRIES", 400))
    rnd = random.Random(7)
    countries = ["BR", "AR", "UY", "FR", "ES", "PT", "SN", "MZ", "KR", "CA", "MX", "CO"]
    now = datetime(2027, 1, 1, tzinfo=timezone.utc)
    call = AwardCall(edition="bench", title="bench", categories=[{"key": "a", "title": "A"}],
                     criteria=[{"key": "x", "title": "X", "weight": 40}, {"key": "y", "title": "Y", "weight": 60}],
                     questions=[], timezone="UTC", opens=now, closes=now, evaluation_closes=now, results_date=now,
                     reviews_per_entry=3)
    members = [Member(id=i, name=f"m{i}", country=countries[i % len(countries)]) for i in range(n_entries)]
    for i in range(40):
        user = User(id=i, name=f"j{i}", email=f"j{i}@x", member_id=(i * 7) if i % 3 == 0 else None)
        user.member = members[i * 7] if i % 3 == 0 else None
        call.jurors.append(Juror(id=i, user=user, country=countries[i % len(countries)] if i % 2 else ""))
    for i, member in enumerate(members):
        call.entries.append(AwardEntry(id=i, member_id=member.id, member=member, status="submitted", eligible=True,
                                       category="a", answers={},
                                       experience=Experience(country=member.country, city="c", title=f"e{i}")))
    start = time.perf_counter()
    short = assign(Collect(), call)
    assigned = time.perf_counter() - start
    loads = {}
    for entry in call.entries:
        for review in entry.reviews:
            loads[review.juror.id] = loads.get(review.juror.id, 0) + 1
            review.scores = {"x": rnd.randint(0, 10), "y": rnd.randint(0, 10)}
            review.done = now
    start = time.perf_counter()
    ranking(call, normalise=True)
    ranked = time.perf_counter() - start
    print(f"entries={n_entries} jurors=40 reviews_per_entry=3")
    print(f"assign: {assigned:.3f} s; entries left short: {len(short)}; reviews per juror: "
          f"{min(loads.values())}-{max(loads.values())}")
    print(f"ranking (normalised): {ranked:.3f} s")


if __name__ == "__main__":
    main()
