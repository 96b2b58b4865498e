"""The durable queue of search changes, on both backends: written in the transaction of the change, applied
after commit, kept when the index cannot take it (the save still succeeds), applied by whoever comes next
(a later change, a new process, `portal reindex --check`); the index never drifts from the database
unnoticed."""
import logging
import os
from contextlib import contextmanager
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from portal.models import News, SearchChange, utcnow
from portal.search import SearchIndexLocked, bulk, fingerprint
from portal.search.queue import check_index, database_documents
from portal.testing import csrf, login


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def editor(testapp, make_user):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")


def add_news(testapp, title):
    """An editor writes a news item and publishes it: two requests, two commits."""
    form = testapp.get("/news/add").forms["deform"]
    form["title"], form["body"], form["language"] = title, f"<p>{title}, in a sentence.</p>", "en"
    url = form.submit("save", status=302).follow().request.path
    testapp.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    return url


def hits(app_or_client, q):
    return {hit["title"] for hit in app_or_client.get("/search.json", {"q": q}).json["results"]}


def queued(registry):
    with registry["dbsession_factory"]() as session:
        return sorted(session.scalars(select(SearchChange.key)))


def indexed(registry):
    """{key: fingerprint} the index holds, and the same of what the database says it should hold."""
    with registry["dbsession_factory"]() as session:
        wanted = {key: fingerprint(doc) for key, doc in database_documents(registry, session).items()}
    return registry["search"].fingerprints(), wanted


def test_a_change_is_queued_with_it_and_applied_after_commit(testapp, editor, registry, db):
    add_news(testapp, "Observatory of participation")
    assert hits(testapp, "observatory") == {"Observatory of participation"}
    assert queued(registry) == []  # applied, so no longer queued
    index, database = indexed(registry)
    assert index == database and len(index) == 1


def test_a_failed_index_write_keeps_the_change_queued_and_the_save_succeeds(app, testapp, editor, registry, settings,
                                                                            monkeypatch, caplog):
    """The index refuses the write after the commit (disk full, a bug): the editor's change is saved, so the
    answer is a success, not a 500; the change stays queued and the next process applies it at start-up."""
    backend = registry["search"]

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(backend, "apply_changes", broken)
    with caplog.at_level(logging.WARNING, logger="portal.search.queue"):
        url = add_news(testapp, "Neighbourhood assemblies")
    assert "Published" in testapp.get(url).text
    assert "No space left on device" in caplog.text and "stay queued" in caplog.text
    assert queued(registry) == [f"news:{url.rsplit('/', 1)[1]}"] * 2  # saved, then published
    assert hits(testapp, "neighbourhood") == set()

    monkeypatch.undo()
    from portal import main
    main({}, **settings)  # a process starting applies what the last one left
    assert queued(registry) == []
    assert hits(testapp, "neighbourhood") == {"Neighbourhood assemblies"}


def test_changes_left_queued_are_applied_by_the_next_change(testapp, editor, registry, monkeypatch):
    backend = registry["search"]
    real = backend.apply_changes
    monkeypatch.setattr(backend, "apply_changes", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("index down")))
    add_news(testapp, "Citizen juries")
    add_news(testapp, "Youth councils")
    assert queued(registry) == ["news:1", "news:1", "news:2", "news:2"]  # each saved, then published
    monkeypatch.setattr(backend, "apply_changes", real)
    add_news(testapp, "Participatory budgets")
    assert queued(registry) == []
    assert hits(testapp, "juries OR councils OR budgets") == {"Citizen juries", "Youth councils", "Participatory budgets"}


def test_a_locked_whoosh_index_does_not_hold_up_a_save(testapp, editor, registry, settings, tmp_path, caplog):
    """Another process holds the index's write lock (a long reindex): a save waits a moment, succeeds, and
    its change waits in the queue; the log names the process."""
    if settings["search.backend"] != "whoosh":
        pytest.skip("the Whoosh index's file lock")
    holder = hold_lock(settings["search.whoosh_dir"], tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="portal.search.queue"):
            add_news(testapp, "Deliberative polls")
        assert f"locked by process {holder.pid}, still writing" in caplog.text
        assert queued(registry) == ["news:1", "news:1"]
    finally:
        holder.kill()
        holder.wait()
    add_news(testapp, "Citizen assemblies")
    assert queued(registry) == [] and hits(testapp, "polls OR assemblies") == {"Deliberative polls", "Citizen assemblies"}


HOLD = """
import os, sys, time
from portal.search.whoosh import WhooshBackend
backend = WhooshBackend(sys.argv[1])
with backend.locked():
    orphan = sys.argv[2] == "orphan"
    if orphan:  # a writer process of an older version, which outlives its parent holding the lock
        child = os.fork()
        if child == 0:
            time.sleep(600)
            os._exit(0)
        backend._holders = [os.getpid()]
        backend._add_holder(child)
    print(child if orphan else os.getpid(), flush=True)
    time.sleep(600)
"""


def hold_lock(directory, tmp_path, orphan=False):
    """A process holding the Whoosh index's lock (and, with orphan, a child of it that holds it too)."""
    script = tmp_path / "hold.py"
    script.write_text(HOLD)
    process = subprocess.Popen([sys.executable, str(script), directory, "orphan" if orphan else "-"],
                               stdout=subprocess.PIPE, text=True)
    process.child = int(process.stdout.readline())
    return process


def test_a_stale_whoosh_lock_is_reported_with_what_to_do_and_unlocked(tmp_path):
    """The process that took the lock was killed, but a writer process it had started still holds it: a
    writer says so, names the dead process and the command that frees it; the command frees it, and only
    when the holder is provably gone."""
    from portal.search.whoosh import WhooshBackend, _alive
    directory = str(tmp_path / "index")
    backend = WhooshBackend(directory)
    holder = hold_lock(directory, tmp_path, orphan=True)
    try:
        with pytest.raises(SearchIndexLocked, match=f"locked by process {holder.pid}, still writing"):
            with backend.locked(timeout=0.2):
                pass
        with pytest.raises(SearchIndexLocked, match="may still be running"):
            backend.unlock()  # its holder runs: refused
        holder.kill()
        holder.wait()
        with pytest.raises(SearchIndexLocked) as locked:
            with backend.locked(timeout=0.2):
                pass
        assert str(locked.value) == (f"the search index is locked by process {holder.pid}, which is no longer "
                                     "running: run `portal reindex --unlock`")
        assert str(holder.child) in backend.unlock()
        assert not _alive(holder.child)
        backend.index([{"key": "news:1", "type": "news", "title": "Unlocked", "text": "", "language": "en",
                        "url": "/news/1", "year": "", "region": [], "allowed": ["system.Everyone"], "facets": {}}])
        assert backend.count() == 1
        assert backend.unlock() == "The search index was not locked."
    finally:
        for pid in (holder.pid, holder.child):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


KILLED_WRITER = """
import sys, time
from portal.search.whoosh import WhooshBackend
backend = WhooshBackend(sys.argv[1])
backend.processes = 2

def documents():
    for n in range(700):
        yield {"key": f"news:{n}", "type": "news", "title": f"Item {n}", "text": "a text", "language": "en",
               "url": f"/news/{n}", "year": "", "region": [], "allowed": ["system.Everyone"], "facets": {}}
    print(" ".join(map(str, backend.holders()[1])), flush=True)
    time.sleep(600)  # killed here, its writer processes waiting for more documents
backend.rebuild(documents())
"""


def test_whoosh_writer_processes_end_with_a_killed_command(tmp_path):
    """kill -9 of a command indexing on several processes (portal reindex, an import): its writer processes
    end with it instead of holding the index's lock forever, so the next write succeeds."""
    from portal.search.whoosh import WhooshBackend, _alive
    directory = str(tmp_path / "index")
    WhooshBackend(directory)
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER)
    command = subprocess.Popen([sys.executable, str(script), directory], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in command.stdout.readline().split()]
    try:
        assert pids[0] == command.pid and len(pids) == 3  # the command and its two writer processes
        command.kill()
        command.wait()
        backend = WhooshBackend(directory)
        for _ in range(100):  # they end at once; the lock is free when the last one has
            try:
                with backend.locked(timeout=0.2):
                    break
            except SearchIndexLocked:
                continue
        backend.index([{"key": "news:1", "type": "news", "title": "After the crash", "text": "", "language": "en",
                        "url": "/news/1", "year": "", "region": [], "allowed": ["system.Everyone"], "facets": {}}])
        assert backend.count() == 1  # the killed rebuild wrote nothing
        assert not any(_alive(pid) for pid in pids[1:])
    finally:
        for pid in pids[1:]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_bulk_keeps_changes_queued_and_applies_them_a_batch_at_a_time_and_at_the_end(registry, db):
    """What an import uses: committed changes stay queued until a batch is complete, and what is left when
    the block ends (also with an error) is applied then."""
    def commit(title):
        with db() as s:
            s.add(News(title=title, language="en", state="published", published=utcnow()))
    backend = registry["search"]
    with pytest.raises(RuntimeError):
        with bulk(registry, batch=3):
            commit("First")
            commit("Second")
            assert backend.count() == 0 and len(queued(registry)) == 2  # held back, durably
            commit("Third")  # three committed: a batch is applied
            assert backend.count() == 3 and queued(registry) == []
            commit("Fourth")
            raise RuntimeError("the import stopped here")
    assert backend.count() == 4 and queued(registry) == []
    commit("Fifth")  # after the block: applied at once again
    assert backend.count() == 5


def test_check_finds_and_repairs_every_kind_of_drift(registry, db):
    with db() as s:
        for title in ("Kept", "Lost from the index", "Changed behind the index's back"):
            s.add(News(title=title, language="en", state="published", published=utcnow()))
    backend = registry["search"]
    index, database = indexed(registry)
    keys = sorted(database)
    backend.delete([keys[1]])
    with registry["dbsession_factory"]() as session:
        stale = dict(database_documents(registry, session)[keys[2]], title="Old title")
    backend.index([stale, dict(stale, key="news:999", url="/news/999")])
    report = check_index(registry)
    assert (report.missing, report.stale, report.extra, report.found) == (1, 1, 1, True)
    index, database = indexed(registry)
    assert index == database
    assert not check_index(registry).found


# --- the index equals the database after any edits, whatever dies between commit and indexing --------

WORDS = ("assembly", "budget", "council", "jury", "observatory", "petition")


def test_the_index_equals_the_database_after_any_edits_and_crashes(app, registry, db_engine, make_user, monkeypatch):
    """A state machine of edits through the app (create, edit, publish, retract, delete news and pages), some of
    them in a process that dies between the commit and its indexing (or whose index write fails). At every
    step, whatever the index has wrong is queued; after a start-up (or `portal reindex --check`) the index
    equals the database."""
    from hypothesis import HealthCheck, settings as hypothesis_settings, strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
    from portal.search import queue
    from portal.testing import client, reset_database
    faults = st.sampled_from([None, None, "dies", "fails"])
    backend = registry["search"]

    def failing(*args, **kwargs):
        raise OSError(5, "Input/output error")

    class Edits(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            reset_database(db_engine, db_engine.portal_baseline)
            backend.clear()
            make_user("editor@example.org", role="editor")
            self.browser = client(app)
            login(self.browser, "editor@example.org")
            self.items = {}  # url -> state

        @contextmanager
        def committing(self, fault):
            """The editor's request, in a process that may die once its change is committed (fault "dies") or
            whose index write fails ("fails")."""
            with monkeypatch.context() as patch:
                if fault == "dies":  # nothing runs after the commit
                    patch.setattr(queue, "drain_safely", lambda *a, **k: 0)
                elif fault == "fails":
                    patch.setattr(backend, "apply_changes", failing)
                yield

        @rule(kind=st.sampled_from(["news", "pages"]), word=st.sampled_from(WORDS), fault=faults)
        def create(self, kind, word, fault):
            form = self.browser.get(f"/{kind}/add").forms["deform"]
            form["title"], form["body"] = f"A {word}", f"<p>About the {word}.</p>"
            with self.committing(fault):
                url = form.submit("save", status=302).location
            self.items[url.split("portal.test", 1)[-1]] = "draft"

        @precondition(lambda self: self.items)
        @rule(data=st.data(), word=st.sampled_from(WORDS), fault=faults)
        def edit(self, data, word, fault):
            url = data.draw(st.sampled_from(sorted(self.items)))
            form = self.browser.get(f"{url}/edit").forms["deform"]
            form["title"] = f"The {word}"
            with self.committing(fault):
                form.submit("save", status=302)

        def transition(self, url, name, target, fault):
            with self.committing(fault):
                self.browser.post(f"{url}/transition", {"transition": name, "csrf_token": csrf(self.browser)},
                                  status=302)
            self.items[url] = target

        @precondition(lambda self: "draft" in self.items.values())
        @rule(data=st.data(), fault=faults)
        def publish(self, data, fault):
            self.transition(data.draw(st.sampled_from(sorted(u for u, s in self.items.items() if s == "draft"))),
                            "publish", "published", fault)

        @precondition(lambda self: "published" in self.items.values())
        @rule(data=st.data(), fault=faults)
        def retract(self, data, fault):
            self.transition(data.draw(st.sampled_from(sorted(u for u, s in self.items.items() if s == "published"))),
                            "retract", "draft", fault)

        @precondition(lambda self: self.items)
        @rule(data=st.data(), fault=faults)
        def delete(self, data, fault):
            url = data.draw(st.sampled_from(sorted(self.items)))
            form = self.browser.get(f"{url}/delete").forms["delete-form"]
            with self.committing(fault):
                form.submit("delete", status=302)
            del self.items[url]

        @rule()
        def restart(self):
            queue.drain_safely(registry)  # what a process does when it starts

        @rule()
        def check(self):
            assert not check_index(registry).found  # what was wrong was queued, and applied first

        @invariant()
        def whatever_differs_is_queued(self):
            index, database = indexed(registry)
            differs = {k for k in index.keys() | database.keys() if index.get(k) != database.get(k)}
            assert differs <= set(queued(registry))

        def teardown(self):
            queue.drain_safely(registry)
            index, database = indexed(registry)
            assert index == database and queued(registry) == []
            published = {url for url, state in self.items.items() if state == "published"}
            assert {k.split(":")[1] for k in index} == {u.rsplit("/", 1)[1] for u in published}

    run_state_machine_as_test(Edits, settings=hypothesis_settings(
        max_examples=8, stateful_step_count=10, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))


def test_a_serialization_failure_retried_indexes_once_and_mails_once(testapp, registry, db, make_user, db_engine,
                                                                      monkeypatch):
    """PostgreSQL refuses the commit of an editor's publication (could not serialize access) and pyramid_retry
    runs the request again: the failed attempt queued nothing and mailed nothing, so the author gets one mail
    and the index one update."""
    if db_engine.dialect.name != "postgresql":
        pytest.skip("a serialization failure is PostgreSQL's")
    from sqlalchemy import event, func, text
    from portal.models import OutboxMessage
    author = make_user("member@example.org", role="member")
    make_user("editor@example.org", role="editor")
    with db() as s:
        item = News(title="Members' assembly", language="en", state="pending", creator_id=author)
        s.add(item)
        s.flush()
        url, key = f"/news/{item.id}", f"news:{item.id}"
    login(testapp, "editor@example.org")
    backend = registry["search"]
    written, attempts = [], []
    real = backend.apply_changes

    def recording(changes, handle, parallel=False):
        written.append(sorted(changes))
        return real(changes, handle, parallel)
    monkeypatch.setattr(backend, "apply_changes", recording)

    def conflict_once(session):
        request = session.info.get("request")
        if request is not None and request.path.endswith("/transition"):
            attempts.append(request.path)
            if len(attempts) == 1:  # what PostgreSQL answers when a concurrent transaction won
                session.execute(text("DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' "
                                     "USING ERRCODE = '40001'; END $$"))
    event.listen(registry["dbsession_factory"], "before_commit", conflict_once)
    try:
        testapp.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    finally:
        event.remove(registry["dbsession_factory"], "before_commit", conflict_once)
    assert len(attempts) == 2  # the request ran twice
    assert [keys for keys in written if key in keys] == [[key]]
    assert queued(registry) == []
    with db() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMessage)
                        .where(OutboxMessage.recipient == "member@example.org")) == 1
    assert hits(testapp, "members assembly") == {"Members' assembly"}
