"""The newsletter in a browser: the secretariat composes an issue, previews it, sends a test, then
sends it and watches the progress; a visitor subscribes. Every page type of the plugin passes
axe-core (desktop and phone width, no sideways scrolling) and the HTML5 validator."""
import email
import email.policy
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from portal.mail import deliver_pending
from portal.models import News, utcnow

from plugins.newsletter.models import Issue, IssueItem, IssueVersion, Subscriber
from browser_steps import html_field, html_problems, log_in

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def site(db, make_user):
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat", password=PASSWORD)
    with db() as s:
        for title in ("Rosario votes its neighbourhood budget", "Dakar opens a youth council"):
            s.add(News(title=title, description="What the city did and learned.", body="<p>x</p>", language="en",
                       state="published", published=utcnow() - timedelta(days=2)))
        for i, lang in enumerate(("en", "fr")):
            s.add(Subscriber(email=f"reader{i}@example.org", language=lang, status="subscribed", confirmed=utcnow()))
    return {"secretariat": "sam@example.org"}


def deliver_all(registry, settings):
    """Run the outbox worker until it has nothing left, as `portal mail-worker` does: the pass after the
    last message marks the issue sent."""
    while True:
        done = deliver_pending(registry["dbsession_factory"], settings, registry=registry)
        if not done.more and done == (0, 0):
            return


def smtp(registry, port):
    return {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": str(port)}


def test_compose_preview_test_and_send_an_issue(new_page, live_server, site, registry, smtp_server, db):
    page = new_page()
    log_in(page, live_server, site["secretariat"], "Sam Secretariat")
    page.goto(live_server + "/manage")
    page.get_by_role("link", name="Newsletter").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter")
    page.get_by_role("link", name="Compose a new issue").click()

    # 1. name and audience
    form = page.locator("main form#deform")
    form.get_by_label("Name of the issue").fill("December 2026")
    form.get_by_label("Default language").select_option("en")
    form.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".flash")).to_contain_text("saved as a draft")
    # 2. items
    expect(page.get_by_role("heading", level=2)).to_have_text("Items")
    page.get_by_label("Rosario votes its neighbourhood budget", exact=False).check()
    page.get_by_role("button", name="Save and continue").click()
    # 3. editorial
    expect(page.get_by_role("heading", level=2)).to_have_text("Editorial")
    page.get_by_label("Subject (English)").fill("The network in December")
    html_field(page, "Editorial (English)").fill("<p>A year of <strong>open budgets</strong>.</p>")
    page.get_by_role("button", name="Save and continue").click()
    # 4. check and send
    expect(page.get_by_role("heading", level=2)).to_have_text("Check and send")
    issue_url = page.url

    # the preview shows the mail as a subscriber reads it
    page.locator("main").get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The network in December")  # default version
    expect(page.get_by_role("link", name="Rosario votes its neighbourhood budget")).to_be_visible()
    page.goto(issue_url)

    page.get_by_label("Send a test to").fill("sam@example.org")
    page.get_by_role("button", name="Send a test").click()
    expect(page.locator(".flash")).to_contain_text("A test was sent to sam@example.org")
    page.get_by_role("button", name="Send now…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send “December 2026” now?")
    page.get_by_role("button", name="Send now to 2 subscribers").click()
    expect(page.locator(".flash")).to_contain_text("Sending started to 2 subscribers")
    expect(page.locator("[data-progress=pending]")).to_have_text("2")

    deliver_all(registry, smtp(registry, smtp_server.port))
    page.reload()
    expect(page.locator("[data-progress=sent]")).to_have_text("2")
    expect(page.locator("[data-progress=pending]")).to_have_text("0")
    expect(page.get_by_role("button", name="Send now…")).to_have_count(0)  # sent: no second campaign
    expect(page.locator("#delivery")).to_contain_text("Sent on")
    got = {e.rcpt_tos[0]: email.message_from_bytes(e.content, policy=email.policy.default)
           for e in smtp_server.messages}
    assert set(got) == {"sam@example.org", "reader0@example.org", "reader1@example.org"}
    assert got["sam@example.org"]["Subject"] == "[Test] The network in December"
    assert got["reader1@example.org"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # the web version is public
    visitor = new_page()
    visitor.goto(live_server + "/newsletter/archive")
    visitor.get_by_role("link", name="The network in December").click()
    expect(visitor.locator("main")).to_contain_text("A year of open budgets")


def draft_issue(db):
    with db() as s:
        issue = Issue(title="December 2026", default_language="en")
        issue.versions.append(IssueVersion(language="en", subject="The network in December", editorial=""))
        s.add(issue)
        s.flush()
        return issue.id


def test_the_editorial_tabs_work_without_javascript(new_page, live_server, site, db):
    issue_id = draft_issue(db)
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, site["secretariat"], "Sam Secretariat")
    page.goto(f"{live_server}/manage/newsletter/issues/{issue_id}/editorial")
    english, spanish = page.locator("#item-lang-en"), page.locator("#item-lang-es")
    expect(english).to_be_visible()
    expect(spanish).to_be_hidden()
    page.locator(".tab-list").get_by_role("link", name="Español").click()  # CSS :target, no script
    expect(spanish).to_be_visible()
    expect(english).to_be_hidden()
    page.get_by_label("Subject (Español)").fill("La red en diciembre")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Changes saved")
    with db() as s:
        assert {v.language: v.subject for v in s.get(Issue, issue_id).versions} == {
            "en": "The network in December", "es": "La red en diciembre"}


def test_the_editorial_tabs_are_aria_tabs_with_javascript(new_page, live_server, site, db):
    issue_id = draft_issue(db)
    page = new_page()
    log_in(page, live_server, site["secretariat"], "Sam Secretariat")
    page.goto(f"{live_server}/manage/newsletter/issues/{issue_id}/editorial")
    english = page.get_by_role("tab", name="English")
    expect(english).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_have_count(1)  # the others are hidden
    english.focus()
    page.keyboard.press("ArrowRight")
    spanish = page.get_by_role("tab", name="Español")
    expect(spanish).to_be_focused()
    expect(spanish).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Subject (Español)")).to_be_visible()
    expect(page.get_by_label("Subject (English)")).to_be_hidden()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Português")).to_be_focused()


def test_the_progress_follows_the_sending_without_reloading_the_page(new_page, live_server, site, db, registry):
    from plugins.newsletter.campaign import start_campaign
    issue_id = draft_issue(db)
    with db() as s:
        start_campaign(s, s.get(Issue, issue_id))
    page = new_page()
    log_in(page, live_server, site["secretariat"], "Sam Secretariat")
    page.goto(f"{live_server}/manage/newsletter/issues/{issue_id}")
    progress = page.locator("#delivery progress")
    expect(progress).to_have_attribute("value", "0")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    deliver_all(registry, registry.settings)
    expect(progress).to_have_attribute("value", "2", timeout=20_000)  # newsletter.js fetched it again
    expect(page.locator("#delivery")).to_have_attribute("data-status", "sent")
    expect(page.locator("#delivery")).to_contain_text("Sent on")
    assert page.evaluate("() => window.stillTheSamePage") is True  # no reload: nothing lost, focus kept


def test_a_visitor_subscribes_on_a_phone(new_page, live_server, site, db):
    page = new_page({"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(live_server + "/newsletter")
    page.get_by_label("Email").fill("ana@example")  # the browser lets it through; the server does not
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator("main")).to_contain_text("Enter a valid e-mail address")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Europe").check()
    page.get_by_label("I agree to receive", exact=False).check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    with db() as s:
        assert s.scalar(select(Subscriber.status).where(Subscriber.email == "ana@example.org")) == "pending"


# --- accessibility and validity of every page type --------------------------------------------------

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SIDEWAYS = """() => document.documentElement.scrollWidth > document.documentElement.clientWidth
    ? document.documentElement.scrollWidth - document.documentElement.clientWidth : null"""


def arrange(db, registry):
    from plugins.newsletter.campaign import start_campaign
    from plugins.newsletter.models import new_token, token_hash
    with db() as s:
        sub = s.scalar(select(Subscriber).where(Subscriber.email == "reader0@example.org"))
        pending = Subscriber(email="pending@example.org", status="pending")
        confirm_token = new_token()
        pending.confirm_hash, pending.confirm_expires = token_hash(confirm_token), utcnow() + timedelta(days=1)
        s.add(pending)
        issue = Issue(title="November 2026", default_language="en", base_url="http://portal.test")
        issue.versions.append(IssueVersion(language="en", subject="The network in November",
                                           editorial="<p>News of the cities.</p>"))
        draft = Issue(title="December 2026", default_language="en")
        draft.versions.append(IssueVersion(language="en", subject="The network in December", editorial=""))
        sent = Issue(title="October 2026", default_language="en", base_url="http://portal.test")
        sent.versions.append(IssueVersion(language="en", subject="The network in October", editorial="<p>Hi</p>"))
        s.add_all([issue, draft, sent])
        s.flush()
        news = s.scalar(select(News).order_by(News.id))
        draft.items.append(IssueItem(content_id=news.id, position=0))
        start_campaign(s, sent)
        ids = {"issue": issue.id, "draft": draft.id, "sent": sent.id}
    deliver_all(registry, registry.settings)  # October is sent; November, started after, is being sent
    with db() as s:
        start_campaign(s, s.get(Issue, ids["issue"]))
        from plugins.newsletter.links import personal_token
        return {"token": personal_token(registry.settings, s.merge(sub)), "confirm": confirm_token, **ids}


def test_every_newsletter_page_is_accessible_and_valid(new_page, live_server, site, db, registry, axe_source,
                                                       validate_html, tmp_path):
    ids = arrange(db, registry)
    visitor = new_page(bypass_csp=True)
    admin = new_page(bypass_csp=True)
    log_in(admin, live_server, site["secretariat"], "Sam Secretariat")
    pages = [
        ("subscribe", visitor, "/newsletter", None),
        ("subscribe-error", visitor, "/newsletter", lambda p: (p.get_by_label("Email").fill("ana@example"),
                                                               p.get_by_role("button", name="Subscribe").click())),
        ("thanks", visitor, "/newsletter/check-your-mailbox", None),
        ("confirm", visitor, f"/newsletter/confirm/{ids['confirm']}", None),
        ("bad-link", visitor, "/newsletter/confirm/unknown", None),
        ("preferences", visitor, f"/newsletter/preferences/{ids['token']}", None),
        ("unsubscribe", visitor, f"/newsletter/unsubscribe/{ids['token']}", None),
        ("archive", visitor, "/newsletter/archive", None),
        ("issue", visitor, f"/newsletter/archive/{ids['issue']}/en", None),
        ("manage", admin, "/manage/newsletter", None),
        ("test-link", visitor, "/newsletter/unsubscribe/sample", None),
        ("issue-add", admin, "/manage/newsletter/issues/add", None),
        ("issue-details", admin, f"/manage/newsletter/issues/{ids['draft']}/details", None),
        ("issue-items", admin, f"/manage/newsletter/issues/{ids['draft']}/items", None),
        ("issue-items-error", admin, f"/manage/newsletter/issues/{ids['draft']}/items?since=soon", None),
        ("issue-editorial", admin, f"/manage/newsletter/issues/{ids['draft']}/editorial", None),
        ("issue-editorial-error", admin, f"/manage/newsletter/issues/{ids['draft']}/editorial",
         lambda p: (p.get_by_label("Subject (English)").fill(""), p.get_by_role("button", name="Save", exact=True).click())),
        ("issue-edit", admin, f"/manage/newsletter/issues/{ids['draft']}", None),
        ("issue-send", admin, f"/manage/newsletter/issues/{ids['draft']}/send?when=now", None),
        ("issue-schedule-error", admin, f"/manage/newsletter/issues/{ids['draft']}/send?when=later&send_at=x&timezone=UTC",
         None),
        ("issue-sending", admin, f"/manage/newsletter/issues/{ids['issue']}", None),
        ("issue-sent", admin, f"/manage/newsletter/issues/{ids['sent']}", None),
        ("preview", admin, f"/manage/newsletter/issues/{ids['draft']}/preview/en", None),
        ("subscribers", admin, "/manage/newsletter/subscribers", None),
        ("import", admin, "/manage/import/subscribers", None),
    ]
    problems, paths = [], []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, tab, path, then in pages:
        tab.set_viewport_size(VIEWPORTS["desktop"])
        response = tab.goto(live_server + path)
        if then is not None:
            with tab.expect_navigation() as navigation:
                then(tab)
            response = navigation.value
        html_path = tmp_path / f"{name}.html"
        html_path.write_text(response.text(), encoding="utf-8")
        paths.append(html_path)
        tab.add_script_tag(content=axe_source)
        for width, size in VIEWPORTS.items():
            tab.set_viewport_size(size)
            results = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            bad = [f"[{v['impact']}] {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                problems.append(f"axe-core on {name} at {width} width: " + "; ".join(bad))
            wide = tab.evaluate(SIDEWAYS)
            if wide:
                problems.append(f"{name} at {width} width scrolls sideways by {wide}px")
            tab.screenshot(path=str(SHOTS / f"newsletter-{name}-{width}.png"), full_page=True)
    problems += html_problems(validate_html, paths)
    assert not problems, "\n".join(problems)
