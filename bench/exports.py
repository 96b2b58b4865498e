"""Memory and time of the open-data exports under parallel downloads (issue 17).

A throw-away SQLite site with 20,000 experiences (bench/experience_data.py, imported with
`portal import-experiences`), served by `portal serve` (waitress, 4 threads). The server's RSS is
read when it is idle and warm (one small export fetched), then 8 clients download
/export/experiences.csv at once (and then .json), reading the body as it comes; a sampler reads
the RSS every 50 ms. Reported: the peak RSS during the downloads as a ratio to the idle RSS
(aim: at most 1.5, where building each export whole in memory took 183 MB to 1.1 GB, a ratio of
6), the RSS after, the time to the first byte and to the last, and that every download holds
every row. Run: .venv/bin/python bench/exports.py [--count 20000] [--parallel 8] [--keep].
"""
BENCH_SUITE = True  # `make bench` runs every module of bench/ that says so
import argparse
import csv
import http.client
import io
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import experience_data  # noqa: E402
from experiences import site_ini, timed  # noqa: E402
from run import BIN, HOST, MB, BenchError, MemorySampler, Server, free_port  # noqa: E402

AIM_RATIO = 1.5


def download(port, path, out, index):
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=900)  # 8 downloads share 4 threads: some wait
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        first = None
        parts = []
        while chunk := response.read(64 * 1024):
            if first is None:
                first = time.perf_counter() - started
            parts.append(chunk)
        out[index] = {"status": response.status, "first_byte_s": first, "total_s": time.perf_counter() - started,
                      "body": b"".join(parts)}
    finally:
        conn.close()


def rows_in(body, fmt):
    if fmt == "json":
        return len(json.loads(body))
    return sum(1 for _ in csv.DictReader(io.StringIO(body.decode("utf-8"))))


def measure(server, port, path, fmt, parallel, count):
    sampler = MemorySampler(server.proc.pid)
    idle = sampler.rss()
    sampler.start()
    results = [None] * parallel
    threads = [threading.Thread(target=download, args=(port, path, results, i)) for i in range(parallel)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    wall = time.perf_counter() - started
    sampler.stop()
    after = sampler.rss()
    if any(r is None or r["status"] != 200 for r in results):
        raise BenchError(f"a download of {path} failed: {[r and r['status'] for r in results]}")
    found = {rows_in(r["body"], fmt) for r in results}
    if found != {count}:
        raise BenchError(f"{path}: downloads hold {found} rows, not {count}")
    summary = {"path": path, "parallel": parallel, "idle_mb": round(idle / MB, 1), "peak_mb": round(sampler.peak / MB, 1),
               "after_mb": round(after / MB, 1), "peak_ratio": round(sampler.peak / idle, 2),
               "after_ratio": round(after / idle, 2), "wall_s": round(wall, 1),
               "first_byte_s": round(max(r["first_byte_s"] for r in results), 2),
               "body_mb": round(len(results[0]["body"]) / MB, 1)}
    print(f"  {path} x{parallel}: RSS {summary['idle_mb']} MB idle, peak {summary['peak_mb']} MB "
          f"(ratio {summary['peak_ratio']}), {summary['after_mb']} MB after (ratio {summary['after_ratio']}); "
          f"{summary['body_mb']} MB each, first byte within {summary['first_byte_s']} s, all done in "
          f"{summary['wall_s']} s", flush=True)
    return summary


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=20000)
    p.add_argument("--parallel", type=int, default=8)
    p.add_argument("--keep", action="store_true", help="keep the temporary site")
    args = p.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-exports-"))
    server = None
    try:
        data = workdir / "experiences.json"
        experience_data.write_json(data, args.count)
        port = free_port()
        ini = site_ini(workdir, port)
        timed("portal initdb", [BIN / "portal", "initdb", "-c", ini], workdir / "initdb.log", 300)
        timed(f"portal import-experiences ({args.count})",
              [BIN / "portal", "import-experiences", "-c", ini, data, "--batch", "2000"], workdir / "import.log", 1800)
        server = Server("portal", [BIN / "portal", "serve", "-c", ini], port, workdir / "serve.log")
        server.wait_ready()
        download(port, "/export/members.csv", [None], 0)  # warm: the export code is loaded
        published = rows_in(download_body(port, "/export/experiences.json"), "json")
        print(f"Exports of {published} published experiences, {args.parallel} downloads at once:", flush=True)
        results = [measure(server, port, f"/export/experiences.{fmt}", fmt, args.parallel, published)
                   for fmt in ("csv", "json")]
        worst = max(r["peak_ratio"] for r in results)
        print(f"Peak RSS ratio {worst} (aim <= {AIM_RATIO}): {'met' if worst <= AIM_RATIO else 'NOT met'}")
        (Path(__file__).parent / "results").mkdir(exist_ok=True)
        (Path(__file__).parent / "results" / "exports.json").write_text(json.dumps(results, indent=1))
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def download_body(port, path):
    out = [None]
    download(port, path, out, 0)
    return out[0]["body"]


if __name__ == "__main__":
    try:
        main()
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        sys.exit(1)
