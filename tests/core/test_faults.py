"""Faults of the site's storage and of a request's parts: with files.dir read-only or full, every
request that does not store a file still works (logins included: the page cache's marker lives in
files.dir by default and is written after each commit), an upload that cannot be stored is refused
on the portal's page with nothing left behind, and a request that answers an error changed nothing.

files.dir is a real tmpfs mounted for the test (tests run as root, where chmod stops no write): a
64 KB one for a full disk, remounted read-only for EROFS. Where mounting is not allowed, the same
errors are injected at the write calls instead (and the test says so in its output)."""
import errno
import io
import os
import pathlib
import random
import subprocess
import webtest

import pytest
from PIL import Image
from sqlalchemy import event, func, select

from portal.models import File, Member, MembershipApplication, News, OutboxMessage
from portal.testing import app_with_view, csrf, login, text_of


def png(size):
    """A PNG of noise, hence about 3 * size * size bytes whatever the compression."""
    rng = random.Random(size)
    out = io.BytesIO()
    Image.frombytes("RGB", (size, size), bytes(rng.getrandbits(8) for _ in range(size * size * 3))).save(out, "PNG")
    return out.getvalue()


class Storage:
    """files.dir on a tmpfs of its own, made read-only or full on demand."""

    def __init__(self, path, monkeypatch):
        self.path = path
        self.monkeypatch = monkeypatch
        path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", str(path)],
                              capture_output=True, text=True)
        self.mounted = done.returncode == 0
        if not self.mounted:
            print(f"cannot mount a tmpfs ({done.stderr.strip()}): injecting the errors at the write calls")

    def read_only(self):
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)
        else:
            self._inject(errno.EROFS)

    def fill(self, leave=32 * 1024):
        if self.mounted:
            stat = os.statvfs(self.path)
            with open(self.path / "filler", "wb") as f:
                f.write(b"\0" * (stat.f_bavail * stat.f_frsize - leave))
        else:
            self._inject(errno.ENOSPC, after=leave)

    def _inject(self, code, after=0):
        """The error a full or read-only disk gives, raised by every write under files.dir."""
        root = str(self.path)
        real_open, real_write_text = open, pathlib.Path.write_text

        class Failing(io.BufferedWriter):
            written = 0

            def write(self, data):
                if self.written + len(data) > after:
                    super().write(bytes(data[:max(0, after - self.written)]))
                    raise OSError(code, os.strerror(code))
                self.written += len(data)
                return super().write(data)

        def failing_open(file, mode="r", *args, **kw):
            if str(file).startswith(root) and "w" in mode:
                if after == 0:
                    raise OSError(code, os.strerror(code), str(file))
                return Failing(real_open(file, "wb", buffering=0))
            return real_open(file, mode, *args, **kw)

        def failing_write_text(self, *args, **kw):
            if str(self).startswith(root):
                raise OSError(code, os.strerror(code), str(self))
            return real_write_text(self, *args, **kw)
        import portal.files
        self.monkeypatch.setattr(portal.files, "open", failing_open, raising=False)
        self.monkeypatch.setattr(pathlib.Path, "write_text", failing_write_text)

    def files(self):
        return sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*")
                      if p.is_file() and p.name not in ("filler",) and not p.name.startswith(".portal-generation"))

    def close(self):
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


@pytest.fixture
def storage(tmp_path, monkeypatch):
    found = Storage(tmp_path / "files", monkeypatch)
    yield found
    found.close()


@pytest.fixture
def settings(settings, storage):
    """The site as deployed by default: the page cache's marker in files.dir."""
    values = dict(settings, **{"files.dir": str(storage.path)})
    values.pop("cache.marker_dir")
    return values


def file_rows(db):
    with db() as s:
        return s.scalar(select(func.count()).select_from(File))


def upload(testapp, item_id, name, data):
    return testapp.post(f"/content/{item_id}/files", {"csrf_token": csrf(testapp), "title": ""},
                        upload_files=[("file", name, data)], status="*")


def add_news(testapp, title):
    form = testapp.get("/news/add").forms["deform"]
    form["title"], form["body"] = title, "<p>Body</p>"
    res = form.submit("save", status=302)
    return int(res.location.rstrip("/").rsplit("/", 1)[1])


def test_a_read_only_files_dir_stops_uploads_only(testapp, make_user, storage, db):
    make_user("editor@example.org", role="editor")
    storage.read_only()
    login(testapp, "editor@example.org")  # a write (the session row), then the cache marker: no 500
    item_id = add_news(testapp, "Written while files.dir is read-only")
    with db() as s:
        assert s.get(News, item_id).title == "Written while files.dir is read-only"
    res = upload(testapp, item_id, "photo.png", png(8))
    assert res.status_int == 503
    assert "The file could not be stored: the portal's storage is full or unavailable" in text_of(res.text)
    assert storage.files() == [] and file_rows(db) == 0
    res = testapp.get(f"/news/{item_id}")
    assert "Written while files.dir is read-only" in res.text


def test_an_upload_into_a_full_disk_leaves_no_partial_file_and_no_row(testapp, make_user, storage, db):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    item_id = add_news(testapp, "Full disk")
    assert upload(testapp, item_id, "small.png", png(8)).status_int == 302
    kept = storage.files()
    storage.fill(leave=32 * 1024)
    big = png(200)
    assert 64 * 1024 < len(big) < 1024 * 1024
    res = upload(testapp, item_id, "big.png", big)
    assert res.status_int == 507
    assert "storage is full or unavailable" in text_of(res.text)
    assert storage.files() == kept  # neither the .part nor an empty folder
    assert file_rows(db) == 1
    testapp.post("/logout", {"csrf_token": csrf(testapp)}, status=302)
    login(testapp, "editor@example.org")  # writes that store no file go on


def test_a_logo_that_cannot_be_stored_keeps_the_previous_one(testapp, make_user, storage, db):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    with db() as s:
        member = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    page = testapp.get(f"/manage/members/{member_id}")
    form = page.forms["deform"]  # the logo is chosen inside the member's form
    form.set("add", webtest.Upload("first.png", png(8), "image/png"), index=0)
    form.submit("save", status=302)
    with db() as s:
        first = s.get(Member, member_id).logo_id
    stored = storage.files()
    storage.read_only()
    form = testapp.get(f"/manage/members/{member_id}").forms["deform"]
    form["description"] = "Typed, not to be lost."
    form.set("add", webtest.Upload("second.png", png(9), "image/png"), index=0)
    res = form.submit("save", status="*")
    assert res.status_int in (400, 503) and "could not be stored" in text_of(res.text)
    assert res.forms["deform"]["description"].value == "Typed, not to be lost."
    assert page.status_int == 200
    with db() as s:
        assert s.get(Member, member_id).logo_id == first
        assert s.scalar(select(func.count()).select_from(File)) == 1
    assert storage.files() == stored


@pytest.fixture
def app_with_failing_upload(app, settings):
    """The portal plus one upload route whose view stores the file, then fails."""
    from pyramid.response import Response
    from portal.files import store_upload

    def store_then_fail(request):
        store_upload(request, request.POST["file"])
        request.dbsession.flush()
        if request.GET.get("fail"):
            raise RuntimeError("the request fails after storing its file")
        return Response("stored")

    return app_with_view(settings, "/test/store-then-fail", store_then_fail, require_csrf=False,
                         configure=lambda config: config.add_upload_route("store_then_fail", lambda request: {}))


def test_a_request_that_fails_after_storing_a_file_leaves_neither_file_nor_row(app_with_failing_upload, storage, db):
    with pytest.raises(RuntimeError):
        app_with_failing_upload.post("/test/store-then-fail?fail=1", upload_files=[("file", "a.png", png(8))])
    assert storage.files() == [] and file_rows(db) == 0
    app_with_failing_upload.post("/test/store-then-fail", upload_files=[("file", "a.png", png(8))], status=200)
    assert len(storage.files()) == 1 and file_rows(db) == 1


def test_a_request_whose_mail_cannot_be_queued_changes_nothing(testapp, registry, db):
    """The membership application queues a mail to the secretariat: if the outbox insert fails, the
    applicant gets an error and no application is kept half-made."""
    from .test_members import fill_application

    class OutboxDown(Exception):
        pass

    def refuse(mapper, connection, target):
        raise OutboxDown("the outbox insert fails")
    from portal.models import User
    with db() as s:
        s.add(User(email="admin@example.org", name="Admin", role="secretariat"))
    form = testapp.get("/join").forms["deform"]
    fill_application(form)
    event.listen(OutboxMessage, "before_insert", refuse)
    try:
        try:
            res = form.submit("apply", status="*")
            assert res.status_int >= 500  # a catch-all error page, where there is one
        except OutboxDown:
            pass
    finally:
        event.remove(OutboxMessage, "before_insert", refuse)
    with db() as s:
        assert s.scalar(select(func.count()).select_from(MembershipApplication)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 0
