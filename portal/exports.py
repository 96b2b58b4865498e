"""Open-data exports (add_export), streamed: /export/NAME.json and /export/NAME.csv are written a
chunk at a time while the rows are read, so a download holds a few hundred rows in memory, not the
whole table, and the thread serving it starts sending at once.

The rows are read after the view returned, when the request's transaction has ended: the stream
reads them on a session of its own (request.dbsession is that session while it runs), in one
read-only transaction (REPEATABLE READ on PostgreSQL, so batches read one snapshot), closed when
the download ends or is interrupted. A rows callback reads the database in batches with
`in_batches`."""
from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)

BATCH = 500  # rows a callback reads from the database at a time
CHUNK = 64 * 1024  # characters written to the client at a time


def in_batches(request, stmt, size: int = BATCH) -> Iterable[Any]:
    """The objects of a select, fetched `size` at a time (a server-side cursor on PostgreSQL);
    eager loads of the statement (selectinload) run once per batch."""
    return request.dbsession.scalars(stmt.execution_options(yield_per=size))


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
    exports carry what applicants and subscribers typed, and the secretariat opens them in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    return spreadsheet_safe("|".join(map(str, value)) if isinstance(value, (list, tuple)) else value)


def json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array written as the rows come: valid JSON once the last chunk is written."""
    parts, size, first = ["["], 1, True
    for row in rows:
        text = ("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False, default=str)
        first = False
        parts.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]\n")
    yield "".join(parts)


def csv_chunks(rows: Iterable[dict], columns: Iterable[str]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if out.tell() >= CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def stream_rows(request, export, fmt: str) -> Iterator[bytes]:
    """The body of an export as a WSGI app_iter. Nothing is read before the server asks for the
    first chunk; the stream's session is closed in every case (end, error, client gone)."""
    session = request.registry["dbsession_factory"](info={"request": request})
    previous = request.__dict__.get("dbsession")
    try:
        if session.bind.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        request.__dict__["dbsession"] = session
        rows = export.rows(request)
        chunks = json_chunks(rows) if fmt == "json" else csv_chunks(rows, export.columns)
        for chunk in chunks:
            yield chunk.encode("utf-8")
    except Exception:
        # the status line has left: the client gets a cut file (invalid JSON, a short CSV)
        log.exception("export %s.%s failed while streaming", export.name, fmt)
        raise
    finally:
        session.rollback()  # it only read
        session.close()
        if previous is not None:
            request.__dict__["dbsession"] = previous


def export_response(request, export, fmt: str):
    from pyramid.response import Response
    if fmt == "json":
        response = Response(content_type="application/json", charset="utf-8",
                            content_disposition=f'inline; filename="{export.name}.json"')
    else:
        response = Response(content_type="text/csv", charset="utf-8",
                            content_disposition=f'attachment; filename="{export.name}.csv"')
    response.app_iter = stream_rows(request, export, fmt)
    return response
