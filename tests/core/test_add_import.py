"""An import declared with add_import has two doors, the upload page /manage/import/NAME and the
command `portal import NAME FILE`, which report a refused row the same way (FILE:LINE: reason) and
let the good rows around it in; a file that cannot be read at all changes nothing."""
import dataclasses
import json

from sqlalchemy import func, select

from portal.testing import text_of
from plugins.experiences.models import Experience
from plugins.newsletter.models import Subscriber

from .test_cli import portal, write_ini


def experiences(db):
    with db() as s:
        return sorted(s.scalars(select(Experience.external_id)))


def upload(testapp, name, filename, data, status=200):
    form = testapp.get(f"/manage/import/{name}").forms["import-form"]
    form["file"] = (filename, data)
    return form.submit("import", status=status)


def row(key, **values):
    return {"external_id": key, "title": f"Experience {key}", "language": "en", "country": "BR",
            "themes": ["participatory-budgeting"], **values}


def test_the_secretariat_uploads_experiences_and_sees_each_refused_row_with_its_line(testapp, as_user, db):
    as_user("secretariat")
    page = testapp.get("/manage/import/experiences")
    assert "external_id" in text_of(page.text) and "translation_of" in text_of(page.text)
    data = json.dumps([row("a-1"), row("a-2", country="XX"), row("a-3")], indent=1).encode()
    page = upload(testapp, "experiences", "cities.json", data)
    text = text_of(page.text)
    assert "New: 2 ; Updated: 0 ; Unchanged: 0 ; rows refused: 1" in text
    assert "(cities.json:" in text and "country" in text
    assert experiences(db) == ["a-1", "a-3"]
    page = upload(testapp, "experiences", "again.json", json.dumps([row("a-1", title="Renamed")]).encode())
    assert "New: 0 ; Updated: 1" in text_of(page.text)
    with db() as s:
        assert s.scalar(select(Experience.title).where(Experience.external_id == "a-1")) == "Renamed"


def test_a_file_the_import_cannot_read_is_refused_on_the_page_and_changes_nothing(testapp, as_user, db, registry):
    as_user("secretariat")
    page = upload(testapp, "subscribers", "list.json", b'[{"email": "ana@example.org"}]', status=400)
    assert "This import reads CSV files" in text_of(page.text)
    page = upload(testapp, "experiences", "broken.json", b'{"external_id": "x"}', status=400)
    assert "A JSON file must hold an array of objects." in text_of(page.text)
    imports = registry.portal.imports
    imports["subscribers"] = dataclasses.replace(imports["subscribers"], max_bytes=1024 * 1024)
    big = b"email,consent_date\n" + b"ana@example.org,2024-05-31\n" * 50000
    page = upload(testapp, "subscribers", "big.csv", big, status=413)
    assert "The file is too large: at most 1 MB." in text_of(page.text)
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Subscriber)) == 0
    assert experiences(db) == []


def test_the_page_is_in_the_readers_language_and_for_those_the_import_names(testapp, as_user, app):
    as_user("secretariat", language="es")  # (their account's language is the interface's after login)
    page = testapp.get("/manage/import/subscribers", headers={"Accept-Language": "es"})
    assert "Columnas obligatorias" in text_of(page.text)
    testapp.get("/manage/import/nothing-of-that-name", status=404)
    as_user("editor")
    testapp.get("/manage/import/subscribers", status=403)


def test_the_command_imports_the_same_file_and_names_each_refused_row(tmp_path):
    ini = write_ini(tmp_path, plugins="plugins.experiences plugins.newsletter")
    portal("initdb", "-c", ini)
    source = tmp_path / "list.csv"
    source.write_text("Email,Consent_Date,Language\nana@example.org,2024-05-31,pt\nnot-an-address,2024-05-31,en\n"
                      "lucia@example.org,2023-02-01,es\n")
    done = portal("import", "subscribers", source, "-c", ini, check=False)
    assert done.returncode == 1
    assert "Imported 2 subscribers (2 new, 0 updated); 1 rows refused." in done.stdout
    assert f"{source}:3: “not-an-address” is not a valid e-mail address." in done.stderr
    done = portal("import", "nothing", source, "-c", ini, check=False)
    assert done.returncode != 0 and "no import 'nothing' on this site (imports: experiences, subscribers)" in done.stderr
    listed = portal("plugins", "-c", ini).stdout
    assert "import        subscribers" in listed and "import        experiences" in listed


def test_a_plugin_s_import_reports_its_own_reasons_by_line(testapp, as_user, db):
    """The sample plugin's import (tests/support) as a plugin author writes one."""
    from sample_plugin.models import Workshop
    as_user("secretariat")
    data = b"title,city,starts\nAssemblies,Grenoble,2027-05-12\nBudgets,Dakar,next May\n"
    text = text_of(upload(testapp, "workshops", "w.csv", data).text)
    assert "New: 1 ;" in text and "Line 3 : starts is not a date such as 2027-05-12 (w.csv:3)" in text
    with db() as s:
        assert list(s.scalars(select(Workshop.city))) == ["Grenoble"]
