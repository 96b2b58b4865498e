"""`portal COMMAND -c INI`, run as an operator runs it: the venv's `portal` executable in a subprocess,
on a site of its own (a temporary SQLite ini)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import webtest
from sqlalchemy import create_engine, inspect, text

from portal.testing import login

PORTAL = Path(sys.executable).with_name("portal")
TESTS = Path(__file__).parents[1]

SITE_INI = """[app:main]
use = egg:portal
portal.site_name = Test network
portal.secret = cli-test-secret-0123456789
portal.plugins = {plugins}
sqlalchemy.url = sqlite:///%(here)s/var/portal.sqlite
files.dir = %(here)s/var/files
search.backend = whoosh
search.whoosh_dir = %(here)s/var/whoosh
mail.delivery = maildir
mail.maildir = %(here)s/var/maildir
auth.argon2_time_cost = 1
auth.argon2_memory_cost = 1024
"""


def write_ini(folder, plugins="", extra="", drop=()):
    """A site's ini in folder, without the settings starting with one of drop, plus the lines extra."""
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "site.ini"
    lines = [line for line in SITE_INI.format(plugins=plugins).splitlines() if not line.startswith(drop)]
    ini.write_text("\n".join(lines) + "\n" + extra + "\n")
    return ini


def portal(*args, env=None, check=True):
    done = subprocess.run([str(PORTAL), *map(str, args)], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=180)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def database(ini):
    return create_engine(f"sqlite:///{ini.parent}/var/portal.sqlite")


def site_app(ini):
    """The site as waitress would serve it from the ini (without the in-process mail thread)."""
    from pyramid.paster import get_appsettings
    from portal import main
    settings = get_appsettings(str(ini))
    app = main(settings.global_conf, **{**settings, "mail.worker_in_process": "false"})
    return webtest.TestApp(app, extra_environ={"HTTP_HOST": "portal.test", "REMOTE_ADDR": "192.0.2.20"})


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    ini = write_ini(tmp_path_factory.mktemp("demo-site"))
    portal("initdb", "-c", ini, "--demo")
    return ini


# --- initdb ----------------------------------------------------------------------------------------

def test_initdb_migrates_a_new_site_and_loads_the_demo_content_once(tmp_path):
    ini = write_ini(tmp_path / "site")  # var/ does not exist yet: initdb makes it
    done = portal("initdb", "-c", ini)
    assert "Database is up to date." in done.stdout
    engine = database(ini)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "content", "outbox", "alembic_version"} <= tables
    with engine.connect() as conn:
        head = conn.scalar(text("SELECT version_num FROM alembic_version"))
        assert conn.scalar(text("SELECT count(*) FROM users")) == 0

    done = portal("initdb", "-c", ini, "--demo")
    assert "Demo content loaded." in done.stdout
    email, password = re.search(r"Demo administrator: (\S+)\s+password: (\S+)", done.stdout).groups()
    with engine.connect() as conn:
        users = conn.scalar(text("SELECT count(*) FROM users"))
        content = conn.scalar(text("SELECT count(*) FROM content"))
    assert users and content

    done = portal("initdb", "-c", ini, "--demo")  # a second run changes nothing
    assert "no demo content added" in done.stdout
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == head
        assert conn.scalar(text("SELECT count(*) FROM users")) == users
        assert conn.scalar(text("SELECT count(*) FROM content")) == content
    engine.dispose()

    app = site_app(ini)
    login(app, email, password)  # the printed login opens the control panel
    assert app.get("/manage").status_code == 200


# --- add-user --------------------------------------------------------------------------------------

def test_add_user_with_a_password_makes_a_secretariat_who_can_log_in(demo_site):
    done = portal("add-user", "-c", demo_site, "--role", "secretariat", "Boss@Example.org",
                  "--password", "long-enough-password")
    assert "Added boss@example.org (role: secretariat)." in done.stdout
    app = site_app(demo_site)
    login(app, "boss@example.org", "long-enough-password")
    assert app.get("/manage/outbox").status_code == 200  # what only the secretariat may open


def test_add_user_refuses_a_short_password_and_adds_no_one(demo_site):
    done = portal("add-user", "-c", demo_site, "--role", "editor", "short@example.org", "--password", "short",
                  check=False)
    assert done.returncode != 0
    assert "at least 10 characters" in done.stderr
    with database(demo_site).connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM users WHERE email = 'short@example.org'")) == 0


def test_add_user_without_a_password_prints_a_one_time_link_to_choose_one(demo_site):
    done = portal("add-user", "-c", demo_site, "--role", "editor", "new.editor@example.org")
    assert "Added new.editor@example.org (role: editor)." in done.stdout
    link = re.search(r"Set the password within three days at: \S+?(/password/reset/\S+)", done.stdout).group(1)
    app = site_app(demo_site)
    form = app.get(link).forms["deform"]
    form["password"] = "my-own-password-2026"
    form["password-confirm"] = "my-own-password-2026"
    form.submit("save", status=302)
    app.get(link, status=400)  # one time only

    fresh = site_app(demo_site)
    login(fresh, "new.editor@example.org", "my-own-password-2026")
    assert fresh.get("/manage").status_code == 200  # editors reach the content part of the panel


# --- plugins ---------------------------------------------------------------------------------------

def test_plugins_lists_what_the_core_and_each_plugin_registered(tmp_path):
    ini = write_ini(tmp_path, plugins="sample_plugin")
    done = portal("plugins", "-c", ini, env={**os.environ, "PYTHONPATH": str(TESTS / "support")})
    out = done.stdout
    assert out.splitlines()[0] == "Enabled plugins: sample_plugin"
    sections = dict(re.findall(r"^(\S.*)\n((?:  .*\n?)+)", out, flags=re.M))
    assert set(sections) == {"portal (core)", "sample_plugin"}  # the core's subpackages are the core
    core = [" ".join(line.split()) for line in sections["portal (core)"].splitlines()]
    for expected in ("content type section", "content type page", "content type news", "export news",
                     "export members", "menu item main: news", "workflow publication", "search index news"):
        assert any(line.startswith(expected) for line in core), expected
    plugin = [" ".join(line.split()) for line in sections["sample_plugin"].splitlines()]
    for expected in ("content type workshop", "export workshops", "settings workshops", "menu item main: workshops",
                     "plugin workshops", "resource workshop", "static asset sample_plugin:static/workshops.css",
                     "periodic task workshops:remind (every=1 day, 0:00:00)",
                     "mail template workshops:coming (placeholders=name, site, workshops)",
                     "route workshop.view (/workshops/{id", "import workshops", "permission register"):
        assert any(line.startswith(expected) for line in plugin), expected
    assert any(line.startswith("route home (/)") for line in core)
    awards = write_ini(tmp_path / "awards", plugins="plugins.experiences plugins.awards")
    listed = portal("plugins", "-c", awards).stdout
    assert "command       awards-publish" in listed and "route         award_call  (/awards/{call:\\d+})" in listed


def test_a_plugins_commands_exist_only_on_a_site_that_enables_it(tmp_path):
    only_groups = write_ini(tmp_path / "groups", plugins="plugins.working_groups")
    listed = portal("--help", "-c", only_groups).stdout
    assert "working-groups-digest" in listed
    assert "awards-publish" not in listed and "import-experiences" not in listed
    refused = portal("awards-publish", "-c", only_groups, check=False)
    assert refused.returncode == 2 and "invalid choice: 'awards-publish'" in refused.stderr
    everything = write_ini(tmp_path / "all", plugins="plugins.experiences plugins.awards")
    listed = portal("--help", "-c", everything).stdout
    assert "awards-publish" in listed and "import-experiences" in listed and "working-groups-digest" not in listed


# --- reindex ---------------------------------------------------------------------------------------

def test_reindex_rebuilds_a_lost_search_index_from_the_database(demo_site):
    import shutil
    app = site_app(demo_site)
    assert app.get("/search.json", {"q": "assemblies"}).json["total"] >= 1
    del app
    shutil.rmtree(demo_site.parent / "var" / "whoosh")

    done = portal("reindex", "-c", demo_site)
    count = int(re.search(r"Indexed (\d+) documents; the index holds \1\.", done.stdout).group(1))
    assert count > 0
    assert re.search(rf"Indexing \[#+\] {count}/{count}$", done.stderr, flags=re.M)  # the progress bar
    assert site_app(demo_site).get("/search.json", {"q": "assemblies"}).json["total"] >= 1

    again = portal("reindex", "-c", demo_site)  # rebuilt, not added to
    assert f"Indexed {count} documents; the index holds {count}." in again.stdout


def test_reindex_check_applies_what_was_left_queued_and_repairs_drift(demo_site):
    """A process killed between a commit and its indexing left a change queued; the index also lost a
    document. `portal reindex --check` applies the first, finds and repairs the second, says so with counts
    and exits with status 1; the next check finds nothing."""
    from portal.search.whoosh import WhooshBackend
    app = site_app(demo_site)
    engine = database(demo_site)
    with engine.begin() as conn:
        page_id, title = conn.execute(text("SELECT id, title FROM content WHERE type = 'page' AND state = 'published' "
                                           "ORDER BY id LIMIT 1")).one()
        conn.execute(text("UPDATE content SET title = 'Zanzibarian handbook' WHERE id = :id"), {"id": page_id})
        conn.execute(text("INSERT INTO search_queue (key, queued) VALUES (:key, CURRENT_TIMESTAMP)"),
                     {"key": f"page:{page_id}"})
        lost = conn.execute(text("SELECT id FROM content WHERE type = 'news' AND state = 'published' "
                                 "ORDER BY id LIMIT 1")).scalar()
    WhooshBackend(str(demo_site.parent / "var" / "whoosh")).delete([f"news:{lost}"])
    assert app.get("/search.json", {"q": "zanzibarian"}).json["total"] == 0

    done = portal("reindex", "--check", "-c", demo_site, check=False)
    assert done.returncode == 1, done.stderr
    assert "Applied 1 changes that were waiting in the queue." in done.stdout
    assert "The search index differed from the database: 1 documents missing, 0 out of date, 0 that should not " \
           "be there; repaired" in done.stdout
    assert app.get("/search.json", {"q": "zanzibarian"}).json["total"] == 1
    again = portal("reindex", "--check", "-c", demo_site)
    assert re.search(r"^The search index matches the database \(\d+ documents\)\.$", again.stdout, flags=re.M)
    with engine.begin() as conn:
        conn.execute(text("UPDATE content SET title = :title WHERE id = :id"), {"title": title, "id": page_id})
    portal("reindex", "-c", demo_site)


HOLD_AND_ORPHAN = """
import os, sys, time
from portal.search.whoosh import WhooshBackend
backend = WhooshBackend(sys.argv[1])
with backend.locked():
    child = os.fork()
    if child == 0:  # a writer process that outlives its parent (as they did before), holding the lock
        time.sleep(600)
        os._exit(0)
    backend._holders = [os.getpid()]
    backend._add_holder(child)
    print(child, flush=True)
    time.sleep(600)
"""


def test_a_stale_search_index_lock_is_named_and_freed_by_reindex_unlock(tmp_path):
    ini = write_ini(tmp_path / "site")
    portal("initdb", "-c", ini)
    script = tmp_path / "hold.py"
    script.write_text(HOLD_AND_ORPHAN)
    holder = subprocess.Popen([sys.executable, str(script), str(ini.parent / "var" / "whoosh")],
                              stdout=subprocess.PIPE, text=True)
    orphan = int(holder.stdout.readline())
    try:
        holder.kill()  # kill -9: its child keeps the lock
        holder.wait()
        done = portal("reindex", "-c", ini, check=False)
        assert done.returncode == 1
        assert done.stderr.strip() == (f"portal: the search index is locked by process {holder.pid}, which is no "
                                       "longer running: run `portal reindex --unlock`")
        freed = portal("reindex", "--unlock", "-c", ini)
        assert f"locked by process {holder.pid}, no longer running; ended its writer processes {orphan}" in freed.stdout
        assert "Indexed 0 documents" in portal("reindex", "-c", ini).stdout
        assert portal("reindex", "--unlock", "-c", ini).stdout.strip() == "The search index was not locked."
    finally:
        try:
            os.kill(orphan, 9)
        except ProcessLookupError:
            pass


# --- what a command does not do --------------------------------------------------------------------

def test_a_command_does_not_start_the_in_process_mail_worker(tmp_path):
    """development.ini delivers mail from a thread of the web process; a command built from the same ini
    must not, or `portal mail-worker` would run two workers and `portal add-user` would send mail."""
    ini = write_ini(tmp_path, extra="mail.worker_in_process = true")
    done = subprocess.run([sys.executable, "-c", "import sys, threading; from portal.cli import load; "
                           "env = load(sys.argv[1]); print(sorted(t.name for t in threading.enumerate()))",
                           str(ini)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['MainThread']"


# --- a wrong ini: one line, status 2 ---------------------------------------------------------------

@pytest.mark.parametrize("command, drop, extra, expected", [
    ("initdb", ("sqlalchemy.url",), "", "missing setting 'sqlalchemy.url'"),
    ("mail-worker", ("search.backend",), "search.backend = bogus", "setting 'search.backend' is 'bogus'"),
    ("add-user", (), "mail.port = twenty-five", "setting 'mail.port' must be a whole number"),
])
def test_a_wrong_setting_stops_the_command_with_one_line_naming_it(tmp_path, command, drop, extra, expected):
    ini = write_ini(tmp_path, drop=drop, extra=extra)
    args = ["someone@example.org", "--password", "long-enough-password"] if command == "add-user" else []
    done = portal(command, "-c", ini, *args, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("portal: ") and expected in done.stderr
    assert not (tmp_path / "var").exists()  # stopped before touching anything


@pytest.mark.parametrize("command, content", [
    ("reindex", "this is a text file, not an ini\n"),
    ("plugins", "[app:main]\nuse = egg:portal\na line without an equals sign\n"),
    ("initdb", None),
])
def test_a_file_that_is_not_an_ini_stops_the_command_with_one_line_naming_it(tmp_path, command, content):
    ini = tmp_path / "site.ini"
    if content is not None:
        ini.write_text(content)
    done = portal(command, "-c", ini, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("portal: ") and str(ini.name) in done.stderr
    assert "Traceback" not in done.stderr


def test_a_command_that_succeeds_writes_nothing_on_stderr(tmp_path):
    """No third-party warning opens every command's output (pyramid imports pkg_resources)."""
    done = portal("plugins", "-c", write_ini(tmp_path))
    assert done.stderr == ""


def test_the_periodic_tasks_are_listed_with_their_last_run_and_run_by_the_worker(tmp_path):
    ini = write_ini(tmp_path / "site", plugins="plugins.experiences plugins.awards")
    portal("initdb", "-c", ini, "--demo")
    listed = portal("tasks", "-c", ini).stdout
    assert "awards:publish-results" in listed and "every 0:01:00  never run" in listed
    portal("mail-worker", "-c", ini, "--once")
    assert "awards:publish-results" in portal("tasks", "-c", ini).stdout
    assert "never run" not in portal("tasks", "-c", ini).stdout
    ran = portal("tasks", "-c", ini, "--run", "awards:publish-results")
    assert ran.stdout.strip() == "awards:publish-results: 0"  # the demo's results were mailed already
    refused = portal("tasks", "-c", ini, "--run", "nothing", check=False)
    assert refused.returncode == 1 and "no periodic task 'nothing'" in refused.stderr
