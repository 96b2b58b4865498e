"""What the in-process plugin benchmarks share: a portal site on SQLite with chosen plugins, the
hello-world baseline, and milliseconds per request through webtest."""
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hello import make_app as hello_app  # noqa: E402,F401  (the baseline, as run.py serves it)


def make_site(directory, plugins, **overrides):
    """A migrated SQLite site in directory with these plugins; returns the WSGI app."""
    from sqlalchemy import create_engine
    from portal import main
    from portal.migrations import upgrade
    from portal.testing import base_settings
    url = f"sqlite:///{directory}/bench.sqlite"
    settings = base_settings(directory, url, plugins=plugins)
    settings["pyramid.reload_templates"] = "false"
    settings.update(overrides)
    with create_engine(url).begin() as conn:
        upgrade(settings, connection=conn)
    return main({}, **settings)


def timed(app, path, requests):
    """Milliseconds per GET of path, after one request that compiles templates and fills caches."""
    import webtest
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "bench.test"})
    client.get(path)
    start = time.perf_counter()
    for _ in range(requests):
        client.get(path)
    return (time.perf_counter() - start) * 1000 / requests


def measure_pages(app, pages, requests, label, result_name, **facts):
    """Times each (name, path) of pages against the hello-world baseline, prints the table under
    label and writes results/<result_name>.json with facts, the baseline and the rows."""
    import json
    hello = timed(hello_app(), "/", requests)
    rows = []
    for name, path in pages:
        ms = timed(app, path, requests)
        rows.append({"name": name, "path": path, "ms": round(ms, 2), "ratio_to_hello": round(hello / ms, 4)})
    print(f"{label}; hello-world {hello:.3f} ms/request")
    width = max(len(row["name"]) for row in rows) + 2
    for row in rows:
        print(f"  {row['name']:<{width}} {row['ms']:8.2f} ms   ratio to hello-world {row['ratio_to_hello']:.4f}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{result_name}.json").write_text(json.dumps(dict(facts, hello_ms=hello, rows=rows), indent=1))
    return rows


def page_bench(argv, name, counted, count, requests, build, pages):
    """The main() of a plugin's page benchmark: --<counted> items built by build(directory, n)
    (returning the app and an id the pages need), then pages(that id) measured by measure_pages."""
    import argparse
    import tempfile
    parser = argparse.ArgumentParser()
    parser.add_argument(f"--{counted}", type=int, default=count)
    parser.add_argument("--requests", type=int, default=requests)
    args = parser.parse_args(argv)
    n = getattr(args, counted)
    app, first = build(Path(tempfile.mkdtemp(prefix=f"bench-{name}-")), n)
    return measure_pages(app, pages(first), args.requests, f"{n} {counted}", name, **{counted: n})
