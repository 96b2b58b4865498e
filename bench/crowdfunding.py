"""Pledges per second under 20 concurrent supporters, on PostgreSQL, with no pledge lost or doubled.

A throw-away site on a PostgreSQL database of its own (made and dropped: --pg NAME), served by
`portal serve` (waitress, the benchmark's 4 threads), with one open campaign: an unlimited reward and a
limited one (--seats). 20 client threads (--clients) each pledge --pledges times: GET the pledge form
(its CSRF token and idempotency key), then POST it; one pledge in ten is sent a second time at once by
the next client, as a double click or a network retry does, and a quarter ask for the limited reward.
The baseline is bare Pyramid's hello-world (bench/hello.py) under the same 20 clients in the same run:
the ratio is pledges/s over hello-world's requests/s (two requests make a pledge). Then the database
is read: pledges == distinct forms accepted, totals exact, the limited reward taken exactly --seats
times, no idempotency key twice. Writes bench/results/crowdfunding.json; the exit status is 1 when a
pledge was lost or doubled.

    .venv/bin/python bench/crowdfunding.py [--pg portal_bench_crowdfunding] [--clients 20] [--pledges 25]
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import loadgen  # noqa: E402
from newsletter import fresh_postgres  # noqa: E402
from run import BIN, HOST, WAITRESS, BenchError, Server, free_port  # noqa: E402


class FormFields(HTMLParser):
    """The inputs of the pledge form, in order, as a browser sends them: (name, value) of the hidden and
    text inputs, and each radio group (deform names it by oid, inside a "group:rename" mapping) with the
    choice ticked in the page."""

    def __init__(self):
        super().__init__()
        self.fields, self.radios, self._group = [], {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("input", "textarea") or not a.get("name"):
            return
        kind = a.get("type", "text")
        if a["name"] == "__start__" and a.get("value", "").endswith(":rename"):
            self._group = a["value"].split(":")[0]
        if kind == "radio":
            name, ticked = self.radios.get(self._group, (a["name"], None))
            self.radios[self._group] = (name, a.get("value", "") if "checked" in a else ticked)
        elif kind in ("hidden", "text", "email", "number") or tag == "textarea":
            self.fields.append([a["name"], a.get("value", "")])


def pledge_body(html, number, reward):
    """The form's body as a supporter fills it; (body, amount in cents): a reward pledge gives its 60.00."""
    parsed = FormFields()
    parsed.feed(html)
    fields = parsed.fields
    amount = "60.00" if reward else f"{10 + number % 90}.50"
    typed = {"amount": amount, "name": f"Supporter {number}", "email": f"s{number}@bench.example"}
    for field in fields:
        field[1] = typed.get(field[0], field[1])
    for group, (name, ticked) in parsed.radios.items():
        value = str(reward) if group == "reward" and reward else ticked
        if value:
            at = fields.index(["__start__", f"{group}:rename"]) + 1
            fields.insert(at, [name, value])
    fields.append(["pledge", "pledge"])
    return urlencode([tuple(f) for f in fields]).encode(), int(round(float(amount) * 100))


def seed(ini, seats):
    """An open, published campaign with an unlimited reward and `seats` of a limited one."""
    from portal.cli import load
    from plugins.crowdfunding.models import Campaign, Reward
    env = load(str(ini))
    now = datetime.now(timezone.utc)
    with env["request"].tm:
        db = env["request"].dbsession
        campaign = Campaign(title="Translate the guide", description="A campaign.", body="<p>Help us.</p>",
                            language="en", action="Work plan 3.2", currency="EUR", timezone="Europe/Lisbon",
                            rule="all_or_nothing", min_pledge=500, starts=now - timedelta(days=1),
                            ends=now + timedelta(days=30), state="published", published=now,
                            budget=[{"what": "Translation", "amount": 3_000_000, "required": True}],
                            payment_details="IBAN PT50 1234")
        campaign.rewards = [Reward(position=0, amount=1000, description="Thanks", quantity=None, taken=0),
                            Reward(position=1, amount=5000, description="A seat", quantity=seats, taken=0)]
        db.add(campaign)
        db.flush()
        ids = [campaign.id, campaign.rewards[1].id]
    env["closer"]()
    print(json.dumps(ids))


class Supporter(threading.Thread):
    """One client: its own cookies and keep-alive connection; its pledges, and the forms it resends."""

    def __init__(self, port, campaign, seat, numbers, start):
        super().__init__(daemon=True)
        self.port, self.campaign, self.seat, self.numbers, self.start_at = port, campaign, seat, numbers, start
        self.sent, self.latencies, self.errors, self.jar = [], [], [], {}

    @property
    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.jar.items())

    def request(self, conn, method, path, body=None, cookie=None):
        """One request on the kept-alive connection, with this client's cookies (or the given ones: a
        form resent from another client's browser)."""
        headers = {"Cookie": self.cookie if cookie is None else cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if cookie is None:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";")[0].partition("=")
                self.jar[name.strip()] = value
        return response.status, data

    def double_click(self, number, path, body, cookie, amount, wants_seat):
        """The same form sent again on another connection while the first is in flight."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            status, _ = self.request(conn, "POST", path, body=body, cookie=cookie)
            self.sent.append((number, status, amount, wants_seat, "again"))
        except (OSError, http.client.HTTPException) as exc:
            self.errors.append(repr(exc))
        finally:
            conn.close()

    def run(self):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        self.start_at.wait()
        path = f"/campaigns/{self.campaign}/pledge"
        for number in self.numbers:
            try:
                status, html = self.request(conn, "GET", path)
                wants_seat = number % 4 == 0
                body, amount = pledge_body(html.decode(), number, self.seat if wants_seat else None)
                twice = None
                if number % 10 == 0:
                    twice = threading.Thread(target=self.double_click, args=(number, path, body, self.cookie, amount, wants_seat))
                    twice.start()
                started = time.perf_counter()
                status, _ = self.request(conn, "POST", path, body=body)
                self.latencies.append(time.perf_counter() - started)
                self.sent.append((number, status, amount, wants_seat))
                if twice is not None:
                    twice.join(timeout=60)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(repr(exc))
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        conn.close()


def check(url, campaign, seat):
    """What the database holds: (pledges, total in cents, pledges with the seat, seats taken, keys twice)."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT count(*), coalesce(sum(amount), 0), count(*) FILTER (WHERE reward_id = :seat), "
            "count(*) - count(DISTINCT idempotency_key) FROM crowd_pledges WHERE campaign_id = :c"),
            {"c": campaign, "seat": seat}).one()
        taken = conn.execute(text("SELECT taken FROM crowd_rewards WHERE id = :seat"), {"seat": seat}).scalar()
    engine.dispose()
    return [int(v) for v in row] + [int(taken)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="portal_bench_crowdfunding", help="a PostgreSQL database of the bench's "
                        "own on 127.0.0.1 (made and dropped)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--pledges", type=int, default=25, help="pledges per client")
    parser.add_argument("--seats", type=int, default=40, help="the limited reward's quantity")
    parser.add_argument("--seed", nargs=2, metavar=("INI", "SEATS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed:
        return seed(args.seed[0], int(args.seed[1]))
    from portal.testing import base_settings, ini_text
    workdir = Path(tempfile.mkdtemp(prefix="crowdfunding-bench-"))
    try:
        url = fresh_postgres(args.pg)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"crowdfunding bench skipped: it needs PostgreSQL on 127.0.0.1 ({exc})")
        return 0
    port, hello_port = free_port(), free_port()
    ini = workdir / "bench.ini"
    settings = base_settings(workdir, url, plugins="plugins.crowdfunding") | {
        "pyramid.reload_templates": "false", "mail.worker_in_process": "false", "portal.url": f"http://{HOST}:{port}"}
    ini.write_text(ini_text(settings, (("waitress_queue", "waitress.queue", "ERROR"),),
                            server=dict(WAITRESS, listen=f"{HOST}:{port}")))
    servers = []
    try:
        subprocess.run([str(BIN / "portal"), "initdb", "-c", str(ini)], check=True, capture_output=True, cwd=ROOT)
        out = subprocess.run([sys.executable, __file__, "--seed", str(ini), str(args.seats)], check=True,
                             capture_output=True, text=True, cwd=ROOT).stdout
        campaign, seat = json.loads(out.strip().splitlines()[-1])
        hello = Server("hello", [sys.executable, HERE / "hello.py", hello_port, json.dumps(WAITRESS)], hello_port,
                       workdir / "hello.log")
        portal = Server("portal", [BIN / "portal", "serve", "-c", ini], port, workdir / "portal.log")
        servers = [hello, portal]
        for server in servers:
            server.wait_ready()
        baseline = loadgen.run(HOST, hello_port, "/", 6, concurrency=args.clients, warmup=2)
        numbers = list(range(args.clients * args.pledges))
        start = threading.Barrier(args.clients + 1)
        clients = [Supporter(port, campaign, seat, numbers[n::args.clients], start) for n in range(args.clients)]
        for c in clients:
            c.start()
        start.wait()
        began = time.perf_counter()
        for c in clients:
            c.join(timeout=600)
        elapsed = time.perf_counter() - began
    finally:
        for server in servers:
            server.stop()
    sent = [s for c in clients for s in c.sent]
    errors = [e for c in clients for e in c.errors]
    firsts = [s for s in sent if len(s) == 4]
    # a form counts once if either of its sendings was taken (the second may win the race for a seat)
    accepted = list({s[0]: s for s in sent if s[1] == 302}.values())
    count, total, with_seat, keys_twice, taken = check(url, campaign, seat)
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", args.pg], capture_output=True)
    expected_seats = min(args.seats, sum(1 for s in firsts if s[3]))
    exact = (count == len(accepted) and total == sum(s[2] for s in accepted) and keys_twice == 0
             and with_seat == taken == expected_seats and not errors)
    rate = len(accepted) / elapsed
    latencies = sorted(l for c in clients for l in c.latencies)
    result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "clients": args.clients,
              "forms": len(firsts), "resent": len(sent) - len(firsts), "accepted": len(accepted),
              "refused_sold_out": len(firsts) - len(accepted),
              "resent_statuses": sorted({s[1] for s in sent if len(s) == 5}), "seconds": round(elapsed, 2),
              "pledges_per_second": round(rate, 1), "hello_rps": round(baseline.rps, 1),
              "ratio_to_hello": round(rate / baseline.rps, 4),
              "post_ms_median": round(statistics.median(latencies) * 1000, 1),
              "post_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
              "database": {"pledges": count, "total_cents": total, "with_seat": with_seat, "seats_taken": taken,
                           "keys_twice": keys_twice}, "client_errors": errors[:5], "exact": exact}
    print(f"{result['accepted']} pledges accepted of {result['forms']} forms (+{result['resent']} sent twice) by "
          f"{args.clients} clients in {elapsed:.1f} s: {rate:.1f} pledges/s; hello-world {baseline.rps:.0f} req/s "
          f"(ratio {result['ratio_to_hello']:.4f}); POST median {result['post_ms_median']} ms, "
          f"p95 {result['post_ms_p95']} ms")
    print(f"database: {count} pledges, total {total / 100:.2f}, seat taken {taken} of {args.seats} "
          f"({with_seat} pledges with it), keys twice {keys_twice}: {'exact' if exact else 'NOT EXACT'}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "crowdfunding.json").write_text(json.dumps(result, indent=1))
    return 0 if exact else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.exit(str(exc))
