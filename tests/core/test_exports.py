"""Open-data exports are streamed: the body is written a chunk at a time while the rows callback is
read, lazily, on a session of the stream's own; the JSON is still one valid array and the CSV keeps
its formula neutralisation. (Memory under parallel downloads is measured in bench/exports.py.)"""
import csv
import io
import json

from sqlalchemy import insert

from portal.models import utcnow

from plugins.experiences.models import Experience

ROWS = 1200


def add_experiences(db, count):
    now = utcnow()
    with db() as s:
        s.execute(insert(Experience), [
            {"type": "experience", "title": "=HYPERLINK(\"http://evil.example\")" if i == 7 else f"Experience {i}",
             "description": f"Summary {i}", "body": "<p>" + "Residents decide. " * 20 + "</p>", "language": "en",
             "state": "published", "published": now, "created": now, "modified": now, "country": "BR",
             "region": "latin-america-caribbean", "city": "Porto Alegre", "external_id": f"e-{i}", "sdgs": [16]}
            for i in range(count)])


def download(app, path):
    """The export as the WSGI server sees it: (status, headers, the body iterator)."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "portal.test", "SERVER_PORT": "80",
               "HTTP_HOST": "portal.test", "wsgi.url_scheme": "http", "REMOTE_ADDR": "192.0.2.40",
               "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO()}
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))
    body = app(environ, start_response)
    return started, body


def counting(registry, name):
    """Wrap an export's rows callback to count the rows the stream has taken from it so far."""
    export = registry.portal.exports[name]
    taken = {"rows": 0}
    original = export.rows

    def rows(request):
        for row in original(request):
            taken["rows"] += 1
            yield row
    export.rows = rows
    return taken, lambda: setattr(export, "rows", original)


def test_an_export_is_streamed_while_its_rows_are_read(app, registry, db):
    add_experiences(db, ROWS)
    taken, restore = counting(registry, "experiences")
    try:
        started, body = download(app, "/export/experiences.json")
        assert started["status"] == "200 OK" and "Content-Length" not in started["headers"]
        assert taken["rows"] == 0  # nothing is read before the server asks for the body
        chunks = iter(body)
        first = next(chunks)
        assert 0 < taken["rows"] < ROWS  # the first chunk left before the last row was read
        rest = list(chunks)
        body.close()
    finally:
        restore()
    assert len(rest) >= 2 and taken["rows"] == ROWS
    data = json.loads(b"".join([first, *rest]))
    assert len(data) == ROWS and {row["external_id"] for row in data} == {f"e-{i}" for i in range(ROWS)}
    assert data[0]["themes"] == [] and data[0]["sdgs"] == [16]


def test_a_streamed_csv_keeps_the_formula_neutralisation(app, registry, db, testapp):
    add_experiences(db, ROWS)
    started, body = download(app, "/export/experiences.csv")
    chunks = list(body)
    body.close()
    assert len(chunks) > 1 and started["headers"]["Content-Disposition"] == 'attachment; filename="experiences.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode())))
    assert len(rows) == ROWS
    assert next(r for r in rows if r["external_id"] == "e-7")["title"] == "'=HYPERLINK(\"http://evil.example\")"
    assert testapp.get("/export/experiences.csv").text == b"".join(chunks).decode()


def test_an_empty_export_is_still_valid_json(testapp):
    assert testapp.get("/export/experiences.json").json == []
    assert testapp.get("/export/experiences.csv").text.splitlines()[0].startswith("external_id,title")


def test_an_interrupted_download_closes_its_session(app, registry, db):
    add_experiences(db, ROWS)
    engine = registry["engine"]
    before = engine.pool.checkedout()
    started, body = download(app, "/export/experiences.csv")
    next(iter(body))
    assert engine.pool.checkedout() == before + 1  # the stream reads on a connection of its own
    body.close()  # the client went away
    assert engine.pool.checkedout() == before
