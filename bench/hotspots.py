"""Where a request's time goes: in-process cost per request, and a cProfile of one address.

    .venv/bin/python bench/hotspots.py                      # builds a throw-away site like run.py
    .venv/bin/python bench/hotspots.py --ini SITE.ini --profile /pages/2 --top 40

Calls the WSGI apps directly (no sockets, no waitress), one request at a time, so the numbers are
CPU cost per request, much less sensitive to other load on the machine than req/s. The hello-world
app is bench/hello.py. With --http-hello-rps (the hello req/s measured by run.py over HTTP) it also
prints how many ms the portal may spend per request to reach each ratio aim.
"""
import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

warnings.filterwarnings("ignore", message="pkg_resources is deprecated")


COOKIE = {}  # the session cookie of --as EMAIL: every request is that person's


def environ_for(path):
    from webob import Request
    headers = {"Accept-Language": "en", "Host": "127.0.0.1:6543"}
    if COOKIE:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in COOKIE.items())
    return Request.blank(path, headers=headers).environ


def log_in(ini, email):
    """A session for the account `email` (as the login form makes one), so that pages are rendered for
    that person: the anonymous cache does not serve them."""
    import secrets
    from datetime import timedelta
    from pyramid.paster import bootstrap
    from sqlalchemy import select
    from portal.models import AuthSession, User, utcnow
    from portal.security import SESSION_COOKIE, token_hash
    env = bootstrap(str(ini))
    try:
        with env["request"].tm:
            db = env["request"].dbsession
            user = db.scalar(select(User).where(User.email == email))
            if user is None:
                raise SystemExit(f"--as {email}: no such account")
            token = secrets.token_urlsafe(32)
            db.add(AuthSession(id=token_hash(token), user_id=user.id, expires=utcnow() + timedelta(days=1)))
        COOKIE[SESSION_COOKIE] = token
    finally:
        env["closer"]()


def call(app, path):
    status_headers = []

    def start_response(status, headers, exc_info=None):
        status_headers.append(status)

    body = app(environ_for(path), start_response)
    try:
        size = sum(len(chunk) for chunk in body)
    finally:
        if hasattr(body, "close"):
            body.close()
    if not status_headers[0].startswith("200"):
        raise SystemExit(f"{path}: {status_headers[0]}")
    return size


def cost(app, path, n, warmup=20):
    """(wall ms, CPU ms) per request, the median of five batches of n // 5 requests."""
    for _ in range(warmup):
        call(app, path)
    batch = max(1, n // 5)
    walls, cpus = [], []
    for _ in range(5):
        w, c = time.perf_counter(), time.process_time()
        for _ in range(batch):
            call(app, path)
        walls.append((time.perf_counter() - w) / batch * 1000)
        cpus.append((time.process_time() - c) / batch * 1000)
    return sorted(walls)[2], sorted(cpus)[2]


def profile(app, path, n, top, sort):
    for _ in range(20):
        call(app, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        call(app, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(sort).print_stats(top)
    print(out.getvalue())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", help="an existing benchmark site; default: build one in a temporary directory")
    parser.add_argument("--news", type=int, default=300)
    parser.add_argument("-n", type=int, default=200, help="requests per address (default 200)")
    parser.add_argument("--profile", metavar="PATH", help="cProfile this address after the cost table")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime...)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--as", dest="email", help="render every page for this account (e.g. a demo member)")
    parser.add_argument("--path", action="append", default=[], help="measure this address too (repeatable)")
    parser.add_argument("--http-hello-rps", type=float, help="hello-world req/s measured over HTTP by run.py")
    args = parser.parse_args(argv)

    workdir = None
    try:
        if args.ini:
            ini, page_path = args.ini, None
        else:
            import run
            workdir = Path(tempfile.mkdtemp(prefix="portal-hotspots-"))
            ini, seeded = run.build_site(workdir, run.free_port(), args.news)
            page_path = seeded["page_path"]
        from pyramid.paster import get_app
        import hello
        portal = get_app(str(ini))
        if page_path is None:
            page_path = first_page_path(ini)
        from run import SEARCH_PATH
        paths = {"home": "/", "page": page_path, "search": SEARCH_PATH}
        if page_path is None:  # a site without pages, e.g. the experiences site of experiences.py --keep
            del paths["page"]
        hello_app = hello.make_app()
        paths.update({p: p for p in args.path})
        if args.email:
            log_in(ini, args.email)

        hello_wall, hello_cpu = cost(hello_app, "/", args.n * 5)
        print(f"{'target':<8} {'path':<26} {'ms/req':>7} {'CPU ms':>7} {'x hello':>8}")
        print(f"{'hello':<8} {'/':<26} {hello_wall:7.3f} {hello_cpu:7.3f} {1:8.1f}")
        for name, path in paths.items():
            wall, cpu = cost(portal, path, args.n)
            print(f"{name:<8} {path:<26} {wall:7.3f} {cpu:7.3f} {cpu / hello_cpu:8.1f}")
        if args.http_hello_rps:
            # over HTTP each request also pays waitress; what is left of 1/ratio for the app:
            per_request = 1000 / args.http_hello_rps
            waitress = max(per_request - hello_wall, 0.0)
            print(f"\nhello over HTTP: {per_request:.3f} ms/req, of which waitress and the socket ~{waitress:.3f} ms")
            for name, aim in run_aims().items():
                budget = per_request / aim - waitress
                print(f"{name}: ratio {aim} leaves the app {budget:.2f} ms per request")
        if args.profile:
            print()
            profile(portal, args.profile, args.n, args.top, args.sort)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


def run_aims():
    from run import AIMS
    return AIMS


def first_page_path(ini):
    from pyramid.paster import bootstrap
    from sqlalchemy import select
    from portal.models import Page
    env = bootstrap(str(ini))
    try:
        with env["request"].tm:
            page_id = env["request"].dbsession.scalar(select(Page.id).where(Page.state == "published")
                                                      .order_by(Page.id).limit(1))
        return env["request"].route_path("page.view", id=page_id) if page_id is not None else None
    finally:
        env["closer"]()


if __name__ == "__main__":
    main()
