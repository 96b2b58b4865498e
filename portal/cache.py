"""Rendered pages for anonymous visitors, kept in memory and dropped after any committed change.

A visitor without a login session gets the same page as every other anonymous visitor in the same
language, so a response can be served again without running the view, until something changes.
Every transaction that writes through the ORM bumps the site's generation when it commits; a
marker file in cache.marker_dir (default: files.dir, which the app processes of a site share) carries the change to the other
processes, which compare its modification time on every request: a stat, not a query.

What is never cached: anything but GET/HEAD, a request with a session or flash cookie, a response
that sets a cookie, used the CSRF token, is not a 200, or says Cache-Control: private/no-store.
"""
import logging
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

from pyramid.csrf import CookieCSRFStoragePolicy
from sqlalchemy import event

from .security import SESSION_COOKIE
from .settings import as_bool
from .timezones import ZONE_COOKIE

CACHEABLE_TYPES = ("text/html", "application/json", "application/atom+xml", "text/csv")
MARKER = ".portal-generation"
CSRF_USED = "portal.csrf_used"
KEEP_FOR = "portal.cache_keep_for"
OFF_AFTER_FAILURE = 60.0  # seconds this process serves no cached page after the marker could not be written

log = logging.getLogger(__name__)


def keep_for(request, seconds):
    """What this page shows changes with the clock (upcoming events, an open call): a cached copy is
    served for at most `seconds`, even if nothing is saved meanwhile."""
    current = request.environ.get(KEEP_FOR)
    request.environ[KEEP_FOR] = seconds if current is None else min(current, seconds)


class PageCache:
    def __init__(self, marker_dir, max_bytes):
        self.marker = Path(marker_dir) / MARKER
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.local = 0
        self.off_until = 0.0
        self.shared = OrderedDict()  # shared_value's: key -> (generation, value)
        try:
            self.marker.parent.mkdir(parents=True, exist_ok=True)
            self.marker.touch(exist_ok=True)
        except OSError as exc:
            self._failed(exc)

    def generation(self):
        try:
            found = self.marker.stat()
            shared = (found.st_ino, found.st_mtime_ns)  # a new file each time: no two changes look alike
        except FileNotFoundError:
            shared = 0
        return (self.local, shared)

    def changed(self):
        """Called after a commit that wrote something: every cached page is stale."""
        with self.lock:
            self.local += 1
            self.entries.clear()
            self.size = 0
            self.shared.clear()
        fresh = self.marker.with_name(f"{MARKER}.{os.getpid()}.{threading.get_ident()}")
        try:
            fresh.write_text(str(self.local))
            os.replace(fresh, self.marker)
        except OSError as exc:
            # called after the commit: the change is saved, the request must not answer an error for it
            self._failed(exc)
            try:
                fresh.unlink(missing_ok=True)
            except OSError:
                pass

    def _failed(self, exc):
        """The marker cannot be written (cache.marker_dir full or read-only): the other processes will
        not hear of this change, so this one at least serves nothing from its cache for a while."""
        log.error("page cache: cannot write %s (%s): cached pages are off for %d s", self.marker, exc,
                  OFF_AFTER_FAILURE)
        self.off_until = time.monotonic() + OFF_AFTER_FAILURE

    def serving(self):
        return time.monotonic() >= self.off_until

    def get(self, key, generation):
        if not self.serving():
            return None
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] != generation or (found[2] is not None and time.monotonic() >= found[2]):
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key, generation, response, seconds=None):
        if not self.serving() or not isinstance(response.app_iter, (list, tuple)):
            return  # a streamed response (an export) is not read whole into memory to be kept
        body = response.body
        size = len(body) + 500
        if size > self.max_bytes // 8:
            return
        headers = [(k, v) for k, v in response.headerlist if k.lower() not in ("set-cookie", "content-length")]
        with self.lock:
            if key in self.entries:
                self._drop(key)
            expires = None if seconds is None else time.monotonic() + seconds
            self.entries[key] = (generation, (response.status, headers, body), expires)
            self.size += size
            while self.size > self.max_bytes and self.entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        generation, (status, headers, body), expires = self.entries.pop(key)
        self.size -= len(body) + 500


class TrackingCSRFPolicy(CookieCSRFStoragePolicy):
    """Pyramid's double-submit cookie policy, noting on the request that a page used its token:
    such a page belongs to one visitor and is never cached."""

    def get_csrf_token(self, request):
        request.environ[CSRF_USED] = True
        return super().get_csrf_token(request)

    def new_csrf_token(self, request):
        request.environ[CSRF_USED] = True
        return super().new_csrf_token(request)


def _note_write(session, *args):
    session.info["portal.wrote"] = True


def _note_dml(orm_execute_state):
    if orm_execute_state.is_insert or orm_execute_state.is_update or orm_execute_state.is_delete:
        orm_execute_state.session.info["portal.wrote"] = True


def _after_commit(session):
    if session.info.pop("portal.wrote", False):
        request = session.info.get("request")
        registry = getattr(request, "registry", None) or session.info.get("registry")
        cache = registry.get("page_cache") if registry is not None else None
        if cache is not None:
            cache.changed()


def _after_rollback(session):
    session.info.pop("portal.wrote", None)


def listen(session_factory):
    """Note the writes of the sessions this site's factory makes (not every SQLAlchemy session of the
    process: another app, a test's own engine, a tool)."""
    if not event.contains(session_factory, "after_flush", _note_write):
        event.listen(session_factory, "after_flush", _note_write)
        event.listen(session_factory, "do_orm_execute", _note_dml)
        event.listen(session_factory, "after_commit", _after_commit)
        event.listen(session_factory, "after_soft_rollback", _after_soft_rollback)


def _after_soft_rollback(session, transaction):
    _after_rollback(session)


SHARED_ENTRIES = 512  # shared values a process keeps (each a few cards or figures)


def shared_value(request, name, compute, seconds=60):
    """compute() once for every visitor who sees the same thing, logged in or not: the same language,
    time zone and content hidden from them (a juror's), until anything is saved on the site (any process)
    or `seconds` pass on the portal's clock (or what compute asks with keep_for, if less). For the parts of
    a page that do not depend on who reads it (the home page's highlights and figures); the value must
    be plain data (no ORM objects: the next request has another session)."""
    cache = request.registry.get("page_cache")
    if cache is None or not cache.serving():
        return compute()
    from .clock import clock
    from .db import hidden_content_ids
    from .timezones import reader_zone
    asked = request.environ.pop(KEEP_FOR, None)
    try:
        window = int(clock.now().timestamp() // seconds)
        key = (name, request.locale_name, reader_zone(request), hidden_content_ids(request), window)
        generation = cache.generation()
        with cache.lock:
            found = cache.shared.get(key)
            if found is not None and found[0] == generation:
                cache.shared.move_to_end(key)
                return found[1]
        value = compute()
        kept = request.environ.get(KEEP_FOR)
        if kept is None or kept >= seconds - clock.now().timestamp() % seconds:
            with cache.lock:
                cache.shared[key] = (generation, value)
                while len(cache.shared) > SHARED_ENTRIES:
                    cache.shared.popitem(last=False)
        return value
    finally:
        kept = request.environ.pop(KEEP_FOR, None)
        for seconds_asked in (asked, kept):
            if seconds_asked is not None:
                keep_for(request, seconds_asked)


def cache_tween_factory(handler, registry):
    cache = registry.get("page_cache")
    if cache is None:
        return handler

    def tween(request):
        if request.method not in ("GET", "HEAD") or SESSION_COOKIE in request.cookies \
                or "portal_flash" in request.cookies or request.path.startswith("/static/"):
            return handler(request)
        # times are shown in the browser's zone: a page is kept per zone as per language
        key = (request.host_url, request.path_qs, request.locale_name, request.cookies.get(ZONE_COOKIE, ""))
        generation = cache.generation()
        found = cache.get(key, generation)
        if found is not None:
            status, headers, body = found
            response = request.response.__class__(status=status, headerlist=list(headers), body=body)
            response.headers["X-Portal-Cache"] = "hit"
            return response
        response = handler(request)
        cache_control = response.headers.get("Cache-Control", "")
        if (response.status_int == 200 and not request.environ.get(CSRF_USED)
                and "Set-Cookie" not in response.headers and "private" not in cache_control
                and "no-store" not in cache_control and response.content_type in CACHEABLE_TYPES
                and request.user is None):
            cache.put(key, generation, response, request.environ.get(KEEP_FOR))
        return response
    return tween


def includeme(config):
    settings = config.get_settings()
    config.set_csrf_storage_policy(TrackingCSRFPolicy(samesite="Lax", httponly=True))
    # the generation of the site's content, always kept: shared_value uses it with or without cached pages
    config.registry["page_cache"] = PageCache(settings.get("cache.marker_dir") or settings["files.dir"],
                                              int(settings.get("cache.max_bytes", 32 * 1024 * 1024)))
    listen(config.registry["dbsession_factory"])
    if as_bool(settings.get("cache.anonymous_pages", "true")):
        config.add_tween("portal.cache.cache_tween_factory", over="pyramid_tm.tm_tween_factory")
