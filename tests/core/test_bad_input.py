"""Issue 12 point 10: bad input is the visitor's mistake, never the portal's. Huge ids, ids out of
the database's integer range, negative or non-numeric ids, overlong segments, invalid UTF-8 or a NUL
in the path, the query or a form answer a 4xx (or ask to log in) with the portal's own error page,
never a 5xx nor a bare text response, and change nothing.

Every route comes from Pyramid's route introspector, so a plugin's new route is tried as soon as it
exists, without a test of its own. Each {placeholder} of a route is filled in turn with each bad
value while the others keep a real value from the demo content; GET, HEAD and POST (with a valid
CSRF token) are tried, as an anonymous visitor and as the secretariat."""
import re
import time
from urllib.parse import unquote
from io import BytesIO
from types import SimpleNamespace

import pytest
from sqlalchemy import MetaData, func, select

from webob import Request

from portal.testing import HOST, client, csrf, login

# a placeholder and its pattern, which may hold a quantifier's braces ({code:[0-9a-f]{24}}, {year:\\d{4}})
PATTERN = r"(?:[^{}]|\{[^{}]*\})*"
PLACEHOLDER = re.compile(r"\{(\w+)(?::" + PATTERN + r")?\}")

# what a placeholder gets, as it is written in the address (already percent-encoded)
BAD_VALUES = {
    "10**30": str(10 ** 30),
    "2**63": str(2 ** 63),
    "2**31": str(2 ** 31),
    "overlong": "9" * 3000,
    "zero": "0",
    "Arabic-Indic digit": "%D9%A3",  # matches \\d, and int() takes it: the same row at another address
    "negative": "-1",
    "superscript two": "%C2%B2",  # str.isdigit() is true, int() refuses it
    "word": "abc",
    "invalid UTF-8": "%ff%fe",
    "overlong UTF-8": "%c0%af",
    "NUL": "%00",
}
# the values that reach the application's code (the others are refused by the router or the guard)
NUMBERS = ("10**30", "2**63", "2**31", "overlong", "zero", "Arabic-Indic digit", "negative", "superscript two")
OUT_OF_RANGE = ("10**30", "2**63", "2**31", "overlong")
# a placeholder declared with a pattern ({id:\\d+}) gets the values it matches, one it does not, and the
# undecodable ones
NOT_MATCHING = "word"
UNDECODABLE = ("invalid UTF-8", "overlong UTF-8", "NUL")

# fields and query parameters that views read as numbers (ids, revision numbers, limits, positions)
NUMBER_NAMES = ("id", "revision", "base_revision", "remove", "retry", "item", "user", "experience_id", "themes",
                "parent", "merged", "limit", "position", "weight", "year", "page")
# refused by the guard before any route is matched: each route gets one of them, in turn
UNDECODABLE_QUERIES = {
    "q invalid UTF-8": "q=%ff",
    "page invalid UTF-8": "page=%ff",
    "name invalid UTF-8": "%ff=1",
    "language invalid UTF-8": "_LOCALE_=%ff%fe",
}
QUERIES = {
    "q NUL": "q=a%00b",
    "page 10**30": f"page={10 ** 30}",
    "page negative": "page=-1",
    "page superscript": "page=%C2%B2",
    "year superscript": "year=%C2%B2%C2%B2%C2%B2%C2%B2",
    "numbers 2**63": "&".join(f"{n}={2 ** 63}" for n in NUMBER_NAMES if n != "page"),
    "numbers superscript": "&".join(f"{n}=%C2%B2" for n in NUMBER_NAMES if n != "page"),
    "q fields": "q=title:*",
    "q wildcards": "q=*a*e*",
    "q allowed": "q=allowed:group*",
}

# enough for most forms of the portal to get past their first field; every value is invalid UTF-8
BAD_FORM = ("title=%ff%fe&body=%3Cp%3E%c0%af%3C/p%3E&name=%ff&email=a%ff@example.org&text=%ff&q=%ff"
            "&revision=%ff&base_revision=1&save=%ff&send=1&delete=1")
RAW_FORM = b"title=\xff\xfe&body=\xc0\xaf&name=\xff&text=\xff&save=1"
NUL_FORM = "title=a%00b&text=a%00b&name=a%00b&save=1"
# 2**63: beyond PostgreSQL's INTEGER and SQLite's 64 bits
HUGE_FORM = "&".join(f"{n}={2 ** 63}" for n in NUMBER_NAMES) + "&save=1&send=1"
SUPERSCRIPT_FORM = "&".join(f"{n}=%C2%B2" for n in NUMBER_NAMES) + "&save=1&send=1"
# valid UTF-8 forms may do what they ask: not these
ENDS_THE_SESSION = {"logout", "account_delete"}


def routes(registry):
    """Every route of the portal and its plugins, but static folders: (name, pattern)."""
    found = []
    for entry in registry.introspector.get_category("routes"):
        intr = entry["introspectable"]
        if intr["name"].startswith("__static") or intr["name"].startswith("__") and "*" in intr["pattern"]:
            continue
        found.append((intr["name"], "/" + intr["pattern"].lstrip("/")))
    return sorted(found)


def png():
    from PIL import Image
    out = BytesIO()
    Image.new("RGB", (1, 1), "white").save(out, "PNG")
    return out.getvalue()


def arrange(registry):
    """The demo content and a file; the real values a route's other placeholders take."""
    from pyramid.scripting import prepare

    from portal.demo import ADMIN_EMAIL, ADMIN_PASSWORD, load_demo
    from portal.files import store_upload
    from portal.models import Content, File, Page
    env = prepare(registry=registry)
    with env["request"].tm:
        load_demo(env["request"])
        page = env["request"].dbsession.scalars(select(Page).order_by(Page.id)).first()
        store_upload(env["request"], SimpleNamespace(file=BytesIO(png()), filename="photo.png"), content=page)
    env["closer"]()
    from portal.testing import DB
    with DB(registry)() as s:
        # every kind of content item (a plugin's own, such as a group's page, too), by its identity
        by_type = {identity: s.scalar(select(func.min(mapper.class_.id)))
                   for identity, mapper in Content.__mapper__.polymorphic_map.items()}
        some_content = s.scalar(select(func.min(Content.id)))
        image = s.scalars(select(File).order_by(File.id)).first()
        exports = sorted(registry.portal.exports)
        settings = sorted(registry.portal.plugin_settings)
    valid = {"content": some_content, "file": image.id, "filename": image.filename, "by_type": by_type,
             "name": exports[0] if exports else "x", "format": "csv", "lang": "en", "type": "page",
             "token": "not-a-token"}
    # a route whose factory loads a row (portal.api.model_factory) reaches the first row of its model
    factories = {entry["introspectable"]["name"]: entry["introspectable"]["factory"]
                 for entry in registry.introspector.get_category("routes")}
    first_rows = {}
    with DB(registry)() as s:
        for factory in factories.values():
            model = getattr(factory, "model", None)
            if model is not None and model not in first_rows:
                row = s.scalars(select(model).limit(1)).first()
                # the column the route names it by: its id, or another key (a registration's secret code)
                first_rows[model] = getattr(row, getattr(factory, "column", "id")) if row is not None else None
    by_route = {name: (f.key, first_rows[f.model]) for name, f in factories.items()
                if getattr(f, "model", None) is not None and first_rows.get(f.model) is not None}
    return SimpleNamespace(valid=valid, settings=settings, admin=(ADMIN_EMAIL, ADMIN_PASSWORD), by_route=by_route)


def real_value(world, route_name, pattern, placeholder):
    """A value of this placeholder that exists, so that the bad value of another one is reached."""
    valid = world.valid
    kind = route_name.split(".")[0]
    if placeholder == "id" and valid["by_type"].get(kind) is not None:
        return valid["by_type"][kind]
    key, first = world.by_route.get(route_name, (None, None))
    if placeholder == key:
        return first
    if placeholder == "id":
        if pattern.startswith("/content/"):
            return valid["content"]
        if pattern.startswith("/files/"):
            return valid["file"]
        return 1
    if placeholder == "name" and pattern.startswith("/manage/settings/"):
        return world.settings[0] if world.settings else "x"
    return valid.get(placeholder, 1)


def addresses(world, name, pattern):
    """(what was bad, address) for each placeholder of the pattern and each bad value it may take."""
    names = PLACEHOLDER.findall(pattern)
    declared = dict(re.findall(r"\{(\w+):(" + PATTERN + r")\}", pattern))
    found = []
    for bad in names:
        for label, value in BAD_VALUES.items():
            if bad in declared and label not in UNDECODABLE and label != NOT_MATCHING \
                    and not re.fullmatch(declared[bad], unquote(value)):
                continue
            filled = {n: value if n == bad else str(real_value(world, name, pattern, n)) for n in names}
            found.append((bad, label, PLACEHOLDER.sub(lambda m: filled[m.group(1)], pattern)))
    return found


def filled(world, name, pattern):
    return PLACEHOLDER.sub(lambda m: str(real_value(world, name, pattern, m.group(1))), pattern)


def row_counts(registry):
    engine = registry["engine"]
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(table)) for name, table in meta.tables.items()}


def writes(registry):
    """How many transactions wrote something and committed so far (the page cache counts them)."""
    return registry["page_cache"].local


class Checker:
    """Sends requests as the browser would, with its cookies, straight to the WSGI app: WebTest's
    cookie jar itself cannot read an address that is not UTF-8."""

    def __init__(self, registry, browser, who):
        self.registry, self.browser, self.who = registry, browser, who
        self.token = csrf(browser)
        self.problems, self.asked, self.statuses = [], 0, {}

    def send(self, method, url, body):
        cookies = "; ".join(f"{name}={value}" for name, value in self.browser.cookies.items())
        request = Request.blank(url, environ={"HTTP_HOST": HOST, "REMOTE_ADDR": "192.0.2.10",
                                              "REQUEST_METHOD": method}, headers={"Cookie": cookies})
        if method == "POST":
            request.content_type = "application/x-www-form-urlencoded"
            request.body = (b"csrf_token=" + self.token.encode() if self.token else b"") + (b"&" + body if body else b"")
        return request.get_response(self.browser.app)

    def ask(self, method, url, what, body=None, expect=None):
        before = writes(self.registry)
        self.asked += 1
        try:
            res = self.send(method, url, body.encode() if isinstance(body, str) else body)
        except Exception as exc:  # the app raised through WSGI: what a server answers with a 500
            self.problems.append(f"{self.who} {method} {url[:120]} ({what}): raised {exc!r}"[:400])
            return None
        self.statuses[res.status_int] = self.statuses.get(res.status_int, 0) + 1
        problem = self.judge(method, res)
        if problem is None and expect is not None and res.status_int != expect:
            problem = f"{res.status}, not {expect}"
        if problem is None and res.status_int >= 400 and writes(self.registry) != before:
            problem = "changed the database"
        if problem:
            self.problems.append(f"{self.who} {method} {url[:120]} ({what}): {problem}")
        return res

    def judge(self, method, res):
        status = res.status_int
        if status >= 500:
            return f"{res.status} {res.text[:200]!r}"
        if 300 <= status < 400:
            return None
        if status < 400:
            return None
        if not res.content_type == "text/html":
            return f"{res.status} as {res.content_type}, not the portal's page"
        if method != "HEAD" and 'class="skip-link"' not in res.text:
            return f"{res.status}, not a page of the portal: {res.text[:200]!r}"
        return None


def expected(pattern, placeholder, label):
    """What the guard answers whoever asks: 400 for what cannot be read, 404 for a number beyond the
    ids in a placeholder declared as digits; the rest is up to the route (never a 5xx)."""
    if label in UNDECODABLE:
        return 400
    if label in OUT_OF_RANGE and re.search(r"\{%s:(\\d|\[0-9\])\+\}" % placeholder, pattern):
        return 404
    return None


def browser_for(app, world, who):
    browser = client(app)
    if who == "secretariat":
        login(browser, *world.admin)
    return browser


WHO = ("anonymous", "secretariat")


@pytest.fixture
def world(registry):
    return arrange(registry)


@pytest.mark.parametrize("who", WHO)
def test_bad_values_in_the_path_of_every_route(app, registry, world, who):
    browser = browser_for(app, world, who)
    check = Checker(registry, browser, who)
    counts, started, tried = row_counts(registry), time.monotonic(), 0
    for name, pattern in routes(registry):
        for i, (placeholder, label, url) in enumerate(addresses(world, name, pattern)):
            methods = ("GET",) + (("POST",) if label in NUMBERS or label == UNDECODABLE[0] else ()) \
                + (("HEAD",) if i % 4 == 0 else ())
            for method in methods:
                check.ask(method, url, f"{name} {{{placeholder}}}={label}", body="save=1", expect=expected(
                    pattern, placeholder, label))
        tried += bool(PLACEHOLDER.search(pattern))
    assert tried > 100
    assert check.problems == [], "\n".join(check.problems[:40])
    assert row_counts(registry) == counts
    print(f"{who}: {check.asked} requests in {time.monotonic() - started:.1f} s, {check.statuses}")


def assert_real_values_reach_real_objects(world, registry, browser):
    """The real values of the placeholders find what they name, so that a bad value in one of them
    is tried beside real objects in the others (a factory that finds nothing stops at the first): GET,
    and a POST without its CSRF token, which the view refuses (400) once the factory has found it."""
    with_values = [filled(world, name, p) for name, p in routes(registry) if PLACEHOLDER.search(p)]
    sender = Checker(registry, browser, "secretariat")
    sender.token = ""
    gone = [url for url in with_values if {sender.send(m, url, None).status_int for m in ("GET", "POST")} == {404}]
    assert len(gone) <= len(with_values) // 10, gone


@pytest.mark.parametrize("who", WHO)
def test_bad_queries_on_every_route(app, registry, world, who):
    browser = browser_for(app, world, who)
    check = Checker(registry, browser, who)
    counts, started = row_counts(registry), time.monotonic()
    if who == "secretariat":
        assert_real_values_reach_real_objects(world, registry, browser)
    undecodable = list(UNDECODABLE_QUERIES.items())
    for n, (name, pattern) in enumerate(routes(registry)):
        url = filled(world, name, pattern)
        what, query = undecodable[n % len(undecodable)]
        check.ask("HEAD" if n % 2 else "GET", f"{url}?{query}", f"{name} {what}", expect=400)
        for what, query in QUERIES.items():
            check.ask("GET", f"{url}?{query}", f"{name} {what}")
    assert check.problems == [], "\n".join(check.problems[:40])
    assert row_counts(registry) == counts
    print(f"{who}: {check.asked} requests in {time.monotonic() - started:.1f} s, {check.statuses}")


@pytest.mark.parametrize("who", WHO)
def test_bad_form_bodies_on_every_route(app, registry, world, who):
    browser = browser_for(app, world, who)
    check = Checker(registry, browser, who)
    started = time.monotonic()
    for name, pattern in routes(registry):
        url = filled(world, name, pattern)
        check.ask("POST", url, f"{name} percent-encoded", body=BAD_FORM)
        check.ask("POST", url, f"{name} raw bytes", body=RAW_FORM)
        check.ask("POST", url, f"{name} NUL", body=NUL_FORM)
        if name not in ENDS_THE_SESSION and not name.endswith("delete"):
            check.ask("POST", url, f"{name} huge numbers", body=HUGE_FORM)
            check.ask("POST", url, f"{name} superscript numbers", body=SUPERSCRIPT_FORM)
        check.ask("POST", url + "?q=%ff", f"{name} query", body="save=1")
    assert check.problems == [], "\n".join(check.problems[:40])
    print(f"{who}: {check.asked} requests in {time.monotonic() - started:.1f} s, {check.statuses}")
