"""Periodic tasks (config.add_periodic_task): run by the worker that delivers the outbox, once per interval
across every worker, in their own transaction, a failure recorded and tried again; `portal tasks`."""
import threading
from datetime import timedelta

from sqlalchemy import select

from portal.models import OutboxMessage, TaskRun, utcnow
from portal.tasks import run_due_tasks, run_task, worker_pass


def workshop(db, title="Assemblies in Grenoble"):
    from sample_plugin.models import Workshop
    from datetime import date
    with db() as s:
        s.add(Workshop(title=title, city="Grenoble", starts=date(2027, 5, 12), language="en", state="published"))


def test_a_plugin_s_task_runs_once_per_interval_whatever_the_workers(registry, db, make_user):
    make_user("sec@example.org", role="secretariat")
    workshop(db)
    now = utcnow()
    assert run_due_tasks(registry, now)["workshops:remind"] == ("1 workshops", "")
    assert "workshops:remind" not in run_due_tasks(registry, now + timedelta(hours=23))  # another worker, same day
    assert "workshops:remind" in run_due_tasks(registry, now + timedelta(days=1, seconds=1))
    with db() as s:
        assert len(s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "sec@example.org")).all()) == 2
        run = s.get(TaskRun, "workshops:remind")
        assert run.result == "1 workshops" and run.error == "" and run.due > now + timedelta(days=1)


def test_workers_racing_for_a_due_task_run_it_once(registry, db, make_user):
    make_user("sec@example.org", role="secretariat")
    workshop(db)
    now, results, start = utcnow(), [], threading.Barrier(4)

    def worker():
        start.wait()
        results.append(run_due_tasks(registry, now).get("workshops:remind"))
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(map(repr, results)) == sorted(map(repr, [("1 workshops", ""), None, None, None]))
    with db() as s:
        assert len(s.scalars(select(OutboxMessage)).all()) == 1


def test_a_failing_task_is_recorded_changes_nothing_and_is_tried_again(registry, db, make_user, monkeypatch, caplog):
    make_user("sec@example.org", role="secretariat")
    workshop(db)
    task = registry.portal.periodic_tasks["workshops:remind"]

    def broken(request):
        request.send_mail("sec@example.org", "half done", "...")
        raise RuntimeError("the database of workshops is away")
    real = task.run
    monkeypatch.setattr(task, "run", broken)
    now = utcnow()
    result, error = run_due_tasks(registry, now)["workshops:remind"]
    assert "RuntimeError: the database of workshops is away" in error
    assert "periodic task workshops:remind failed" in caplog.text
    with db() as s:
        assert s.scalars(select(OutboxMessage)).all() == []  # its transaction was rolled back
        assert "away" in s.get(TaskRun, "workshops:remind").error
    monkeypatch.setattr(task, "run", real)
    assert run_due_tasks(registry, now + task.every)["workshops:remind"] == ("1 workshops", "")
    with db() as s:
        assert s.get(TaskRun, "workshops:remind").error == ""


def test_one_worker_pass_runs_the_tasks_and_delivers_their_mail_with_the_site_s_address(app, registry, db,
                                                                                      make_user, maildir, settings):
    registry.settings["portal.url"] = "https://portal.example.org"
    make_user("sec@example.org", role="secretariat")
    workshop(db)
    worker_pass(registry)
    [message] = maildir.messages()
    assert message["To"] == "sec@example.org"
    assert "https://portal.example.org/workshops/" in message.get_payload(decode=True).decode()


def test_a_task_run_by_hand_runs_whatever_its_schedule(registry, db, make_user):
    make_user("sec@example.org", role="secretariat")
    assert run_due_tasks(registry)["workshops:remind"] == ("nothing to remind", "")
    workshop(db)
    assert "workshops:remind" not in run_due_tasks(registry)  # not due before tomorrow
    assert run_task(registry, registry.portal.periodic_tasks["workshops:remind"]) == ("1 workshops", "")
    with db() as s:
        assert [m.subject for m in s.scalars(select(OutboxMessage))] == ["Coming workshops"]


def test_the_secretariat_sees_each_task_s_last_run_beside_the_outbox(testapp, registry, db, make_user, monkeypatch):
    from portal.testing import login, text_of
    make_user("sec@example.org", role="secretariat", language="fr")
    login(testapp, "sec@example.org")
    page = text_of(testapp.get("/manage/outbox", {"_LOCALE_": "fr"}).text)
    assert "Tâches planifiées" in page and "Publier les résultats du prix dont la date est passée" in page
    assert "Pas encore" in page
    task = registry.portal.periodic_tasks["awards:publish-results"]
    monkeypatch.setattr(task, "run", lambda request: 1 / 0)
    run_due_tasks(registry)
    page = text_of(testapp.get("/manage/outbox", {"_LOCALE_": "fr"}).text)
    assert "Échec : ZeroDivisionError: division by zero" in page and "Fait" in page
