"""Stored-XSS canaries in every user-writable field, crawled in Chromium as each role: none runs
(issue 12, "what must stay tested").

Nothing here names a field or a page: a new plugin is covered as it is. The pages come from Pyramid's
introspector (every route with a GET view), their {placeholders} filled with the ids of real demo
objects found in the site's own links; the fields are those of the forms on those pages (webtest).

1. Plant: as the secretariat, an editor, a member and an anonymous visitor, every form with a text
   field is filled with canaries, one distinct number per field (markup, attribute break-outs,
   </textarea>, javascript: links, [[wiki]] links, rich text with iframes and style attributes), and
   submitted with its first button. A field the server refuses is given a shorter canary, then its
   own value back, so the rest of the form still saves. GET forms (search) and the query parameters
   of the site's links (q=, came_from=, ...) are planted in the address.
2. Crawl: Chromium, as each role, opens every page again plus those the planting led to, and reads
   the DOM: no element carries data-canary (the payload was never parsed as markup), no event-handler
   attribute, javascript: address, foreign script, iframe or object; window.__xss is unset; no dialog
   opened and no Content-Security-Policy violation was reported (one would mean a script or style got
   in and only the policy stopped it: still a bug).
"""
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from webtest import Upload

pytestmark = pytest.mark.browser

PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")
FILLS_PER_ROUTE = 2        # concrete addresses per route with placeholders
MAX_PAGES = 400            # per role, in Chromium
PAGE_TIMEOUT_MS = 5_000
SHOWN_TYPES = ("text/html", "image/svg+xml")   # what Chromium renders as a document that could run script

# One of these per field, numbered; text inputs get one, text areas all of them.
PAYLOADS = [
    '<img src=x onerror="window.__xss={n}" data-canary="{n}">',
    '"><svg onload="window.__xss={n}" data-canary="{n}">',
    "'><script data-canary=\"{n}\">window.__xss={n}</script>",
    '</textarea></title><script data-canary="{n}">window.__xss={n}</script>',
    '[[<img src=x onerror=window.__xss={n} data-canary={n}>]] [[javascript:window.__xss={n}]]',
    '<a href="javascript:window.__xss={n}" data-canary="{n}">link {n}</a>',
    '<iframe data-canary="{n}" src="javascript:window.__xss={n}"></iframe>',
    '<p style="background:red" data-canary="{n}" onclick="window.__xss={n}">styled {n}</p>',
]
SHORT = '<b data-canary={n} onclick=window.__xss={n}>c{n}</b>; c{n}'   # two items, for a list of choices
URL_PAYLOAD = "javascript:window.__xss={n}//"

# Recorded in every document before the site's own scripts run.
INIT_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${(e.sample || '').slice(0, 80)}`));
"""

CHECK_SCRIPT = """() => {
    const bad = [];
    const show = (el) => el.outerHTML.slice(0, 200);
    const here = location.origin;
    document.querySelectorAll('[data-canary]').forEach(el => bad.push('markup from a field: ' + show(el)));
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
            const name = a.name.toLowerCase(), value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
            if (name.startsWith('on')) bad.push(`event handler ${name}: ` + show(el));
            else if (name === 'srcdoc') bad.push('srcdoc: ' + show(el));
            else if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'].includes(name)
                     && /^(javascript|vbscript|data:text\\/html)/.test(value)) bad.push(`${name}=${value}: ` + show(el));
        }
    }
    for (const s of document.querySelectorAll('script')) {
        if (s.type === 'application/ld+json') continue;
        if (!s.src) bad.push('inline script: ' + show(s));
        else if (new URL(s.src).origin !== here) bad.push('foreign script: ' + show(s));
    }
    for (const f of document.querySelectorAll('iframe, frame, object, embed')) {
        const src = f.src || f.data || '';
        if (!src || new URL(src, location.href).origin !== here) bad.push('frame: ' + show(f));
    }
    if (window.__xss !== undefined) bad.push('window.__xss = ' + window.__xss);
    (window.__cspViolations || []).forEach(v => bad.push('CSP violation: ' + v));
    const text = document.body ? document.body.innerText : document.documentElement.textContent;
    return {bad, shown: (text.match(/data-canary/g) || []).length};
}"""


# --- routes and their addresses ------------------------------------------------------------------------

@dataclass
class Route:
    name: str
    pattern: str
    route: object          # pyramid's IRoute: match(path) -> matchdict, generate(values) -> path

    @property
    def names(self):
        return PLACEHOLDER.findall(self.pattern)

    @property
    def family(self):
        """Routes of one kind of object share the text before their first placeholder and its name:
        /pages/{id}, /pages/{id}/edit, /pages/{id}/history."""
        return (self.pattern.split("{", 1)[0], self.names[0]) if self.names else None


def get_routes(registry):
    """Every route a GET reaches a view on, in Pyramid's matching order; static folders left out."""
    from pyramid.interfaces import IRoutesMapper
    methods = {}
    for entry in registry.introspector.get_category("views"):
        intr = entry["introspectable"]
        wanted = intr["request_methods"]
        wanted = (wanted,) if isinstance(wanted, str) else (wanted or ("GET",))
        methods.setdefault(intr["route_name"], set()).update(wanted)
    declared = {e["introspectable"]["name"]: e["introspectable"] for e in registry.introspector.get_category("routes")}
    routes = []
    for route in registry.getUtility(IRoutesMapper).get_routes():
        intr = declared.get(route.name)
        if intr is None or "*" in route.pattern or "GET" not in methods.get(route.name, ()):
            continue
        if intr["request_methods"] and "GET" not in intr["request_methods"]:
            continue
        routes.append(Route(route.name, "/" + route.pattern.lstrip("/"), route))
    return routes


class Addresses:
    """The ids the site's own pages link to, by route: fills every placeholder route with real objects,
    those the planting created or changed first."""

    def __init__(self, routes):
        self.routes = routes
        self.seen = {r.name: [] for r in routes}

    def route_of(self, path, routes=None):
        for r in routes or self.routes:
            if r.route.match(path) is not None:
                return r
        return None

    def note(self, url, first=False):
        path = urlsplit(url).path
        r = self.route_of(path)
        if r is None or not r.names:
            return r
        values = r.route.match(path)
        found = self.seen[r.name]
        if values in found:
            if not first:
                return r
            found.remove(values)
        found.insert(0 if first else len(found), values)
        return r

    def fill(self, route, limit=FILLS_PER_ROUTE):
        if not route.names:
            return [route.pattern]
        kin = [v for r in self.routes if r.family == route.family for v in self.seen[r.name]]
        anywhere = {}
        for r in self.routes:
            for values in self.seen[r.name]:
                for k, v in values.items():
                    anywhere.setdefault(k, v)
        out = []
        for values in self.seen[route.name] + kin:
            values = {n: values.get(n, anywhere.get(n)) for n in route.names}
            if None in values.values():
                continue
            path = route.route.generate(values)
            if route.route.match(path) is not None and path not in out:
                out.append(path)
            if len(out) == limit:
                break
        return out

    def all(self):
        return [path for r in self.routes for path in self.fill(r)]


# --- planting ------------------------------------------------------------------------------------------

@dataclass
class Planting:
    canaries: dict = field(default_factory=dict)     # n -> "role form field"
    saved: list = field(default_factory=list)        # (role, method, action, fields planted, status)
    refused: list = field(default_factory=list)
    landed: list = field(default_factory=list)       # addresses the planting led to (redirects, GET forms)
    types: dict = field(default_factory=dict)        # address -> content type seen
    unfilled: set = field(default_factory=set)       # routes no link gave an id for
    rendered: list = field(default_factory=list)     # (role, form, status, headers, body) answers to posts

    def canary(self, where):
        n = len(self.canaries) + 1
        self.canaries[n] = where
        return n


def site_links(res):
    """Same-site addresses a page links to or posts to."""
    if "html" not in res.content_type:
        return []
    found = []
    for tag, attr in (("a", "href"), ("form", "action"), ("link", "href")):
        for el in res.html.find_all(tag):
            value = el.get(attr)
            if not value:
                continue
            parts = urlsplit(value)
            if parts.scheme in ("", "http", "https") and parts.netloc in ("", "portal.test", "localhost"):
                found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def fillable(field):
    tag, kind = field.tag, (field.attrs.get("type") or "text").lower()
    if field.attrs.get("readonly") is not None or field.attrs.get("disabled") is not None:
        return None
    if tag == "textarea":
        return "textarea"
    if tag == "input" and kind in ("text", "search", "url", "email", ""):
        return kind or "text"
    return None


def error_names(res):
    """Names of the fields the re-rendered form marks invalid."""
    if "html" not in res.content_type:
        return set()
    names = set()
    for box in res.html.select(".is-invalid, [aria-invalid=true], .has-error, .error"):
        for el in [box, *box.find_all(["input", "textarea", "select"])]:
            if el.name in ("input", "textarea", "select") and el.get("name"):
                names.add(el["name"])
    return names


ATTEMPTS = 14
MAX_RENDERED = 300
KEPT_HEADERS = {"content-type", "content-security-policy", "x-content-type-options", "x-frame-options"}


def _png():
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + b"\x0b\x5d\x8a" * 2 + b"\x00" + b"\x0b\x5d\x8a" * 2))
            + chunk(b"IEND", b""))


PNG = _png()


def fill_refused_choices(form, named):
    """What the server refused that is not text: a choice left empty gets its first option, a box its tick,
    a date, time or number a plausible value (later fields later, for ranges that must be in order)."""
    from datetime import date, timedelta
    day = date.today() + timedelta(days=30)
    for name, group in form.fields.items():
        for i, one in enumerate(group):
            kind = (one.attrs.get("type") or "").lower()
            if kind in ("date", "datetime-local", "time", "number", "month") and not one.value:
                if name not in named and not one.attrs.get("required") is not None:
                    continue
                day += timedelta(days=3)
                one.value = {"date": day.isoformat(), "datetime-local": f"{day.isoformat()}T10:00",
                             "time": "10:00", "month": day.isoformat()[:7],
                             "number": one.attrs.get("min") or one.attrs.get("max") or "2020"}[kind]
            if name not in named:
                continue
            if one.tag == "select" and not one.value:
                one.value = next((o[0] for o in one.options if o[0]), one.value)
            if kind in ("checkbox", "radio") and i == 0 and not any(g.checked for g in group if hasattr(g, "checked")):
                one.checked = True


def plant_form(client, role, page_url, form, plan):
    """Fill the form's text fields with canaries and submit it with its first button; on a refusal,
    give the refused fields a shorter canary, then their own value, and submit again."""
    fields = [((name, i), f) for name, group in form.fields.items() if name for i, f in enumerate(group)]
    planted = {key: fillable(f) for key, f in fields if fillable(f)}
    if not set(planted.values()) - {"email"} or any(f.attrs.get("type") == "password" for _, f in fields):
        return None
    original = {key: f.value or "" for key, f in fields if key in planted}
    numbers, values, fallbacks = {}, {}, {}
    for key, kind in planted.items():
        n = numbers[key] = plan.canary(f"{role} {form.method} {form.action or page_url} {key[0]}")
        if kind == "email":
            values[key] = original[key] or f"canary{n}@example.org"
        elif kind == "url":
            values[key] = URL_PAYLOAD.format(n=n)
        elif kind == "textarea":
            values[key] = f"Canary {n} " + " ".join(p.format(n=n) for p in PAYLOADS)
        else:
            values[key] = f"Canary {n} " + PAYLOADS[n % len(PAYLOADS)].format(n=n)
        plain = [original[key]] if original[key] else []
        if kind == "url":
            plain.append(f"https://example.org/canary{n}")
        elif dict(fields)[key].attrs.get("inputmode") in ("numeric", "decimal"):
            plain += ["1", "2020"]
        elif kind != "email":
            plain += [SHORT.format(n=n), f"Canary {n}", f"canary{n}", "1", f"https://example.org/canary{n}", "2020"]
        fallbacks[key] = plain + [f"canary{n}@example.org"]
    for key, f in fields:   # a file: a small image whose name is a canary
        if f.tag == "input" and f.attrs.get("type") == "file":
            n = plan.canary(f"{role} {form.method} {form.action or page_url} {key[0]} (file name)")
            name = f'canary{n}"><img src=x onerror=window.__xss={n} data-canary={n}>.png'
            f.value = [(name, PNG)] if "multiple" in f.attrs else Upload(name, PNG)
    buttons = [name for (name, _i), f in fields if f.attrs.get("type") == "submit" or f.tag == "button"]
    current, button = form, 0
    for attempt in range(ATTEMPTS):
        for (name, i), value in values.items():
            if len(current.fields.get(name, ())) > i:
                current.set(name, value, index=i)
        res = current.submit(buttons[button] if buttons else None, status="*", expect_errors=True)
        if attempt == 0 and form.method.upper() == "POST" and not 300 <= res.status_int < 400:
            if "html" in res.content_type and len(plan.rendered) < MAX_RENDERED:
                # what the answer to a post shows, the refused form with what was typed: opened in Chromium too
                plan.rendered.append((role, f"{form.method} {form.action or page_url}", res.status_int,
                                      [(k, v) for k, v in res.headerlist if k.lower() in KEPT_HEADERS], res.body))
        if form.method.upper() == "GET" or res.status_int in (301, 302, 303):
            plan.saved.append((role, form.method, form.action or page_url, sorted({k[0] for k in planted}),
                               res.status_int))
            if res.status_int in (301, 302, 303):
                # the page it leads to, once, as shown right after saving: with the flash message
                res = res.follow(status="*", expect_errors=True)
                if "html" in res.content_type and len(plan.rendered) < MAX_RENDERED:
                    plan.rendered.append((role, f"{form.method} {form.action or page_url}, then {res.request.path}",
                                          res.status_int, [(k, v) for k, v in res.headerlist
                                                           if k.lower() in KEPT_HEADERS], res.body))
            plan.landed.append(res.request.path_qs)
            return res
        if res.status_int not in (200, 400) or attempt == ATTEMPTS - 1:
            break
        named = error_names(res)
        wrong = {key for key in values if key[0] in named}
        if not named and button + 1 < len(buttons):
            button += 1   # refused or shown again without naming a field (a button that submits a draft for
            # review, or adds a row): the next button
            current = form
            continue
        wrong = wrong or set(values)  # none named: every field's fallback
        for key in wrong:
            values[key] = fallbacks[key].pop(0) if fallbacks[key] else original[key]
        again = [f for f in res.forms.values() if {k[0] for k in planted} <= set(f.fields)]
        if not again:
            break
        current = again[0]
        fill_refused_choices(current, named)
    said = " ".join(el.get_text(" ", strip=True) for el in res.html.select(".error-summary, .invalid-feedback")
                    ) if "html" in res.content_type else ""
    plan.refused.append((role, form.method, form.action or page_url, res.status_int, said[:300]))
    return None


def query_variants(links, addresses, plan, per_parameter=2):
    """The site's own links with query parameters (q=, came_from=, filters, sorting), their values replaced
    with canaries: one address per route with every parameter its links use, each parameter on at most
    `per_parameter` routes (a language switch on every page is planted on two)."""
    by_route, routes_of = {}, {}
    for link in links:
        parts = urlsplit(link)
        route = addresses.route_of(parts.path)
        if route is None:
            continue
        names = by_route.setdefault(route.name, (parts.path, []))[1]
        for k, _ in parse_qsl(parts.query, keep_blank_values=True):
            on = routes_of.setdefault(k, set())
            if k not in names and (route.name in on or len(on) < per_parameter):
                names.append(k)
                on.add(route.name)
    out = []
    for path, names in by_route.values():
        if names:
            query = []
            for k in names:
                n = plan.canary(f"address {path}?{k}=")
                query.append((k, (URL_PAYLOAD if k == "came_from" else PAYLOADS[n % len(PAYLOADS)]).format(n=n)))
            out.append(path + "?" + urlencode(query))
    return out


def explore_and_plant(client, role, routes, addresses, plan, logout_paths, planted_forms, rounds=3):
    from pyramid.interfaces import IRoutesMapper
    every_route = [Route(r.name, "/" + r.pattern.lstrip("/"), r) for r in client.app.registry.getUtility(IRoutesMapper).get_routes()]
    """Open every route's address as this client (with ids from links, newly found ones in the next
    round), note the links, and plant every form not planted yet."""
    visited, links = set(), []
    for _round in range(rounds):
        todo = [p for p in addresses.all() if p not in visited and p not in logout_paths]
        if not todo:
            break
        for path in todo:
            visited.add(path)
            res = client.get(path, status="*", expect_errors=True)
            if res.status_int == 200:
                plan.types.setdefault(path, res.content_type)
            if res.status_int != 200:
                continue
            for link in site_links(res):
                links.append(link)
                addresses.note(link)
            if "html" not in res.content_type:
                continue
            for form in res.forms.values():
                action = urlsplit(form.action or path).path or path
                if action in logout_paths:
                    continue
                target = addresses.route_of(action, every_route)
                key = (form.method.upper(), target.name if target else action,
                       tuple(sorted(n for n in form.fields if n)))
                key = (role if key[0] == "POST" else None, *key)
                if key in planted_forms:
                    continue
                planted_forms.add(key)
                landed = plant_form(client, role, path, form, plan)
                if landed is not None:
                    # what the page it led to links to first (the object's other pages), then the page itself
                    for link in reversed(site_links(landed)):
                        addresses.note(link, first=True)
                    addresses.note(landed.request.path_qs, first=True)
    return links


ROLES = ("anonymous", "member", "editor", "secretariat")


def accounts():
    from portal.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD
    return {"secretariat": (ADMIN_EMAIL, ADMIN_PASSWORD), "editor": ("editor@example.org", DEMO_PASSWORD),
            "member": ("porto-alegre@example.org", DEMO_PASSWORD), "anonymous": None}


@dataclass
class Site:
    url: str
    pages: list
    plan: Planting
    routes: list
    seconds: float


@pytest.fixture(scope="module")
def site(tmp_path_factory, db_engine, test_plugins, browser, serve):
    from portal.testing import client, fresh_app, login, serving

    started = time.monotonic()
    app = fresh_app(tmp_path_factory.mktemp("xss"), db_engine, test_plugins, demo=True)

    routes = get_routes(app.registry)
    addresses = Addresses(routes)
    logout_paths = {"/" + r.pattern.lstrip("/") for r in routes if r.name == "logout"}
    plan = Planting()
    planted_forms, links = set(), []
    # The secretariat first (it reaches every form), then the others' own forms; each login from its own
    # address, so no throttle counts one against another.
    for i, role in enumerate(("secretariat", "editor", "member", "anonymous")):
        browser_ = client(app, address=f"192.0.2.{20 + i}")
        if accounts()[role]:
            login(browser_, *accounts()[role])
        links += explore_and_plant(browser_, role, routes, addresses, plan, logout_paths, planted_forms)
    plan.unfilled = {r.name for r in routes if r.names and not addresses.fill(r)}

    # Everything to open in Chromium: every route's addresses (planted objects first), where the planting
    # landed, and the links' addresses with canaries in their query.
    secretariat = client(app, address="192.0.2.30")
    login(secretariat, *accounts()["secretariat"])
    pages = []
    n = plan.canary("address: a path that does not exist")
    missing = "/" + quote(PAYLOADS[0].format(n=n) + "/" + PAYLOADS[2].format(n=n), safe="")
    for url in addresses.all() + plan.landed + query_variants(links, addresses, plan) + [missing]:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path in logout_paths or path in pages:
            continue
        if path not in plan.types:
            res = secretariat.get(path, status="*", expect_errors=True)
            if res.status_int == 200:
                plan.types[path] = res.content_type
        if plan.types.get(path, "text/html") in SHOWN_TYPES:
            pages.append(path)
    with serving(serve, app, db_engine) as server:
        print(f"\n{len(pages)} pages found, {MAX_PAGES} at most crawled")
        yield Site(server.url, pages[:MAX_PAGES], plan, routes, time.monotonic() - started)


def test_the_canaries_were_planted(site):
    """The test cannot pass with nothing planted: most forms saved, in every role that has forms."""
    plan = site.plan
    roles = {s[0] for s in plan.saved}
    posted = [s for s in plan.saved if s[1].upper() == "POST"]
    print(f"\n{len(plan.saved)} forms planted ({len(posted)} saved by POST), "
          f"{sum(len(s[3]) for s in plan.saved)} fields, {len(plan.canaries)} canaries; "
          f"{len(plan.refused)} forms refused; {len(site.pages)} pages to crawl; "
          f"routes without an id: {sorted(plan.unfilled)}; planting took {site.seconds:.1f}s")
    for s in plan.refused:
        print("  refused:", s)
    assert len(posted) >= 20, plan.saved
    assert {"secretariat", "member", "anonymous"} <= roles, plan.saved
    assert len(plan.refused) <= len(posted), plan.refused
    assert len(site.pages) >= len([r for r in site.routes if not r.names]), site.pages


def log_in(tab, base, role):
    email, password = accounts()[role]
    tab.goto(base + "/login")
    tab.locator("main form input[name=email]").fill(email)
    tab.locator("main form input[name=password]").fill(password)
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").first.click()
    assert "/login" not in tab.url, f"{role} could not log in"


@dataclass
class Crawl:
    opened: int = 0
    shown: int = 0                                  # pages showing a canary as text
    problems: list = field(default_factory=list)
    seconds: float = 0.0


RENDERED = "/__answer-to-a-post/"


def crawl_as(site, browser, role):
    """One role's visit of every page, in a browser context of its own. The answers to posts the role
    planted are shown at an address of the site, served by the browser from what the server answered,
    headers (the CSP) included."""
    crawl, started = Crawl(), time.monotonic()
    rendered = [r for r in site.plan.rendered if r[0] == role]
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
        context.add_init_script(INIT_SCRIPT)

        def answer(route):
            _role, _form, status, headers, body = rendered[int(route.request.url.rsplit("/", 1)[1])]
            route.fulfill(status=status, headers=dict(headers), body=body)
        context.route(re.compile(re.escape(site.url + RENDERED) + r"\d+$"), answer)
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        visits = [(path, path) for path in site.pages]
        if role != "anonymous":
            log_in(tab, site.url, role)
            visits.insert(0, (None, "the page after logging in"))
        visits += [(f"{RENDERED}{i}", f"answer to {r[1]} (HTTP {r[2]})") for i, r in enumerate(rendered)]
        for path, name in visits:
            dialogs.clear()
            try:
                if path is not None:
                    tab.goto(site.url + path, wait_until="load")
                found = tab.evaluate(CHECK_SCRIPT)
            except Exception as error:  # noqa: BLE001 -- a page that does not load is reported, not a pass
                crawl.problems.append(f"{name}: did not load ({str(error).splitlines()[0]})")
                continue
            crawl.opened += 1
            crawl.shown += found["shown"] > 0
            crawl.problems += [f"{name}: {bad}" for bad in found["bad"] + [f"dialog {d}" for d in dialogs]]
        if role != "anonymous":
            tab.goto(site.url + "/account")
            assert "/login" not in tab.url, f"{role} was logged out during the crawl"
    finally:
        context.close()
    crawl.seconds = time.monotonic() - started
    return crawl


def legend(problems, plan):
    """Which field each canary number in the problems was planted in."""
    numbers = sorted({int(n) for p in problems for n in re.findall(r"__xss\W{0,3}(\d+)|canary\W{0,3}(\d+)", p)
                      for n in n if n})
    return "\n".join(f"  canary {n}: {plan.canaries.get(n, '?')}" for n in numbers[:40])


@pytest.mark.parametrize("role", ROLES)
def test_no_canary_runs(site, browser, role):
    crawl = crawl_as(site, browser, role)
    answers = len([r for r in site.plan.rendered if r[0] == role])
    print(f"\n{role}: {crawl.opened} pages opened ({len(site.pages)} addresses, {answers} answers to posts) "
          f"in {crawl.seconds:.1f}s, {crawl.shown} show canaries as text")
    assert not crawl.problems, (f"as {role}:\n" + "\n".join(crawl.problems[:60])
                                + "\nwhere the canaries were planted:\n" + legend(crawl.problems, site.plan))
    assert crawl.opened >= 0.9 * (len(site.pages) + answers)
    assert crawl.shown >= 10, f"as {role}, only {crawl.shown} pages show a canary: the crawl saw almost nothing planted"
