"""The rich-text editor in chromium, under the site's CSP: formatting typed with the toolbar and the
keyboard is saved as HTML and shown; links are picked from a search of the portal; images come from
the item's files with their alternative text; a wiki link round-trips as [[Title]]; pasted Word HTML
is tidied; axe-core finds nothing serious, on a desktop and on a phone."""
import os
import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from browser_steps import html_field, log_in, page_problems

from ..core.test_content import png_bytes

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: save screenshots of the editor there


@pytest.fixture
def editor_user(make_user, db):
    from portal.models import News, utcnow
    make_user("eve@example.org", role="editor", name="Eve Editor")
    with db() as s:
        news = News(title="Participatory budgeting in Rosario", body="<p>Assemblies.</p>", language="en",
                    state="published", published=utcnow())
        s.add(news)
        s.flush()
        return {"news": news.id}


def watch_console(tab):
    errors = []
    # "Failed to load resource" is the browser's own /favicon.ico; the pages' requests are watched below
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error"
           and not m.text.startswith("Failed to load resource") else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def surface(tab, label="Text"):
    return tab.get_by_role("textbox", name=label, exact=True)


def toolbar(tab):
    return tab.get_by_role("toolbar", name="Formatting")


def test_bold_list_and_a_picked_link_are_saved_as_html_and_shown(page, live_server, editor_user, db):
    errors = watch_console(page)
    log_in(page, live_server, "eve@example.org", "Eve Editor")
    page.goto(live_server + "/news/add")
    page.get_by_label("Title", exact=True).fill("Budgets of the year")
    text = surface(page)
    text.click()
    page.keyboard.type("Cities ")
    page.keyboard.press("Control+b")
    page.keyboard.type("decide together")
    expect(toolbar(page).get_by_role("button", name="Bold")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    toolbar(page).get_by_role("button", name="Bulleted list").click()
    # the button gives the focus back to the text once the list is made: type only then (a loaded
    # machine otherwise sends the first keys to the button)
    expect(text.locator("ul li")).to_have_count(1)
    expect(text).to_be_focused()
    page.keyboard.type("first assembly")
    page.keyboard.press("Enter")
    page.keyboard.type("second assembly")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Read about ")
    toolbar(page).get_by_role("button", name="Link").click()
    dialog = page.get_by_role("dialog", name="Link")
    dialog.get_by_label("Address, or words to find a page of the portal").fill("Rosario")
    dialog.get_by_role("button", name=re.compile("Participatory budgeting in Rosario")).click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budgets of the year")
    body = page.locator("main .body")
    expect(body.locator("strong")).to_have_text("decide together")
    expect(body.locator("ul li")).to_have_count(2)
    link = body.get_by_role("link", name="Participatory budgeting in Rosario")
    expect(link).to_have_attribute("href", f"/news/{editor_user['news']}")
    from portal.models import News
    with db() as s:
        stored = s.query(News).filter_by(title="Budgets of the year").one().body
    assert "<p>Cities <strong>decide together</strong>.</p>" in stored
    assert re.search(r"<ul><li><p>first assembly</p></li><li><p>second assembly</p></li></ul>", stored)
    assert f'<a href="/news/{editor_user["news"]}" rel="noopener noreferrer">Participatory budgeting in Rosario</a>' in stored
    assert errors == []  # nothing refused by the CSP, no script error


def test_the_toolbar_works_from_the_keyboard_alone(page, live_server, editor_user):
    log_in(page, live_server, "eve@example.org", "Eve Editor")
    page.goto(live_server + "/news/add")
    text = surface(page)
    text.focus()
    page.keyboard.type("Open budgets")
    page.keyboard.press("Control+a")
    page.keyboard.press("Alt+F10")  # to the toolbar
    bold = toolbar(page).get_by_role("button", name="Bold")
    expect(bold).to_be_focused()
    page.keyboard.press("ArrowRight")
    italic = toolbar(page).get_by_role("button", name="Italic")
    expect(italic).to_be_focused()
    page.keyboard.press("Enter")
    expect(italic).to_have_attribute("aria-pressed", "true")
    expect(text.locator("em")).to_have_text("Open budgets")
    page.keyboard.press("Escape")  # back to the text
    expect(text).to_be_focused()
    # one Tab stop for the whole toolbar: Shift+Tab from the text reaches the italic button again
    page.keyboard.press("Shift+Tab")
    expect(italic).to_be_focused()
    assert html_field(page, "Text").input_value() == "<p><em>Open budgets</em></p>"


def test_images_come_from_the_items_files_with_their_alternative_text(page, live_server, editor_user, db):
    from portal.models import File, News
    log_in(page, live_server, "eve@example.org", "Eve Editor")
    news_id = editor_user["news"]
    page.goto(f"{live_server}/news/{news_id}")
    # upload through the item's files form, as an editor does
    page.locator("input[type=file]").first.set_input_files(files=[{"name": "square.png", "mimeType": "image/png",
                                                                   "buffer": png_bytes(8, 8)}])
    form = page.locator("form", has=page.locator("input[type=file]")).first
    form.get_by_label(re.compile("title|Caption", re.I)).first.fill("The main square")
    form.get_by_role("button").last.click()
    expect(page.locator("figure img[alt='The main square']")).to_be_visible()
    with db() as s:
        assert s.query(File).filter_by(content_id=news_id).count() == 1
    page.goto(f"{live_server}/news/{news_id}/edit")
    surface(page).click()
    page.keyboard.press("Control+End")
    toolbar(page).get_by_role("button", name="Image from this item's files").click()
    dialog = page.get_by_role("dialog", name="Image")
    expect(dialog.get_by_role("radio", name="The main square")).to_be_checked()
    dialog.get_by_role("button", name="Insert").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Write the alternative text")
    dialog.get_by_label("Alternative text").fill("Residents voting in the main square")
    dialog.get_by_role("button", name="Insert").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("img", name="Residents voting in the main square")).to_be_visible()
    with db() as s:
        assert re.search(r'<img src="/files/\d+/square.png" alt="Residents voting in the main square"',
                         s.get(News, news_id).body)


def test_a_wiki_link_round_trips_as_written(page, live_server, make_user, db):
    from portal.models import User
    from plugins.working_groups import services
    make_user("luiza@example.org", role="member", name="Luiza Martins")
    with db() as s:
        luiza = s.query(User).filter_by(email="luiza@example.org").one()
        group = services.create_group(s, "Observatories", "<p>Together.</p>", "public", luiza)
        s.flush()
        charter = services.create_page(s, group, "Charter", "<p>The charter.</p>", luiza)
        s.flush()
        gid, cid = group.id, charter.id
    log_in(page, live_server, "luiza@example.org", "Luiza Martins")
    page.goto(f"{live_server}/groups/{gid}/pages/add")
    page.get_by_label("Title", exact=True).fill("Indicators")
    surface(page).click()
    page.keyboard.type("Computed as the [[Charter]] says.")
    page.get_by_role("button", name="Save").click()
    link = page.locator("article .body").get_by_role("link", name="Charter")
    expect(link).to_have_attribute("href", f"/groups/pages/{cid}")
    page.locator("main").get_by_role("link", name="Edit", exact=True).click()
    text = surface(page)
    expect(text).to_have_text("Computed as the [[Charter]] says.")
    expect(text.locator("a")).to_have_count(0)  # the text as written, not a link's source
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Yearly.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("article .body")).to_contain_text("says. Yearly.")
    expect(page.locator("article .body").get_by_role("link", name="Charter")).to_have_attribute("href", f"/groups/pages/{cid}")


def test_pasted_word_html_is_tidied(page, live_server, editor_user):
    log_in(page, live_server, "eve@example.org", "Eve Editor")
    page.goto(live_server + "/news/add")
    surface(page).click()
    word = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{color:red}</style>'
            '</head><body><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->'
            '<h1 class="MsoTitle">Report</h1><p class="MsoNormal" style="margin:0">Budget '
            '<span style="font-weight:bold">approved</span><o:p></o:p></p>'
            '<p><a href="javascript:alert(1)">click</a><script>alert(2)</script></p>'
            '<table class="MsoTable"><tr><td style="border:1px">2026</td></tr></table></body></html>')
    page.evaluate("""(html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', 'Report');
        document.querySelector('.rte-content').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", word)
    value = html_field(page, "Text").input_value()
    assert "<h2>Report</h2>" in value and "Budget <strong>approved</strong>" in value
    assert "<td><p>2026</p></td>" in value or "<td>2026</td>" in value
    for gone in ("style", "class=", "script", "javascript:", "o:p", "mso"):
        assert gone not in value
    assert "click" in value  # the text of the refused link is kept


def test_the_editor_passes_axe_on_a_desktop_and_a_phone(new_page, live_server, editor_user, axe_source):
    tab = new_page(bypass_csp=True)
    log_in(tab, live_server, "eve@example.org", "Eve Editor")
    tab.goto(live_server + "/news/add")
    expect(toolbar(tab)).to_be_visible()
    tab.add_script_tag(content=axe_source)
    problems = page_problems(tab, "the add form with the editor")
    tab.set_viewport_size({"width": 1280, "height": 900})
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / "editor-1280.png"), full_page=True)
    surface(tab).click()
    toolbar(tab).get_by_role("button", name="Link").click()
    expect(tab.get_by_role("dialog", name="Link")).to_be_visible()
    problems += page_problems(tab, "the link dialog")
    if SHOTS:
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.screenshot(path=str(Path(SHOTS) / "editor-link-390.png"))
    tab.keyboard.press("Escape")
    if SHOTS:
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.screenshot(path=str(Path(SHOTS) / "editor-390.png"), full_page=True)
    assert not problems, "\n".join(problems)
