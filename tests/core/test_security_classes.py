"""Issue 12's classes, generated from the running site: every route from Pyramid's introspector, every
address found by following the links and forms of the demo site as each role. A new plugin's routes and
forms are tried as they are, without a test of its own (tests/SECURITY.md lists the classes and figures).

- no 5xx, and no write statement sent to the database by a GET or a HEAD (even one rolled back), as every
  role;
- every unsafe route refuses a POST without its CSRF token, or with a forged one, and changes nothing;
- default deny, and an access matrix role x object x verb drawn by hypothesis in which every denial
  leaves the database unchanged.
"""
from io import BytesIO
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from site_crawl import UNSAFE, WriteWatch, crawl, routes
from sqlalchemy import select

from portal.testing import client, csrf, login

ADMIN = ("admin@example.org", "network-demo-2026")
ROLES = {  # the demo's people (portal.demo and the plugins' demo data)
    "anonymous": None,
    "member": ("porto-alegre@example.org", "member-demo-2026"),
    "editor": ("editor@example.org", "member-demo-2026"),
    "juror": ("juror1@example.org", "member-demo-2026"),
    "secretariat": ADMIN,
}
# Written by any request on purpose: a failed login is counted even though its answer is an error.
BOOKKEEPING = {"login_attempts"}
# Routes no link or form of the demo site reaches, and why; every other route must be reached, so a new
# route is tried by these classes or this test says which one it could not find.
UNREACHED = {
    "password_reset": "a mailed one-time token",
    "newsletter_confirm": "a mailed one-time token",
    "newsletter_preferences": "a mailed signed link",
    "newsletter_unsubscribe": "a mailed signed link",
    "newsletter_import": "the address the subscribers' import had before add_import: a redirect for bookmarks",
    "working_group_invitation": "a mailed one-time token",
    "working_group_invitation_revoke": "the demo has no pending invitation",
    "working_group_request": "the demo has no pending request to join",
    "award_entry_document": "the demo's entries carry no documents",
    "award_entry_preview_document": "the demo's entries carry no documents",
    "award_review_document": "the demo's entries carry no documents",
    "award_review_conflict": "the demo's reviews are of a closed call",
    "award_entry_edit": "the demo's entries are in a closed call",
    "expense_receipt": "the demo's expenses carry no receipts (tests/plugins/crowdfunding/test_expenses.py)",
    "agreement_document": "the demo's agreements carry no signed document (tests/plugins/partners/test_agreements.py)",
    "workshop.restore": "the test plugin's workshops have one revision",
    "about": "a redirect to the section the secretariat chose, whose page is crawled",
    "file_hold": "posted by the form's script when a file is chosen, before the form is sent",
    "file_held": "the preview of a file held for one person's unsent form (a token of theirs)",
    "file_size": "the resized copies of an image, named in srcset attributes rather than links",
    "pledge_signed_file": "the demo's commitments are not signed yet",
    "governance.candidacy.document": "the demo's candidacies carry no documents "
                                     "(tests/plugins/governance/test_presidency.py)",
    "conference_check_in_list": "fetched by the check-in page's script before the doors open (test_conference.py)",
    "conference_check_in_sync": "posted by the check-in page's script with the check-ins made offline",
    "conference_propose": "the demo conference's call for sessions is not open to the crawling roles "
                          "(tests/plugins/events/test_conference_proposals.py)",
    "conference_session_document": "the demo's sessions carry no slides (tests/plugins/events)",
    "conference_visa_pdf": "the demo's visa request is not approved yet (tests/plugins/events/test_conference_visa.py)",
    "deliverable_review": "the demo's deliverables are signed off or already in review "
                          "(tests/plugins/workshops/test_deliverables.py)",
    "internship_edit": "the demo's internships are not shown to the crawling roles (tests/plugins/partners)",
    "partner_activity_document": "the demo's joint activities carry no document (tests/plugins/partners)",
    "ws_deliverable.view": "a route for making addresses only (static): the deliverable's page is 'deliverable'",
    "ws_deliverable_section.view": "where the core's links to a section lead (a redirect to its deliverable's page)",
    "ws_workshop_album.view": "where the core's links to a workshop's album lead (a redirect to the workshop's page)",
}
TOKEN_PAGES = ["/password/reset/{t}", "/newsletter/confirm/{t}", "/newsletter/preferences/{t}",
               "/newsletter/unsubscribe/{t}", "/groups/invitations/{t}"]
FORM_EXPIRED = "The form expired"


def png():
    from PIL import Image
    out = BytesIO()
    Image.new("RGB", (4, 4), (11, 93, 138)).save(out, "PNG")
    return out.getvalue()


def demo_site(app, registry):
    """The demo content, a file on the first page and a membership application (core objects the demo
    lacks); returns the addresses the starting points of a crawl are."""
    from pyramid.scripting import prepare
    from portal.demo import load_demo
    from portal.files import store_upload
    from portal.models import Content, MembershipApplication
    env = prepare(registry=registry)
    with env["request"].tm:
        load_demo(env["request"])
        db = env["request"].dbsession
        item = db.scalars(select(Content).where(Content.state == "published").order_by(Content.id)).first()
        db.add(store_upload(env["request"], SimpleNamespace(file=BytesIO(png()), filename="square.png"),
                            content=item, title="A square"))
        db.add(MembershipApplication(organisation="Ciudad de Rosario", kind="city", country="AR",
                                     contact_name="Marta Díaz", email="marta@example.org"))
    env["closer"]()
    return ["/" + r.pattern.lstrip("/") for r in routes(registry).values() if "{" not in r.pattern and r.methods & {"GET", "*"}]


def browser_as(app, role, address="192.0.2.10"):
    browser = client(app, address)
    if ROLES[role]:
        login(browser, *ROLES[role])
    return browser


def without_token(fields):
    return {k: v for k, v in fields.items() if k != "csrf_token"}


@pytest.fixture
def site(app, registry):
    return demo_site(app, registry)


def test_every_page_and_form_as_every_role(app, registry, site):
    all_routes = routes(registry)
    reached, figures, failures = set(), {}, []
    with WriteWatch(registry["engine"]) as watch:
        for n, role in enumerate(ROLES):
            browser = browser_as(app, role, f"192.0.2.{20 + n}")
            watch.take()
            addresses, statuses, writers = crawl(browser, registry, site, write_watch=watch,
                                                 ignore_writes=BOOKKEEPING)
            failures += [f"{role} GET {url}: {status}" for url, status in statuses.items() if status >= 500]
            failures += [f"{role} GET {url} wrote {writes}" for url, writes in writers]
            pages = [a for a in addresses if a.method == "GET" and statuses.get(a.url, 500) < 300]
            for address in pages:
                res = browser.head(address.url, status="*")
                writes = watch.take(BOOKKEEPING, executed=True)
                if res.status_int >= 500 or writes:
                    failures.append(f"{role} HEAD {address.url}: {res.status_int} {writes}")
            forms = [a for a in addresses if a.method in UNSAFE]
            for address in forms:
                token = csrf(browser)
                for sent in (without_token(address.fields), dict(address.fields, csrf_token=token[::-1])):
                    res = browser.post(address.url, sent, status="*")
                    writes = watch.take(BOOKKEEPING)
                    exempt = all_routes[address.route].csrf_exempt
                    if writes or res.status_int >= 500 or not exempt and (
                            res.status_int != 400 or FORM_EXPIRED not in res.text):
                        failures.append(f"{role} POST {address.url} without its token: {res.status_int} {writes}")
            reached |= {a.route for a in pages} | {a.route for a in forms}
            figures[role] = (len(statuses), len(forms))
    print("pages and forms per role:", figures)
    assert failures == []
    missing = {name for name in all_routes if name not in reached and name not in UNREACHED}
    assert missing == set(), "routes no link or form of the demo site reaches: give the plugin demo data " \
                             "that reaches them (or list them in UNREACHED with the reason)"
    assert sum(f for _, f in figures.values()) > 50 and figures["secretariat"][0] > 150


@pytest.mark.parametrize("page", TOKEN_PAGES)
def test_a_page_of_a_made_up_token_refuses_every_verb_and_changes_nothing(app, registry, page):
    browser = client(app)
    url = page.format(t="made-up-token-" + "x" * 20)
    with WriteWatch(registry["engine"]) as watch:
        for method in ("GET", "HEAD"):
            res = browser.request(url, method=method, status="*")
            assert res.status_int in (200, 400, 404), (method, url, res.status_int)
        for fields in ({}, {"csrf_token": csrf(browser), "save": "1", "password": "x" * 12,
                            "password-confirm": "x" * 12, "accept": "1", "List-Unsubscribe": "One-Click"}):
            res = browser.post(url, fields, status="*")
            assert 400 <= res.status_int < 500, (url, res.status_int)
        assert watch.take(BOOKKEEPING) == []


def test_every_unsafe_view_requires_the_csrf_token_but_the_one_click_unsubscribe(registry):
    """RFC 8058: a mail client unsubscribes with a POST that carries no token but the signed link."""
    exempt = sorted(r.name for r in routes(registry).values() if r.csrf_exempt)
    assert exempt == ["newsletter_unsubscribe"]


# --- default deny and the access matrix ------------------------------------------------------------------

def denied(res):
    return res.status_int in (403, 404) or res.status_int == 302 and "/login" in res.location


def test_default_deny_and_every_denial_changes_nothing(app, registry, site):
    """Hypothesis draws a person (each role, or a member of the network who owns nothing), an address the
    secretariat reaches (pages, drafts, the control panel, forms) and a verb. A request the portal denies
    commits no write; a view that asks for anything but `view` or `account` is denied to visitors, and
    the control panel (`manage`) to everyone but the secretariat."""
    all_routes = routes(registry)
    admin = browser_as(app, "secretariat", "192.0.2.30")
    addresses, _statuses, _ = crawl(admin, registry, site)
    targets = sorted({(a.url, a.route, a.method) for a in addresses
                      if a.route not in ("logout",) and not a.route.startswith("login")})
    fields = {(a.url, a.method): a.fields for a in addresses}
    people = {role: browser_as(app, role, f"192.0.2.{40 + n}") for n, role in enumerate(ROLES) if role != "secretariat"}
    tried = {"requests": 0, "denials": 0}

    with WriteWatch(registry["engine"]) as watch:
        @hypothesis_settings(max_examples=250, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))
        @given(role=st.sampled_from(sorted(people)), target=st.sampled_from(targets),
               verb=st.sampled_from(["GET", "HEAD", "POST"]))
        def one_request(role, target, verb):
            url, route, method = target
            browser = people[role]
            watch.take()
            if verb == "POST":
                res = browser.post(url, dict(fields.get((url, method), {}), csrf_token=csrf(browser)), status="*")
            else:
                res = browser.request(url, method=verb, status="*")
            writes = watch.take(BOOKKEEPING)
            tried["requests"] += 1
            assert res.status_int < 500, (role, verb, url, res.status_int)
            permissions = all_routes[route].permissions
            if role == "anonymous" and permissions and not permissions & {"view", None}:
                assert denied(res), (role, verb, url, res.status_int)
            if permissions == {"manage"} and role != "secretariat":
                assert denied(res), (role, verb, url, res.status_int)
            if denied(res):
                tried["denials"] += 1
                assert writes == [], (role, verb, url, writes)
        one_request()
    print("access matrix:", tried, "targets", len(targets))
    assert tried["denials"] > 50


def test_the_watch_sees_a_committed_write_and_not_a_rolled_back_one(registry, db):
    """The classes above rely on WriteWatch: it must see what stays and only that."""
    from portal.models import Group
    with WriteWatch(registry["engine"]) as watch:
        with db() as s:
            s.add(Group(name="kept", title="Kept"))
        assert ("INSERT", "groups") in watch.take()
        for executed in (False, True):
            try:
                with db() as s:
                    s.add(Group(name="dropped", title="Dropped"))
                    s.flush()
                    raise RuntimeError
            except RuntimeError:
                pass
            assert watch.take(executed=executed) == ([("INSERT", "groups")] if executed else [])
