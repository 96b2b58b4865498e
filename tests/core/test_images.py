"""Images and documents inside a content form (portal.forms.media_node, on every content type's add and
edit forms): held when chosen, alternative text required, stored stripped of metadata and resized,
served with srcset, the item's cover on its page and in its Open Graph metadata."""
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from webtest import Upload

from portal.models import File, News
from portal.testing import client, csrf, login, text_of

JSON = {"Accept": "application/json"}  # as static/js/media.js asks


def photo(size=(2000, 1500), fmt="JPEG", gps=True):
    """A photo as a phone takes it: EXIF with the camera and its GPS position, a comment."""
    image = Image.new("RGB", size)
    for x in range(0, size[0], 50):  # not one colour: resizing must have something to do
        image.paste((x % 256, 90, 200 - x % 200), (x, 0, x + 50, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "SecretCam 1.0"  # Software
    if gps:
        exif[0x8825] = {1: "N", 2: (41.0, 9.0, 0.0), 3: "W", 4: (8.0, 37.0, 0.0)}  # GPSInfo: Porto
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes(), comment=b"taken at home" if fmt == "JPEG" else None)
    return out.getvalue()


@pytest.fixture
def editor(make_user, testapp):
    make_user("editor@example.org", role="editor", name="Editor")
    login(testapp, "editor@example.org")


def news_form(testapp, title="Assembly in Porto"):
    form = testapp.get("/news/add").forms["deform"]
    form["title"], form["description"], form["body"] = title, "The summary typed", "<p>The text typed</p>"
    return form


def fields_named(form, name):
    return form.fields.get(name, [])


def test_an_image_chosen_in_the_add_form_asks_for_its_alt_text_then_is_stored_stripped_and_resized(
        testapp, editor, app, db, settings):
    form = news_form(testapp)
    form["add"] = [Upload("porto.jpg", photo(), "image/jpeg")]
    page = form.submit("save", status=400)
    # nothing typed is lost, the image is held (with its preview) and its alternative text is asked for
    assert "Describe each image for those who cannot see it" in text_of(page.text) and "porto.jpg" in page.text
    form = page.forms["deform"]
    assert form["title"].value == "Assembly in Porto" and form["description"].value == "The summary typed"
    preview = page.html.select_one(".media-item img")["src"]
    assert testapp.get(preview).content_type == "image/jpeg"
    client(app, "192.0.2.77").get(preview, status=404)  # held for the person who chose it only
    with db() as s:
        assert s.scalars(select(File)).all() == []  # nothing is stored before the form is saved
    fields_named(form, "alt")[0].value = "Residents voting with raised cards in a school hall"
    fields_named(form, "caption")[0].value = "The assembly of Lomba do Pinheiro"
    url = form.submit("save", status=302).location
    with db() as s:
        row = s.scalars(select(File)).one()
        assert row.content_id == int(url.rstrip("/").rsplit("/", 1)[1])
        assert (row.alt, row.title, row.cover) == ("Residents voting with raised cards in a school hall",
                                                   "The assembly of Lomba do Pinheiro", True)
        assert row.sizes == {"width": 2000, "height": 1500, "copies": [320, 640, 1280]}
        stored = Path(settings["files.dir"]) / row.path
        file_id, filename = row.id, row.filename
    # stripped of every metadata: no EXIF (camera, GPS), no comment
    raw = stored.read_bytes()
    assert b"PhoneMaker" not in raw and b"SecretCam" not in raw and b"taken at home" not in raw
    with Image.open(stored) as kept:
        assert not kept.getexif() and "exif" not in kept.info and "comment" not in kept.info
    # the page shows it with its resized copies in srcset, and its alternative text
    page = testapp.get(url)
    img = page.html.select_one("figure.cover-figure img")
    assert img["alt"] == "Residents voting with raised cards in a school hall"
    widths = [int(w) for w in re.findall(r" (\d+)w", img["srcset"])]
    assert widths == [320, 640, 1280, 2000]
    for candidate in img["srcset"].split(", "):
        address, width = candidate.rsplit(" ", 1)
        res = testapp.get(address)
        with Image.open(io.BytesIO(res.body)) as copy:
            assert copy.width == int(width[:-1]) and not copy.getexif()
    assert "The assembly of Lomba do Pinheiro" in text_of(page.text)
    # Open Graph names the image (a copy about 1200 px wide) and its alternative text
    og = page.html.select_one('meta[property="og:image"]')["content"]
    assert og.endswith(f"/files/{file_id}/w1280/{filename}")
    assert page.html.select_one('meta[property="og:image:alt"]')["content"].startswith("Residents voting")


def test_a_missing_resized_copy_is_made_again(testapp, editor, db, settings):
    form = news_form(testapp)
    form["add"] = [Upload("porto.jpg", photo(gps=False), "image/jpeg")]
    form = form.submit("save", status=400).forms["deform"]
    fields_named(form, "alt")[0].value = "A hall"
    form.submit("save", status=302)
    with db() as s:
        row = s.scalars(select(File)).one()
        stored, file_id, filename = Path(settings["files.dir"]) / row.path, row.id, row.filename
    copy = stored.with_name(f"{stored.stem}-640.jpg")
    copy.unlink()  # a restore from a backup, which leaves derived copies out
    res = testapp.get(f"/files/{file_id}/w640/{filename}")
    with Image.open(io.BytesIO(res.body)) as image:
        assert image.width == 640
    assert copy.is_file()
    testapp.get(f"/files/{file_id}/w500/{filename}", status=404)  # only the widths made


@pytest.mark.parametrize("name, data, words", [
    ("big.jpg", photo() + b"\0" * (1024 * 1024), "larger than 1 MB"),
    ("setup.jpg", b"MZ\x90\x00 a windows program", "This type of file is not accepted"),
])
def test_a_refused_file_is_named_in_the_form_and_the_rest_is_kept(testapp, editor, db, name, data, words):
    form = news_form(testapp)
    form["add"] = [Upload(name, data, "image/jpeg")]
    page = form.submit("save", status=400)
    assert words in text_of(page.text) and name in text_of(page.text)
    form = page.forms["deform"]
    assert form["title"].value == "Assembly in Porto" and form["body"].value == "<p>The text typed</p>"
    with db() as s:
        assert s.scalars(select(News)).all() == [] and s.scalars(select(File)).all() == []


def test_images_are_held_at_once_by_the_form_script(testapp, editor, app):
    """static/js/media.js posts a chosen or dropped file to /files/hold: a held file, or the reason."""
    token = csrf(testapp)
    held = testapp.post("/files/hold", {"csrf_token": token}, upload_files=[("file", "a.png", photo(fmt="PNG"))],
                        headers=JSON)
    assert held.json["ref"].startswith("k") and held.json["is_image"]
    assert testapp.get(held.json["preview"]).content_type == "image/png"
    refused = testapp.post("/files/hold", {"csrf_token": token}, upload_files=[("file", "a.png", b"<html>")],
                           status=415, headers=JSON)
    assert "a.png: This type of file is not accepted" in refused.json["error"]
    # asked by a person, not the script: the portal's own page says why
    page = testapp.post("/files/hold", {"csrf_token": token}, upload_files=[("file", "a.png", b"<html>")], status=415)
    assert page.content_type == "text/html" and "This type of file is not accepted" in text_of(page.text)
    visitor = client(app, "192.0.2.78")
    visitor.post("/files/hold", {"csrf_token": csrf(visitor)}, upload_files=[("file", "a.png", photo(fmt="PNG"))],
                 status=403, headers=JSON)
    testapp.post("/files/hold", {}, upload_files=[("file", "a.png", photo(fmt="PNG"))], status=400)  # no CSRF


def test_order_cover_caption_and_removal_are_kept_on_edit(testapp, editor, db):
    token = csrf(testapp)
    refs = [testapp.post("/files/hold", {"csrf_token": token}, headers=JSON,
                         upload_files=[("file", name, photo(size=(400, 300), fmt="PNG"))]).json["ref"]
            for name in ("first.png", "second.png")]
    refs.append(testapp.post("/files/hold", {"csrf_token": token}, headers=JSON,
                             upload_files=[("file", "plan.pdf", b"%PDF-1.4\n%%EOF\n")]).json["ref"])
    fields = [("csrf_token", token), ("title", "Three files"), ("description", ""), ("body", "<p>x</p>"),
              ("language", "en"), ("__start__", "media:mapping"), ("__start__", "items:sequence")]
    for ref, alt in zip(refs, ("A first picture", "A second picture", "")):
        fields += [("__start__", "item:mapping"), ("ref", ref), ("caption", f"About {alt or 'the plan'}"),
                   ("alt", alt)] + ([("cover", ref)] if ref == refs[1] else []) + [("__end__", "item:mapping")]
    fields += [("__end__", "items:sequence"), ("__end__", "media:mapping"), ("save", "save")]
    url = testapp.post("/news/add", fields, status=302).location
    with db() as s:
        rows = s.scalars(select(File).order_by(File.position)).all()
        assert [(r.filename, r.cover, r.alt) for r in rows] == [
            ("first.png", False, "A first picture"), ("second.png", True, "A second picture"), ("plan.pdf", False, "")]
        assert rows[2].sizes is None
    page = testapp.get(url)
    assert page.html.select_one("figure.cover-figure img")["alt"] == "A second picture"
    # the edit form lists them in their order; moved, recaptioned and one removed
    form = testapp.get(url.rstrip("/") + "/edit").forms["deform"]
    assert [f.value for f in fields_named(form, "caption")] == ["About A first picture", "About A second picture",
                                                                "About the plan"]
    assert [f.value for f in fields_named(form, "alt") if f.value] == ["A first picture", "A second picture"]
    fields_named(form, "remove")[0].checked = True  # the first image goes
    fields_named(form, "caption")[2].value = "The plan, revised"
    form.submit("save", status=302)
    with db() as s:
        rows = s.scalars(select(File).order_by(File.position)).all()
        assert [(r.filename, r.title, r.cover) for r in rows] == [
            ("second.png", "About A second picture", True), ("plan.pdf", "The plan, revised", False)]


def test_an_image_without_alt_text_is_refused_on_edit_too(testapp, editor, db):
    form = news_form(testapp)
    form["add"] = [Upload("porto.png", photo(size=(300, 200), fmt="PNG"), "image/png")]
    form = form.submit("save", status=400).forms["deform"]
    fields_named(form, "alt")[0].value = "A hall"
    url = form.submit("save", status=302).location
    form = testapp.get(url.rstrip("/") + "/edit").forms["deform"]
    fields_named(form, "alt")[0].value = "  "
    page = form.submit("save", status=400)
    assert "Describe each image" in text_of(page.text)
    with db() as s:
        assert s.scalars(select(File.alt)).one() == "A hall"  # a refused save changes nothing


def test_the_cover_is_not_shown_twice_on_its_page(testapp, editor):
    form = news_form(testapp)
    form["add"] = [Upload("a.png", photo(size=(300, 200), fmt="PNG"), "image/png"),
                   Upload("b.png", photo(size=(300, 200), fmt="PNG"), "image/png")]
    form = form.submit("save", status=400).forms["deform"]
    fields_named(form, "alt")[0].value = "The first"
    fields_named(form, "alt")[1].value = "The second"
    page = testapp.get(form.submit("save", status=302).location)
    assert [img["alt"] for img in page.html.select("main img")] == ["The first", "The second"]
    assert page.html.select_one("figure.cover-figure img")["alt"] == "The first"  # the first image, no cover chosen


def test_the_cover_is_the_card_image_of_listings_and_the_home_page(testapp, editor, app):
    form = news_form(testapp, "Budget week")
    form["add"] = [Upload("a.png", photo(size=(800, 500), fmt="PNG"), "image/png")]
    form = form.submit("save", status=400).forms["deform"]
    fields_named(form, "alt")[0].value = "Posters of the budget week"
    url = form.submit("save", status=302).location
    testapp.post(url.rstrip("/") + "/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    visitor = client(app, "192.0.2.79")
    for address in ("/news", "/"):
        card = visitor.get(address).html.select_one("ul.cards li img.card-cover")
        assert card["alt"] == "Posters of the budget week", address
        assert "/w320/a.png 320w" in card["srcset"] and "/w640/a.png 640w" in card["srcset"]


def test_without_javascript_the_order_is_the_positions_typed(testapp, editor, db):
    form = news_form(testapp)
    form["add"] = [Upload(name, photo(size=(300, 200), fmt="PNG"), "image/png") for name in ("a.png", "b.png", "c.png")]
    form = form.submit("save", status=400).forms["deform"]
    for i, field in enumerate(fields_named(form, "alt")):
        field.value = f"Picture {i + 1}"
    assert [f.value for f in fields_named(form, "position")] == ["1", "2", "3"]
    fields_named(form, "position")[2].value = "1"  # c first; a and b keep their order
    form.submit("save", status=302)
    with db() as s:
        assert [f.filename for f in s.scalars(select(File).order_by(File.position))] == ["c.png", "a.png", "b.png"]


CAMERA = Image.Exif()
CAMERA[0x010F] = "PhoneMaker"


def encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize("mimetype, data", [
    ("image/png", encoded(Image.new("RGBA", (700, 400), (10, 20, 30, 128)), "PNG", exif=CAMERA.tobytes())),
    ("image/gif", encoded(Image.new("P", (700, 400), 3), "GIF", comment=b"made at home", transparency=0)),
    ("image/webp", encoded(Image.new("RGB", (700, 400), (200, 0, 0)), "WEBP", exif=CAMERA.tobytes())),
    ("image/jpeg", encoded(Image.new("CMYK", (700, 400), (0, 50, 100, 0)), "JPEG", comment=b"made at home")),
])
def test_every_image_type_is_stored_clean_with_its_copies(mimetype, data):
    from portal.images import copy_mimetype, prepare
    stored, copies, size = prepare(data, mimetype)
    assert size == (700, 400) and sorted(copies) == [320, 640]
    with Image.open(io.BytesIO(stored)) as image:
        assert Image.MIME[image.format] == mimetype
        assert not image.getexif() and "comment" not in image.info and "icc_profile" not in image.info
    assert b"PhoneMaker" not in stored and b"made at home" not in stored
    for width, copy in copies.items():
        with Image.open(io.BytesIO(copy)) as image:
            assert image.width == width and Image.MIME[image.format] == copy_mimetype(mimetype)


def test_a_photo_taken_sideways_is_stored_upright():
    """A phone stores the sensor's pixels and an EXIF orientation; the stored image is turned instead,
    since the orientation goes with the rest of the metadata."""
    from portal.images import prepare
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    data = encoded(Image.new("RGB", (800, 600), (0, 0, 255)), "JPEG", exif=exif.tobytes())
    stored, copies, size = prepare(data, "image/jpeg")
    assert size == (600, 800) and sorted(copies) == [320]
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (600, 800) and not image.getexif()
