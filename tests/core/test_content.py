"""Pages, sections and news: rich text, files, workflow, revisions, translations, feeds and exports."""
import csv
import io
import struct
import zlib

import pytest

from portal.models import News, Page, Revision, Section, WorkflowLog, utcnow
from portal.testing import csrf, login, text_of


def png_bytes(width=2, height=2):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def editor(testapp, make_user):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")


def add(testapp, kind, title, body="<p>Body</p>", **fields):
    form = testapp.get(f"/{kind}/add").forms["deform"]
    form["title"], form["body"] = title, body
    for key, value in fields.items():
        form[key] = value
    return form.submit("save", status=302).follow()


def transition(testapp, url, name, status=302, comment=""):
    return testapp.post(f"{url}/transition", {"transition": name, "comment": comment,
                                              "csrf_token": csrf(testapp)}, status=status)


def test_rich_text_is_sanitised_and_titles_escaped(testapp, editor, db):
    title = "Budget <script>alert(1)</script> & Co " + "x" * 260
    res = add(testapp, "news", title, body='<p onclick="evil()">Hi <a href="javascript:x()">link</a>'
                                             '<img src="/x.png" onerror="evil()"><strong>ok</strong></p><script>bad()</script>')
    assert "<script>alert(1)" not in res.text
    assert "Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in res.text
    with db() as s:
        item = s.query(News).one()
        assert item.title == title  # kept intact, escaped only when shown
        assert "onclick" not in item.body and "javascript:" not in item.body and "<script" not in item.body
        assert "onerror" not in item.body and "<strong>ok</strong>" in item.body


def test_invalid_form_keeps_what_was_typed(testapp, editor):
    form = testapp.get("/news/add").forms["deform"]
    form["title"] = ""
    form["description"] = "My long summary I do not want to type again"
    form["body"] = "<p>Three paragraphs of careful writing</p>"
    res = form.submit("save", status=400)
    assert "Required" in res.text
    assert "My long summary I do not want to type again" in res.text
    assert "Three paragraphs of careful writing" in res.text
    res = testapp.get("/news/add", {"_LOCALE_": "fr"}).forms["deform"].submit("save", status=400)
    assert "Requis" in res.text


def test_workflow_guarded_by_permission_and_logged(testapp, make_user, db):
    make_user("member@example.org", role="member")
    make_user("editor@example.org", role="editor")
    with db() as s:
        member_id = s.query(__import__("portal.models", fromlist=["User"]).User).filter_by(email="member@example.org").one().id
        item = News(title="Member's news", language="en", state="draft", creator_id=member_id)
        s.add(item)
        s.flush()
        url = f"/news/{item.id}"
    login(testapp, "member@example.org")
    transition(testapp, url, "publish", status=403)
    page = transition(testapp, url, "submit").follow()
    assert "Sent to the secretariat for review." in text_of(page.html.select_one(".flash").decode())  # says what happens
    assert "Pending review" in testapp.get(url).text
    testapp.get(f"{url}/edit", status=200)
    transition(testapp, url, "archive", status=400)  # not possible from pending
    testapp.post("/logout", {"csrf_token": csrf(testapp)})
    login(testapp, "editor@example.org")
    page = transition(testapp, url, "publish", comment="Looks good").follow()
    assert "Published: everyone can read it now." in text_of(page.html.select_one(".flash").decode())
    with db() as s:
        log = s.query(WorkflowLog).order_by(WorkflowLog.id).all()
        assert [(e.from_state, e.to_state) for e in log] == [("draft", "pending"), ("pending", "published")]
        assert log[1].comment == "Looks good" and log[1].actor.email == "editor@example.org"
        assert s.get(News, int(url.rsplit("/", 1)[1])).published is not None
    history = testapp.get(f"{url}/history")
    assert "Looks good" in history.text


def test_every_edit_keeps_a_revision_that_can_be_compared_and_restored(testapp, editor, db):
    res = add(testapp, "pages", "Handbook", body="<p>First version of the handbook</p>")
    url = res.request.path
    for n in (2, 3):
        form = testapp.get(f"{url}/edit").forms["deform"]
        form["body"] = f"<p>Version {n} of the handbook</p>"
        form.submit("save", status=302)
    with db() as s:
        assert [r.number for r in s.query(Revision).order_by(Revision.number)] == [1, 2, 3]
    diff = testapp.get(f"{url}/history", {"a": "1", "b": "3"})
    assert "First version of the handbook" in diff.text and "Version 3 of the handbook" in diff.text
    assert "<del>" in diff.text and "<ins>" in diff.text
    testapp.get(f"{url}/history", {"a": "1", "b": "99"}, status=404)
    testapp.post(f"{url}/restore", {"revision": "1", "csrf_token": csrf(testapp)}, status=302)
    assert "First version of the handbook" in testapp.get(url).text
    with db() as s:
        revisions = s.query(Revision).order_by(Revision.number).all()
        assert len(revisions) == 4 and revisions[-1].data["body"] == revisions[0].data["body"]


BODY = "<p>The network meets twice a year.</p><p>Its secretariat is in Montevideo.</p>"


def test_an_edit_form_of_a_type_that_merges_keeps_both_or_names_the_clash(app, registry, editor, testapp, monkeypatch,
                                                                         db):
    import webtest
    monkeypatch.setattr(registry.portal.content_types["page"], "merge", True)
    url = add(testapp, "pages", "Charter", body=BODY).request.path
    other = webtest.TestApp(app, extra_environ={"HTTP_HOST": "portal.test", "REMOTE_ADDR": "192.0.2.11"})
    login(other, "editor@example.org")
    mine, theirs = testapp.get(f"{url}/edit").forms["deform"], other.get(f"{url}/edit").forms["deform"]
    assert mine["base_revision"].value == "1"
    theirs["body"] = BODY.replace("Montevideo", "Quito")
    theirs.submit("save", status=302)
    mine["body"] = BODY.replace("twice a year", "every spring")
    text = text_of(mine.submit("save", status=302).follow().text)
    assert "others saved this item (revision 2)" in text and "both were kept" in text
    assert "every spring" in text and "Quito" in text
    # now both change the same sentence: nothing is written, the form comes back with my text
    mine, theirs = testapp.get(f"{url}/edit").forms["deform"], other.get(f"{url}/edit").forms["deform"]
    theirs["body"] = BODY.replace("twice a year", "every autumn").replace("Montevideo", "Quito")
    theirs.submit("save", status=302)
    mine["body"] = BODY.replace("twice a year", "every winter").replace("Montevideo", "Quito")
    refused = mine.submit("save", status=409)
    assert "others changed the same passages (body)" in text_of(refused.text)
    form = refused.forms["deform"]
    assert "every winter" in form["body"].value and form["base_revision"].value == "4"
    with db() as s:
        page = s.get(Page, int(url.rsplit("/", 1)[1]))
        assert "every autumn" in page.body and "every winter" not in page.body
        assert s.query(Revision).filter_by(content_id=page.id).count() == 4


def test_sections_contain_pages(testapp, editor):
    section = add(testapp, "sections", "How we work")
    section_url = section.request.path
    section_id = int(section_url.rsplit("/", 1)[1])
    form = testapp.get("/pages/add", {"parent_id": section_id}).forms["deform"]
    assert form["parent_id"].value == str(section_id)
    form["title"], form["body"] = "Working groups", "<p>x</p>"
    page = form.submit("save").follow()
    assert "How we work" in page.text  # breadcrumbs
    assert "Working groups" in testapp.get(section_url).text


def test_translations_link_to_each_other(testapp, editor):
    en = add(testapp, "news", "Open call", language="en")
    en_id = en.request.path.rsplit("/", 1)[1]
    es = add(testapp, "news", "Convocatoria abierta", language="es", translation_of=en_id)
    assert 'hreflang="en"' in es.text and "Open call" in es.text
    assert "Convocatoria abierta" in testapp.get(en.request.path).text


def upload(testapp, url, name, data, title=""):
    return testapp.post(f"/content/{url.rsplit('/', 1)[1]}/files",
                        {"csrf_token": csrf(testapp), "title": title}, upload_files=[("file", name, data)],
                        expect_errors=True)


def test_images_and_attachments(testapp, editor, registry):
    url = add(testapp, "news", "With files").request.path
    assert upload(testapp, url, "photo.png", png_bytes(), "Assembly").status_int == 302
    assert upload(testapp, url, "report.pdf", b"%PDF-1.4\n1 0 obj\n").status_int == 302
    page = testapp.get(url)
    img = page.html.select_one("figure img")
    assert img["alt"] == "Assembly"
    shown = testapp.get(img["src"])
    assert shown.content_type == "image/png" and shown.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in shown.headers.get("Content-Disposition", "")
    link = page.html.select_one(".attachments a")["href"]
    pdf = testapp.get(link)
    assert pdf.content_type == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment;")
    # the files of a draft are as private as the draft
    anonymous = type(testapp)(testapp.app, extra_environ=testapp.extra_environ)
    anonymous.get(link, status=404)
    transition(testapp, url, "publish")
    assert anonymous.get(link).body.startswith(b"%PDF")


def test_uploads_are_capped_and_sniffed(testapp, editor):
    url = add(testapp, "news", "Files").request.path
    res = upload(testapp, url, "big.png", png_bytes() + b"\0" * (1024 * 1024 + 1))
    assert res.status_int == 413 and "larger than 1 MB" in res.text
    res = upload(testapp, url, "evil.png", b"<html><script>alert(1)</script></html>")
    assert res.status_int == 415 and "not accepted" in res.text
    res = upload(testapp, url, "run.pdf", b"MZ\x90\x00 windows executable")
    assert res.status_int == 415
    res = upload(testapp, url, "notes.csv", "city,country\nDakar,SN\n".encode())
    assert res.status_int == 302
    assert text_of(testapp.get(url).text).count("notes.csv") >= 1


def test_deleting_an_item_removes_its_files(testapp, editor, registry, db):
    from pathlib import Path
    url = add(testapp, "news", "To delete").request.path
    upload(testapp, url, "photo.png", png_bytes())
    stored = list(Path(registry.settings["files.dir"]).rglob("*.png"))
    assert len(stored) == 1
    testapp.get(f"{url}/delete").forms["delete-form"].submit("delete", status=302)
    assert not stored[0].exists()


def test_news_feed_and_exports(testapp, db):
    with db() as s:
        s.add(News(title="Plenary & meeting", description="Summary <1>", language="en", state="published",
                   published=utcnow()))
        s.add(News(title="Hidden draft", language="en", state="draft"))
    feed = testapp.get("/news/feed.atom")
    assert feed.content_type == "application/atom+xml"
    assert "<title>Plenary &amp; meeting</title>" in feed.text and "Hidden draft" not in feed.text
    import xml.dom.minidom
    xml.dom.minidom.parseString(feed.body)  # well-formed
    data = testapp.get("/export/news.json").json
    assert [row["title"] for row in data] == ["Plenary & meeting"]
    rows = list(csv.DictReader(io.StringIO(testapp.get("/export/news.csv").text)))
    assert rows[0]["title"] == "Plenary & meeting" and rows[0]["summary"] == "Summary <1>"
    testapp.get("/export/nothing.json", status=404)
    testapp.get("/export/news.xml", status=404)


def test_listing_shows_published_items_to_visitors(testapp, db):
    with db() as s:
        s.add(Page(title="Public page", language="en", state="published", published=utcnow()))
        s.add(Page(title="Draft page", language="en", state="draft"))
        s.add(Section(title="Archived section", language="en", state="archived", published=utcnow()))
    res = testapp.get("/pages")
    assert "Public page" in res.text and "Draft page" not in res.text
    assert "Archived section" not in testapp.get("/sections").text
    testapp.get("/pages", {"page": "x"}, status=400)


def test_the_home_page_shows_each_news_item_once_in_the_readers_language(app, db):
    from portal.models import News, utcnow
    from portal.testing import client
    with db() as s:
        english = News(title="Plenary approves the work plan", language="en", state="published", published=utcnow())
        s.add(english)
        s.flush()
        s.add(News(title="La plenaria aprueba el plan de trabajo", language="es", state="published",
                   published=utcnow(), translation_group=english.translation_group))
        s.add(News(title="Only in English", language="en", state="published", published=utcnow()))
    def titles(language):
        page = client(app, "192.0.2.30").get("/", params={"_LOCALE_": language})
        return sorted(a.get_text() for a in page.html.select("section.latest h3 a"))
    assert titles("es") == ["La plenaria aprueba el plan de trabajo", "Only in English"]
    assert titles("fr") == ["Only in English", "Plenary approves the work plan"]
