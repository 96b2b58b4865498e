"""The site as a visitor finds it, for the generated security classes (tests/core/test_security_classes.py).

Nothing here names a plugin: the routes come from Pyramid's introspector and the addresses from following
the links and forms of the site with its demo content, so a new plugin's pages are tried as they are."""
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pyramid.interfaces import IRoutesMapper
from sqlalchemy import event

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
WRITES = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.I)


class WriteWatch:
    """The writes the database committed while it watched: [(verb, table)]. A write in a transaction that
    rolled back is not counted: only what stayed counts as a change."""

    def __init__(self, engine):
        self.engine, self.committed, self.executed, self._pending = engine, [], [], {}

    def _execute(self, conn, cursor, statement, parameters, context, executemany):
        found = WRITES.match(statement)
        if found:
            write = (found.group(1).split()[0].upper(), found.group(2).lower())
            self.executed.append(write)  # sent to the database, whether it stays or not
            self._pending.setdefault(id(conn.connection), []).append(write)

    def _commit(self, conn):
        self.committed.extend(self._pending.pop(id(conn.connection), []))

    def _rollback(self, conn):
        self._pending.pop(id(conn.connection), None)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._execute)
        event.listen(self.engine, "commit", self._commit)
        event.listen(self.engine, "rollback", self._rollback)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._execute)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    def take(self, ignore=(), executed=False):
        """The writes since the last take: those committed, or with executed=True every write statement sent
        (a GET must not even try one)."""
        found = [w for w in (self.executed if executed else self.committed) if w[1] not in ignore]
        self.committed, self.executed = [], []
        return found


@dataclass
class Route:
    name: str
    pattern: str
    methods: set            # request methods its views answer ("*" when a view takes any)
    permissions: set        # the permissions of its views
    csrf_exempt: bool       # a view declared require_csrf=False
    plugin: str


def routes(registry):
    """Every route of the site but the static files, with what its views declare."""
    found = {}
    for entry in registry.introspector.get_category("routes"):
        intr = entry["introspectable"]
        if intr["name"].startswith("__"):
            continue
        where = (getattr(intr.action_info, "file", "") or "").replace("\\", "/")
        plugin = where.split("plugins/")[-1].split("/")[0] if "/plugins/" in where else "portal"
        route = Route(intr["name"], "/" + intr["pattern"].lstrip("/"), set(), set(), False, plugin)
        for related in entry["related"]:
            if related.category_name != "views":
                continue
            methods = related["request_methods"]
            route.methods |= {"*"} if methods is None else set(
                [methods] if isinstance(methods, str) else methods)
            permission = next((r["value"] for r in registry.introspector.related(related)
                               if r.category_name == "permissions"), None)
            route.permissions.add(permission)
            route.csrf_exempt |= related["require_csrf"] is False
        found[route.name] = route
    return found


def route_for(registry, path):
    mapper = registry.getUtility(IRoutesMapper)
    for route in mapper.get_routes():
        if route.name.startswith("__"):
            continue
        if route.match(path) is not None:
            return route.name
    return None


@dataclass
class Address:
    url: str
    route: str
    method: str = "GET"
    fields: dict = field(default_factory=dict)


def _links(res):
    if not res.content_type or "html" not in res.content_type:
        return []
    html = res.html
    found = [("GET", a["href"], {}) for a in html.select("a[href]")]
    found += [("GET", img["src"], {}) for img in html.select("img[src]")]
    for form in html.select("form"):
        method = (form.get("method") or "GET").upper()
        fields = {}
        for node in form.select("input[name], textarea[name], select[name]"):
            if node.get("type") in ("submit", "file"):
                continue
            if node.name == "select":
                option = node.select_one("option[selected]") or node.select_one("option")
                fields.setdefault(node["name"], option.get("value", "") if option else "")
            else:
                fields.setdefault(node["name"], node.get("value", "") or node.text)
        button = form.select_one("button[name], input[type=submit][name]")
        if button is not None:
            fields[button["name"]] = button.get("value", "") or "1"
        found.append((method, form.get("action") or res.request.path_qs, fields))
    return found


def crawl(browser, registry, start, per_route=2, limit=700, write_watch=None, ignore_writes=()):
    """Follow the links and forms of the site from `start`: up to `per_route` addresses of each route, GET
    for links and each form's own method recorded (not sent). Returns ([Address], {url: status} of the GETs
    and, with a WriteWatch, [(url, writes)] of GETs that committed a write."""
    seen, per, queue, addresses, statuses, writers = set(), {}, deque(start), [], {}, []
    for url in start:
        seen.add(("GET", url))
        addresses.append(Address(url, route_for(registry, urlsplit(url).path)))
    while queue and len(statuses) < limit:
        url = queue.popleft()
        res = browser.get(url, status="*", expect_errors=True)
        statuses[url] = res.status_int
        if write_watch is not None:
            writes = write_watch.take(ignore_writes, executed=True)
            if writes:
                writers.append((url, writes))
        if res.status_int >= 300:
            continue
        for method, target, fields in _links(res):
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "portal.test" or parts.scheme not in ("", "http"):
                continue
            path = parts.path or urlsplit(url).path
            if path.startswith("/static/"):
                continue
            key = path + (f"?{parts.query}" if parts.query and method == "GET" else "")
            if (method, key) in seen:
                continue
            name = route_for(registry, path)
            if name is None:
                continue
            seen.add((method, key))
            # a listing's pages differ only by their query: the first of each is enough
            if per.get((method, name), 0) >= per_route or (method == "GET" and parts.query and
                                                          per.get((method, name), 0) >= 1):
                continue
            per[(method, name)] = per.get((method, name), 0) + 1
            addresses.append(Address(key, name, method, fields))
            if method == "GET":
                queue.append(key)
    return addresses, statuses, writers
