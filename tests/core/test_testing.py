"""The session-wide test app (portal.testing): what one test leaves behind is gone for the next one, and
the app is built once for each set of settings."""
import os

from sqlalchemy import func, select, text

from portal.models import User
from portal.testing import APPS, WRITES, _reset_written


def test_the_common_app_is_built_once_and_a_changed_setting_gets_its_own(app, settings):
    assert APPS.get(dict(settings), common=True) is app
    other = APPS.get(dict(settings, **{"portal.site_name": "Another network"}), common=False)
    assert other is not app and other.registry.settings["portal.site_name"] == "Another network"
    assert APPS.get(dict(settings, **{"portal.site_name": "Another network"}), common=False) is other


def test_what_a_test_leaves_is_taken_back(app, registry, db, make_user, testapp):
    make_user("left@example.org")
    registry.settings["files.max_size"] = "1"
    registry["left.by.a.test"] = object()
    files, maildir = registry.settings["files.dir"], registry.settings["mail.maildir"]
    os.makedirs(os.path.join(files, "ab"), exist_ok=True)
    open(os.path.join(files, "ab", "left.bin"), "wb").close()
    os.makedirs(os.path.join(maildir, "new"), exist_ok=True)
    open(os.path.join(maildir, "new", "left.eml"), "w").close()
    testapp.get("/")
    assert registry["page_cache"].entries
    assert "users" in WRITES.written(registry["engine"])

    _reset_written(registry["engine"])
    app.portal_state.restore()

    with db() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
    assert registry.settings["files.max_size"] == str(1024 * 1024)
    assert "left.by.a.test" not in registry
    assert os.listdir(files) == [".portal-generation"] or os.listdir(files) == []
    assert os.listdir(os.path.join(maildir, "new")) == []
    assert not registry["page_cache"].entries


def test_raw_sql_writes_are_seen(app, db_engine):
    with db_engine.begin() as conn:
        conn.execute(text("UPDATE users SET name = name WHERE id = 0"))
        conn.execute(text('DELETE FROM "files" WHERE id = 0'))
    assert WRITES.written(db_engine) == {"users", "files"}
    _reset_written(db_engine)
    assert WRITES.written(db_engine) == set()
