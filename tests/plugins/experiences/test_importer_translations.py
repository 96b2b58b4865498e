"""An import names translations with `translation_of`: the two languages of one case study are one piece."""
import json

from sqlalchemy import select

from plugins.experiences.importer import import_rows, read_file
from plugins.experiences.models import Experience


def rows(tmp_path, items):
    path = tmp_path / "experiences.json"
    path.write_text(json.dumps(items))
    return read_file(path)


BASE = {"summary": "", "description": "<p>Text</p>", "city": "Dakar", "country": "SN", "themes": [],
        "state": "published"}


def test_a_translation_joins_its_original_and_a_missing_original_is_reported(registry, db, tmp_path):
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    request = env["request"]
    with request.tm:
        report = import_rows(request, rows(tmp_path, [
            dict(BASE, external_id="a", title="Budget participatif", language="fr"),
            dict(BASE, external_id="b", title="Participatory budget", language="en", translation_of="a"),
            dict(BASE, external_id="c", title="Nowhere", language="en", translation_of="zzz"),
        ]))
    env["closer"]()
    assert report.created == 2
    assert [reason for _line, reason in report.errors] == [
        "translation_of: no experience zzz earlier in this file or imported before"]
    with db() as s:
        found = {e.external_id: e.translation_group for e in s.scalars(select(Experience))}
    assert found["a"] == found["b"] and "c" not in found
