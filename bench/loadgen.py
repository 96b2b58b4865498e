"""A small HTTP/1.1 load generator: N keep-alive connections driven by one selector loop.

One thread and raw sockets (no http.client) keep the client's own cost per request low, so on a
2-core machine the client takes as little CPU as possible from the server it measures. Every
response is read to its end (Content-Length or chunked) and its status checked.
"""
import selectors
import socket
import time
from dataclasses import dataclass, field


class LoadError(Exception):
    pass


@dataclass
class LoadResult:
    path: str
    concurrency: int
    duration: float  # seconds of measurement, after the warm-up
    requests: int  # completed with status 200 during the measurement
    errors: int  # other statuses, resets, timeouts during the measurement
    bytes: int
    latencies: list = field(default_factory=list, repr=False)
    client_cpu: float = 0.0  # CPU seconds the load generator used during the measurement
    statuses: dict = field(default_factory=dict)

    @property
    def rps(self):
        return self.requests / self.duration if self.duration else 0.0

    def percentile(self, p):
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _chunked_end(buf, pos):
    """Index just past the end of a chunked body starting at pos, or None if not all there yet."""
    while True:
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        size = int(bytes(buf[pos:eol]).split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            end = buf.find(b"\r\n\r\n", eol)  # no trailers are expected: the final CRLF follows
            return None if end < 0 else end + 4
        pos = eol + 2 + size + 2
        if pos > len(buf):
            return None


def _parse(buf):
    """(status, end of response, keep alive) of the first response in buf, or None if incomplete."""
    head_end = buf.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    head = bytes(buf[:head_end]).lower()
    status = int(head[9:12])
    body_start = head_end + 4
    keep_alive = b"\r\nconnection: close" not in head
    marker = head.find(b"\r\ncontent-length:")
    if marker >= 0:
        eol = head.find(b"\r\n", marker + 2)
        length = int(head[marker + 17:eol if eol >= 0 else None])
        end = body_start + length
        return (status, end, keep_alive) if len(buf) >= end else None
    if b"\r\ntransfer-encoding: chunked" in head:
        end = _chunked_end(buf, body_start)
        return None if end is None else (status, end, keep_alive)
    if status in (204, 304) or 100 <= status < 200:
        return status, body_start, keep_alive
    raise LoadError("a response with neither Content-Length nor chunked encoding")


class _Conn:
    def __init__(self, host, port, request):
        self.host, self.port, self.request = host, port, request
        self.sock = None
        self.buf = bytearray()
        self.sent_at = 0.0

    def open(self, selector):
        self.sock = socket.create_connection((self.host, self.port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        selector.register(self.sock, selectors.EVENT_READ, self)

    def close(self, selector):
        if self.sock is not None:
            try:
                selector.unregister(self.sock)
            except (KeyError, ValueError):
                pass
            self.sock.close()
            self.sock = None
        self.buf.clear()

    def send(self):
        self.sent_at = time.perf_counter()
        self.sock.sendall(self.request)


def build_request(host, port, path, headers=None):
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: portal-bench",
             "Accept: text/html,*/*", "Accept-Language: en", "Accept-Encoding: identity"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def run(host, port, path, duration, concurrency=8, warmup=2.0, stall_timeout=15.0, headers=None,
        on_start=None, on_end=None):
    """Keep `concurrency` requests for `path` in flight for warmup + duration seconds.

    Only responses completed after the warm-up count. Bounded: ends at the deadline whatever the
    server does, and raises LoadError if no response at all arrives for stall_timeout seconds.
    on_start() and on_end() are called when the measured window opens and closes (to read the
    server's CPU time over exactly that window).
    """
    request = build_request(host, port, path, headers)
    selector = selectors.DefaultSelector()
    conns = [_Conn(host, port, request) for _ in range(concurrency)]
    result = LoadResult(path=path, concurrency=concurrency, duration=duration, requests=0, errors=0, bytes=0)
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + duration
    measuring = False
    cpu_start = time.process_time()
    last_progress = start
    try:
        for conn in conns:
            conn.open(selector)
            conn.send()
        while True:
            now = time.perf_counter()
            if now >= deadline:
                if on_end:
                    on_end()
                break
            if not measuring and now >= measure_from:
                measuring = True
                cpu_start = time.process_time()
                if on_start:
                    on_start()
            if now - last_progress > stall_timeout:
                raise LoadError(f"no response from {path} for {stall_timeout:.0f} s")
            for key, _ in selector.select(timeout=min(0.5, max(0.0, deadline - now))):
                conn = key.data
                try:
                    data = conn.sock.recv(262144)
                except OSError:
                    data = b""
                if not data:  # the server closed the connection: count it, open another
                    if now >= measure_from:
                        result.errors += 1
                    conn.close(selector)
                    conn.open(selector)
                    conn.send()
                    continue
                conn.buf += data
                parsed = _parse(conn.buf)
                if parsed is None:
                    continue
                status, end, keep_alive = parsed
                done = time.perf_counter()
                last_progress = done
                if done >= measure_from:  # throughput counts completions inside the window
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    if status == 200:
                        result.requests += 1
                        result.bytes += end
                        result.latencies.append(done - conn.sent_at)
                    else:
                        result.errors += 1
                del conn.buf[:end]
                if not keep_alive:
                    conn.close(selector)
                    conn.open(selector)
                conn.send()
        result.client_cpu = time.process_time() - cpu_start
    finally:
        for conn in conns:
            conn.close(selector)
        selector.close()
    return result


def fetch(host, port, path, timeout=30.0, headers=None):
    """One GET: (status, headers as a lowercase dict, body bytes). For checks before measuring."""
    import http.client
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "en", **(headers or {})})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()
