"""The durable queue of search changes.

When a session commits changes to indexed items, the keys of their documents go into search_queue in
the same transaction (and the documents are built from the session, as it commits them). After the
commit, the request applies its own changes to the index and deletes their rows; a change the index
could not take (locked, failing, the process killed between commit and indexing) stays queued and is
applied by the next commit, at start-up, by `portal mail-worker` and by `portal reindex --check`.

Writers hold the backend's lock (Whoosh: the index's write lock; PostgreSQL: an advisory lock) while
they read the queue and the database and write the index, so an older state never overwrites a newer
one: a document built before commit is used only while the request's own row is the only one of that
key; otherwise the document is read again from the database.
"""
import logging
import signal
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from . import SearchIndexError, build_document, document_key
from ..models import SearchChange, utcnow

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 2.0  # seconds a request (or a starting process) waits for the index lock
COMMAND_TIMEOUT = 30.0
LEFTOVERS = 20  # changes left by others that a request's own drain also applies
BATCH = 500  # changes applied per transaction when draining


# --- queueing in the transaction of the change ----------------------------------------------------

def _pending(session: Session) -> dict:
    return session.info.setdefault("search_pending", {})


def reindex_later(session: Session, obj: object) -> None:
    """Queue obj for (re)indexing at commit, for changes that do not touch its own row."""
    _pending(session)[id(obj)] = ("update", obj)


def _registry(session: Session):
    request = session.info.get("request")
    registry = getattr(request, "registry", None) or session.info.get("registry")
    return registry if registry is not None and hasattr(registry, "portal") else None


def _after_flush(session: Session, flush_context) -> None:
    registry = _registry(session)
    if registry is None:
        return
    pending = _pending(session)
    for obj in list(session.new) + list(session.dirty):
        if registry.portal.index_for(obj) is not None:
            pending[id(obj)] = ("update", obj)
    for obj in session.deleted:
        info = registry.portal.index_for(obj)
        if info is not None:
            pending[id(obj)] = ("delete", document_key(info, obj))


def _before_commit(session: Session) -> None:
    session.flush()  # SQLAlchemy flushes after this event; the queue must see the last changes
    pending = session.info.pop("search_pending", None)
    registry = _registry(session)
    if not pending or registry is None:
        return
    request = session.info.get("request")
    changes = {payload: None for action, payload in pending.values() if action == "delete"}
    for action, payload in pending.values():
        if action == "delete":
            continue
        info = registry.portal.index_for(payload)
        if info is None or payload in session.deleted or payload.id is None:
            continue
        changes[document_key(info, payload)] = (build_document(request, info, payload)
                                                if info.should_index(payload) else None)
    if not changes:
        return
    rows = session.execute(insert(SearchChange).returning(SearchChange.id, SearchChange.key),
                           [{"key": key, "queued": utcnow()} for key in changes]).all()
    session.info["search_queued"] = (registry, changes, {key: id_ for id_, key in rows})


def _after_commit(session: Session) -> None:
    queued = session.info.pop("search_queued", None)
    if not queued:
        return
    registry, changes, own = queued
    backend = registry["search"]
    if backend.deferring:  # a command's bulk(): applied a batch at a time
        backend.deferred += len(changes)
        if backend.deferred >= backend.batch:
            backend.deferred = 0
            drain_safely(registry, batch=backend.batch, parallel=True, timeout=COMMAND_TIMEOUT)
        return
    # the change is saved: whatever happens to the index now, the request succeeds (the row stays queued)
    drain_safely(registry, request=session.info.get("request"), prebuilt=changes, own=own, timeout=REQUEST_TIMEOUT)


def _after_rollback(session: Session) -> None:
    session.info.pop("search_pending", None)
    session.info.pop("search_queued", None)


def listen(session_factory) -> None:
    """Queue the search changes of the sessions this site's factory makes (the site's sessions only)."""
    if not event.contains(session_factory, "after_flush", _after_flush):
        event.listen(session_factory, "after_flush", _after_flush)
        event.listen(session_factory, "before_commit", _before_commit)
        event.listen(session_factory, "after_commit", _after_commit)
        event.listen(session_factory, "after_soft_rollback", _after_soft_rollback)


def _after_soft_rollback(session: Session, transaction) -> None:
    _after_rollback(session)


# --- applying the queue ---------------------------------------------------------------------------

def drain_request(registry, session: Session, request=None):
    """A request whose dbsession is session, for building documents outside the request that changed them
    (a document function reads request.dbsession, route_path...)."""
    from pyramid.request import Request, apply_request_extensions
    base = getattr(request, "application_url", None) or registry.settings.get("portal.url") or "http://localhost"
    found = Request.blank("/", base_url=base.rstrip("/"))
    found.registry = registry
    found.environ["app.dbsession"] = session
    apply_request_extensions(found)
    return found


@contextmanager
def building(registry, session: Session, request=None) -> Iterator:
    """A request on session (drain_request), made the current one while documents are built: an item's
    ACL reads the current registry."""
    from pyramid.threadlocal import manager
    found = drain_request(registry, session, request)
    manager.push({"registry": registry, "request": found})
    try:
        yield found
    finally:
        manager.pop()


def database_documents(registry, session: Session, request=None) -> dict[str, dict]:
    """{key: document} of everything the database says should be indexed now."""
    from . import all_documents
    with building(registry, session, request) as found:
        return {doc["key"]: doc for doc in all_documents(found)}


def documents_for(request, keys: Iterable[str]) -> dict[str, dict | None]:
    """{key: the document the database gives now, or None when that item is gone or not to be indexed}."""
    portal = request.registry.portal
    by_name = {info.name: info for info in portal.search_indexes.values()}
    wanted = defaultdict(dict)
    changes = dict.fromkeys(keys)
    for key in keys:
        name, _, ident = key.rpartition(":")
        if name in by_name and ident.isdigit():
            wanted[name][int(ident)] = key
    for name, ids in wanted.items():
        info = by_name[name]
        for obj in request.dbsession.scalars(select(info.factory).where(info.factory.id.in_(list(ids)))
                                             .options(*info.load)):
            if portal.index_for(obj) is info and info.should_index(obj):
                changes[ids[obj.id]] = build_document(request, info, obj)
    return changes


def _drain_once(registry, request=None, prebuilt: dict | None = None, own: dict[str, int] | None = None,
                batch: int = BATCH, timeout: float = COMMAND_TIMEOUT, parallel: bool = False) -> int:
    """Apply one batch of queued changes; returns how many rows it took."""
    backend = registry["search"]
    session = registry["dbsession_factory"](info={"registry": registry, "search_drain": True})
    try:
        if not own and session.scalar(select(SearchChange.id).limit(1)) is None:
            return 0  # nothing queued: no need to wait for the lock
        session.rollback()
        with backend.locked(session, timeout=timeout) as handle:
            if own:  # a request: its own changes, and a few that others left
                oldest = select(SearchChange.id).order_by(SearchChange.id).limit(LEFTOVERS).scalar_subquery()
                rows = session.execute(select(SearchChange.id, SearchChange.key).where(
                    SearchChange.key.in_(list(own)) | SearchChange.id.in_(oldest))).all()
            else:
                rows = session.execute(select(SearchChange.id, SearchChange.key)
                                       .order_by(SearchChange.id).limit(batch)).all()
            if not rows:
                session.rollback()
                return 0
            ids_of = defaultdict(set)
            for id_, key in rows:
                ids_of[key].add(id_)
            changes, stale = {}, []
            for key, ids in ids_of.items():
                if prebuilt is not None and key in prebuilt and ids == {own.get(key)}:
                    changes[key] = prebuilt[key]  # no later change of it is queued: built as it was committed
                else:
                    stale.append(key)
            if stale:
                with building(registry, session, request) as found:
                    changes.update(documents_for(found, stale))
            backend.apply_changes(changes, handle, parallel=parallel)
            session.execute(delete(SearchChange).where(SearchChange.id.in_([id_ for id_, _ in rows])))
            session.commit()
    finally:
        session.close()
    backend._changed()
    return len(rows)


def drain(registry, request=None, prebuilt: dict | None = None, own: dict[str, int] | None = None, batch: int = BATCH,
          timeout: float = COMMAND_TIMEOUT, parallel: bool = False) -> int:
    """Apply queued changes until none is left (a request: its own and a few more); returns how many."""
    done = 0
    while True:
        taken = _drain_once(registry, request, prebuilt, own, batch, timeout, parallel)
        done += taken
        if own or taken < batch:
            return done


def drain_safely(registry, timeout: float = REQUEST_TIMEOUT, **kw) -> int:
    """drain(), for callers that must not fail because of the index (a saved change, a start-up): what
    is not applied stays queued, and the reason is logged."""
    try:
        return drain(registry, timeout=timeout, **kw)
    except SearchIndexError as exc:
        log.warning("search: changes stay queued: %s", exc)
    except Exception:
        log.exception("search: changes stay queued: the index did not take them")
    return 0


def drain_at_start(registry) -> None:
    """What a process that stopped between a commit and its indexing left queued (kept in the registry
    for `portal reindex --check` to report)."""
    from sqlalchemy.exc import DBAPIError
    registry["search.applied_at_start"] = 0
    try:
        registry["search.applied_at_start"] = drain(registry, timeout=REQUEST_TIMEOUT)
    except DBAPIError as exc:  # no database yet (before `portal initdb`): the command says so if it needs one
        log.debug("search: the queue was not read at start: %s", exc)
    except SearchIndexError as exc:
        log.warning("search: changes stay queued: %s", exc)
    except Exception:
        log.exception("search: changes stay queued: the index did not take them")


@contextmanager
def bulk(registry, batch: int = 5000, processes: int = 1) -> Iterator:
    """For a command that commits many changes (an import): they stay queued and are applied `batch` at a
    time, on `processes` processes with Whoosh, and when the block ends, also after an error or SIGTERM.
    Never inside a server (it would fork a process with threads, and hold other requests' changes back).
    Whatever is not applied when the command stops stays queued: the next start, `portal mail-worker` or
    `portal reindex --check` applies it."""
    backend = registry["search"]
    backend.deferring, backend.deferred, backend.batch, backend.processes = True, 0, batch, max(1, processes)
    try:
        yield backend
    except BaseException:
        try:
            drain(registry, batch=batch, parallel=True)
        except Exception as exc:  # the block's own error is the one to report; this one is said beside it
            print(f"portal: {exc}; the changes stay queued", file=sys.stderr)
        raise
    else:
        try:
            drain(registry, batch=batch, parallel=True)
        except SearchIndexError:
            raise
        except Exception as exc:
            raise SearchIndexError(f"the search index did not take the changes ({exc}); they stay queued: "
                                   "`portal reindex --check` applies them") from exc
    finally:
        backend.deferring, backend.processes = False, 1


# --- rebuilding and checking ----------------------------------------------------------------------

def rebuild_index(registry, request=None, progress: Callable | None = None, timeout: float = COMMAND_TIMEOUT) -> int:
    """Replace the index with every document of the database, read under the index lock (a change
    committed meanwhile is queued and applied after); the queued changes it covers are deleted. A
    backend that rebuilds in batches (PostgreSQL) does so in short transactions instead."""
    backend = registry["search"]
    if backend.batched_rebuild:
        return _rebuild_in_batches(registry, request, progress, timeout)
    session = registry["dbsession_factory"](info={"registry": registry, "search_drain": True})
    try:
        with backend.locked(session, timeout=timeout) as handle:
            covered = list(session.scalars(select(SearchChange.id)))
            docs = list(database_documents(registry, session, request).values())
            backend.replace_all(progress(docs) if progress else docs, handle)
            if covered:
                session.execute(delete(SearchChange).where(SearchChange.id.in_(covered)))
            session.commit()
    finally:
        session.close()
    backend._changed()
    return len(docs)


REBUILD_BATCH = 500  # documents per transaction of a batched rebuild


def _indexed_keys(session: Session, registry) -> list[str]:
    """The key of every item an index covers (read from the ids only; documents_for sorts out which of
    them are indexed, and under which index)."""
    keys = []
    for info in registry.portal.search_indexes.values():
        keys += [f"{info.name}:{ident}" for ident in session.scalars(select(info.factory.id).order_by(info.factory.id))]
    return keys


def _rebuild_in_batches(registry, request, progress, timeout) -> int:
    """Every document written again, REBUILD_BATCH at a time, each batch built from the database and
    written in a transaction of its own that holds the writers' lock only for that batch: edits made
    meanwhile wait at most one batch, and are never overwritten by an older state (a batch reads the
    database after taking the lock; an edit writes its document after its commit, under the same lock).
    Then what the index holds that no batch wrote (items gone since) is checked against the database."""
    from sqlalchemy import func
    backend = registry["search"]
    session = registry["dbsession_factory"](info={"registry": registry, "search_drain": True})
    written: set = set()

    def write(keys: list) -> None:
        with backend.locked(session, timeout=timeout) as handle:
            with building(registry, session, request) as found:
                changes = documents_for(found, keys)
            backend.apply_changes(changes, handle)
            session.commit()
        written.update(key for key, doc in changes.items() if doc is not None)
    try:
        covered = session.scalar(select(func.max(SearchChange.id))) or 0
        keys = _indexed_keys(session, registry)
        session.rollback()
        batch: list = []
        for key in (progress(keys) if progress else keys):
            batch.append(key)
            if len(batch) >= REBUILD_BATCH:
                write(batch)
                batch = []
        if batch:
            write(batch)
        with backend.locked(session, timeout=timeout) as handle:
            extra = set(backend.fingerprints()) - written
            if extra:
                with building(registry, session, request) as found:
                    backend.apply_changes(documents_for(found, sorted(extra)), handle)
            # what was queued before the rebuild began is in the documents it read
            session.execute(delete(SearchChange).where(SearchChange.id <= covered))
            session.commit()
    finally:
        session.close()
    backend._changed()
    return len(written)


@dataclass
class Drift:
    applied: int = 0  # queued changes applied first
    missing: int = 0  # documents the database has and the index had not
    stale: int = 0  # indexed documents that differed from the database
    extra: int = 0  # indexed documents of items gone or no longer to be indexed
    total: int = 0  # documents in the index afterwards

    @property
    def found(self) -> bool:
        return bool(self.missing or self.stale or self.extra)


def check_index(registry, request=None, timeout: float = COMMAND_TIMEOUT) -> Drift:
    """Apply what is queued, then compare every indexed document with the database and repair the
    difference. Keys queued meanwhile (a change committed during the check) are repaired but not counted."""
    from . import fingerprint
    backend = registry["search"]
    report = Drift(applied=registry.get("search.applied_at_start", 0) + drain(registry, batch=5000, timeout=timeout))
    session = registry["dbsession_factory"](info={"registry": registry, "search_drain": True})
    try:
        with backend.locked(session, timeout=timeout) as handle:
            wanted = database_documents(registry, session, request)
            indexed = backend.fingerprints()
            changes = {key: None for key in indexed.keys() - wanted.keys()}
            missing = wanted.keys() - indexed.keys()
            stale = {key for key in wanted.keys() & indexed.keys() if indexed[key] != fingerprint(wanted[key])}
            changes.update({key: wanted[key] for key in missing | stale})
            pending = set(session.scalars(select(SearchChange.key)))
            report.missing, report.stale = len(missing - pending), len(stale - pending)
            report.extra = len((indexed.keys() - wanted.keys()) - pending)
            if changes:
                backend.apply_changes(changes, handle, parallel=True)
            session.commit()
    finally:
        session.close()
    if changes:
        backend._changed()
    report.total = backend.count()
    return report


# --- stopping a command between two batches -------------------------------------------------------

class StopRequested:
    """Set by SIGTERM (systemd, docker stop) or SIGINT: a command finishes the batch it is writing, then
    stops; what was committed is in the queue, applied when the command ends or by the next start."""

    def __init__(self) -> None:
        self.signal = None

    def __bool__(self) -> bool:
        return self.signal is not None

    @contextmanager
    def installed(self, signals: tuple = (signal.SIGTERM, signal.SIGINT)) -> Iterator:
        def handler(signum, frame):
            if self.signal is not None:  # asked twice: stop now
                raise KeyboardInterrupt
            self.signal = signum
        previous = {s: signal.signal(s, handler) for s in signals}
        try:
            yield self
        finally:
            for s, old in previous.items():
                signal.signal(s, old)
