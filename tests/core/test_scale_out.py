"""Scale-out: two app processes (`portal serve`) and two outbox workers (`portal mail-worker`), real
processes on one PostgreSQL database, one files folder and the PostgreSQL search, as production.ini and
deploy/ run them. What one process writes, the other shows and finds; a session opened on one is valid
on the other and a logout on either ends it on both; the anonymous page cache of one process drops a
page changed through the other; a file uploaded through one is served by the other; 2,000 newsletter
mails leave once each across both workers, also when one is killed mid-way; a periodic task runs once
per period, not once per worker. Every wait is bounded; every process is killed at the end."""
import collections
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from portal.testing import (HTTPForward, SMTPHandler, base_settings, client, csrf, ini_text, login, logged_in, png,
                            reset_database, start_smtp_server)

pytestmark = [pytest.mark.postgresql, pytest.mark.skipif(
    not os.environ.get("PORTAL_TEST_DB"),
    reason="several processes on one database need PostgreSQL (PORTAL_TEST_DB): SQLite is one process's")]

PORTAL = Path(sys.executable).with_name("portal")
ROOT = Path(__file__).resolve().parents[2]
SUPPORT = ROOT / "tests" / "support"
PLUGINS = "plugins.experiences plugins.newsletter beat_plugin"
SUBSCRIBERS = 2000
BEAT = 1.0  # seconds between two runs of beat_plugin's periodic task


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as res:
            return res.status == 200
    except OSError:
        return False


class Cluster:
    """The site's processes and what they share; .log(name) is the end of a process's output."""

    def __init__(self, db_engine, tmp):
        self.tmp = tmp
        url = db_engine.url.render_as_string(hide_password=False)
        self.settings = base_settings(tmp, url, search_backend="postgresql", plugins=PLUGINS) | {
            "portal.url": "http://portal.test", "mail.worker_in_process": "false", "mail.delivery": "smtp",
            "mail.host": "127.0.0.1", "mail.timeout": "10", "mail.max_rate": "0", "beat.every": str(BEAT)}
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(SUPPORT)])}
        self.processes = {}
        self.sinks = []
        self.apps = []
        self.worker_pids = set()

    def start(self, name, command, ini_name, ini_values, server=None):
        ini = self.tmp / f"{ini_name}.ini"
        ini.write_text(ini_text(self.settings | ini_values, server=server))
        log = open(self.tmp / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen([str(PORTAL), command[0], "-c", str(ini), *command[1:]], stdout=log,
                                                stderr=subprocess.STDOUT, env=self.env, cwd=self.tmp)
        log.close()
        if command[0] == "mail-worker":
            self.worker_pids.add(self.processes[name].pid)

    def start_app(self, name):
        port = free_port()  # both app processes read one ini, as deploy/systemd/portal-app@.service does
        self.start(name, ["serve", "--listen", f"127.0.0.1:{port}"], "app", {},
                   server={"listen": "127.0.0.1:1", "threads": 4})
        self.apps.append(f"http://127.0.0.1:{port}")

    def start_worker(self, n):
        self.start(f"worker{n}", ["mail-worker", "--interval", "0.2"], f"worker{n}", {"mail.port": self.sinks[n][0].port})

    def kill(self, name):
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def log(self, name):
        return (self.tmp / f"{name}.log").read_text(errors="replace")[-3000:]

    def browser(self, n):
        """A browser talking to app process n (0: A, 1: B)."""
        return client(HTTPForward(self.apps[n]))

    def delivered(self):
        """[(recipient, Message-ID, worker)] of every message the sinks received."""
        return [(to, message_id, n) for n, (handler, _controller) in enumerate(self.sinks)
                for to, message_id in list(handler.received)]


class Sink(SMTPHandler):
    """Keeps the recipient and Message-ID of each message, read once as it arrives (the sink runs in
    the test's process: the test polls it without parsing thousands of messages each time)."""

    def __init__(self):
        super().__init__()
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        head = email.message_from_bytes(envelope.content.split(b"\r\n\r\n", 1)[0], policy=email.policy.default)
        self.received.append((envelope.rcpt_tos[0], head["Message-ID"]))
        return "250 Message accepted"


@pytest.fixture(scope="module")
def cluster(db_engine, tmp_path_factory):
    if db_engine.dialect.name != "postgresql":
        pytest.skip("several processes on one database need PostgreSQL")
    from portal.models import User
    from portal.passwords import hash_password
    site = Cluster(db_engine, tmp_path_factory.mktemp("scale"))
    reset_database(db_engine, db_engine.portal_baseline)
    with Session(db_engine) as s, s.begin():
        for email_, role in (("editor@example.org", "editor"), ("member@example.org", None)):
            s.add(User(email=email_, name=email_.split("@")[0].title(), role=role,
                       password_hash=hash_password("a-good-password", site.settings)))
    try:
        for _ in range(2):  # each worker sends to a sink of its own: what each delivered is known
            handler = Sink()
            site.sinks.append((handler, start_smtp_server(handler)))
        site.start_app("appA")
        site.start_app("appB")
        site.start_worker(0)
        site.start_worker(1)
        for name, url in zip(("appA", "appB"), site.apps):
            assert wait_for(lambda: answers(url + "/"), 90, 0.3), site.log(name)
        site.started = time.time()
        yield site
    finally:
        for name in list(site.processes):
            if site.processes[name].poll() is None:
                site.kill(name)
        for _handler, controller in site.sinks:
            controller.stop()
        reset_database(db_engine, db_engine.portal_baseline)


def add_page(browser, title, body):
    form = browser.get("/pages/add").forms["deform"]
    form["title"], form["body"] = title, body
    return form.submit("save", status=302).follow().request.path


def publish(browser, url):
    browser.post(f"{url}/transition", {"transition": "publish", "comment": "", "csrf_token": csrf(browser)},
                 status=302)


def test_a_page_written_through_one_process_is_shown_found_and_refreshed_by_the_other(cluster):
    editor, visitor = cluster.browser(0), cluster.browser(1)
    login(editor, "editor@example.org")
    url = add_page(editor, "Tidewater budget assembly", "<p>The zephyrine neighbours met at the harbour.</p>")
    publish(editor, url)
    shown = visitor.get(url)
    assert "Tidewater budget assembly" in shown.text
    assert visitor.get(url).headers.get("X-Portal-Cache") == "hit"  # B keeps the page for visitors
    found = visitor.get("/search", {"q": "zephyrine"})
    assert f'href="{url}"' in found.text
    form = editor.get(f"{url}/edit").forms["deform"]
    form["title"] = "Riverside budget assembly"
    form["body"] = "<p>The quorum of marmoreal neighbours met at the harbour.</p>"
    form.submit("save", status=302)
    changed = visitor.get(url)
    assert changed.headers.get("X-Portal-Cache") != "hit"  # the marker A wrote emptied B's cache
    assert "Riverside budget assembly" in changed.text and "Tidewater" not in changed.text
    assert f'href="{url}"' in visitor.get("/search", {"q": "marmoreal"}).text
    assert f'href="{url}"' not in visitor.get("/search", {"q": "zephyrine"}).text


def test_a_login_on_one_process_holds_on_the_other_and_a_logout_on_either_ends_it_on_both(cluster):
    browser = cluster.browser(0)
    login(browser, "member@example.org")
    cookie = {"Cookie": f"portal_session={browser.cookies['portal_session']}"}
    assert logged_in(browser)
    browser.app = HTTPForward(cluster.apps[1])  # the next request goes to B, with the same cookies
    assert logged_in(browser)
    page = browser.get("/logout")
    [f for f in page.forms.values() if f.action == "/logout"][-1].submit(status=302)
    assert not logged_in(browser)
    assert not logged_in(cluster.browser(0), cookie)  # the session is gone for A as well
    assert not logged_in(cluster.browser(1), cookie)


def test_a_file_uploaded_through_one_process_is_served_by_the_other(cluster):
    editor, visitor = cluster.browser(0), cluster.browser(1)
    login(editor, "editor@example.org")
    url = add_page(editor, "Photos of the plenary", "<p>Pictures.</p>")
    image = png(40, 30)
    editor.post(f"/content/{url.rsplit('/', 1)[1]}/files", {"csrf_token": csrf(editor), "title": "The plenary"},
                upload_files=[("file", "plenary.png", image)], status=302)
    publish(editor, url)
    src = visitor.get(url).html.select_one("figure img")["src"]
    served = visitor.get(src)  # B never saw the upload: it reads what A stored in the shared files folder
    assert served.content_type == "image/png" and served.body.startswith(b"\x89PNG")
    assert served.body == editor.get(src).body  # the very file A serves (stored without its metadata)


def test_a_newsletter_leaves_once_to_each_subscriber_across_two_workers_one_killed_mid_way(cluster, db_engine):
    from portal.models import utcnow
    from plugins.newsletter.campaign import start_campaign
    from plugins.newsletter.models import Issue, IssueVersion, Subscriber
    with Session(db_engine) as s, s.begin():
        s.add_all([Subscriber(email=f"reader{i}@example.org", status="subscribed", confirmed=utcnow())
                   for i in range(SUBSCRIBERS)])
        issue = Issue(title="Issue", default_language="en", base_url="http://portal.test")
        issue.versions.append(IssueVersion(language="en", subject="News of the network", editorial="<p>Hi</p>"))
        s.add(issue)
        s.flush()
        assert start_campaign(s, issue) == SUBSCRIBERS
        issue_id = issue.id
    everyone = {f"reader{i}@example.org" for i in range(SUBSCRIBERS)}
    try:
        assert wait_for(lambda: len(cluster.delivered()) >= SUBSCRIBERS // 4, 240, 0.2), cluster.log("worker0")
        cluster.kill("worker0")
        at_kill = cluster.delivered()
        assert len(at_kill) < SUBSCRIBERS * 3 // 4, "the kill came too late to test anything"
        # two workers side by side: each took its own messages, none twice
        assert len({to for to, _id, _n in at_kill}) == len(at_kill)
        assert {n for _to, _id, n in at_kill} == {0, 1}, "one worker delivered everything alone"
        assert wait_for(lambda: {to for to, _id, _n in cluster.delivered()} >= everyone, 240, 0.2), cluster.log("worker1")
        time.sleep(1.0)  # the worker left has nothing more to send: give it the time to prove it
    finally:
        if cluster.processes["worker0"].poll() is not None:
            cluster.start_worker(0)  # two workers again for the other tests
    by_recipient = collections.defaultdict(list)
    for to, message_id, _n in cluster.delivered():
        by_recipient[to].append(message_id)
    assert set(by_recipient) == everyone
    repeated = {to: ids for to, ids in by_recipient.items() if len(ids) > 1}
    # at most the message worker0 had handed to its SMTP server when killed, before its commit:
    # sent again by worker1 with the same Message-ID (a receiving server can drop it)
    assert len(repeated) <= 1, repeated
    for ids in repeated.values():
        assert len(ids) == 2 and ids[0] == ids[1]
    assert len({ids[0] for ids in by_recipient.values()}) == SUBSCRIBERS
    with Session(db_engine) as s:
        assert s.get(Issue, issue_id).status == "sent"


def test_a_periodic_task_runs_once_per_period_not_once_per_worker(cluster):
    log = cluster.tmp / "files" / "beat.log"
    begin = time.time()
    assert wait_for(lambda: log.exists() and sum(float(line.split()[1]) >= begin
                                                 for line in log.read_text().splitlines()) >= 4, 30), \
        cluster.log("worker0") + cluster.log("worker1")
    runs = sorted(float(line.split()[1]) for line in log.read_text().splitlines())
    gaps = [b - a for a, b in zip(runs, runs[1:])]
    # each run moved the task's due time one period on: no two runs of one period, whichever worker
    assert min(gaps) >= BEAT - 0.25, gaps
    assert len(runs) <= (runs[-1] - runs[0]) / BEAT + 1
    pids = {int(line.split()[0]) for line in log.read_text().splitlines()}
    assert pids and pids <= cluster.worker_pids  # the workers run the tasks, never the app processes


@pytest.mark.parametrize("setting, prepared", [("true", True), ("false", False)])
def test_db_prepared_statements_false_leaves_no_statement_on_the_server_for_a_pooler_to_lose(db_engine, setting,
                                                                                              prepared):
    from sqlalchemy import text
    from portal.db import get_engine
    engine = get_engine({"sqlalchemy.url": db_engine.url.render_as_string(hide_password=False),
                         "db.prepared_statements": setting})
    try:
        with engine.connect() as conn:
            for _ in range(8):  # psycopg prepares a statement on the server at its fifth run
                conn.execute(text("SELECT count(*) FROM users WHERE id > :n"), {"n": 0})
            held = conn.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    finally:
        engine.dispose()
    assert (held > 0) is prepared
