"""The rich-text fields' editor on the server side: the textarea it enhances (and that works alone,
without JavaScript), the labels it gets in the reader's language, the images of the item it offers,
and the link search that respects what each user may read."""
import json

import pytest

from portal.models import News
from portal.testing import login

from .test_content import add, png_bytes, transition, upload


@pytest.fixture
def editor(testapp, make_user):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")


def richtext(res, name="body"):
    return res.html.select_one(f"textarea[name={name}]")


def test_the_field_is_a_textarea_the_editor_enhances_with_translated_labels(testapp, editor):
    page = testapp.get("/news/add")
    area = richtext(page)
    labels = json.loads(area["data-richtext"])
    assert labels["bold"] == "Bold" and labels["alt_required"].startswith("Write the alternative text")
    assert area["data-links-url"] == "/editor/links.json"
    assert json.loads(area["data-images"]) == []  # nothing uploaded on an add form
    scripts = [s["src"] for s in page.html.select("script[src]")]
    assert any("/editor/editor.js" in s for s in scripts)
    assert any("/editor/editor.css" in link["href"] for link in page.html.select("link[rel=stylesheet]"))
    assert not page.html.select("script:not([src])")  # the CSP allows no inline script
    french = json.loads(richtext(testapp.get("/news/add", {"_LOCALE_": "fr"}))["data-richtext"])
    assert french["bold"] == "Gras" and french["link"] == "Lien"
    # a page without a rich-text field does not load the editor
    assert "/editor/editor.js" not in testapp.get("/account").text


def test_the_bundle_is_served_from_static_with_its_licences(testapp):
    script = testapp.get("/static/editor/editor.js")
    assert script.content_type in ("application/javascript", "text/javascript") and b"ProseMirror" in script.body
    assert b"prosemirror-view" in testapp.get("/static/editor/LICENSES.txt").body


def test_without_javascript_the_textarea_is_submitted_and_cleaned(testapp, editor, db):
    html = ("<h2>Results</h2><p><strong>Bold</strong> and <em>italic</em>, <a href=\"/news\">a link</a></p>"
            "<ul><li>one</li></ul><blockquote><p>quoted</p></blockquote>"
            "<table><tbody><tr><th>Year</th><td>2026</td></tr></tbody></table>"
            "<p style=\"color:red\" onclick=\"x()\">styled</p><script>bad()</script>")
    res = add(testapp, "news", "Without JavaScript", body=html)
    with db() as s:
        body = s.query(News).one().body
    for kept in ("<h2>Results</h2>", "<strong>Bold</strong>", "<em>italic</em>", "<ul><li>one</li></ul>",
                 "<blockquote><p>quoted</p></blockquote>", "<th>Year</th><td>2026</td>", ">a link</a>"):
        assert kept in body
    assert "style=" not in body and "onclick" not in body and "<script" not in body and "styled" in body
    assert "<strong>Bold</strong>" in res.text


def test_the_edit_form_offers_the_items_images(testapp, editor):
    url = add(testapp, "news", "With a photo").request.path
    upload(testapp, url, "photo.png", png_bytes(), "Assembly in the square")
    upload(testapp, url, "report.pdf", b"%PDF-1.4\n1 0 obj\n")
    images = json.loads(richtext(testapp.get(f"{url}/edit"))["data-images"])
    assert [i["title"] for i in images] == ["Assembly in the square"]  # the PDF is no image
    assert testapp.get(images[0]["url"]).content_type == "image/png"


def test_the_link_search_finds_what_the_search_shows_the_user(testapp, editor, app):
    published = add(testapp, "news", "Participatory budgeting in Rosario").request.path
    transition(testapp, published, "publish")
    add(testapp, "news", "Participatory budgeting draft notes")
    found = testapp.get("/editor/links.json", {"q": "participatory budgeting"}).json["results"]
    assert found == [{"title": "Participatory budgeting in Rosario", "url": published, "type": "News item"}]
    anonymous = type(testapp)(app)
    found = anonymous.get("/editor/links.json", {"q": "participatory budgeting"}).json["results"]
    assert found == [{"title": "Participatory budgeting in Rosario", "url": published, "type": "News item"}]
    assert anonymous.get("/editor/links.json").json == {"results": []}
    assert "no-store" in anonymous.get("/editor/links.json", {"q": "x"}).headers["Cache-Control"]


def test_a_wiki_link_comes_back_as_written_in_the_edit_form(testapp, make_user, db):
    from portal.models import User
    from plugins.working_groups import services
    from plugins.working_groups.models import WorkingGroup
    make_user("ana@example.org", role="member", name="Ana")
    with db() as s:
        ana = s.query(User).filter_by(email="ana@example.org").one()
        group = services.create_group(s, "Observatories", "<p>Together.</p>", "public", ana)
        s.flush()
        charter = services.create_page(s, s.get(WorkingGroup, group.id), "Charter", "<p>x</p>", ana)
        s.flush()
        gid, cid = group.id, charter.id
    login(testapp, "ana@example.org")
    form = testapp.get(f"/groups/{gid}/pages/add").forms["deform"]
    form["title"], form["body"] = "Indicators", "<p>See the [[Charter]] and [[No such page]].</p>"
    res = form.submit("save", status=302).follow()
    assert f'<a href="/groups/pages/{cid}" rel="noopener noreferrer">Charter</a>' in res.text
    edit = res.click("Edit", index=0)
    assert edit.forms["deform"]["body"].value == "<p>See the [[Charter]] and [[No such page]].</p>"
    # saved again unchanged, it is the same page
    edit.forms["deform"].submit("save", status=302)
    again = testapp.get(res.request.path)
    assert f'<a href="/groups/pages/{cid}" rel="noopener noreferrer">Charter</a>' in again.text
