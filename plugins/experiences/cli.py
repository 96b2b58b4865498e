"""`portal import-experiences -c INI FILE`."""
import sys


def run(args):
    from portal.api import index_processes, load, progress
    from portal.api import ImportFileError, text
    from portal.api import bulk
    from portal.api import StopRequested
    from .importer import import_rows, read_file
    try:
        rows = read_file(args.file)
    except OSError as exc:
        raise SystemExit(f"portal: {args.file}: {exc.strerror or exc}")
    except ImportFileError as exc:
        raise SystemExit(f"portal: {args.file}:{exc.line}: {exc}")
    env = load(args.config)
    request = env["request"]
    tm = request.tm
    tm.begin()

    def commit():
        tm.commit()
        tm.begin()
    stop = StopRequested()

    def rows_until_stopped(it):
        for item in progress(it, len(rows), "Importing"):
            if stop:
                break
            yield item
    # the rows are committed every --batch rows; the search index takes them in bulk, on every core. SIGTERM
    # (systemd, docker stop) finishes the batch under way; what is committed and not yet indexed stays queued
    with stop.installed(), bulk(env["registry"], processes=index_processes(env["registry"].settings)):
        report = import_rows(request, rows, commit=commit, batch_size=args.batch, progress=rows_until_stopped)
        tm.commit()
    env["closer"]()
    for line, reason in report.errors:
        print(f"{args.file}:{line}: {text(reason)}", file=sys.stderr)
    print(f"Imported {report.created + report.updated} experiences ({report.created} new, {report.updated} updated); "
          f"{len(report.errors)} rows refused.")
    if stop:
        print(f"portal: stopped by signal {stop.signal} before the end of {args.file}; importing the file again "
              "imports the rest (rows already imported are updated)", file=sys.stderr)
        raise SystemExit(128 + stop.signal)
    if report.errors:
        raise SystemExit(1)


def register(command):
    p = command("import-experiences", run, "import experiences from a JSON or CSV file (see README)")
    p.add_argument("file", help="a .json file (array of objects) or a .csv file (lists joined with |)")
    p.add_argument("--batch", type=int, default=500, help="rows per transaction (default 500)")
