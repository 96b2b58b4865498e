"""Periodic tasks: work a plugin wants done on time without anyone asking (award results on their date,
working-group digests, a campaign closing, a scheduled send).

`config.add_periodic_task(name, run, every)` declares one; the worker that delivers the outbox (`portal
mail-worker`, or the server's own thread with mail.worker_in_process) runs every due task at each pass:
run(request) in its own transaction, with a request that builds links from portal.url. A row of
task_runs is claimed with a conditional UPDATE, so among several workers one runs it; a task that fails
is logged and recorded (`portal tasks` shows it) and tried again at its next interval. `portal tasks
--run NAME` runs one by hand, whatever its schedule."""
import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable

from sqlalchemy import or_, select, update

from .models import TaskRun, utcnow

log = logging.getLogger(__name__)


@dataclass
class PeriodicTask:
    name: str
    run: Callable[[Any], Any]
    every: timedelta
    title: Any
    plugin: str


def add_periodic_task(config, name, run, every, title=None):
    """run(request) -> a short result (a number or text, shown by `portal tasks`); every: a timedelta or a
    number of seconds."""
    if isinstance(every, (int, float)) and not isinstance(every, bool):
        every = timedelta(seconds=every)
    if not isinstance(every, timedelta) or every <= timedelta(0):
        raise ValueError(f"add_periodic_task({name!r}): every must be a positive timedelta or number of seconds")
    from .callbacks import request_first
    request_first(run, f"add_periodic_task({name})")
    task = PeriodicTask(name=name, run=run, every=every, title=title or name, plugin=config.package_name)
    portal = config.registry.portal
    from .registry import _register

    def store():
        portal.periodic_tasks[name] = task

    _register(config, "portal periodic tasks", name, name, store, every=str(every))


def task_request(registry):
    """A request outside any visitor's: links in what the task writes use portal.url when it is set."""
    from pyramid.request import Request
    from pyramid.scripting import prepare
    base = (registry.settings.get("portal.url") or "").rstrip("/")
    request = Request.blank("/", base_url=base) if base else None
    if request is not None:
        request.registry = registry
    return prepare(request=request, registry=registry)


def _claim(session, task, now):
    """True when this worker moved the task's due time forward (and so runs it now)."""
    if session.get(TaskRun, task.name) is None:
        from .db import insert_ignoring_conflicts
        session.execute(insert_ignoring_conflicts(session, TaskRun, ["name"]).values(
            name=task.name, due=None, result="", error=""))
    claimed = session.execute(
        update(TaskRun).where(TaskRun.name == task.name, or_(TaskRun.due.is_(None), TaskRun.due <= now))
        .values(due=now + task.every, started=now).execution_options(synchronize_session=False))
    return claimed.rowcount == 1


def run_task(registry, task):
    """Run one task now in its own transaction; record what it returned or why it failed."""
    env = task_request(registry)
    request = env["request"]
    error, result = "", ""
    try:
        with request.tm:
            result = task.run(request)
    except Exception:
        log.exception("periodic task %s failed", task.name)
        error = traceback.format_exc(limit=5)[-2000:]
    finally:
        env["closer"]()
    session = registry["dbsession_factory"]()
    try:
        with session.begin():
            session.execute(update(TaskRun).where(TaskRun.name == task.name).values(
                finished=utcnow(), result="" if result is None else str(result)[:2000], error=error))
    finally:
        session.close()
    return result, error


def run_due_tasks(registry, now=None):
    """Each task that is due and that this worker claims runs once; returns {name: (result, error)}."""
    tasks = getattr(getattr(registry, "portal", None), "periodic_tasks", {})
    done = {}
    for task in sorted(tasks.values(), key=lambda t: t.name):
        session = registry["dbsession_factory"]()
        try:
            with session.begin():
                mine = _claim(session, task, now or utcnow())
        finally:
            session.close()
        if mine:
            done[task.name] = run_task(registry, task)
    return done


def task_runs(registry):
    """[(task, TaskRun or None)] for `portal tasks` and the control panel."""
    session = registry["dbsession_factory"]()
    try:
        runs = {r.name: r for r in session.scalars(select(TaskRun))}
        session.expunge_all()
    finally:
        session.close()
    return [(t, runs.get(t.name)) for t in sorted(registry.portal.periodic_tasks.values(), key=lambda t: t.name)]


def worker_pass(registry, limit=50):
    """One turn of the worker: search changes left queued, the tasks due, then the outbox (so a task's
    mails leave in the same turn). Returns deliver_pending's (sent, failed) with .more."""
    from .mail import deliver_pending
    from .search.queue import drain_safely
    drain_safely(registry)
    run_due_tasks(registry)
    return deliver_pending(registry["dbsession_factory"], registry.settings, limit=limit, registry=registry)
