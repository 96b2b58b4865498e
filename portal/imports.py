"""Reading the rows of an import file (CSV or JSON), each with the line it starts on.

Shared by every importer (experiences on the command line, newsletter subscribers in the control
panel): a row the database could not take (a NUL byte, which PostgreSQL refuses in text) or that
the file does not hold as its author meant (more or fewer values than columns, a quote never closed,
text after the JSON array) becomes a `RowError` with its line and a translatable reason, never an
exception that loses the good rows around it. What makes the whole file unusable (no header, not
a JSON array) is an `ImportFileError`.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _

MAX_FIELD = 128 * 1024  # bytes of one value: a description is a few KB, more is a pasted file or garbage

# csv's own limit (128 KB) raises in the middle of a row and leaves the reader inside the quoted
# value, so that value's lines would be read as rows: the length is checked here instead.
csv.field_size_limit(sys.maxsize)


class ImportFileError(ValueError):
    """The file as a whole cannot be read; `reason` is translatable, `line` where it was found."""

    def __init__(self, reason: Any, line: int = 1) -> None:
        super().__init__(text(reason))
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class Row:
    line: int
    values: Any  # a dict of column to text (CSV), or whatever the JSON array held


@dataclass(frozen=True)
class RowError:
    line: int
    reason: Any  # a TranslationString


def text(reason: Any) -> str:
    """A reason in English, for a command's output (a page translates it instead)."""
    return reason.interpolate() if hasattr(reason, "interpolate") else str(reason)


def read_file(path: str | Path) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped). Bytes that are not UTF-8 are kept as
    surrogates, so that only the rows holding them are refused."""
    return decode(Path(path).read_bytes())


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="surrogateescape")


def file_rows(path: str | Path, required: Iterable[str] = (), max_field: int = MAX_FIELD) -> list[Row | RowError]:
    """The rows of a .json file (an array of objects) or of a .csv file (a header line)."""
    content = read_file(path)
    if str(path).lower().endswith(".json") or content.lstrip().startswith("["):
        return list(json_rows(content, max_field=max_field))
    return list(csv_rows(content, required=required, max_field=max_field))


def _problem(value: Any, where: str, max_field: int) -> Any:
    """Why a value cannot be imported as it is, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return _("the value of ${column} holds a NUL byte", mapping={"column": where})
        if len(value) > max_field // 4 and len(value.encode("utf-8", "surrogateescape")) > max_field:
            return _("the value of ${column} is longer than ${size} KB",
                     mapping={"column": where, "size": max_field // 1024})
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return _("the value of ${column} is not UTF-8 text (save the file as UTF-8)", mapping={"column": where})
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _problem(key, where, max_field) or _problem(item, f"{where}.{key}" if where else key, max_field)
            if found:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _problem(item, where, max_field)
            if found:
                return found
    return None


def csv_rows(content: str, required: Iterable[str] = (), lowercase: bool = False,
             max_field: int = MAX_FIELD) -> Iterator[Row | RowError]:
    """Rows of CSV text as dicts keyed by the header's column names.

    Raises ImportFileError for a header without the required columns; a row with more or fewer
    values than the header names, a NUL byte, an oversized value or a malformed quote is a RowError
    at the line the row starts on. Blank lines are skipped."""
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportFileError(_("The first line is not valid CSV: ${reason}.", mapping={"reason": str(exc)})) from None
    columns = [c.strip().lower() if lowercase else c.strip() for c in header or []]
    missing = [c for c in required if c not in columns]
    if not columns or missing:
        raise ImportFileError(_("The first line must name the columns, with at least ${columns}.",
                                mapping={"columns": ", ".join(required) or "one"}))
    problem = _problem(columns, "", max_field) or next(
        (_("Column ${number} of the first line has no name.", mapping={"number": i}) for i, c in enumerate(columns, 1)
         if not c), None) or next(
        (_("The column ${column} is named twice in the first line.", mapping={"column": c})
         for i, c in enumerate(columns) if c in columns[:i]), None)
    if problem:
        raise ImportFileError(problem)
    return _csv_records(reader, columns, max_field)


def _csv_records(reader: Any, columns: list[str], max_field: int) -> Iterator[Row | RowError]:
    end = reader.line_num
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            if "unexpected end of data" in str(exc):
                yield RowError(start, _("a quoted value opened here is never closed: the rest of the file "
                                        "is part of it and is not imported"))
                return
            yield RowError(start, _("not valid CSV: ${reason}", mapping={"reason": str(exc)}))
            continue
        end = reader.line_num
        if not record:
            continue
        if len(record) != len(columns):
            yield RowError(start, _("${found} values, but the first line names ${expected} columns",
                                    mapping={"found": len(record), "expected": len(columns)}))
            continue
        values = dict(zip(columns, record))
        problem = next((p for p in (_problem(v, k, max_field) for k, v in values.items()) if p), None)
        yield RowError(start, problem) if problem else Row(start, values)


class _Object(dict):
    duplicates: tuple = ()


def _object(pairs: list) -> dict:
    found = _Object(pairs)
    if len(found) != len(pairs):
        seen: set = set()
        found.duplicates = tuple(k for k, _v in pairs if k in seen or seen.add(k))
    return found


def json_rows(content: str, max_field: int = MAX_FIELD) -> Iterator[Row | RowError]:
    """The elements of a JSON array, each with the line it starts on.

    Strict JSON: a syntax error is a RowError at its line, and the rest of the file, which cannot
    be read reliably after it, is not read; text after the closing bracket is a RowError too."""
    decoder = json.JSONDecoder(object_pairs_hook=_object)
    size = len(content)
    line, counted = 1, 0

    def at(position: int) -> int:
        nonlocal line, counted
        line += content.count("\n", counted, position)
        counted = position
        return line

    def skip(position: int) -> int:
        while position < size and content[position] in " \t\r\n":
            position += 1
        return position

    pos = skip(0)
    if content[pos:pos + 1] != "[":
        raise ImportFileError(_("A JSON file must hold an array of objects."), at(pos))
    pos = skip(pos + 1)
    if content[pos:pos + 1] == "]":
        pos += 1
    else:
        while True:
            start = at(pos)
            try:
                value, pos = decoder.raw_decode(content, pos)
            except json.JSONDecodeError as exc:
                yield RowError(at(exc.pos), _("not valid JSON (${reason}): the rest of the file is not read",
                                              mapping={"reason": exc.msg}))
                return
            duplicates = getattr(value, "duplicates", ())
            problem = (_("${column} appears twice in this object", mapping={"column": duplicates[0]})
                       if duplicates else _problem(value, "", max_field))
            yield RowError(start, problem) if problem else Row(start, dict(value) if isinstance(value, dict) else value)
            pos = skip(pos)
            if content[pos:pos + 1] == "]":
                pos += 1
                break
            if content[pos:pos + 1] != ",":
                reason = (_("the JSON array is not closed") if pos >= size else
                          _("not valid JSON (a comma or ] expected): the rest of the file is not read"))
                yield RowError(at(min(pos, size)), reason)
                return
            pos = skip(pos + 1)
            if content[pos:pos + 1] == "]":
                yield RowError(at(pos), _("not valid JSON (a comma before ]): the rest of the file is not read"))
                return
    pos = skip(pos)
    if pos < size:
        yield RowError(at(pos), _("text after the end of the JSON array: the file may be cut or two files joined"))
