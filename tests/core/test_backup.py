"""`portal backup` while the site is written to, then `portal restore`: the restored site opens, its
file rows and files agree one to one (every row has its bytes, every file a row), it holds what was
saved before the backup and not what came after, and search finds it (the index is rebuilt).
On SQLite and, with PORTAL_TEST_DB, on PostgreSQL (pg_dump / pg_restore)."""
import hashlib
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from portal.backup import BackupError, backup, read_manifest, rebuild_index, restore
from portal.models import File, News
from portal.testing import client, csrf, login

from .test_faults import add_news


def png(seed):
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (seed % 256, 40, 90)).save(out, "PNG")
    return out.getvalue()


class Writer(threading.Thread):
    """An editor adding news items with a photo each, and removing every third photo, until told to
    stop (at most 200 items)."""

    def __init__(self, app, registry):
        super().__init__(daemon=True, name="backup-load")
        self.browser = client(app, "192.0.2.50")
        login(self.browser, "editor@example.org")
        self.registry = registry
        self.stop = threading.Event()
        self.written = threading.Semaphore(0)
        self.error = None
        self.count = 0

    def run(self):
        try:
            while not self.stop.is_set() and self.count < 200:
                item_id = add_news(self.browser, f"Written under load {self.count}")
                self.browser.post(f"/content/{item_id}/files", {"csrf_token": csrf(self.browser), "title": ""},
                                  upload_files=[("file", f"load-{self.count}.png", png(self.count))], status=302)
                if self.count % 3 == 2:
                    with self.registry["dbsession_factory"]() as s:
                        file_id = s.scalar(select(File.id).where(File.content_id == item_id))
                    self.browser.post(f"/files/{file_id}/delete", {"csrf_token": csrf(self.browser)}, status=302)
                self.count += 1
                self.written.release()
        except Exception as exc:  # reported by the test
            self.error = exc


def site_files(settings):
    root = Path(settings["files.dir"])
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and not p.name.startswith(".portal-generation")
            and ".deleted" not in p.parts}


def test_a_backup_taken_under_write_load_restores_a_consistent_site(app, registry, settings, db, make_user,
                                                                   testapp, tmp_path):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    before_id = add_news(testapp, "Assembly minutes from before the backup")
    testapp.post(f"/news/{before_id}/transition", {"transition": "publish", "csrf_token": csrf(testapp)},
                 status=302)
    writer = Writer(app, registry)
    writer.start()
    try:
        for _ in range(4):
            assert writer.written.acquire(timeout=60), writer.error
        manifest = backup(settings, tmp_path / "backup", say=lambda m: None)
        for _ in range(3):  # the site goes on after the backup
            assert writer.written.acquire(timeout=60), writer.error
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    assert writer.error is None and not writer.is_alive()
    after_id = add_news(testapp, "Budget vote from after the backup")
    testapp.post(f"/news/{after_id}/transition", {"transition": "publish", "csrf_token": csrf(testapp)},
                 status=302)
    with db() as s:
        rows_then = s.scalar(select(File.id).order_by(File.id.desc()))
    assert manifest["missing"] == [] and manifest["files"] >= 3

    restored = restore(settings, tmp_path / "backup", reindex=lambda: rebuild_index(registry, say=lambda m: None),
                       say=lambda m: None)
    assert restored["absent"] == []
    with db() as s:
        rows = {f.path: f.sha256 for f in s.scalars(select(File))}
        titles = set(s.scalars(select(News.title)))
        assert s.scalar(select(File.id).order_by(File.id.desc())) < rows_then
    assert site_files(settings) == rows  # every row has its bytes, every file has its row
    assert len(rows) == manifest["files"]
    assert "Assembly minutes from before the backup" in titles
    assert "Budget vote from after the backup" not in titles
    visitor = client(app, "192.0.2.51")
    assert visitor.get(f"/news/{before_id}").status_int == 200
    found = visitor.get("/search.json", {"q": "assembly minutes"}).json
    assert [r["title"] for r in found["results"]] == ["Assembly minutes from before the backup"]
    assert visitor.get("/search.json", {"q": "budget vote"}).json["total"] == 0
    editor = client(app, "192.0.2.52")
    login(editor, "editor@example.org")  # the restored site takes logins and writes
    add_news(editor, "Written after the restore")


def test_a_backup_goes_into_a_new_folder_and_a_restore_needs_a_backup(settings, app, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "something").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        backup(settings, tmp_path / "full", say=lambda m: None)
    with pytest.raises(BackupError, match="not a portal backup"):
        restore(settings, tmp_path / "full", say=lambda m: None)


def test_the_commands(app, settings, tmp_path, db, testapp, make_user):
    """`portal backup -c INI DEST` and `portal restore -c INI SRC --yes`, as an operator runs them."""
    keys = ["sqlalchemy.url", "portal.secret", "portal.plugins", "files.dir", "search.backend", "search.whoosh_dir",
            "mail.delivery", "mail.maildir", "cache.marker_dir"]
    ini = tmp_path / "site.ini"
    ini.write_text("[app:main]\nuse = egg:portal\n" + "".join(f"{k} = {settings[k]}\n" for k in keys))
    portal = Path(sys.executable).with_name("portal")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "support")}  # the sample plugin
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    item_id = add_news(testapp, "Kept by the backup")
    testapp.post(f"/content/{item_id}/files", {"csrf_token": csrf(testapp), "title": ""},
                 upload_files=[("file", "kept.png", png(1))], status=302)
    done = subprocess.run([portal, "backup", "-c", ini, tmp_path / "b"], capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr
    assert "Backup written to" in done.stdout and (tmp_path / "b" / "manifest.json").is_file()
    testapp.post(f"/news/{item_id}/delete", {"delete": "1", "csrf_token": csrf(testapp)}, status=302)
    settings["portal.engine"].dispose()
    done = subprocess.run([portal, "restore", "-c", ini, tmp_path / "b", "--yes"], capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert "Search index rebuilt" in done.stdout
    with db() as s:
        assert s.get(News, item_id).title == "Kept by the backup"
        assert [f.filename for f in s.scalars(select(File))] == ["kept.png"]
    assert len(site_files(settings)) == 1
    assert read_manifest(tmp_path / "b")["files"] == 1
