"""Imports a plugin declares with `config.add_import`, the twin of add_export.

One declaration gives an import two doors: `portal import NAME FILE -c INI` on the command line
(batches committed one by one, a progress line, the search index fed in bulk, SIGTERM finishing the
batch under way) and an upload page at /manage/import/NAME (one transaction, a size cap, CSRF).
Both read the file with portal.imports, so a bad row is reported the same way in both, as
FILE:LINE: reason, and the good rows around it go in.

The plugin writes only what a row means:

    def import_rows(request, rows, commit=None, batch_size=500, progress=None) -> ImportReport:
        ...  # rows: Row or RowError (portal.imports); call commit() every batch_size rows if given

    config.add_import("experiences", _("Experiences"), import_rows, required=("external_id",),
                      formats=("json", "csv"), help=_("..."))
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .i18n import _
from .imports import ImportFileError, Row, RowError, csv_rows, decode, json_rows, text

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportReport:
    """What an import did: counts of rows, and each refused row as (line, reason)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line, reason: a string or a TranslationString)

    @property
    def imported(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True)
class Import:
    name: str
    title: Any
    run: Callable[..., ImportReport]
    required: tuple
    optional: tuple
    formats: tuple
    help: Any
    permission: str
    max_bytes: int
    lowercase: bool
    labels: dict | None
    plugin: str

    @property
    def accept(self) -> str:
        """The upload field's accept attribute."""
        kinds = {"csv": ".csv,text/csv", "json": ".json,application/json"}
        return ",".join(kinds[f] for f in self.formats)

    def rows(self, content: str, filename: str = "") -> list[Row | RowError]:
        """The rows of a file's text; ImportFileError when the file as a whole cannot be read."""
        is_json = filename.lower().endswith(".json") or content.lstrip().startswith("[")
        if is_json and "json" in self.formats:
            return list(json_rows(content))
        if is_json:
            raise ImportFileError(_("This import reads CSV files, with a first line naming the columns."))
        if "csv" not in self.formats:
            raise ImportFileError(_("This import reads JSON files (an array of objects)."))
        return list(csv_rows(content, required=self.required, lowercase=self.lowercase))


def add_import(config: Any, name: str, title: Any, run: Callable[..., ImportReport], required: Iterable[str] = (),
               optional: Iterable[str] = (), formats: Iterable[str] = ("csv",), help: Any = None,
               permission: str = "manage", max_bytes: int = MAX_BYTES, lowercase: bool = False,
               labels: dict | None = None) -> None:
    """run(request, rows, commit=None, batch_size=500, progress=None) -> ImportReport; required /
    optional: the columns, shown on the upload page (required ones are checked in a CSV's first line);
    formats: "csv" and/or "json"; lowercase: a CSV header's names are lowercased; labels: how the upload
    page names the report's counts ({"created": _("Subscribed"), ...}; default new, updated, unchanged);
    permission: on the site, besides the control panel's."""
    from .callbacks import request_first
    request_first(run, f"add_import({name})")
    formats = tuple(formats)
    if not formats or set(formats) - {"csv", "json"}:
        raise ValueError(f"add_import({name!r}): formats are 'csv' and/or 'json'")
    item = Import(name=name, title=title, run=run, required=tuple(required), optional=tuple(optional),
                  formats=formats, help=help, permission=permission, max_bytes=max_bytes, lowercase=lowercase,
                  labels=dict(labels) if labels else None, plugin=config.package_name)
    portal = config.registry.portal
    from .registry import _register

    def store() -> None:
        portal.imports[name] = item

    _register(config, "portal imports", name, name, store, formats=", ".join(formats),
              columns=", ".join(item.required + item.optional))


def report_lines(filename: str, report: ImportReport) -> list[str]:
    """The refused rows as FILE:LINE: reason (in English, for a terminal or a log)."""
    return [f"{filename}:{line}: {text(reason)}" for line, reason in report.errors]


def run_file(args: Any, name: str | None = None) -> None:
    """`portal import NAME FILE`: the rows committed every --batch rows, indexed in bulk; SIGTERM
    (systemd, docker stop) finishes the batch under way, and what is committed stays queued for the
    index. Exit status 1 when a row was refused."""
    from .cli import index_processes, load, progress
    from .search import bulk
    from .search.queue import StopRequested
    name = name or args.name
    env = load(args.config)
    registry = env["registry"]
    item = registry.portal.imports.get(name)
    if item is None:
        env["closer"]()
        known = ", ".join(sorted(registry.portal.imports)) or "none"
        raise SystemExit(f"portal: no import '{name}' on this site (imports: {known})")
    try:
        with open(args.file, "rb") as handle:
            content = decode(handle.read())
        rows = item.rows(content, args.file)
    except OSError as exc:
        env["closer"]()
        raise SystemExit(f"portal: {args.file}: {exc.strerror or exc}")
    except ImportFileError as exc:
        env["closer"]()
        raise SystemExit(f"portal: {args.file}:{exc.line}: {exc}")
    request = env["request"]
    tm = request.tm
    tm.begin()

    def commit() -> None:
        tm.commit()
        tm.begin()
    stop = StopRequested()

    def rows_until_stopped(it: Iterable) -> Iterable:
        for row in progress(it, len(rows), "Importing"):
            if stop:
                break
            yield row
    with stop.installed(), bulk(registry, processes=index_processes(registry.settings)):
        report = item.run(request, rows, commit=commit, batch_size=args.batch, progress=rows_until_stopped)
        tm.commit()
    env["closer"]()
    for line in report_lines(args.file, report):
        print(line, file=sys.stderr)
    unchanged = f", {report.unchanged} unchanged" if report.unchanged else ""
    print(f"Imported {report.imported} {name} ({report.created} new, {report.updated} updated{unchanged}); "
          f"{len(report.errors)} rows refused.")
    if stop:
        print(f"portal: stopped by signal {stop.signal} before the end of {args.file}; importing the file again "
              "imports the rest (rows already imported are updated)", file=sys.stderr)
        raise SystemExit(128 + int(stop.signal or 0))
    if report.errors:
        raise SystemExit(1)


def add_arguments(parser: Any, with_name: bool = True) -> Any:
    if with_name:
        parser.add_argument("name", help="what to import (`portal plugins -c INI` lists the imports)")
    parser.add_argument("file", help="a .json file (array of objects) or a .csv file (a first line naming the "
                                     "columns; lists joined with |)")
    parser.add_argument("--batch", type=int, default=500, help="rows per transaction (default 500)")
    return parser
