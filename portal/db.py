"""Engine, sessionmaker and request.dbsession joined to the request's transaction (Pyramid cookiecutter)."""
import sqlite3

import zope.sqlalchemy
from sqlalchemy import engine_from_config, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def get_engine(settings, prefix="sqlalchemy."):
    """The engine of `sqlalchemy.*`. With `db.prepared_statements = false`, psycopg prepares no statement
    on the server (it does after a statement's fifth run on a connection): a pooler in transaction mode
    that does not follow prepared statements (pgbouncer before 1.21, or without max_prepared_statements)
    would send one to a server connection that never saw it."""
    from .settings import as_bool
    options = {}
    if not as_bool(settings.get("db.prepared_statements", "true")) \
            and str(settings.get(prefix + "url", "")).startswith("postgresql"):
        options["connect_args"] = {"prepare_threshold": None}
    return engine_from_config(settings, prefix, future=True, **options)


def get_session_factory(engine):
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "do_orm_execute", _hide_content_from_this_visitor)
    return factory


def hidden_content_ids(request):
    """The ids of the content items this visitor must not come across (config.add_search_exclusion: a
    juror, the entries of the blind evaluation they judge), computed once per request; none for visitors
    who are not logged in, so their pages cost nothing and stay cacheable."""
    found = request.__dict__.get("_portal_hidden_content")
    if found is None and request.__dict__.get("_portal_finding_user"):
        return frozenset()  # the session and account queries of request.user itself, which come first
    if found is None:
        request.__dict__["_portal_hidden_content"] = frozenset()  # the exclusions' own queries see everything
        keys = request.registry.portal.hidden_documents(request) if request.user is not None else ()
        found = frozenset(int(k.rsplit(":", 1)[1]) for k in keys if k.rsplit(":", 1)[-1].isdigit())
        request.__dict__["_portal_hidden_content"] = found
    return found


def _hide_content_from_this_visitor(state):
    """What a search must not find for this visitor is absent from every query of the request: listings,
    feeds, exports, related items, the item's own page (a 404). Relationship loads are left alone: the
    award review reads its entry's experience through the entry, masked."""
    if not state.is_select or state.is_relationship_load or state.is_column_load:
        return
    request = state.session.info.get("request")
    if request is None or getattr(request, "registry", None) is None or not hasattr(request.registry, "portal"):
        return
    ids = hidden_content_ids(request)
    if ids:
        from sqlalchemy.orm import with_loader_criteria
        from .models import Content
        state.statement = state.statement.options(with_loader_criteria(
            Content, Content.id.not_in(sorted(ids)), include_aliases=True, propagate_to_loaders=False))


def get_tm_session(session_factory, transaction_manager, request=None):
    dbsession = session_factory(info={"request": request})
    zope.sqlalchemy.register(dbsession, transaction_manager=transaction_manager)
    return dbsession


def get_or_404(dbsession, cls, ident):
    """The row of cls with that primary key (a string from the URL is fine), or a 404; an id no row can
    have (not ASCII digits, beyond the id columns) is a 404 before any query (portal.guard.as_id)."""
    from pyramid.httpexceptions import HTTPNotFound
    from .guard import as_id
    number = as_id(ident)
    found = dbsession.get(cls, number) if number is not None else None
    if found is None:
        raise HTTPNotFound()
    return found


def model_factory(model, key="id", hidden_unless_permitted=None, context=None):
    """A route factory: the row of `model` whose primary key is the route's {key}, or a 404 (an id no row
    can have included); with hidden_unless_permitted, a 404 too for whoever lacks that permission on it
    (hidden_unless); context(row) wraps the row when the route's context is another object.

        config.add_route("award_call", "/awards/{call:\\d+}", factory=model_factory(AwardCall, "call"))"""
    def factory(request):
        found = get_or_404(request.dbsession, model, request.matchdict[key])
        if hidden_unless_permitted:
            hidden_unless(request, found, hidden_unless_permitted)
        return context(found) if context is not None else found
    factory.__name__ = f"{model.__name__.lower()}_factory"
    factory.model, factory.key = model, key  # what it loads (tests reach a real row through them)
    return factory


def get_row_or_404(request, model, key="id"):
    """In a view, the row of `model` named by the route's {key} (a second id, such as a member of a group)."""
    return get_or_404(request.dbsession, model, request.matchdict[key])


def hidden_unless(request, context, permission="view"):
    """What a person may not see is not there for them, whatever the verb: a 404, as for an address
    that does not exist (a 403 would tell that it does); an anonymous visitor is asked to log in."""
    from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
    if not request.has_permission(permission, context):
        raise HTTPNotFound() if request.user is not None else HTTPForbidden()


def includeme(config):
    settings = config.get_settings()
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    engine = settings.get("portal.engine") or get_engine(settings)
    session_factory = get_session_factory(engine)
    config.registry["dbsession_factory"] = session_factory
    config.registry["engine"] = engine

    def dbsession(request):
        found = request.environ.get("app.dbsession")
        if found is None:
            found = get_tm_session(session_factory, request.tm, request=request)
        return found

    config.add_request_method(dbsession, reify=True)


def insert_ignoring_conflicts(session, model, index_elements: list[str]):
    """INSERT ... ON CONFLICT (index_elements) DO NOTHING on SQLite and PostgreSQL: the row another
    transaction wrote at the same moment is the normal case, not an error. On PostgreSQL the
    statement waits for that transaction, then does nothing. Add .values() or .from_select(), and
    .returning() to learn whether a row was written (a conflict returns none)."""
    if session.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model).on_conflict_do_nothing(index_elements=index_elements)


def conflicts_retried(view):
    """View decorator: a unique row that another request wrote at the same moment (two imports of one
    address, two saves of one issue) makes pyramid_retry run the request again, which then finds that
    row and answers as usual. The flush is here so that the conflict shows before the commit."""
    from pyramid_retry import mark_error_retryable
    from sqlalchemy.exc import IntegrityError

    def retried(context, request):
        try:
            response = view(context, request)
            request.dbsession.flush()
        except IntegrityError as exc:
            mark_error_retryable(exc)
            raise
        return response
    retried.__name__ = getattr(view, "__name__", "retried")
    retried.__doc__ = view.__doc__
    return retried
