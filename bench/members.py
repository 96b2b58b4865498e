"""Pages as members see them: every page type rendered for a logged-in member (and /manage for the
secretariat), with the project's plugins and their demo content, as a ratio to a bare Pyramid hello-world
measured in the same run and as server CPU ms per response. A logged-in person never gets the anonymous
cache, so this is what working groups, jurors, coordinators and the secretariat wait for. Prints a table
with the aims of the issue and writes bench/results/members.json; nothing is asserted.

    .venv/bin/python bench/members.py [--duration 4] [--keep]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import run  # noqa: E402  (the servers, the load and the report of bench/run.py)

MEMBER = "porto-alegre@example.org"  # a demo member organisation's representative (portal/demo.py)
SECRETARIAT = "admin@example.org"
# ratio to hello-world the issue asks for, a logged-in member's page rendered on every request
AIMS = {"page": 0.20, "home": 0.12, "listing": 0.12, "search": 0.10, "group page": 0.12}


def project_plugins():
    """The plugins development.ini enables: the site `make serve` runs."""
    import configparser
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(HERE.parent / "development.ini")
    return " ".join(parser["app:main"]["portal.plugins"].split())


def page_types(ini):
    """{page type: address} on the demo site: the first published item of each kind."""
    from pyramid.paster import bootstrap
    from sqlalchemy import select
    from portal.models import Page, Section
    env = bootstrap(str(ini))
    request = env["request"]
    try:
        with request.tm:
            db = request.dbsession
            portal = request.registry.portal

            def first(model):
                return db.scalar(select(model.id).where(model.state == "published").order_by(model.id).limit(1))

            found = {"home": "/", "section": f"/sections/{first(Section)}", "page": f"/pages/{first(Page)}",
                     "search": run.SEARCH_PATH}
            experience = portal.content_types.get("experience")
            if experience is not None:
                found["experience"] = f"/experiences/{first(experience.factory)}"
                found["listing"] = "/experiences?theme=participatory-budgeting"
            from portal.models import Content
            page_id = db.scalar(select(Content.id).where(Content.type == "group_page").order_by(Content.id).limit(1))
            if page_id is not None:  # a working group's page, as its members open it
                found["group page"] = request.route_path("group_page.view", id=page_id)
            call = portal.resources.get("award_call")
            if call is not None:
                found["award call"] = f"/awards/{db.scalar(select(call.id).order_by(call.id).limit(1))}"
            found["manage"] = "/manage"
            return found
    finally:
        env["closer"]()


def cookie_of(ini, email):
    import hotspots
    hotspots.COOKIE.clear()
    hotspots.log_in(ini, email)
    return "; ".join(f"{k}={v}" for k, v in hotspots.COOKIE.items())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=run.positive, default=float(os.environ.get("BENCH_DURATION", 4)))
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "members.json")
    args = parser.parse_args(argv)
    run.SETTINGS = dict(run.SETTINGS, **{"portal.plugins": project_plugins(), "cache.anonymous_pages": "false"})
    load = {"before": os.getloadavg()}
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-members-"))
    servers = []
    try:
        hello_port, portal_port = run.free_port(), run.free_port()
        ini, _seeded = run.build_site(workdir, portal_port, 100)
        paths = page_types(ini)
        cookies = {"member": cookie_of(ini, MEMBER), "secretariat": cookie_of(ini, SECRETARIAT)}
        hello = run.Server("hello-world", [sys.executable, HERE / "hello.py", hello_port, json.dumps(run.WAITRESS)],
                           hello_port, workdir / "hello.log")
        servers.append(hello)
        portal = run.Server("portal", [run.BIN / "portal", "serve", "-c", ini], portal_port, workdir / "portal.log")
        servers.append(portal)
        hello.wait_ready()
        portal.wait_ready()
        print(f"Measuring as {MEMBER} (/manage as {SECRETARIAT}): {args.warmup:g} s warm-up + "
              f"{args.duration:g} s per address", flush=True)
        hello_before = run.measure("hello", hello, "/", args)
        rows = []
        for name, path in paths.items():
            who = "secretariat" if name == "manage" else "member"
            headers = {"Cookie": cookies[who]}
            status, _headers, _body = run.loadgen.fetch(run.HOST, portal.port, path, headers=headers)
            if status != 200:
                raise run.BenchError(f"{name} {path}: status {status} for the {who}")
            rows.append(run.measure(name, portal, path, args, headers=headers))
        hello_after = run.measure("hello", hello, "/", args)
        load["after"] = os.getloadavg()
    finally:
        run.stop_all(servers, workdir, args.keep)
    hello_rps = (hello_before["rps"] + hello_after["rps"]) / 2
    hello_cpu = (hello_before["server_cpu_ms"] + hello_after["server_cpu_ms"]) / 2
    print(f"\n{'page type':<12} {'address':<42} {'req/s':>8} {'ratio':>6} {'aim':>7} {'result':<6} "
          f"{'CPU ms':>7} {'CPU ratio':>9}")
    for row in rows:
        row["ratio"] = round(row["rps"] / hello_rps, 3) if hello_rps else 0.0
        row["cpu_ratio"] = round(hello_cpu / row["server_cpu_ms"], 3) if row["server_cpu_ms"] else 0.0
        aim = AIMS.get(row["target"])
        row["aim"], row["result"] = aim, ("-" if aim is None else "pass" if row["ratio"] >= aim else "FAIL")
        aim_text = f">={aim:.2f}" if aim is not None else "-"
        print(f"{row['target']:<12} {row['path'][:42]:<42} {row['rps']:8.1f} {row['ratio']:6.3f} {aim_text:>7} "
              f"{row['result']:<6} {row['server_cpu_ms']:7.2f} {row['cpu_ratio']:9.3f}")
    print(f"\nhello-world: {hello_rps:.1f} req/s, {hello_cpu:.3f} CPU ms per response")
    busy = max(load["before"][0], load["after"][0])
    if busy > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {busy:.1f} on {os.cpu_count()} CPUs: req/s are low and noisy; the CPU "
              "ratio is the steadier figure")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "load": load,
                                       "hello": {"rps": hello_rps, "server_cpu_ms": hello_cpu}, "rows": rows},
                                      indent=1))
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
