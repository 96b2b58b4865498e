"""Scale-out: requests per second of a rendered page and of search with 1, 2 and 4 app processes on one
PostgreSQL database (ratio to 1 process), then an outbox of N newsletter mails delivered by 2 workers.

`make bench-scale` (a few minutes). A throw-away PostgreSQL database of its own (`--pg`, made and dropped),
the demo content and 300 published news items in four languages (bench/seed.py), the PostgreSQL search
backend and `cache.anonymous_pages = false`, so that every response is rendered (with the cache on, an
anonymous page is a copy held in memory and measures the cache, not the processes). For each count of
processes: `portal serve -c bench.ini --listen 127.0.0.1:PORT` that many times (waitress, 4 threads each),
and one load generator (bench/loadgen.py: raw keep-alive sockets) per process in threads of this one,
8 connections in all, 2 s warm-up, `--duration` s measured per address. The load generators share the
machine's cores with the servers: on 2 cores, more processes than cores cannot add throughput, only
show what the extra processes cost. The outbox part runs bench/newsletter.py's measurement with 2
workers on another database of its own. Prints the figures and writes bench/results/scale.json.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import loadgen  # noqa: E402
import newsletter  # noqa: E402
from run import BIN, HOST, LOGGERS, SEARCH_PATH, SETTINGS, BenchError, Server, free_port, run_step  # noqa: E402

PROCESSES = (1, 2, 4)
CONNECTIONS = 8


def write_ini(workdir, url):
    from portal.testing import ini_text
    settings = {k: v.replace("%(here)s", str(workdir)) for k, v in SETTINGS.items()} | {
        "sqlalchemy.url": url, "search.backend": "postgresql", "cache.anonymous_pages": "false"}
    ini = workdir / "bench.ini"
    ini.write_text(ini_text(settings, LOGGERS, server={"threads": "4", "listen": f"{HOST}:1"}))
    return ini


def cpu_seconds(processes):
    return sum(t.user + t.system for t in (p.cpu_times() for p in processes))


def measure(servers, path, duration, warmup):
    """Requests per second over all the processes at once (one load generator per process), and the
    servers' CPU time per response over the measured window (steadier than req/s on a shared machine)."""
    ports = [s.port for s in servers]
    watched = [psutil.Process(s.proc.pid) for s in servers]
    results, errors = [None] * len(ports), []
    per = max(1, CONNECTIONS // len(ports))
    window = {}

    def opened():
        window.setdefault("start", cpu_seconds(watched))

    def closed():
        window.setdefault("end", cpu_seconds(watched))

    def load(i, port):
        try:
            results[i] = loadgen.run(HOST, port, path, duration, concurrency=per, warmup=warmup,
                                     on_start=opened if i == 0 else None, on_end=closed if i == 0 else None)
        except Exception as exc:  # reported after the threads are joined
            errors.append(exc)
    threads = [threading.Thread(target=load, args=(i, p)) for i, p in enumerate(ports)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + warmup + 60)
    if errors or any(r is None for r in results):
        raise BenchError(f"load on {path} failed: {errors}")
    latencies = sorted(x for r in results for x in r.latencies)
    served = sum(r.requests for r in results)
    cpu_ms = (window["end"] - window["start"]) / served * 1000 if served and "end" in window else None
    return {"rps": round(sum(r.rps for r in results), 1), "errors": sum(r.errors for r in results),
            "server_cpu_ms_per_response": round(cpu_ms, 1) if cpu_ms else None,
            "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
            "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None}


def serve(workdir, ini, count):
    servers = []
    for i in range(count):
        port = free_port()
        servers.append(Server(f"portal {i + 1}", [BIN / "portal", "serve", "-c", ini, "--listen", f"{HOST}:{port}"],
                              port, workdir / f"serve-{count}-{i}.log"))
    try:
        for s in servers:
            s.wait_ready(120)
    except BaseException:
        for s in servers:
            s.stop()
        raise
    return servers


def pages(args):
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-scale-"))
    url = newsletter.fresh_postgres(args.pg)
    rows = []
    try:
        ini = write_ini(workdir, url)
        print(f"Setting up a PostgreSQL site in {workdir}", flush=True)
        run_step("portal initdb --demo", [BIN / "portal", "initdb", "-c", ini, "--demo"], workdir / "initdb.log")
        seeded = json.loads(run_step(f"{args.news} published news", [sys.executable, HERE / "seed.py", ini, args.news],
                                     workdir / "seed.log").strip().splitlines()[-1])
        targets = {"page": seeded["page_path"], "search": SEARCH_PATH}
        for count in PROCESSES:
            servers = serve(workdir, ini, count)
            try:
                for name, path in targets.items():
                    for server in servers:  # each process renders it once (templates, its search copy)
                        for _ in range(3):
                            status, _, body = loadgen.fetch(HOST, server.port, path)
                            if status != 200:
                                raise BenchError(f"{path} answered {status}")
                    figures = measure(servers, path, args.duration, args.warmup)
                    figures |= {"processes": count, "target": name, "path": path}
                    rows.append(figures)
                    print(f"  {count} process(es) {name:<7} {figures['rps']:>7} req/s  p50 {figures['p50_ms']} ms"
                          f"  p95 {figures['p95_ms']} ms  CPU {figures['server_cpu_ms_per_response']} ms/response"
                          f"  errors {figures['errors']}  (load {os.getloadavg()[0]:.1f})", flush=True)
            finally:
                for s in servers:
                    s.stop()
    finally:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", args.pg], capture_output=True)
    one = {r["target"]: r["rps"] for r in rows if r["processes"] == 1}
    for r in rows:
        r["ratio_to_1"] = round(r["rps"] / one[r["target"]], 2) if one.get(r["target"]) else None
    return rows


def outbox(args):
    from portal.testing import start_smtp_server
    counter = newsletter.Counter()
    controller = start_smtp_server(counter)
    results = []
    try:
        for size in (int(s) for s in args.subscribers.split(",")):
            print(f"Delivering one issue to {size} subscribers with 2 workers (PostgreSQL)", flush=True)
            result = newsletter.run(size, counter.port, counter, workers=2, pg=args.pg + "_mail")
            results.append(result)
            print(f"  {result['received']} received, {result['distinct_message_ids']} distinct Message-IDs, "
                  f"{result['messages_per_second']} messages/s, worker peak RSS {result['worker_peak_rss_mb']} MB",
                  flush=True)
    finally:
        controller.stop()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="portal_bench_scale", help="a PostgreSQL database of 127.0.0.1 the bench "
                        "makes and drops (and DBNAME_mail for the outbox)")
    parser.add_argument("--duration", type=float, default=float(os.environ.get("BENCH_DURATION", 6)))
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--news", type=int, default=300)
    parser.add_argument("--subscribers", default="2000,10000", help="newsletter sizes for the outbox part")
    parser.add_argument("--only", choices=("pages", "outbox"), help="run one of the two parts")
    parser.add_argument("--output", default=str(HERE / "results" / "scale.json"))
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    started = time.monotonic()
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cores": os.cpu_count(),
              "load_average_before": [round(x, 1) for x in load_before]}
    try:
        report["pages"] = pages(args) if args.only != "outbox" else []
        report["outbox"] = outbox(args) if args.only != "pages" else []
    except BenchError as exc:
        print(f"bench-scale: {exc}", file=sys.stderr)
        return 1
    report["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    report["seconds"] = round(time.monotonic() - started)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2))
    print(f"\nprocesses  target   req/s  ratio to 1   p50 ms  p95 ms  CPU ms/resp  (cores {report['cores']}, load before "
          f"{report['load_average_before'][0]}, after {report['load_average_after'][0]})")
    for r in report["pages"]:
        print(f"{r['processes']:>9}  {r['target']:<7} {r['rps']:>6}  {r['ratio_to_1']:>10}  {r['p50_ms']:>7}  {r['p95_ms']:>6}  {r['server_cpu_ms_per_response']:>10}")
    print(f"Written to {args.output} ({report['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
