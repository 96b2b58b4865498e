"""The three-way merge of working-group pages on growing pages: milliseconds per merge (edits in
different paragraphs, then in the same ones), as a ratio to one two-way difflib comparison of the
same two versions (the least a merge must do). Prints a table and writes
bench/results/working_groups.json; nothing is asserted.

    .venv/bin/python bench/working_groups.py [--repeat 20]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import difflib
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

WORDS = ("participatory budget observatory citizens assembly indicator city council neighbourhood youth "
         "process decision public meeting report evaluation").split()


def page(paragraphs, rng):
    return ["<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + ".</p>"
            for _ in range(paragraphs)]


def edited(blocks, indexes, tag):
    return [b.replace(".</p>", f" {tag} edit.</p>") if i in indexes else b for i, b in enumerate(blocks)]


def timed(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main():
    from portal.api import merge_text
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(7)
    rows = []
    for size in (10, 100, 1000):
        base = page(size, rng)
        mine_at = set(rng.sample(range(0, size, 2), max(1, size // 10)))
        theirs_at = set(rng.sample(range(1, size, 2), max(1, size // 10)))
        b, m = "".join(base), "".join(edited(base, mine_at, "mine"))
        t = "".join(edited(base, theirs_at, "theirs"))
        t_same = "".join(edited(base, mine_at, "theirs"))
        two_way = timed(lambda: difflib.SequenceMatcher(None, b.split("</p>"), m.split("</p>"),
                                                        autojunk=False).get_opcodes(), args.repeat)
        clean = timed(lambda: merge_text(b, m, t), args.repeat)
        conflict = timed(lambda: merge_text(b, m, t_same), args.repeat)
        assert merge_text(b, m, t).clean and not merge_text(b, m, t_same).clean
        rows.append({"paragraphs": size, "bytes": len(b), "two_way_ms": round(two_way, 3),
                     "merge_ms": round(clean, 3), "merge_ratio": round(clean / two_way, 1),
                     "conflict_ms": round(conflict, 3), "conflict_ratio": round(conflict / two_way, 1)})
    print(f"{'paragraphs':>10} {'bytes':>8} {'2-way ms':>9} {'merge ms':>9} {'ratio':>6} {'conflicts ms':>13} {'ratio':>6}")
    for r in rows:
        print(f"{r['paragraphs']:>10} {r['bytes']:>8} {r['two_way_ms']:>9} {r['merge_ms']:>9} {r['merge_ratio']:>6} "
              f"{r['conflict_ms']:>13} {r['conflict_ratio']:>6}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "working_groups.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
