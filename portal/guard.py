"""Requests the portal cannot read are the visitor's mistake: a 4xx with the portal's own page before
any view, factory or query runs, on every route of the core and of every plugin.

- A path, query string or form that is not UTF-8 text, or a path or form field that holds a NUL
  (which no text column takes): 400. A NUL in the query is dropped: the search reads it as nothing. WebOb and Pyramid raise UnicodeDecodeError wherever such a request is first read (the page
  cache's key, the language from ?_LOCALE_=, route matching, the CSRF check), so the outermost tween
  looks first, then makes the request readable for the error page (the path with U+FFFD in place of
  what cannot be read, no query, no body); the NewRequest subscriber, inside the transaction and the
  exception views, refuses it.
- An id in the address that no row can have (a placeholder declared with a digits pattern, such as
  {id:\\d+}, beyond the id columns' range): 404, as for an id that does not exist. PostgreSQL would
  refuse the query (DataError), SQLite would not bind the number (OverflowError).
"""
import re

from pyramid.events import BeforeTraversal, NewRequest
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.tweens import INGRESS

# The id columns are INTEGER: PostgreSQL refuses a larger number in a query (DataError), SQLite one
# beyond 2**63 - 1 (OverflowError).
MAX_ID = 2 ** 31 - 1
UNREADABLE = "portal.unreadable"
# {name:\d+} or {name:[0-9]+}: a placeholder that only takes an id
ID_PLACEHOLDER = re.compile(r"\{(\w+):(?:\\d|\[0-9\])\+\}")
_id_placeholders: dict[str, tuple[str, ...]] = {}


def as_id(value):
    """The id that a string from an address or a form names (ASCII digits, 1 to MAX_ID), else None:
    check a number with it before it reaches a query. str.isdigit() alone takes "²", which int()
    refuses, and numbers that no id column holds."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= MAX_ID else None
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > len(str(MAX_ID)):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def _text(value):
    """A WSGI environ string (bytes as latin-1, PEP 3333) as UTF-8 text; None if it is not."""
    try:
        found = value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None
    return None if "\x00" in found else found


def unreadable(request):
    """What of the request is not text the portal can read: "path", "query", "form", or None."""
    environ = request.environ
    if _text(environ.get("PATH_INFO", "")) is None:
        return "path"
    query = environ.get("QUERY_STRING", "")
    if "%00" in query or "\x00" in query:
        # no text holds a NUL (PostgreSQL refuses one in a query's parameters): a search for "a\x00b"
        # is a search for "ab", as the search has always read it
        environ["QUERY_STRING"] = query.replace("%00", "").replace("\x00", "")
    try:
        request.GET
    except UnicodeDecodeError:
        return "query"
    if request.method in ("POST", "PUT", "PATCH"):
        try:  # parsed once: the views read the same parsed form
            fields = list(request.POST.items())
        except UnicodeDecodeError:
            return "form"
        if any("\x00" in name or (isinstance(value, str) and "\x00" in value) for name, value in fields):
            return "form"
    return None


def readable(request):
    """Only what the error page needs: the path as text, no query, no form."""
    environ = request.environ
    raw = environ.get("PATH_INFO", "").encode("latin-1", "replace")
    environ["PATH_INFO"] = raw.decode("utf-8", "replace").replace("\x00", "\ufffd").encode("utf-8").decode("latin-1")
    environ["QUERY_STRING"] = ""
    if request.method in ("POST", "PUT", "PATCH"):
        request.body = b""


def guard_tween_factory(handler, registry):
    def tween(request):
        problem = unreadable(request)
        if problem:
            readable(request)
            request.environ[UNREADABLE] = problem
        return handler(request)
    return tween


def refuse_unreadable(event):
    if event.request.environ.get(UNREADABLE):
        raise HTTPBadRequest()  # the error page's message: the address or the form holds a value it cannot use


def id_placeholders(pattern):
    found = _id_placeholders.get(pattern)
    if found is None:
        found = _id_placeholders[pattern] = tuple(ID_PLACEHOLDER.findall(pattern))
    return found


def ids_in_range(event):
    request = event.request
    route = request.__dict__.get("matched_route")
    if route is None:
        return
    for name in id_placeholders(route.pattern):
        if as_id(request.matchdict.get(name)) is None:
            raise HTTPNotFound()


def includeme(config):
    config.add_tween("portal.guard.guard_tween_factory", under=INGRESS)
    config.add_subscriber(refuse_unreadable, NewRequest)
    config.add_subscriber(ids_in_range, BeforeTraversal)
