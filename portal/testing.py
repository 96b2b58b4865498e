"""pytest fixtures shared by the core's and the plugins' tests (registered as the `portal` pytest plugin).

The suite runs on SQLite by default; set PORTAL_TEST_DB to a PostgreSQL database name (or URL) to run
it there. The schema is built once per session with the Alembic migrations, and the app once per session
(for each set of settings); every test then starts from the migrations' rows (only the tables the previous
test wrote are emptied), an empty search index, empty file and mail folders and an empty page cache.
"""
import os
import re

import pytest

# The tests that build an app of their own make new template renderers; a disk cache spares recompiling them.
if "CHAMELEON_CACHE" not in os.environ:
    import tempfile
    import atexit
    import shutil
    os.environ["CHAMELEON_CACHE"] = tempfile.mkdtemp(prefix="portal-chameleon-")
    atexit.register(shutil.rmtree, os.environ["CHAMELEON_CACHE"], ignore_errors=True)


def _let_pkg_resources_read_rewritten_modules():
    """pytest rewrites the modules of an entry-point plugin's whole distribution, so `portal` is
    loaded by its hook; Pyramid finds templates through pkg_resources, which must know that loader."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pkg_resources
    from _pytest.assertion.rewrite import AssertionRewritingHook
    pkg_resources.register_loader_type(AssertionRewritingHook, pkg_resources.DefaultProvider)


_let_pkg_resources_read_rewritten_modules()

TEST_PLUGIN_ENV = "PORTAL_TEST_PLUGINS"


def database_url(tmp_root):
    name = os.environ.get("PORTAL_TEST_DB", "").strip()
    if not name:
        return f"sqlite:///{tmp_root}/portal.sqlite"
    if "://" in name:
        return name
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def base_settings(tmp_root, url, search_backend="whoosh", plugins=""):
    return {
        "sqlalchemy.url": url,
        "portal.secret": "test-secret-0123456789abcdef",
        "portal.site_name": "Test network",
        "portal.plugins": plugins,
        "files.dir": str(tmp_root / "files"),
        "cache.marker_dir": str(tmp_root / "cache"),
        "files.max_size": str(1024 * 1024),
        "search.backend": search_backend,
        "search.whoosh_dir": str(tmp_root / "whoosh"),
        "mail.delivery": "maildir",
        "mail.maildir": str(tmp_root / "maildir"),
        "mail.sender": "Test network <portal@test.example>",
        "auth.argon2_time_cost": "1",
        "auth.argon2_memory_cost": "1024",
        "pyramid.reload_templates": "false",
    }


def ini_text(settings, loggers=(), server=None):
    """A paste ini file of these app settings, for a portal run in another process (a worker, a served
    bench): [app:main], [server:main] from server (a dict) if given, and logging to stderr at WARN,
    with loggers ((section, qualname, level), ...) besides the root."""
    lines = ["[app:main]", "use = egg:portal"] + [f"{key} = {value}" for key, value in settings.items()]
    if server:
        lines += ["", "[server:main]", "use = egg:waitress#main"] + [f"{k} = {v}" for k, v in server.items()]
    names = ["root"] + [section for section, _, _ in loggers]
    lines += ["", "[loggers]", "keys = " + ", ".join(names), "", "[handlers]", "keys = console", "",
              "[formatters]", "keys = generic", "", "[logger_root]", "level = WARN", "handlers = console"]
    for section, qualname, level in loggers:
        lines += ["", f"[logger_{section}]", f"level = {level}", "handlers =", f"qualname = {qualname}"]
    lines += ["", "[handler_console]", "class = StreamHandler", "args = (sys.stderr,)", "level = NOTSET",
              "formatter = generic", "", "[formatter_generic]",
              "format = %(asctime)s %(levelname)-5.5s [%(name)s][%(threadName)s] %(message)s", ""]
    return "\n".join(lines)


def app_with_view(settings, path, view, configure=None, **view_options):
    """A test client of the portal with one more view at path (no permission needed), to see what the
    portal's mechanisms (transactions, the outbox, uploads) do when a view fails; view_options go to
    add_view, configure(config) may add more."""
    import webtest
    from pyramid.config import Configurator
    from pyramid.security import NO_PERMISSION_REQUIRED
    from portal.settings import check_settings
    values = check_settings(settings)
    name = view.__name__
    with Configurator(settings=values) as config:
        config.include("portal.core")
        for plugin in values["portal.plugins"].split():
            config.include(plugin)
        config.add_route(name, path)
        config.add_view(view, route_name=name, permission=NO_PERMISSION_REQUIRED, **view_options)
        if configure is not None:
            configure(config)
    return webtest.TestApp(config.make_wsgi_app(), extra_environ={"HTTP_HOST": "portal.test"})


def png(width=24, height=16):
    """A small valid PNG of one colour, made here so a test needs no file of its own."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = (b"\x00" + b"\x0b\x5d\x8a" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def fresh_app(folder, db_engine, plugins, demo=False):
    """The portal on the emptied test database (the rows its migrations wrote put back), for a module of
    browser tests; with the demo content when `demo`."""
    from pyramid.scripting import prepare

    from portal import main
    settings = base_settings(folder, db_engine.url.render_as_string(hide_password=False), plugins=plugins)
    settings["portal.engine"] = db_engine
    reset_database(db_engine, db_engine.portal_baseline)
    app = main({}, **settings)
    if demo:
        from portal.demo import load_demo
        env = prepare(registry=app.registry)
        with env["request"].tm:
            load_demo(env["request"])
        env["closer"]()
    return app


def serving(serve, app, db_engine):
    """The app served on loopback (the browser tests' `serve`) until the block ends; then the server stops
    and the database is emptied again."""
    from contextlib import contextmanager

    @contextmanager
    def served():
        server = serve(app)
        try:
            yield server
        finally:
            server.stop()
            reset_database(db_engine, db_engine.portal_baseline)
    return served()


def reset_database(engine, baseline=None, only=None):
    """Empty the tables (TRUNCATE on PostgreSQL, DELETE with foreign keys off on SQLite, a PRAGMA
    SQLite ignores inside a transaction: hence the commit before turning them back on), then put
    back the rows the migrations themselves wrote (baseline: {table: rows}), such as a taxonomy.
    only: just these tables (those a test wrote; on PostgreSQL with the tables whose rows refer to
    them, which TRUNCATE ... CASCADE empties too); every table by default."""
    from sqlalchemy import MetaData, text
    if only is None:
        _schema_of.pop(engine.url.render_as_string(hide_password=False), None)  # the schema may have changed
    names = _tables(engine) if only is None else _closure(engine, only)
    WRITES.clear(engine)
    if not names:
        return
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE"))
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for name in names:
                conn.exec_driver_sql(f'DELETE FROM "{name}"')
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            conn.commit()
    refill = {name: rows for name, rows in (baseline or {}).items() if name in names}
    if refill:
        meta = MetaData()
        meta.reflect(engine, only=list(refill))
        with engine.begin() as conn:
            for name, rows in refill.items():
                conn.execute(meta.tables[name].insert(), rows)
                if engine.dialect.name == "postgresql" and "id" in meta.tables[name].c:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                      f"(SELECT max(id) FROM \"{name}\"))"))
    WRITES.clear(engine)


_schema_of = {}  # engine url -> (table names, {table: tables whose foreign keys point at it})


def _schema(engine):
    from sqlalchemy import inspect
    key = engine.url.render_as_string(hide_password=False)
    if key not in _schema_of:
        found = inspect(engine)
        names = [n for n in found.get_table_names() if n != "alembic_version"]
        referring = {n: set() for n in names}
        for name in names:
            for fk in found.get_foreign_keys(name):
                referring.setdefault(fk["referred_table"], set()).add(name)
        _schema_of[key] = (names, referring)
    return _schema_of[key]


def _tables(engine):
    return list(_schema(engine)[0])


def _closure(engine, written):
    names, referring = _schema(engine)
    found = {n for n in written if n in referring}
    if engine.dialect.name == "postgresql":
        todo = list(found)
        while todo:
            for other in referring.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
    return [n for n in names if n in found]


class Writes:
    """The tables written through any engine of this process, by database URL, from the statements
    themselves (ORM or raw SQL); a child process (subprocess, fork) may write anything, so after one the
    next reset empties every table. This is what lets a test that wrote two tables reset two."""

    WRITE = re.compile(r'\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE'
                       r'(?:\s+TABLE)?)\s+(?:ONLY\s+)?"?(\w+)"?', re.I)
    SCHEMA = re.compile(r'^\s*(?:CREATE|ALTER|DROP)\s', re.I)

    def __init__(self):
        self.tables = {}  # url -> set of table names
        self.everything = False

    def note(self, conn, cursor, statement, parameters, context, executemany):
        url = conn.engine.url.render_as_string(hide_password=False)
        found = self.WRITE.findall(statement)
        if found or self.SCHEMA.match(statement):
            tables = self.tables.setdefault(url, set())
            tables.update(found)
            if self.SCHEMA.match(statement):
                tables.add("*")

    def written(self, engine):
        """The tables to empty, or None for all of them."""
        tables = self.tables.get(engine.url.render_as_string(hide_password=False), set())
        return None if self.everything or "*" in tables else tables

    def clear(self, engine):
        self.tables.pop(engine.url.render_as_string(hide_password=False), None)
        self.everything = False

    def child_started(self):
        self.everything = True

    def install(self):
        import subprocess
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        if not event.contains(Engine, "before_cursor_execute", self.note):
            event.listen(Engine, "before_cursor_execute", self.note)
        popen_init, fork = subprocess.Popen.__init__, os.fork

        def watched_popen(popen, *args, **kw):
            self.child_started()
            popen_init(popen, *args, **kw)

        def watched_fork():
            self.child_started()
            return fork()
        subprocess.Popen.__init__ = watched_popen
        os.fork = watched_fork


WRITES = Writes()


def database_baseline(engine):
    """The rows the migrations wrote, by table: what every test starts from."""
    from sqlalchemy import MetaData
    meta = MetaData()
    meta.reflect(engine)
    found = {}
    with engine.connect() as conn:
        for name, table in meta.tables.items():
            if name == "alembic_version":
                continue
            rows = [dict(r._mapping) for r in conn.execute(table.select())]
            if rows:
                found[name] = rows
    return found


def drop_everything(engine):
    from sqlalchemy import text
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            for lang in ("en", "es", "fr", "pt", "folded"):
                conn.execute(text(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_{lang}"))


@pytest.fixture(scope="session")
def portal_tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("portal")


@pytest.fixture(scope="session")
def test_plugins():
    """Plugins loaded by the test app: every plugin of the project plus those named in PORTAL_TEST_PLUGINS."""
    return os.environ.get(TEST_PLUGIN_ENV, "")


@pytest.fixture(scope="session")
def db_engine(portal_tmp, test_plugins):
    from sqlalchemy import create_engine
    from .migrations import upgrade
    WRITES.install()
    url = database_url(portal_tmp)
    engine = create_engine(url)
    drop_everything(engine)
    settings = base_settings(portal_tmp, url, plugins=test_plugins)
    with engine.begin() as conn:
        upgrade(settings, connection=conn)
    engine.portal_baseline = database_baseline(engine)
    WRITES.clear(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["whoosh"])
def search_backend(request):
    """Override with params=["whoosh", "postgresql"] (see tests) to run a test on both backends."""
    return request.param


@pytest.fixture
def settings(portal_tmp, db_engine, search_backend, test_plugins):
    """The test app's settings. Their files, index, mail and cache folders are the session's (under
    portal_tmp/site-BACKEND), emptied after every test; a test or fixture that changes a value gets an
    app of its own (built once for that set of values)."""
    if search_backend == "postgresql" and db_engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL search backend needs PORTAL_TEST_DB (a PostgreSQL database)")
    values = base_settings(portal_tmp / f"site-{search_backend}",
                           str(db_engine.url.render_as_string(hide_password=False)), search_backend, test_plugins)
    values["portal.engine"] = db_engine
    return values


class Apps:
    """The test apps of the session, built once for each set of settings (the Pyramid cookiecutter's
    session-wide app): the common one is built by the first test and reused by every other; a variant
    (other plugins, a setting changed by a fixture) is built once and kept while the next few tests use it."""

    KEEP_VARIANTS = 4

    def __init__(self):
        self.built = {}  # settings key -> app, most recently used last

    @staticmethod
    def key(settings):
        return tuple(sorted((k, str(v)) for k, v in settings.items() if k != "portal.engine"))

    def get(self, settings, common):
        from . import main
        key = self.key(settings)
        app = self.built.pop(key, None)
        if app is None:
            app = main({}, **settings)
            app.portal_common = common
            app.portal_state = SiteState(app.registry)
        self.built[key] = app
        variants = [k for k, a in self.built.items() if not a.portal_common]
        for old in variants[:-self.KEEP_VARIANTS]:
            del self.built[old]
        return app


APPS = Apps()


class SiteState:
    """What a test may leave in a session-wide app, taken back after it: the registry's settings and
    entries as main() left them, the anonymous page cache, the search index, the files and mail folders,
    and the frozen clock. The database is reset apart (reset_database, the tables the test wrote)."""

    def __init__(self, registry):
        self.registry = registry
        self.settings = dict(registry.settings)
        self.entries = dict(registry)
        self.folders = [registry.settings[k] for k in ("files.dir", "mail.maildir", "cache.marker_dir")
                        if registry.settings.get(k)]
        self.index_generation = self._index_generation()

    def _index_generation(self):
        ix = getattr(self.registry.get("search"), "ix", None)
        return ix.latest_generation() if ix is not None else None

    def restore(self):
        from .clock import clock
        clock.thaw()
        registry = self.registry
        registry.settings.clear()
        registry.settings.update(self.settings)
        for name in set(registry) - set(self.entries):
            del registry[name]
        registry.update(self.entries)
        cache = registry.get("page_cache")
        if cache is not None:
            with cache.lock:
                cache.entries.clear()
                cache.size = 0
            cache.off_until = 0.0
        forget = getattr(registry.get("search"), "forget_copy", None)
        if forget is not None:  # the database reset counts the index's generations again from the same number
            forget()
        if self._index_generation() != self.index_generation:
            registry["search"].clear()
            self.index_generation = self._index_generation()
        for folder in self.folders:
            keep = ("cur", "new", "tmp") if folder == registry.settings.get("mail.maildir") else ()
            _empty(os.path.realpath(folder), keep)


def _empty(path, keep_folders=()):
    """Remove what is in a folder but the page cache's marker and the named subfolders (a Maildir's
    cur, new and tmp, which a mailbox.Maildir opened once expects), whose content goes."""
    import shutil
    from .cache import MARKER
    if not os.path.isdir(path):
        return
    for entry in os.scandir(path):
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name in keep_folders:
                _empty(entry.path)
            else:
                shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)


def _reset_written(engine):
    written = WRITES.written(engine)
    if written is None or written:
        reset_database(engine, engine.portal_baseline, only=written)


@pytest.fixture
def app(settings, db_engine, portal_tmp, search_backend):
    """The portal as main() builds it, shared by the tests (see Apps), each starting from the migrations'
    rows, an empty search index and empty file and mail folders."""
    common = settings["files.dir"] == str(portal_tmp / f"site-{search_backend}" / "files")
    _reset_written(db_engine)
    application = APPS.get(settings, common)
    try:
        yield application
    finally:
        _reset_written(db_engine)
        application.portal_state.restore()


@pytest.fixture
def registry(app):
    return app.registry


@pytest.fixture
def testapp(app):
    import webtest
    return webtest.TestApp(app, extra_environ={"HTTP_HOST": "portal.test", "REMOTE_ADDR": "192.0.2.10"})


class DB:
    """Direct database access for arranging a test: `with db() as s:` commits on exit and indexes."""

    def __init__(self, registry):
        self.registry = registry

    def __call__(self):
        return _Session(self.registry)


class _Session:
    def __init__(self, registry):
        from pyramid.scripting import prepare
        self.env = prepare(registry=registry)
        self.request = self.env["request"]
        self.session = registry["dbsession_factory"](info={"request": self.request, "registry": registry})

    def __enter__(self):
        self.session.begin()
        return self.session

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.session.commit()
        else:
            self.session.rollback()
        self.session.close()
        self.env["closer"]()


class FrozenClock:
    """The portal's clock (portal.clock) stopped at `now`; set(when) moves it."""

    def __init__(self, now):
        from .clock import clock
        self.now = now
        clock.freeze(lambda: self.now)

    def set(self, when):
        self.now = when


@pytest.fixture
def frozen_clock():
    """Stand on either side of a date: the clock every plugin reads stops at 2026-12-01 00:00 UTC until the
    test sets another moment; it runs again after the test."""
    from datetime import datetime, timezone
    from .clock import clock
    yield FrozenClock(datetime(2026, 12, 1, tzinfo=timezone.utc))
    clock.thaw()


@pytest.fixture
def at(frozen_clock):
    """The plugins' tests' name of the stopped clock: at.set(when) moves it."""
    return frozen_clock


@pytest.fixture
def db(registry):
    return DB(registry)


@pytest.fixture
def make_user(db, registry):
    from .models import User
    from .passwords import hash_password

    def factory(email="user@example.org", role=None, password="a-good-password", name=None, **kw):
        with db() as s:
            user = User(email=email, name=name or email.split("@")[0].title(), role=role,
                        password_hash=hash_password(password, registry.settings), **kw)
            s.add(user)
            s.flush()
            return user.id
    return factory


@pytest.fixture
def secretariat(make_user):
    """A member of the technical secretariat, sec@example.org (its id)."""
    return make_user("sec@example.org", role="secretariat", name="Secretariat")


def login(testapp, email, password="a-good-password", status=302):
    page = testapp.get("/login")
    form = page.forms["deform"]
    form["email"] = email
    form["password"] = password
    return form.submit("login", status=status)


@pytest.fixture
def as_user(testapp, make_user):
    """Log the test client in with a new user of the given role; returns the user's id."""
    def do(role=None, email=None, **kw):
        email = email or f"{role or 'person'}@example.org"
        user_id = make_user(email=email, role=role, **kw)
        login(testapp, email)
        return user_id
    return do


def csrf(testapp):
    """The CSRF token the test client holds (from its cookie), for posting forms by hand."""
    token = testapp.cookies.get("csrf_token")
    if token is None:
        testapp.get("/login")
        token = testapp.cookies.get("csrf_token")
    return token


@pytest.fixture
def maildir(settings):
    """The messages delivered so far into the test maildir, after running the worker once."""
    import mailbox
    from .mail import deliver_pending

    class Box:
        def deliver(self, registry):
            return deliver_pending(registry["dbsession_factory"], registry.settings)

        def messages(self):
            return list(mailbox.Maildir(settings["mail.maildir"], create=True))
    return Box()


def start_smtp_server(handler, **smtp_parameters):
    """An aiosmtpd server on a free loopback port. aiosmtpd (1.4) checks that a server it started
    answers by connecting to the port it was given, so with port 0 it would connect to port 0:
    connect to the port actually bound instead."""
    from aiosmtpd.controller import Controller

    class LoopbackController(Controller):
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = LoopbackController(handler, hostname="127.0.0.1", port=0, **smtp_parameters)
    controller.start()
    handler.port = controller.port
    return controller


class SMTPHandler:
    """Collects what the test SMTP server receives; `refuse` answers every RCPT with that reply."""

    def __init__(self):
        self.messages = []
        self.refuse = None  # e.g. "550 no such user"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on loopback, collecting what it receives; stops after the test."""
    handler = SMTPHandler()
    controller = start_smtp_server(handler)
    yield handler
    controller.stop()


HOST = "portal.test"


def client(app, address="192.0.2.10", **environ):
    """Another browser on the same site: its own cookies, from its own address."""
    import webtest
    return webtest.TestApp(app, extra_environ={"HTTP_HOST": HOST, "REMOTE_ADDR": address, **environ})


def logged_in(browser, headers=None):
    """Whether the browser's session cookie (or the given Cookie header) opens the account page."""
    from urllib.parse import urlsplit
    res = browser.get("/account", headers=headers or {}, status="*")
    assert res.status_int in (200, 302), res.status
    if res.status_int == 302:
        assert urlsplit(res.location).path == "/login"
        return False
    return True


def in_language(language, msgid, **mapping):
    """A message of the portal as the catalogue of `language` has it."""
    from pyramid.i18n import make_localizer
    from .i18n import LOCALE_DIR, _
    text = make_localizer(language, [str(LOCALE_DIR)]).translate(_(msgid, mapping=mapping or None))
    assert text != _(msgid, mapping=mapping or None).interpolate(), f"no {language} translation of {msgid!r}"
    return text


def text_of(html):
    """The visible text of an HTML page, whitespace collapsed: for asserting what a user reads."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def plugin_alone(portal, name, found=None):
    """The packages to enable for plugin `name` alone: the plugins it requires (theirs first), then itself
    (portal: registry.portal of an app where it is enabled)."""
    found = [] if found is None else found
    for needed in portal.plugins[name].requires:
        plugin_alone(portal, needed, found)
    if portal.plugins[name].package not in found:
        found.append(portal.plugins[name].package)
    return found


def self_links(res):
    """The breadcrumbs of a page that link to the page itself (there should be none: the current
    page is the trail's last crumb, marked aria-current, not a link)."""
    nav = res.html.find("nav", class_="breadcrumbs")
    here = res.request.path
    return [a["href"] for a in (nav.find_all("a", href=True) if nav else []) if a["href"].split("?")[0] == here]


def pages_linking_to_themselves(browser, urls):
    """Open each address (those that are not an HTML page, such as a form's POST target, are skipped):
    (how many pages were looked at, [(address, its self-links)] of those whose breadcrumbs link to
    themselves)."""
    seen, wrong = 0, []
    for url in urls:
        res = browser.get(url, status="*")
        if res.status_int != 200 or "html" not in res.content_type:
            continue
        seen += 1
        if self_links(res):
            wrong.append((url, self_links(res)))
    return seen, wrong


def plugin_pages(registry, plugin, values):
    """The addresses of every route a plugin adds, with {placeholders} filled from values (a dict,
    or a function of the route's pattern returning one; routes with a placeholder it does not
    fill are left out): for tests that look at all of a plugin's pages."""
    found = []
    for entry in registry.introspector.get_category("routes"):
        intr = entry["introspectable"]
        where = (getattr(intr.action_info, "file", "") or "").replace("\\", "/")
        pattern = "/" + intr["pattern"].lstrip("/")
        if f"plugins/{plugin}/" not in where or "*" in pattern:  # "*": a folder of static files
            continue
        filled = values(pattern) if callable(values) else values
        if all(n in filled for n in re.findall(r"\{(\w+)(?::[^}]*)?\}", pattern)):
            found.append(re.sub(r"\{(\w+)(?::[^}]*)?\}", lambda m: str(filled[m.group(1)]), pattern))
    return sorted(found)


# The addresses every e-mail field must treat alike (portal.nodes.email_node): what is typed, and what is
# stored (None: refused with the one error message).
EMAIL_CASES = [
    ("ana+news@example.org", "ana+news@example.org"),
    ("  Ana.Souza@Example.ORG ", "ana.souza@example.org"),
    ("jose@café.example", "jose@xn--caf-dma.example"),
    ("ana@example", None),
    ("ana..souza@example.org", None),
    ("ana@exa_mple.org", None),
    ("ana@example.org>", None),
]
EMAIL_ERROR = "Enter a valid e-mail address, such as name@example.org."


def sequence_rows(form, sequence, row="row"):
    """The rows of a deform sequence (a call's criteria, a campaign's budget lines) in a webtest form:
    [{field name: webtest field}], in order; `row` is the name of the sequence's row mapping."""
    found, current, inside = [], None, False
    for name, field in form.field_order:
        value = getattr(field, "value", None)
        if name == "__start__" and value == f"{sequence}:sequence":
            inside = True
        elif inside and name == "__end__" and value == f"{sequence}:sequence":
            break
        elif inside and name == "__start__" and value == f"{row}:mapping":  # a row (its translatable fields are mappings in it)
            current = {}
            found.append(current)
        elif inside and current is not None and name not in ("__start__", "__end__"):
            current[name] = field
    return found


def form_with(client, url, form_id="deform", **fields):
    """The form of the page at url, filled with these values (field name = value), ready to submit."""
    form = client.get(url).forms[form_id]
    for name, value in fields.items():
        form[name] = value
    return form


class LiveServer:
    """waitress in a background thread; stop() closes every connection and joins the thread."""

    def __init__(self, app, threads=4):
        import threading

        from waitress.server import create_server
        self.server = create_server(app, host="127.0.0.1", port=0, threads=threads, clear_untrusted_proxy_headers=True)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="live-server", daemon=True)
        self.thread.start()

    def _run(self):
        loop, socket_map = self.server.asyncore.loop, self.server._map
        try:
            while not self._stop.is_set():
                loop(timeout=0.05, map=socket_map, count=1)
        finally:
            # Closed from the loop's own thread, so no channel is touched by two threads at once.
            for channel in list(socket_map.values()):
                try:
                    channel.close()
                except OSError:
                    pass
            self.server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)

    def stop(self):
        self._stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the live server did not stop"


class HTTPForward:
    """A WSGI app that sends every request on to a server over HTTP and hands back its answer: a webtest
    client (`client(HTTPForward(url))`) then drives a portal running in another process, with its
    cookies, forms and follow(). Setting the client's .app to another HTTPForward moves the same browser
    to another process of the site, as a load balancer would."""

    SKIP = ("connection", "keep-alive", "transfer-encoding")

    def __init__(self, base_url, timeout=60):
        from urllib.parse import urlsplit
        target = urlsplit(base_url)
        self.host, self.port, self.timeout = target.hostname, target.port, timeout
        self.url = base_url

    def __call__(self, environ, start_response):
        import http.client
        from urllib.parse import quote
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else None
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()
                   if key.startswith("HTTP_") and key[5:].lower() not in self.SKIP}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        path = quote((environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).encode("latin-1"),
                     safe="/:@!$&'()*+,;=~")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(environ["REQUEST_METHOD"], path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        start_response(f"{response.status} {response.reason}",
                       [(k, v) for k, v in response.getheaders() if k.lower() not in self.SKIP])
        return [data]


def submit_over_http(base_url, form, browser, button=None, timeout=60):
    """Send a webtest form (filled in `browser`, a webtest client of the same app) to a LiveServer at
    base_url over a real connection, with the browser's cookies: many such threads are many supporters
    sending at once. Returns (status, Location header)."""
    import http.client
    from urllib.parse import urlencode, urlsplit
    target = urlsplit(base_url)
    body = urlencode(form.submit_fields(button)).encode()
    cookies = "; ".join(f"{c.name}={c.value}" for c in browser.cookiejar)
    action = urlsplit(form.action or "")
    path = action.path or form.response.request.path_qs
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=timeout)
    try:
        connection.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def submit_all_at_once(app, sends, button, timeout=180):
    """Many people sending their forms at the same moment: the app served by a LiveServer (8 threads),
    each (webtest form, its browser) of `sends` posted from its own thread after a common barrier.
    Returns the (status, Location) of each answer, in the order they arrived."""
    import threading
    server = LiveServer(app, threads=8)
    answers, start = [], threading.Barrier(len(sends))

    def send(form, browser):
        start.wait()
        answers.append(submit_over_http(server.url, form, browser, button))
    try:
        threads = [threading.Thread(target=send, args=pair) for pair in sends]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=timeout)
    finally:
        server.stop()
    return answers
