"""`make bench`: requests per second of the portal against a bare Pyramid hello-world, and memory.

Builds a throw-away site in a temporary directory (SQLite, Whoosh, maildir; demo content plus
published news in four languages), serves it with `portal serve` and serves bench/hello.py with
the same waitress settings, then loads each address for a fixed time with the same concurrency.
Prints req/s, the ratio to hello-world and the portal worker's peak memory, and writes
bench/results/latest.json. The aims are reported, not asserted: the exit status is 0 whenever the
measurement itself worked.
"""
import argparse
import json
import os
import platform
import shutil
import socket
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
import loadgen  # noqa: E402

BIN = Path(sys.executable).parent  # the virtualenv's bin: `portal` sits next to its python
HOST = "127.0.0.1"
WAITRESS = {"threads": "4"}  # given to both servers: the portal's [server:main] and hello.py
AIMS = {"page": 0.35, "search": 0.15}  # ratio to hello-world, from the issue
MEMORY_AIM_MB = 150
SEARCH_PATH = "/search?q=participatory"
MB = 1024 * 1024

SETTINGS = {  # the served site, under the temporary folder the ini is written in
    "portal.site_name": "Participatory Democracy Network", "portal.secret": "benchmark-only-secret-not-for-use",
    "portal.plugins": "", "portal.default_locale": "en", "sqlalchemy.url": "sqlite:///%(here)s/portal.sqlite",
    "files.dir": "%(here)s/files", "files.max_size": "10485760", "search.backend": "whoosh",
    "search.whoosh_dir": "%(here)s/whoosh", "mail.delivery": "maildir", "mail.maildir": "%(here)s/maildir",
    "mail.sender": "Network portal <portal@localhost>", "mail.worker_in_process": "false",
    "pyramid.reload_templates": "false", "pyramid.default_locale_name": "en"}
# the load keeps more requests in flight than threads: no "Task queue depth" line per request
LOGGERS = (("portal", "portal", "INFO"), ("sqlalchemy", "sqlalchemy.engine", "WARN"),
           ("waitress_queue", "waitress.queue", "ERROR"))


class BenchError(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def write_ini(directory, port):
    from portal.testing import ini_text
    text = ini_text(SETTINGS, LOGGERS, server=dict(WAITRESS, listen=f"{HOST}:{port}"))
    path = directory / "bench.ini"
    path.write_text(text)
    return path


def run_step(label, cmd, log, timeout=300):
    started = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    log.write_text(proc.stdout + proc.stderr)
    if proc.returncode:
        raise BenchError(f"{label} failed ({proc.returncode}); last lines of {log}:\n" + tail(log))
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return proc.stdout


def build_site(workdir, port, news):
    """The benchmark site in workdir: its ini, schema, demo content and `news` more published items."""
    ini = write_ini(workdir, port)
    print(f"Setting up a benchmark site in {workdir}", flush=True)
    out = run_step("portal initdb --demo", [BIN / "portal", "initdb", "-c", ini, "--demo"], workdir / "initdb.log")
    for line in out.splitlines():
        if "administrator" in line:
            print("   " + line.strip())
    seeded = json.loads(run_step(f"{news} published news", [sys.executable, HERE / "seed.py", ini, news],
                                 workdir / "seed.log").strip().splitlines()[-1])
    print(f"   search index holds {seeded['indexed']} documents", flush=True)
    return ini, seeded


def tail(path, lines=20):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _die_with_parent():
    """In the child, before exec: Linux sends it SIGTERM if the bench process dies without cleaning up."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """A server subprocess with its output in a log file; stop() always ends it."""

    def __init__(self, name, cmd, port, log):
        self.name, self.port, self.log = name, port, log
        self._out = open(log, "wb")
        self.proc = subprocess.Popen([str(c) for c in cmd], stdout=self._out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=ROOT,
                                     preexec_fn=_die_with_parent if sys.platform == "linux" else None)

    def wait_ready(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} exited ({self.proc.returncode}):\n{tail(self.log)}")
            try:
                status, _, _ = loadgen.fetch(HOST, self.port, "/", timeout=10)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"{self.name} did not answer on port {self.port} within {timeout:.0f} s:\n{tail(self.log)}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._out.close()


def stop_all(servers, workdir, keep):
    """End every server started, then remove the throw-away site unless asked to keep it."""
    for server in servers:
        server.stop()
    if keep:
        print(f"Kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


class MemorySampler(threading.Thread):
    """Peak resident memory of a process (and any children) sampled while it is under load."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True, name="memory-sampler")
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def rss(self):
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total

    def run(self):
        while not self._stop_event.is_set():
            try:
                self.peak = max(self.peak, self.rss())
            except psutil.NoSuchProcess:
                return
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join(timeout=5)


def high_water_mark(pid):
    """Linux's VmHWM: the process's peak RSS since it started, start-up included (None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def measure(name, server, path, args, sampler_pid=None, headers=None):
    process = psutil.Process(server.proc.pid)
    sampler = MemorySampler(sampler_pid) if sampler_pid else None
    window = {}

    def server_cpu():
        times = process.cpu_times()
        return time.perf_counter(), times.user + times.system

    if sampler:
        sampler.start()
    try:
        result = loadgen.run(HOST, server.port, path, duration=args.duration, concurrency=args.concurrency,
                             warmup=args.warmup, headers=headers, on_start=lambda: window.update(start=server_cpu()),
                             on_end=lambda: window.update(end=server_cpu()))
    finally:
        if sampler:
            sampler.stop()
    (t0, cpu0), (t1, cpu1) = window["start"], window["end"]
    row = {"target": name, "path": path, "rps": round(result.rps, 1), "requests": result.requests,
           "errors": result.errors, "statuses": {str(k): v for k, v in result.statuses.items()},
           "p50_ms": round(result.percentile(50) * 1000, 1), "p95_ms": round(result.percentile(95) * 1000, 1),
           "kb_per_response": round(result.bytes / max(result.requests, 1) / 1024, 1),
           # CPU the server spent per response: less sensitive than req/s to other load on the machine
           "server_cpu_ms": round((cpu1 - cpu0) * 1000 / max(result.requests, 1), 3),
           "server_cores": round((cpu1 - cpu0) / (t1 - t0), 2),
           "client_cores": round(result.client_cpu / result.duration, 2)}
    if sampler:
        row["peak_rss_mb"] = round(sampler.peak / MB, 1)
    print(f"  {name:<7} {path:<26} {result.rps:8.1f} req/s  {row['server_cpu_ms']:7.2f} server CPU ms/req"
          f"  ({result.errors} errors)", flush=True)
    return row


def check_pages(portal, paths):
    """Each address answers 200 with HTML; the search page shows highlighted results."""
    for name, path in paths.items():
        status, headers, body = loadgen.fetch(HOST, portal.port, path)
        if status != 200 or "text/html" not in headers.get("content-type", ""):
            raise BenchError(f"{name} {path}: status {status}, {headers.get('content-type')}")
        if name == "search" and b"<mark" not in body:
            raise BenchError(f"{path} shows no highlighted result: is the search index empty?")


def report(rows, memory, hello, load):
    print()
    print(f"{'target':<8} {'path':<26} {'req/s':>8} {'ratio':>6} {'aim':>7}  {'result':<6} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'KB':>5} {'CPU ms':>7} {'CPU ratio':>9}")
    for row in rows:
        aim = row.get("aim")
        aim_text = f">={aim:.2f}" if aim is not None else "-"
        print(f"{row['target']:<8} {row['path']:<26} {row['rps']:8.1f} {row['ratio']:6.3f} {aim_text:>7}  "
              f"{row.get('result', '-'):<6} {row['p50_ms']:7.1f} {row['p95_ms']:7.1f} {row['kb_per_response']:5.1f} "
              f"{row['server_cpu_ms']:7.2f} {row['cpu_ratio']:9.3f}")
    print(f"\nhello-world: {hello['rps']:.1f} req/s, the mean of {hello['runs'][0]:.1f} (before the portal) "
          f"and {hello['runs'][1]:.1f} (after)")
    hwm = f"; VmHWM since start {memory['vmhwm_mb']:.1f} MB" if memory.get("vmhwm_mb") else ""
    print(f"portal worker peak RSS under load: {memory['peak_rss_mb']:.1f} MB (aim <= {MEMORY_AIM_MB} MB): "
          f"{memory['result']}{hwm}")
    print("* the same address with cache.anonymous_pages = false: every response rendered (no aim).")
    print("ratio: req/s over hello-world req/s.  CPU ms: the server process's CPU time per response;"
          "\nCPU ratio: hello's CPU ms over the target's, an estimate that other load on the machine disturbs less.")
    busy = max(load["before"][0], load["after"][0])
    if busy > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {busy:.1f} on {os.cpu_count()} CPUs: other processes shared the machine, "
              "req/s are low and noisy")


def positive(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=positive, default=float(os.environ.get("BENCH_DURATION", 6)),
                        help="seconds measured per address (default 6)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before measuring (default 2)")
    parser.add_argument("--concurrency", type=int, default=8, help="connections kept busy (default 8)")
    parser.add_argument("--news", type=int, default=300, help="published news items added (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site (ini, logs) afterwards")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--no-experiences", dest="experiences", action="store_false",
                        default=os.environ.get("BENCH_EXPERIENCES", "1") != "0",
                        help="skip the import and search benchmark of bench/experiences.py (or BENCH_EXPERIENCES=0)")
    parser.add_argument("--postgres", action="store_true", default=os.environ.get("BENCH_PG", "") in ("1", "true", "yes"),
                        help="with it, also 200,000 experiences on PostgreSQL (or BENCH_PG=1)")
    args = parser.parse_args(argv)

    load = {"before": os.getloadavg()}
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    servers = []
    started = time.perf_counter()
    try:
        hello_port, portal_port = free_port(), free_port()
        while portal_port == hello_port:
            portal_port = free_port()
        ini, seeded = build_site(workdir, portal_port, args.news)
        paths = {"home": "/", "page": seeded["page_path"], "search": SEARCH_PATH}

        hello = Server("hello-world", [sys.executable, HERE / "hello.py", hello_port, json.dumps(WAITRESS)],
                       hello_port, workdir / "hello.log")
        servers.append(hello)
        portal = Server("portal", [BIN / "portal", "serve", "-c", ini], portal_port, workdir / "portal.log")
        servers.append(portal)
        hello.wait_ready()
        portal.wait_ready()
        check_pages(portal, paths)

        print(f"Measuring: {args.warmup:g} s warm-up + {args.duration:g} s per address, "
              f"{args.concurrency} connections, waitress {WAITRESS}", flush=True)
        hello_before = measure("hello", hello, "/", args)
        rows = [measure(name, portal, path, args, sampler_pid=portal.proc.pid) for name, path in paths.items()]
        vmhwm = high_water_mark(portal.proc.pid)
        portal.stop()
        # The same site with the anonymous page cache off: what a page costs when it is rendered.
        uncached_port = free_port()
        uncached_ini = workdir / "bench-uncached.ini"
        uncached_ini.write_text(ini.read_text().replace(f"{HOST}:{portal_port}", f"{HOST}:{uncached_port}")
                                .replace("[app:main]", "[app:main]\ncache.anonymous_pages = false", 1))
        uncached = Server("portal (no cache)", [BIN / "portal", "serve", "-c", uncached_ini], uncached_port,
                          workdir / "portal-uncached.log")
        servers.append(uncached)
        uncached.wait_ready()
        rows += [dict(measure(f"{name}*", uncached, path, args, sampler_pid=uncached.proc.pid), uncached=True)
                 for name, path in paths.items()]
        hello_after = measure("hello", hello, "/", args)
        load["after"] = os.getloadavg()
    finally:
        stop_all(servers, workdir, args.keep)

    hello_rps = (hello_before["rps"] + hello_after["rps"]) / 2
    hello_cpu = (hello_before["server_cpu_ms"] + hello_after["server_cpu_ms"]) / 2
    hello_row = dict(hello_before, rps=round(hello_rps, 1), server_cpu_ms=round(hello_cpu, 3), ratio=1.0,
                     cpu_ratio=1.0, runs=[hello_before["rps"], hello_after["rps"]],
                     requests=hello_before["requests"] + hello_after["requests"],
                     errors=hello_before["errors"] + hello_after["errors"])
    for row in rows:
        row["ratio"] = round(row["rps"] / hello_rps, 3) if hello_rps else 0.0
        row["cpu_ratio"] = round(hello_cpu / row["server_cpu_ms"], 3) if row["server_cpu_ms"] else 0.0
        aim = AIMS.get(row["target"])
        if aim is not None:
            row["aim"] = aim
            row["result"] = "pass" if row["ratio"] >= aim else "FAIL"
    peak = max(row["peak_rss_mb"] for row in rows)
    memory = {"peak_rss_mb": peak, "aim_mb": MEMORY_AIM_MB, "result": "pass" if peak <= MEMORY_AIM_MB else "FAIL",
              "vmhwm_mb": round(vmhwm / MB, 1) if vmhwm else None}
    report([hello_row] + rows, memory, hello_row, load)

    summary = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_before": [round(x, 2) for x in load["before"]],
                    "loadavg_after": [round(x, 2) for x in load["after"]]},
        "settings": {"waitress": WAITRESS, "concurrency": args.concurrency, "warmup_s": args.warmup,
                     "duration_s": args.duration, "news_added": args.news, "indexed": seeded["indexed"]},
        "hello": hello_row, "hello_runs": [hello_before, hello_after], "targets": rows, "memory": memory,
        "runtime_s": round(time.perf_counter() - started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nWritten to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} "
          f"in {summary['runtime_s']:.0f} s")
    if args.experiences:
        # the second part of `make bench`: importing, indexing and searching experiences, beside FTS5
        import experiences
        print("\n" + "-" * 100)
        try:
            found = experiences.main(["--postgres"] if args.postgres else [])
        except experiences.BenchError as exc:  # run.py as __main__ has its own BenchError class
            raise BenchError(str(exc)) from exc
        summary["experiences"] = {"results": "bench/results/experiences.json", "aims": found["aims"],
                                  "runtime_s": found["runtime_s"]}
        args.output.write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, loadgen.LoadError, subprocess.TimeoutExpired) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(1)
