"""Newsletter delivery: one issue to N subscribers through a local aiosmtpd server, by the real
`portal mail-worker` (core outbox + the newsletter's mail hooks).

Builds a throw-away SQLite site (plugins experiences and newsletter), writes N confirmed
subscribers and one issue in four languages with a few items, starts the campaign, then times the
worker from its start until the SMTP server has received every message. The worker's RSS is
sampled every 50 ms (psutil) for its peak. Runs for 2,000 and 10,000 subscribers (--sizes) to show
whether memory grows with the audience. Prints the figures and writes bench/results/newsletter.json.
Aim (issue 5): 10,000 messages in under 60 s, memory that does not grow with the subscriber count.
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
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
BIN = Path(sys.executable).parent
MB = 1024 * 1024

def bench_ini(workdir, port, url):
    """The site's ini: the newsletter on SQLite or PostgreSQL, mail to the counting SMTP server at full speed."""
    from portal.testing import base_settings, ini_text
    return ini_text(base_settings(workdir, url, plugins="plugins.experiences plugins.newsletter")
                    | {"portal.site_name": "Participatory Democracy Network", "portal.url": "http://127.0.0.1:6543",
                       "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": port,
                       "mail.sender": "Network portal <portal@bench.example>", "mail.max_rate": "0",
                       "mail.worker_in_process": "false"})


class Counter:
    """An SMTP handler that counts what it accepts (and keeps nothing: the bench measures the worker)."""

    def __init__(self):
        self.count = 0
        self.message_ids = set()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        head = envelope.content[:4000].decode("utf-8", "replace")
        mid = next((line.split(":", 1)[1].strip() for line in head.splitlines()
                    if line.lower().startswith("message-id:")), None)
        with self.lock:
            self.count += 1
            self.message_ids.add(mid)
        return "250 Message accepted"


def fill(ini, subscribers):
    """N confirmed subscribers (four languages, some interests), a few news items and one issue."""
    from portal.cli import load
    from portal.models import News, utcnow
    from plugins.newsletter.campaign import start_campaign
    from plugins.newsletter.models import Issue, IssueItem, IssueVersion, Subscriber
    env = load(str(ini))
    request = env["request"]
    languages = ("en", "es", "fr", "pt")
    with request.tm:
        db = request.dbsession
        news = []
        for i in range(6):
            n = News(title=f"News {i} of the network", description="Cities share what works." * 3,
                     body="<p>x</p>", language="en", state="published", published=utcnow())
            db.add(n)
            news.append(n)
        db.flush()
        db.bulk_insert_mappings(Subscriber, [
            {"email": f"reader{i}@bench.example", "name": f"Reader {i}", "language": languages[i % 4],
             "status": "subscribed", "link_key": f"{i:08d}-" + os.urandom(8).hex(), "created": utcnow(),
             "confirmed": utcnow()} for i in range(subscribers)])
        issue = Issue(title="Bench issue", default_language="en", base_url="http://127.0.0.1:6543")
        for lang in languages:
            issue.versions.append(IssueVersion(language=lang, subject=f"The network this month ({lang})",
                                               editorial="<p>Cities keep sharing what works.</p>" * 4))
        for position, n in enumerate(news):
            issue.items.append(IssueItem(content_id=n.id, position=position))
        db.add(issue)
        db.flush()
        written = start_campaign(db, issue)
    env["closer"]()
    assert written == subscribers, (written, subscribers)


def fresh_postgres(name):
    """An empty PostgreSQL database of the bench's own (dropped and made again)."""
    for cmd in (["dropdb", "--if-exists"], ["createdb"]):
        subprocess.run(cmd + ["-h", "127.0.0.1", "-U", "postgres", name], check=True, capture_output=True)
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def run(size, smtp_port, counter, workers=1, pg=None):
    workdir = Path(tempfile.mkdtemp(prefix=f"newsletter-bench-{size}-"))
    ini = workdir / "bench.ini"
    url = fresh_postgres(pg) if pg else f"sqlite:///{workdir}/portal.sqlite"
    ini.write_text(bench_ini(workdir, smtp_port, url))
    subprocess.run([str(BIN / "portal"), "initdb", "-c", str(ini)], check=True, capture_output=True, cwd=ROOT)
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--fill", str(ini), str(size)], check=True, cwd=ROOT)
    print(f"  {size} subscribers and the campaign rows written in {time.perf_counter() - started:.1f} s", flush=True)
    with counter.lock:
        counter.count = 0
        counter.message_ids.clear()
    log = open(workdir / "worker.log", "w")
    started = time.perf_counter()
    procs = [subprocess.Popen([str(BIN / "portal"), "mail-worker", "-c", str(ini), "--interval", "0.5"],
                              stdout=log, stderr=subprocess.STDOUT, cwd=ROOT) for _ in range(workers)]
    watched = [psutil.Process(w.pid) for w in procs]
    peak = 0
    first = None
    deadline = started + 600
    try:
        while counter.count < size and time.perf_counter() < deadline and all(w.poll() is None for w in procs):
            peak = max([peak] + [p.memory_info().rss for p in watched])
            if first is None and counter.count:
                first = time.perf_counter()
            time.sleep(0.05)
        done = time.perf_counter()
        peak = max([peak] + [p.memory_info().rss for p in watched])
        cpu_seconds = sum(p.cpu_times().user + p.cpu_times().system for p in watched)
    finally:
        for w in procs:
            w.kill()
            w.wait(10)
        log.close()
        if pg:
            subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", pg], capture_output=True)
    if counter.count < size:
        raise SystemExit(f"only {counter.count} of {size} messages arrived; see {workdir}/worker.log")
    total = done - started
    sending = done - (first or started)
    return {"subscribers": size, "database": "postgresql" if pg else "sqlite", "workers": workers,
            "received": counter.count, "distinct_message_ids": len(counter.message_ids),
            "seconds_total": round(total, 2), "seconds_sending": round(sending, 2),
            "messages_per_second": round(size / sending, 1), "worker_peak_rss_mb": round(peak / MB, 1),  # of the largest worker
            "worker_cpu_ms_per_message": round(cpu_seconds / size * 1000, 2),
            "load_average_1min": round(os.getloadavg()[0], 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000", help="subscriber counts (default 2000,10000)")
    parser.add_argument("--workers", type=int, default=1, help="`portal mail-worker` processes (PostgreSQL only)")
    parser.add_argument("--pg", metavar="DBNAME", help="run on this PostgreSQL database of 127.0.0.1, made and "
                        "dropped by the bench (give one of its own, e.g. portal_bench_newsletter)")
    parser.add_argument("--fill", nargs=2, metavar=("INI", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        fill(args.fill[0], int(args.fill[1]))
        return 0
    sys.path.insert(0, str(ROOT))
    from portal.testing import start_smtp_server
    counter = Counter()
    controller = start_smtp_server(counter)
    results = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"Delivering one issue to {size} subscribers (SMTP on 127.0.0.1:{counter.port}; "
                  f"{args.pg and 'PostgreSQL' or 'SQLite'}, {args.workers} worker(s))", flush=True)
            if args.workers > 1 and not args.pg:
                raise SystemExit("several workers need PostgreSQL (--pg): SQLite has no SKIP LOCKED")
            result = run(size, counter.port, counter, args.workers, args.pg)
            results.append(result)
            print(f"  {result['received']} received ({result['distinct_message_ids']} distinct Message-IDs) in "
                  f"{result['seconds_sending']} s of sending ({result['seconds_total']} s with the worker's start): "
                  f"{result['messages_per_second']} messages/s; worker peak RSS {result['worker_peak_rss_mb']} MB; "
                  f"worker CPU {result['worker_cpu_ms_per_message']} ms per message (machine load "
                  f"{result['load_average_1min']} on {os.cpu_count()} cores)",
                  flush=True)
    finally:
        controller.stop()
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"Memory, {large['subscribers']} vs {small['subscribers']} subscribers: "
              f"{large['worker_peak_rss_mb']} / {small['worker_peak_rss_mb']} MB "
              f"(ratio {large['worker_peak_rss_mb'] / small['worker_peak_rss_mb']:.2f})")
    big = max(results, key=lambda r: r["subscribers"])
    print(f"Aim: 10,000 in under 60 s -> {big['subscribers']} in {big['seconds_total']} s "
          f"({'met' if big['subscribers'] >= 10000 and big['seconds_total'] < 60 else 'not met'})")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / ("newsletter-pg.json" if args.pg else "newsletter.json")).write_text(json.dumps({
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
