"""`portal import-experiences` with files as they come from other systems: a NUL byte, an oversized
value, extra columns, an unclosed quote or text after the JSON array refuse their row, reported as
FILE:LINE: reason, and every good row goes in (on SQLite and PostgreSQL, which refuses NUL in text)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plugins.experiences.models import Experience

from .test_experiences import write_ini


@pytest.fixture
def run(app, settings, tmp_path):
    if settings["search.backend"] == "postgresql":
        pytest.skip("the command is the same on both search backends")
    ini = write_ini(tmp_path, settings)
    portal = Path(sys.executable).with_name("portal")

    def command(path):
        return subprocess.run([portal, "import-experiences", "-c", ini, path, "--batch", "50"],
                              capture_output=True, text=True, timeout=300)
    return command


def row(i, **values):
    return {"external_id": f"r-{i}", "title": f"Experience {i}", "language": "en", "country": "BR",
            "themes": ["participatory-budgeting"], "state": "published", **values}


def count(db):
    with db() as s:
        return s.scalar(select(func.count()).select_from(Experience))


def test_a_row_with_a_nul_byte_is_refused_and_the_199_others_go_in(run, tmp_path, db):
    rows = [row(i) for i in range(200)]
    rows[117]["summary"] = "broken \u0000 text"
    source = tmp_path / "rows.json"
    source.write_text(json.dumps(rows, indent=1))
    done = run(source)
    assert done.returncode == 1
    assert "(199 new, 0 updated); 1 rows refused." in done.stdout
    line = source.read_text().splitlines().index('  "external_id": "r-117",')  # the line of its "{"
    errors = [e for e in done.stderr.splitlines() if e.startswith(f"{source}:")]
    assert errors == [f"{source}:{line}: the value of summary holds a NUL byte"]
    assert "Traceback" not in done.stderr
    assert count(db) == 199


def test_csv_rows_that_say_something_else_than_their_header_are_refused(run, tmp_path, db):
    source = tmp_path / "rows.csv"
    source.write_bytes("\n".join([
        "external_id,title,language,country,state",
        "c-1,Good one,en,BR,published",
        "c-2,Has an extra column,en,BR,published,surprise",
        "c-3,Too few,en",
        "c-4,NUL\x00inside,en,BR,published",
        f"c-5,{'long ' * 30000},en,BR,published",
        "c-6,Good two,es,UY,published",
        'c-7,"Opens a quote,en,BR,published',
        "c-8,Swallowed by the quote,en,BR,published",
    ]).encode() + b"\n")
    done = run(source)
    assert done.returncode == 1
    errors = [e.removeprefix(f"{source}:") for e in done.stderr.splitlines() if e.startswith(f"{source}:")]
    assert errors == ["3: 6 values, but the first line names 5 columns",
                      "4: 3 values, but the first line names 5 columns",
                      "5: the value of title holds a NUL byte",
                      "6: the value of title is longer than 128 KB",
                      "8: a quoted value opened here is never closed: the rest of the file is part of it and is "
                      "not imported"]
    with db() as s:
        assert sorted(s.scalars(select(Experience.external_id))) == ["c-1", "c-6"]


def test_text_after_the_json_array_is_reported_at_its_line(run, tmp_path, db):
    source = tmp_path / "joined.json"
    source.write_text(json.dumps([row(1)]) + "\n" + json.dumps([row(2)]) + "\n")
    done = run(source)
    assert done.returncode == 1
    assert f"{source}:2: text after the end of the JSON array" in done.stderr
    assert count(db) == 1


def test_a_file_that_is_not_an_array_stops_with_one_line(run, tmp_path, db):
    source = tmp_path / "object.json"
    source.write_text('{"external_id": "a"}')
    done = run(source)
    assert done.returncode != 0
    assert done.stderr.strip() == f"portal: {source}:1: A JSON file must hold an array of objects."
