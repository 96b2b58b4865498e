"""The uploads test class: caps, sniffing, polyglots and archive bombs, tried on every upload route
of the portal. The routes come from the route introspector (config.add_upload_route, which every
view that stores an upload must use), so a plugin's new upload route is covered by this file."""
import io
import struct
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.files import UPLOAD_ROUTES, UploadError, check_upload, store_upload
from portal.models import File
from portal.testing import csrf, login, text_of

KB = 1024


def image(fmt, size=(4, 3)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def office(members, first=None, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def docx(*extra):
    return office([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), *extra])


def odt():
    return office([("content.xml", "<office:document-content/>")],
                  first=("mimetype", "application/vnd.oasis.opendocument.text"))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def gif_with_comment(comment):
    """A valid GIF (Pillow decodes it) whose comment extension carries `comment`."""
    data = image("GIF")
    block = b"".join(bytes([len(comment[i:i + 255])]) + comment[i:i + 255] for i in range(0, len(comment), 255))
    at = data.index(b",")  # the image descriptor
    return data[:at] + b"\x21\xfe" + block + b"\x00" + data[at:]


def png_with_text(text):
    data = image("PNG")
    chunk = b"tEXt" + b"Comment\x00" + text
    packed = struct.pack(">I", len(chunk) - 4) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return data[:33] + packed + data[33:]  # after IHDR


def bomb_by_ratio():
    return docx(("word/media/zeros.bin", b"\0" * (5 * 1024 * KB)))


def bomb_by_count():
    return docx(*[(f"word/part{i}.xml", "x") for i in range(1001)])


def bomb_by_size():
    """Members compressing only tenfold (under the ratio cap) whose sum passes files.max_unpacked,
    lowered by the test to 2 MB: 24 members of 128 KB."""
    import random
    words = [bytes(random.Random(i).choices(b"abcdefghij", k=8)) for i in range(64)]
    member = b" ".join(random.Random(7).choices(words, k=128 * KB // 9))
    return docx(*[(f"word/media/part{i}.xml", member) for i in range(24)])


# (name, bytes, the words the uploader reads, the status) for every refusal
REFUSED = [
    ("empty.png", b"", "The file is empty", 400),
    ("big.png", image("PNG") + b"\0" * (1024 * KB), "larger than 1 MB", 413),
    ("page.png", b"<html><script>alert(1)</script></html>", "not accepted", 415),
    ("tool.pdf", b"MZ\x90\x00 windows executable", "not accepted", 415),
    ("page-then.pdf", b"<html><body><script>alert(1)</script></body></html>\n" + PDF, "not accepted", 415),
    ("page-inside.pdf", PDF[:9] + b"<html><script>alert(1)</script></html>\n" + PDF[9:], "not only a PDF file", 415),
    ("script.gif", gif_with_comment(b"<script>alert(document.cookie)</script>"), "not only a GIF file", 415),
    ("js.gif", b"GIF89a/*\x00\x00*/=alert(1)//;" + b"\x00" * 40, "not really a GIF image", 415),
    ("page.png", png_with_text(b"<html><body onload=alert(1)>"), "not only a PNG file", 415),
    ("archive.jpg", image("JPEG") + docx(), "not only a JPEG file", 415),
    ("archive.pdf", PDF + docx(), "not only a PDF file", 415),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"garbage" * 30, "not really a PNG image", 415),
    ("cut.jpg", image("JPEG", (64, 64))[:300], "not really a JPEG image", 415),
    ("gif-named.png", b"\x89PNG\r\n\x1a\n" + image("GIF")[8:], "not really a PNG image", 415),
    ("broken.docx", docx()[:-30], "damaged", 415),
    ("ratio.docx", bomb_by_ratio(), "unpacks to too much data", 413),
    ("count.docx", bomb_by_count(), "unpacks to too much data", 413),
    ("size.docx", bomb_by_size(), "unpacks to too much data", 413),
    ("plain.zip", office([("notes.txt", "hello")]), "not accepted", 415),
    ("nul.csv", b"city,country\nDa\x00kar,SN\n", "not accepted", 415),
]
ACCEPTED = [("photo.png", image("PNG")), ("photo.jpg", image("JPEG")), ("photo.gif", image("GIF")),
            ("photo.webp", image("WEBP")), ("report.pdf", PDF), ("report.docx", docx()), ("report.odt", odt()),
            ("list.csv", b"city,country\nDakar,SN\n")]


def upload_routes(registry):
    found = registry.introspector.get_category("portal upload routes") or []
    return {intr["introspectable"].discriminator: registry[UPLOAD_ROUTES][intr["introspectable"].discriminator]
            for intr in found}


def test_every_route_that_stores_uploads_is_declared(registry):
    routes = upload_routes(registry)
    assert "content_files" in routes  # files chosen inside a form (a logo, an entry's documents) are held by
    # portal.forms.hold_upload: test_a_file_chosen_inside_a_form_is_refused_as_any_upload
    request = SimpleNamespace(matched_route=SimpleNamespace(name="undeclared"), registry=registry)
    with pytest.raises(RuntimeError, match="add_upload_route"):
        store_upload(request, SimpleNamespace(file=io.BytesIO(image("PNG")), filename="x.png"))


def stored_files(settings):
    return sorted(p for p in Path(settings["files.dir"]).rglob("*") if p.is_file())


def arrange(registry, db, example):
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    with env["request"].tm:
        import zope.sqlalchemy
        env["request"].dbsession = registry["dbsession_factory"](info={"request": env["request"]})
        zope.sqlalchemy.register(env["request"].dbsession, transaction_manager=env["request"].tm)
        target = example(env["request"])
    env["closer"]()
    return target


def post(testapp, target, field, name, data):
    return testapp.post(target["path"], {**target["fields"], "csrf_token": csrf(testapp), "title": "Caption"},
                        upload_files=[(field, name, data)], status="*")


def counts(settings, db):
    with db() as s:
        return stored_files(settings), s.scalar(select(func.count()).select_from(File))


def test_each_upload_route_refuses_what_it_must_and_keeps_nothing_of_it(testapp, app, registry, settings, db):
    from portal.models import User
    from portal.passwords import hash_password
    registry.settings["files.max_unpacked"] = str(2 * 1024 * KB)
    failures = []
    for route, declared in sorted(upload_routes(registry).items()):
        target = arrange(registry, db, declared["example"])
        with db() as s:
            user = s.get(User, target["user_id"])
            user.password_hash = hash_password("a-good-password", registry.settings)
            email = user.email
        testapp.reset()
        login(testapp, email)
        takes = set()  # the extensions this route accepts (a logo: images only)
        for name, data in ACCEPTED:
            res = post(testapp, target, declared["field"], name, data)
            if res.status_int == 302:
                takes.add(name.rsplit(".", 1)[1])
            elif res.status_int != 415 or "not accepted" not in text_of(res.text):
                failures.append(f"{route} {name}: a good file answered {res.status} {text_of(res.text)[:200]}")
        if not takes:
            failures.append(f"{route}: accepts no file at all")
        for name, data, words, status in REFUSED:
            if name.rsplit(".", 1)[1] not in takes and words != "The file is empty" and status != 413:
                words, status = "not accepted", 415
            if name.endswith(".docx") and "docx" not in takes and status == 413 and "larger" not in words:
                words, status = "not accepted", 415
            before = counts(settings, db)
            res = post(testapp, target, declared["field"], name, data)
            page = text_of(res.text)
            problems = []
            if res.status_int != status:
                problems.append(f"answered {res.status}, not {status}")
            if words not in page:
                problems.append(f"the page does not say «{words}»")
            if counts(settings, db) != before:
                problems.append("a file or a row was kept")
            if problems:
                failures.append(f"{route} {name}: {', '.join(problems)}")
    assert failures == []


def test_a_file_chosen_inside_a_form_is_refused_as_any_upload(registry, settings):
    """Forms with files (portal.forms.uploads_node, e.g. an award entry) hold a chosen file until the form
    is saved: it goes through the same checks, each refusal with the same words, and nothing is kept."""
    from types import SimpleNamespace
    from portal.forms import _pending_dir, hold_upload
    registry.settings["files.max_unpacked"] = str(2 * 1024 * KB)
    request = SimpleNamespace(registry=registry, user=SimpleNamespace(id=1))
    from portal.i18n import translate
    failures = []
    for name, data, words, status in REFUSED:
        try:
            hold_upload(request, SimpleNamespace(file=io.BytesIO(data), filename=name))
            failures.append(f"{name}: held")
        except UploadError as exc:
            if words not in translate(exc.message) or exc.status != status:
                failures.append(f"{name}: {exc.status} {translate(exc.message)}")
    assert failures == []
    folder = _pending_dir(request)
    assert not folder.exists() or not any(folder.iterdir())
    for name, data in ACCEPTED:
        assert hold_upload(request, SimpleNamespace(file=io.BytesIO(data), filename=name))


def test_the_refusals_name_what_is_wrong(settings):
    """The check itself, on the allow-list of a route that takes documents too: each refusal is the
    one its case is about (the routes above may refuse some of them earlier, as not accepted)."""
    settings = {**settings, "files.max_unpacked": str(2 * 1024 * KB)}
    from portal.files import DOCUMENT_TYPES, IMAGE_TYPES
    from portal.i18n import translate
    for name, data, words, status in REFUSED:
        if not data or len(data) > 1024 * KB:
            continue  # the size caps are the reader's (store_upload), tried on the routes above
        with pytest.raises(UploadError) as refused:
            check_upload(data, IMAGE_TYPES | DOCUMENT_TYPES, settings)
        assert words in translate(refused.value.message), name
        assert refused.value.status == status, name
    for name, data in ACCEPTED:
        assert check_upload(data, IMAGE_TYPES | DOCUMENT_TYPES, settings)


def test_an_image_route_refuses_documents_without_unpacking_them(settings, monkeypatch):
    from portal import files
    from portal.files import IMAGE_TYPES
    monkeypatch.setattr(files, "_check_archive", lambda *a: pytest.fail("a logo upload unpacked an archive"))
    with pytest.raises(UploadError) as refused:
        check_upload(bomb_by_ratio(), IMAGE_TYPES, settings)
    assert refused.value.status == 415


def test_an_attachment_is_removed_by_its_button_and_set_aside_for_a_day(testapp, make_user, settings, db):
    """The Remove button deletes the row; the bytes leave files.dir after commit into .deleted, where a
    backup that copied the database a moment earlier still finds them, and are purged a day later."""
    import time
    from portal.files import DELETED_DIR, DELETED_KEEP, purge_deleted
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    form = testapp.get("/news/add").forms["deform"]
    form["title"], form["body"] = "With a photo", "<p>x</p>"
    item_id = int(form.submit("save", status=302).location.rstrip("/").rsplit("/", 1)[1])
    testapp.post(f"/content/{item_id}/files", {"csrf_token": csrf(testapp), "title": ""},
                 upload_files=[("file", "photo.png", image("PNG"))], status=302)
    with db() as s:
        row = s.scalars(select(File)).one()
        file_id, relative = row.id, row.path
    files_dir = Path(settings["files.dir"])
    assert (files_dir / relative).is_file()
    testapp.post(f"/files/{file_id}/delete", {"csrf_token": csrf(testapp)}, status=302)
    with db() as s:
        assert s.get(File, file_id) is None
    assert not (files_dir / relative).exists()
    aside = files_dir / DELETED_DIR / relative
    assert aside.is_file()
    assert purge_deleted(files_dir, time.time() - DELETED_KEEP) == 0
    assert purge_deleted(files_dir, time.time() + 1) == 1 and not aside.exists()
