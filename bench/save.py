"""Time of saving a page in process: the edit form's POST through the whole app (CSRF, deform, the content
service, the revision, the commit, then the search index's update after it), on a SQLite site with 300
other indexed pages; Whoosh by default, PostgreSQL with --pg URL (a database of its own: emptied).

    .venv/bin/python bench/save.py [--saves 60] [--pg postgresql+psycopg://postgres@127.0.0.1/portal_bench]

It uses nothing but the app's forms, so it runs against an older checkout too
(PYTHONPATH=/path/to/old/checkout .venv/bin/python bench/save.py) for a before/after figure.
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import statistics
import tempfile
import time
from pathlib import Path


def site(directory, url, backend):
    from sqlalchemy import create_engine
    from portal import main
    from portal.migrations import upgrade
    from portal.testing import base_settings, drop_everything
    settings = base_settings(Path(directory), url, search_backend=backend)
    engine = create_engine(url)
    drop_everything(engine)
    with engine.begin() as conn:
        upgrade(settings, connection=conn)
    settings["portal.engine"] = engine
    return main({}, **settings)


def seed(app, pages=300):
    from pyramid.scripting import prepare
    from portal.models import Page, User, utcnow
    from portal.passwords import hash_password
    registry = app.registry
    env = prepare(registry=registry)
    session = registry["dbsession_factory"](info={"request": env["request"], "registry": registry})
    with session.begin():
        session.add(User(email="editor@example.org", name="Editor", role="editor",
                         password_hash=hash_password("a-good-password", registry.settings)))
        for i in range(pages):
            session.add(Page(title=f"Participatory budgeting, part {i}", language="en", state="published",
                             published=utcnow(), body=f"<p>Citizens decide part {i} of the budget.</p>" * 5))
        page = Page(title="The page being edited", language="en", state="published", published=utcnow(),
                    body="<p>First version.</p>")
        session.add(page)
        session.flush()
        page_id = page.id
    session.close()
    env["closer"]()
    return page_id


def measure(app, page_id, saves):
    import webtest
    from portal.testing import login
    browser = webtest.TestApp(app, extra_environ={"HTTP_HOST": "bench.test", "REMOTE_ADDR": "192.0.2.30"})
    login(browser, "editor@example.org")
    times, cpu = [], []
    for n in range(saves + 3):
        form = browser.get(f"/pages/{page_id}/edit").forms["deform"]
        form["body"] = f"<p>Version {n} of the page about observatories.</p>"
        start, start_cpu = time.perf_counter(), time.process_time()
        form.submit("save", status=302)
        if n >= 3:  # the first saves compile templates and open the index
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    found = browser.get("/search.json", {"q": "observatories"}).json["total"]
    assert found == 1, f"the saved page is not found ({found})"
    return times, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--pg", help="a PostgreSQL database (SQLAlchemy URL) to run on as well; it is emptied")
    args = parser.parse_args()
    import portal
    print(f"portal from {Path(portal.__file__).parent}")
    runs = [("SQLite + Whoosh", None, "whoosh")]
    if args.pg:
        runs.append(("PostgreSQL + PostgreSQL full text", args.pg, "postgresql"))
    for label, url, backend in runs:
        with tempfile.TemporaryDirectory(prefix="portal-bench-save-") as directory:
            app = site(directory, url or f"sqlite:///{directory}/bench.sqlite", backend)
            times, cpu = measure(app, seed(app), args.saves)
            app.registry["engine"].dispose()
        print(f"{label}: save of a page (POST of the edit form, {len(times)} saves): median "
              f"{statistics.median(times):.1f} ms, 90th percentile {sorted(times)[int(len(times) * 0.9)]:.1f} ms; "
              f"CPU of this process {statistics.median(cpu):.1f} ms (median)")


if __name__ == "__main__":
    main()
