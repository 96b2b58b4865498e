"""`portal COMMAND -c INI`: set up, run and look after a portal site from the shell."""
import argparse
import os
import sys
import time

from .search import SearchIndexError
from .settings import SettingError


def progress(iterable, total, label, stream=None):
    """A progress bar on stderr; plain lines when stderr is not a terminal."""
    stream = stream or sys.stderr
    tty = stream.isatty()
    width = 30
    for done, item in enumerate(iterable, 1):
        yield item
        if tty or done == total or done % max(1, total // 10) == 0:
            filled = int(width * done / max(total, 1))
            line = f"{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            stream.write(("\r" + line) if tty else line + "\n")
            stream.flush()
    if tty:
        stream.write("\n")


def load(ini):
    """The registry, a request and closer of the app described by INI (errors as one line).
    Built without the in-process mail thread (mail.worker_in_process): a command must not deliver
    mail on the side, and `portal mail-worker` must be the only worker of its process."""
    from pyramid.paster import get_appsettings, setup_logging
    from pyramid.scripting import prepare
    from . import main as make_app
    setup_logging(ini)
    settings = get_appsettings(ini)
    app = make_app(settings.global_conf, **{**settings, "mail.worker_in_process": "false"})
    request = None
    if settings.get("portal.url"):
        from pyramid.request import Request
        request = Request.blank("/", base_url=settings["portal.url"].rstrip("/"))
        request.registry = app.registry
    env = prepare(request=request, registry=app.registry)
    env["app"] = app
    return env


def index_processes(settings):
    """How many processes a command indexes on: search.index_processes, or the machine's cores (at most 4)."""
    return int(settings.get("search.index_processes") or min(4, os.cpu_count() or 1))


def settings_of(ini):
    from pyramid.paster import get_appsettings
    from .settings import check_settings
    return check_settings(get_appsettings(ini))


def cmd_initdb(args):
    """Create or upgrade the database schema (Alembic); with --demo, fill an empty site with demo content."""
    from pathlib import Path
    from sqlalchemy.engine import make_url
    from .migrations import upgrade
    settings = settings_of(args.config)
    url = make_url(settings["sqlalchemy.url"])
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)  # e.g. var/ of development.ini
    upgrade(settings)
    print("Database is up to date.")
    if args.demo:
        cmd_demo(args)


def cmd_demo(args):
    from .demo import load_demo
    env = load(args.config)
    with env["request"].tm:
        created = load_demo(env["request"])
    env["closer"]()
    if created:
        print("Demo content loaded.")
        print(f"  Demo administrator: {created['email']}  password: {created['password']}")
    else:
        print("The database already has content: no demo content added.")
        from .demo import ADMIN_EMAIL, ADMIN_PASSWORD
        print(f"  Demo administrator (if this site was made by `make serve`): {ADMIN_EMAIL}  password: {ADMIN_PASSWORD}")


def cmd_add_user(args):
    """Add a user (or change an existing one's role) and print or mail a link to set the password."""
    import getpass
    from sqlalchemy import select
    from .models import ROLES, User
    from .passwords import hash_password
    if args.role and args.role not in ROLES:
        raise SystemExit(f"portal: unknown role '{args.role}'; expected one of: {', '.join(ROLES)}")
    env = load(args.config)
    request = env["request"]
    password = args.password
    if password is None and sys.stdin.isatty():
        password = getpass.getpass("Password (empty: none, set it through the reset link): ")
    with request.tm:
        email = args.email.strip().lower()
        user = request.dbsession.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=args.name or email.split("@")[0], role=args.role)
            request.dbsession.add(user)
            verb = "Added"
        else:
            user.role = args.role or user.role
            verb = "Updated"
        if password:
            if len(password) < 10:
                raise SystemExit("portal: the password needs at least 10 characters")
            user.password_hash = hash_password(password, request.registry.settings)
        request.dbsession.flush()
        link = None
        if not password:
            from .views.auth import issue_reset_token
            link = issue_reset_token(request, user, hours=72)
    env["closer"]()
    print(f"{verb} {email} (role: {args.role or 'none'}).")
    if link:
        print(f"Set the password within three days at: {link}")


def cmd_plugins(args):
    env = load(args.config)
    from .registry import CATEGORIES
    introspector = env["registry"].introspector
    settings = env["registry"].settings
    enabled = settings["portal.plugins"].split()

    def owner(package):  # a registration made in a plugin's (or the core's) subpackage is still its own
        return next((name for name in enabled if package == name or package.startswith(name + ".")),
                    package.split(".")[0])

    by_plugin = {}
    for category, label in CATEGORIES.items():
        for intr in introspector.get_category(category) or ():  # None when nothing registered
            item = intr["introspectable"]
            by_plugin.setdefault(owner(item["plugin"]), []).append((label, item.title, item))
    import importlib
    folders = {name: os.path.dirname(importlib.import_module(name).__file__) + os.sep for name in enabled}
    for intr in introspector.get_category("routes") or ():  # Pyramid's own: where each route was declared
        item = intr["introspectable"]
        if item["name"].startswith("__"):
            continue
        where = os.path.abspath(getattr(item.action_info, "file", "") or "")
        plugin = next((n for n, folder in folders.items() if where.startswith(folder)), "portal")
        content_type = env["registry"].portal.content_types.get(item["name"].split(".")[0])
        if content_type is not None and "." in item["name"]:  # the views add_content_type made for a type
            plugin = owner(content_type.plugin)
        by_plugin.setdefault(plugin, []).append(("route", item["name"], {"pattern": "/" + item["pattern"].lstrip("/")}))
    for module in plugin_command_modules(enabled):
        names = []
        module.register(lambda name, func, help_text, _names=names: _names.append((name, help_text)) or _Ignored())
        for name, help_text in names:
            by_plugin.setdefault(module.__name__.rsplit(".", 1)[0], []).append(("command", name, {"help": help_text}))
    print("Enabled plugins: " + (settings["portal.plugins"] or "(none)"))
    for plugin, items in sorted(by_plugin.items()):
        print(f"\n{plugin} (core)" if plugin == "portal" else f"\n{plugin}")
        for label, title, item in sorted(items, key=lambda x: (x[0], str(x[1]))):
            details = ", ".join(f"{k}={item[k]}" for k in item.keys() if k not in ("plugin",) and item[k])
            if label == "route":
                details = item["pattern"]
            print(f"  {label:<13} {title}" + (f"  ({details})" if details else ""))
    env["closer"]()


class _Ignored:
    """What `portal plugins` hands a plugin's register(command) for each command: its arguments are ignored."""

    def add_argument(self, *args, **kw):
        return self

    def set_defaults(self, **kw):
        return self


def cmd_reindex(args):
    """Rebuild the search index from the database; --check: compare and repair; --unlock: free a stale lock."""
    from .search import queue
    env = load(args.config)
    registry = env["registry"]
    backend = registry["search"]
    try:
        if args.unlock:
            if not hasattr(backend, "unlock"):
                print("The PostgreSQL search backend holds no lock beyond a transaction: nothing to unlock.")
                return
            print(backend.unlock())
            return
        if args.check:
            report = queue.check_index(registry, env["request"])
            if report.applied:
                print(f"Applied {report.applied} changes that were waiting in the queue.")
            if report.found:
                print(f"The search index differed from the database: {report.missing} documents missing, "
                      f"{report.stale} out of date, {report.extra} that should not be there; repaired "
                      f"(the index holds {report.total}).")
                raise SystemExit(1)
            print(f"The search index matches the database ({report.total} documents).")
            return
        backend.processes = index_processes(registry.settings)
        count = queue.rebuild_index(registry, env["request"], progress=lambda docs: progress(docs, len(docs), "Indexing"))
        print(f"Indexed {count} documents; the index holds {backend.count()}.")
        applied = queue.drain(registry)  # what was committed while the index was rebuilt
        if applied:
            print(f"Then applied {applied} changes made meanwhile.")
    finally:
        backend.processes = 1
        env["closer"]()


def cmd_mail_worker(args):
    from .tasks import worker_pass
    env = load(args.config)
    registry = env["registry"]
    try:
        while True:
            # search changes a process left queued (it stopped, the index was locked), the periodic tasks
            # that are due, then the outbox
            result = worker_pass(registry)
            sent, failed = result
            if sent or failed:
                print(f"{time.strftime('%H:%M:%S')} sent {sent}, failed {failed}", flush=True)
            if args.once:
                break
            if not result.more:  # a pass that stopped at its limit is followed at once by the next
                time.sleep(args.interval)
    except KeyboardInterrupt:
        pass
    env["closer"]()


def cmd_tasks(args):
    """The periodic tasks of the enabled plugins and their last run; --run NAME runs one now."""
    from .tasks import run_task, task_runs
    env = load(args.config)
    registry = env["registry"]
    tasks = registry.portal.periodic_tasks
    if args.run:
        if args.run not in tasks:
            raise SystemExit(f"portal: no periodic task '{args.run}'; `portal tasks -c INI` lists them")
        result, error = run_task(registry, tasks[args.run])
        env["closer"]()
        if error:
            raise SystemExit(f"portal: task {args.run} failed:\n{error}")
        print(f"{args.run}: {result}")
        return
    for task, run in task_runs(registry):
        last = "never run" if run is None or run.finished is None else (
            f"last run {run.finished:%Y-%m-%d %H:%M} UTC: " + (f"FAILED {run.error.strip().splitlines()[-1]}"
                                                               if run.error else (run.result or "done")))
        print(f"{task.name:<32} every {task.every}  {last}")
    env["closer"]()


def cmd_backup(args):
    """Back up the database and files.dir into a new folder, while the site runs."""
    from .backup import BackupError, backup
    try:
        backup(settings_of(args.config), args.dest)
    except BackupError as exc:
        raise SystemExit(f"portal: {exc}")
    print(f"Backup written to {args.dest}.")


def cmd_restore(args):
    """Put a backup back into the site of the ini (stop the site first), then rebuild the search index."""
    from pathlib import Path
    from .backup import BackupError, read_manifest, rebuild_index, restore
    try:
        manifest = read_manifest(Path(args.src))
        if not args.yes and sys.stdin.isatty():
            answer = input(f"Replace the database and files of {args.config} with the backup of "
                           f"{manifest['created']}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise SystemExit("portal: nothing restored")
        settings = settings_of(args.config)

        def reindex():
            from .search import bulk
            env = load(args.config)
            try:
                with bulk(env["registry"], processes=index_processes(env["registry"].settings)):
                    rebuild_index(env["registry"])
            finally:
                env["closer"]()
        restore(settings, Path(args.src), reindex=reindex)
    except BackupError as exc:
        raise SystemExit(f"portal: {exc}")
    print("Restored. Start the site again.")


def cmd_serve(args):
    """Serve the ini's app with waitress, using its [server:main] settings."""
    import plaster
    from pyramid.paster import get_app, setup_logging
    from waitress import serve
    setup_logging(args.config)
    app = get_app(args.config)
    server = dict(plaster.get_loader(args.config, protocols=["wsgi"]).get_settings("server:main"))
    server.pop("use", None)
    if args.listen:
        server["listen"] = args.listen
    print(f"Serving on http://{server.get('listen', '127.0.0.1:6543')}", flush=True)
    serve(app, **server)


def enabled_plugins(argv) -> list[str]:
    """The plugins enabled by the ini named on the command line (-c INI or --config INI), [] without one."""
    for i, arg in enumerate(argv):
        if arg in ("-c", "--config") and i + 1 < len(argv):
            ini = argv[i + 1]
        elif arg.startswith("--config="):
            ini = arg.split("=", 1)[1]
        else:
            continue
        from pyramid.paster import get_appsettings
        try:
            return get_appsettings(ini).get("portal.plugins", "").split()
        except Exception:  # no such file, not an ini: the command itself says so, in one line
            return []
    return []


def plugin_command_modules(plugins) -> list:
    """Each enabled plugin's commands module (<plugin>.cli, with register(command)), if it has one: a
    plugin's commands exist only on a site that enables it."""
    import importlib
    import importlib.util
    found = []
    for name in plugins:
        try:
            spec = importlib.util.find_spec(f"{name}.cli")
        except ModuleNotFoundError:  # a plugin that cannot be imported: the start says so, one line
            continue
        if spec is not None:
            found.append(importlib.import_module(f"{name}.cli"))
    return found


def build_parser(argv=()):
    parser = argparse.ArgumentParser(prog="portal", description="Manage a network portal site.",
                                     epilog="A plugin's commands are listed with -c INI of a site that enables it.")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name, func, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("-c", "--config", required=True, metavar="INI", help="the site's ini file")
        p.set_defaults(func=func)
        return p

    p = command("initdb", cmd_initdb, "create or upgrade the database (Alembic migrations of the core and plugins)")
    p.add_argument("--demo", action="store_true", help="then load demo content if the database is empty")
    command("demo", cmd_demo, "load demo content into an empty database and print the demo administrator")
    p = command("add-user", cmd_add_user, "add a user, or change the role of an existing one")
    p.add_argument("email")
    p.add_argument("--role", choices=("secretariat", "editor", "member"))
    p.add_argument("--name")
    p.add_argument("--password", help="at least 10 characters; without it a one-time link is printed")
    command("plugins", cmd_plugins, "list the enabled plugins and what each registered")
    p = command("reindex", cmd_reindex, "rebuild the search index from the database")
    p.add_argument("--check", action="store_true",
                   help="compare the index with the database and repair it; exit status 1 if it differed")
    p.add_argument("--unlock", action="store_true",
                   help="free the index's write lock when the process that took it is no longer running")
    p = command("mail-worker", cmd_mail_worker, "deliver the mail outbox (SMTP or maildir), retrying with back-off, "
                "and run the periodic tasks that are due")
    p.add_argument("--once", action="store_true", help="deliver what is due, then stop")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between two looks at the outbox")
    p = command("tasks", cmd_tasks, "list the periodic tasks (run by mail-worker) and their last run")
    p.add_argument("--run", metavar="NAME", help="run this task now, whatever its schedule")
    p = command("serve", cmd_serve, "serve the site with waitress")
    p.add_argument("--listen", metavar="HOST:PORT",
                   help="instead of the ini's [server:main] listen: one ini for several app processes")
    p = command("backup", cmd_backup, "back up the database and files.dir into a new folder (the site may run)")
    p.add_argument("dest", help="a folder that does not exist yet")
    p = command("restore", cmd_restore, "restore a backup into the site of the ini (stop the site first)")
    p.add_argument("src", help="a folder written by portal backup")
    p.add_argument("--yes", action="store_true", help="do not ask before replacing the site's data")
    from .importing import add_arguments, run_file
    add_arguments(command("import", run_file, "import a CSV or JSON file (the imports of the enabled plugins: "
                                              "`portal plugins`)"))
    for module in plugin_command_modules(enabled_plugins(list(argv))):
        module.register(command)
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except SettingError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"portal: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2
    except SearchIndexError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a malformed ini is reported in one line, not a traceback
        from configparser import Error as ConfigError
        if isinstance(exc, ConfigError) or type(exc).__name__ in ("LoaderNotFound", "InvalidURI"):
            print(f"portal: {args.config}: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 2
        from sqlalchemy.exc import OperationalError, ProgrammingError
        if isinstance(exc, (OperationalError, ProgrammingError)):
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            print(f"portal: database error: {reason} (is the database reachable, and did "
                  f"`portal initdb -c {args.config}` run?)", file=sys.stderr)
            return 2
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
