"""Experiences: submission and review, faceted and multilingual finding, import, open data."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from portal.models import Member, utcnow
from portal.testing import client, csrf, login, text_of

from plugins.experiences.models import Experience, Theme


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def member(db, make_user):
    with db() as s:
        m = Member(name="Porto Alegre", kind="city", country="BR", region="latin-america-caribbean", status="active")
        s.add(m)
        s.flush()
        member_id = m.id
    user_id = make_user("rep@example.org", role="member", member_id=member_id, name="Luiza Rep")
    return member_id, user_id


def add_experience(db, title, themes=("participatory-budgeting",), state="published", language="en", country="BR",
                   **fields):
    with db() as s:
        e = Experience(title=title, description=fields.pop("summary", ""), body=fields.pop("body", "<p>x</p>"),
                       language=language, city=fields.pop("city", "Porto Alegre"), country=country,
                       state=state, published=utcnow() if state == "published" else None,
                       mechanism=fields.pop("mechanism", "participatory-budget"), scale=fields.pop("scale", "city"),
                       start_year=fields.pop("start_year", 2010), sdgs=fields.pop("sdgs", [16]), **fields)
        s.add(e)
        e.themes = [s.query(Theme).filter_by(slug=slug).one() for slug in themes]
        s.flush()
        return e.id


def fill_form(form, **values):
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            for box in form.fields.get("checkbox", []):
                box.checked = box._value in value or box.checked
        else:
            form[name] = value


def test_the_taxonomy_ships_with_four_labels_per_theme(db):
    with db() as s:
        themes = {t.slug: t for t in s.query(Theme)}
    assert {"participatory-budgeting", "citizen-assemblies", "e-participation", "youth-participation",
            "gender-equality", "neighbourhood-councils", "open-government", "participatory-planning",
            "local-observatories", "public-consultation", "social-accountability", "inclusion-migrants",
            "climate-environment"} <= set(themes)
    assert all(all(t.labels) for t in themes.values())
    assert themes["participatory-budgeting"].label_pt == "Orçamento participativo"


def test_member_submits_secretariat_sends_back_then_publishes(testapp, app, member, make_user, registry, maildir, db):
    member_id, _ = member
    login(testapp, "rep@example.org")
    form = testapp.get("/experiences/add").forms["deform"]
    assert form["member_id"].value == str(member_id)
    fill_form(form, title="Neighbourhood budget assemblies", description="Residents decide 10% of investment.",
              body="<p>Every year <b>assemblies</b> vote.</p><script>steal()</script>",
              city="Porto Alegre", country="BR", theme_slugs=["participatory-budgeting"],
              mechanism="participatory-budget", scale="city", start_year="1989", sdgs=["16", "11"])
    page = form.submit("save", status=302).follow()
    url = page.request.path
    assert "steal()" not in page.text
    testapp.post(f"{url}/transition", {"transition": "submit", "csrf_token": csrf(testapp)}, status=302)
    # not visible to visitors while in review, nor in search
    visitor = client(app, "192.0.2.99")
    visitor.get(url, status=302)
    assert visitor.get("/search.json", {"q": "assemblies"}).json["total"] == 0
    # the author sees the state of each of their experiences
    assert "Pending review" in text_of(testapp.get("/account").text)
    # the secretariat sends it back with a message that reaches the author by mail
    make_user("sec@example.org", role="secretariat", name="Secretariat")
    admin = client(app, "192.0.2.50")
    login(admin, "sec@example.org")
    admin.post(f"{url}/transition", {"transition": "reject", "comment": "Please add the budget figures.",
                                     "csrf_token": csrf(admin)}, status=302)
    maildir.deliver(registry)
    mails = [m for m in maildir.messages() if m["To"] == "rep@example.org"]
    assert mails and "Please add the budget figures." in mails[-1].get_payload(decode=True).decode()
    # the author edits and resubmits; the secretariat publishes
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["budget"], form["currency"] = "50000000", "BRL"
    form.submit("save", status=302)
    testapp.post(f"{url}/transition", {"transition": "submit", "csrf_token": csrf(testapp)}, status=302)
    admin.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(admin)}, status=302)
    shown = visitor.get(url)
    assert "Neighbourhood budget assemblies" in shown.text and "50,000,000\xa0BRL" in shown.text or "50,000,000 BRL" in shown.text
    assert visitor.get("/search.json", {"q": "assemblies"}).json["total"] == 1
    french = visitor.get(url, {"_LOCALE_": "fr"}).text
    assert "50\u202f000\u202f000 BRL" in french or "50\xa0000\xa0000 BRL" in french  # numbers as the reader writes them


def test_member_cannot_publish_or_edit_others(testapp, member, make_user, db):
    other = add_experience(db, "Someone else's experience", state="draft")
    login(testapp, "rep@example.org")
    testapp.get(f"/experiences/{other}/edit", status=403)
    mine = testapp.get("/experiences/add").forms["deform"]
    fill_form(mine, title="Mine", city="Canoas", country="BR", theme_slugs=["youth-participation"],
              mechanism="other", scale="city", start_year="2020")
    url = mine.submit("save").follow().request.path
    testapp.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=403)


def test_editors_edit_any_experience(testapp, make_user, db):
    item = add_experience(db, "A published experience")
    make_user("ed@example.org", role="editor")
    login(testapp, "ed@example.org")
    form = testapp.get(f"/experiences/{item}/edit").forms["deform"]
    form["title"] = "A corrected title"
    form.submit("save", status=302)
    assert "A corrected title" in testapp.get(f"/experiences/{item}").text


def test_bad_input_is_refused_and_kept(testapp, member):
    login(testapp, "rep@example.org")
    form = testapp.get("/experiences/add").forms["deform"]
    long_title = "Budget <participatif> & assemblées " + "x" * 265
    fill_form(form, title=long_title, city="Dakar", country="SN", mechanism="other", scale="city",
              start_year="2020", end_year="2010")
    res = form.submit("save", status=400)
    assert res.html.select_one("#item-deformField8 .invalid-feedback, [id^=error-] ") is not None
    assert res.forms["deform"]["title"].value == long_title
    fill_form(res.forms["deform"], theme_slugs=["gender-equality"])
    res = res.forms["deform"].submit("save", status=400)
    assert "The end year comes before the start year." in res.text
    assert res.forms["deform"]["title"].value == long_title and res.forms["deform"]["city"].value == "Dakar"
    res.forms["deform"]["end_year"] = ""
    shown = res.forms["deform"].submit("save", status=302).follow()
    assert "Budget &lt;participatif&gt; &amp; assemblées" in shown.text
    assert len(long_title) == 300


@pytest.fixture
def catalogue(db):
    add_experience(db, "Participatory budgeting in Porto Alegre", themes=("participatory-budgeting",), language="pt",
                   country="BR", start_year=1989, sdgs=[16, 11], body="<p>Assembleias regionais decidem.</p>")
    add_experience(db, "Climate assembly of Grenoble", themes=("citizen-assemblies", "climate-environment"),
                   language="fr", country="FR", city="Grenoble", mechanism="deliberative-assembly",
                   start_year=2021, sdgs=[13])
    add_experience(db, "Youth budget of Dakar", themes=("participatory-budgeting", "youth-participation"),
                   language="fr", country="SN", city="Dakar", start_year=2015, sdgs=[4, 16])
    add_experience(db, "Montreal neighbourhood councils", themes=("neighbourhood-councils",), language="en",
                   country="CA", city="Montreal", mechanism="advisory-council", scale="neighbourhood",
                   start_year=2005, sdgs=[11])
    add_experience(db, "Draft: Seoul e-petitions", themes=("e-participation",), language="en", country="KR",
                   state="draft")


def facet(res, name):
    return res.json["facets"][name]


@pytest.mark.parametrize("words", ["participatory budgeting", "presupuesto participativo", "budget participatif",
                                   "orçamento participativo", "ORCAMENTO PARTICIPATIVO"])
def test_theme_labels_find_experiences_in_any_language(testapp, catalogue, words):
    titles = {h["title"] for h in testapp.get("/search.json", {"q": words, "type": "experience"}).json["results"]}
    assert {"Participatory budgeting in Porto Alegre", "Youth budget of Dakar"} <= titles


def test_listing_has_facets_with_counts_and_shareable_urls(testapp, catalogue):
    res = testapp.get("/experiences")
    assert "Draft: Seoul e-petitions" not in res.text
    for title in ("Participatory budgeting in Porto Alegre", "Climate assembly of Grenoble", "Youth budget of Dakar"):
        assert title in res.text
    link = res.html.find("a", href=lambda h: h and "theme=participatory-budgeting" in h)
    assert "(2)" in link.text
    filtered = testapp.get(link["href"])
    assert "Climate assembly of Grenoble" not in filtered.text and "Youth budget of Dakar" in filtered.text
    combined = testapp.get("/experiences", {"theme": "participatory-budgeting", "region": "africa", "sdg": "4"})
    assert "Youth budget of Dakar" in combined.text and "Porto Alegre" not in text_of(combined.html.select_one(".hits").decode())
    assert "Montreal" in testapp.get("/experiences", {"scale": "neighbourhood"}).text
    titles = [a.text for a in testapp.get("/experiences", {"sort": "title"}).html.select(".hits h2 a")]
    assert titles == sorted(titles)


def test_experience_facets_in_site_search(testapp, catalogue):
    res = testapp.get("/search.json", {"type": "experience", "theme": "participatory-budgeting", "language": "fr"})
    assert [h["title"] for h in res.json["results"]] == ["Youth budget of Dakar"]
    assert facet(res, "region") == {"africa": 1}
    every = testapp.get("/search.json", {"type": "experience"})
    assert facet(every, "theme")["participatory-budgeting"] == 2
    assert facet(every, "country") == {"BR": 1, "CA": 1, "FR": 1, "SN": 1}
    assert facet(every, "start_year")["1989"] == 1 and facet(every, "sdg")["16"] == 2
    assert facet(every, "mechanism")["deliberative-assembly"] == 1


@pytest.mark.parametrize("params, allowed", [({"theme": "gardening"}, "participatory-budgeting"),
                                              ({"country": "XX"}, "BR"), ({"sdg": "18"}, "17"),
                                              ({"mechanism": "lottery"}, "deliberative-assembly"),
                                              ({"sort": "popular"}, "newest")])
def test_unknown_filter_values_get_400_with_the_allowed_values(testapp, params, allowed):
    res = testapp.get("/experiences", params, status=400)
    assert allowed in res.text
    if "sort" not in params:
        assert allowed in testapp.get("/search.json", params, status=400).text


def test_related_experiences(testapp, catalogue, db):
    with db() as s:
        porto = s.query(Experience).filter_by(title="Participatory budgeting in Porto Alegre").one().id
    related = testapp.get(f"/experiences/{porto}").html.select(".related a")
    assert [a.text for a in related] == ["Youth budget of Dakar"]


def test_open_data_and_feed(testapp, catalogue):
    data = testapp.get("/export/experiences.json").json
    assert len(data) == 4 and all(row["state"] == "published" for row in data)
    rows = list(csv.DictReader(io.StringIO(testapp.get("/export/experiences.csv").text)))
    dakar = [r for r in rows if r["city"] == "Dakar"][0]
    assert dakar["themes"] == "participatory-budgeting|youth-participation" and dakar["region"] == "africa"
    feed = testapp.get("/experiences/feed.atom")
    assert feed.content_type == "application/atom+xml" and "Seoul" not in feed.text and "Grenoble" in feed.text


def test_themes_are_managed_in_the_control_panel(testapp, catalogue, make_user, db):
    make_user("sec@example.org", role="secretariat")
    login(testapp, "sec@example.org")
    assert "/manage/themes" in testapp.get("/manage").text
    form = testapp.get("/manage/themes/add").forms["deform"]
    form["slug"], form["label_en"], form["label_es"] = "housing", "Housing", "Vivienda"
    form["label_fr"], form["label_pt"] = "Logement", "Habitação"
    form.submit("save", status=302)
    with db() as s:
        theme = s.query(Theme).filter_by(slug="neighbourhood-councils").one()
        theme_id = theme.id
    form = testapp.get(f"/manage/themes/{theme_id}").forms["deform"]
    form["label_es"] = "Juntas vecinales"
    form.submit("save", status=302)
    hits = testapp.get("/search.json", {"q": "juntas vecinales"}).json["results"]
    assert [h["title"] for h in hits] == ["Montreal neighbourhood councils"]
    assert "Vivienda" in testapp.get("/experiences/add", {"_LOCALE_": "es"}).text


def test_a_theme_cannot_take_a_short_name_in_use(testapp, catalogue, make_user, db):
    make_user("sec@example.org", role="secretariat")
    login(testapp, "sec@example.org")
    with db() as s:
        count = s.query(Theme).count()
    form = testapp.get("/manage/themes/add").forms["deform"]
    form["slug"], form["label_en"], form["label_es"] = "neighbourhood-councils", "Councils again", "Consejos"
    form["label_fr"], form["label_pt"] = "Conseils", "Conselhos"
    page = form.submit("save", status=400)
    assert "This short name is taken." in page.text
    assert page.forms["deform"]["label_en"].value == "Councils again"  # nothing typed is lost
    with db() as s:
        assert s.query(Theme).count() == count
        assert s.query(Theme).filter_by(slug="neighbourhood-councils").one().label_en != "Councils again"


# --- import ---------------------------------------------------------------------------------------

ROWS = [
    {"external_id": "x-1", "title": "Assemblée citoyenne pour le climat", "summary": "Tirage au sort.",
     "description": "<p onclick='x()'>150 habitants</p>", "language": "fr", "city": "Grenoble", "country": "fr",
     "themes": ["citizen-assemblies", "climate-environment"], "start_year": 2021, "end_year": None,
     "url": "https://example.org/a", "state": "published"},
    {"external_id": "x-2", "title": "Bad theme", "language": "en", "country": "GB", "themes": ["gardening"]},
    {"external_id": "x-3", "title": "Bad country", "language": "en", "country": "XX", "themes": []},
    {"external_id": "x-4", "title": "Presupuesto joven", "language": "es", "country": "UY", "city": "Montevideo",
     "themes": "youth-participation|participatory-budgeting", "start_year": "2012", "state": "draft"},
]


def run_import(registry, rows):
    from pyramid.scripting import prepare
    from plugins.experiences.importer import import_rows
    env = prepare(registry=registry)
    request = env["request"]
    with request.tm:
        import zope.sqlalchemy
        request.dbsession = registry["dbsession_factory"](info={"request": request})
        zope.sqlalchemy.register(request.dbsession, transaction_manager=request.tm)
        report = import_rows(request, rows)
    env["closer"]()
    return report


def test_import_takes_the_good_rows_and_reports_the_bad(testapp, registry, db):
    report = run_import(registry, list(enumerate(ROWS, 2)))
    assert report.created == 2 and report.updated == 0
    assert [line for line, _ in report.errors] == [3, 4]
    assert "gardening" in report.errors[0][1] and "country" in report.errors[1][1]
    with db() as s:
        grenoble = s.query(Experience).filter_by(external_id="x-1").one()
        assert grenoble.region == "europe" and grenoble.country == "FR" and "onclick" not in grenoble.body
        assert [t.slug for t in grenoble.themes] == ["citizen-assemblies", "climate-environment"]
        assert s.query(Experience).filter_by(external_id="x-4").one().state == "draft"
    assert testapp.get("/search.json", {"q": "climat"}).json["total"] == 1
    assert testapp.get("/search.json", {"q": "presupuesto joven"}).json["total"] == 0  # a draft
    # importing the same external_id again updates it
    again = dict(ROWS[0], title="Assemblée citoyenne pour le climat, 2e édition")
    report = run_import(registry, [(2, again)])
    assert (report.created, report.updated) == (0, 1)
    with db() as s:
        assert s.query(Experience).filter_by(external_id="x-1").one().title.endswith("2e édition")
        assert s.query(Experience).count() == 2


def write_ini(tmp_path, settings):
    keys = ["sqlalchemy.url", "portal.secret", "files.dir", "search.backend", "search.whoosh_dir", "mail.delivery",
            "mail.maildir", "auth.argon2_time_cost", "auth.argon2_memory_cost", "cache.marker_dir"]
    lines = ["[app:main]", "use = egg:portal", "portal.plugins = plugins.experiences"]
    lines += [f"{k} = {settings[k]}" for k in keys if k in settings]
    path = tmp_path / "site.ini"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_import_command_reads_json_and_csv(app, settings, tmp_path, db):
    if settings["search.backend"] == "postgresql":
        pytest.skip("the command is the same on both backends")
    ini = write_ini(tmp_path, settings)
    portal = Path(sys.executable).with_name("portal")
    source = tmp_path / "rows.json"
    source.write_text(json.dumps(ROWS, indent=1))
    done = subprocess.run([portal, "import-experiences", "-c", ini, source], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1  # some rows were refused
    assert "Imported 2 experiences (2 new, 0 updated); 2 rows refused." in done.stdout
    lines = [line for line in done.stderr.splitlines() if "rows.json:" in line]
    line_of_x2 = source.read_text().splitlines().index("  \"external_id\": \"x-2\",")
    assert lines[0].startswith(f"{source}:{line_of_x2}: ") and "gardening" in lines[0]
    assert "Importing [" in done.stderr  # the progress bar
    table = tmp_path / "rows.csv"
    with table.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["external_id", "title", "language", "country", "themes", "state"])
        writer.writeheader()
        writer.writerow({"external_id": "x-1", "title": "Updated from CSV", "language": "fr", "country": "FR",
                         "themes": "citizen-assemblies|climate-environment", "state": "published"})
        writer.writerow({"external_id": "x-9", "title": "Bad", "language": "xx", "country": "FR", "themes": "",
                         "state": "published"})
    done = subprocess.run([portal, "import-experiences", "-c", ini, table], capture_output=True, text=True,
                          timeout=120)
    assert "(0 new, 1 updated); 1 rows refused." in done.stdout
    assert f"{table}:3: language" in done.stderr
    with db() as s:
        assert s.query(Experience).filter_by(external_id="x-1").one().title == "Updated from CSV"
    broken = tmp_path / "broken.json"
    broken.write_text('[{"external_id": "a",')
    done = subprocess.run([portal, "import-experiences", "-c", ini, broken], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and f"{broken}:1: not valid JSON" in done.stderr


def test_import_command_indexes_a_large_file_on_several_processes(app, settings, tmp_path, db):
    """A file larger than one index batch: the command commits every --batch rows and hands the search
    index its documents in bulk, written by two processes; every published row is then found, once, and
    importing the file again updates the same documents instead of adding others."""
    if settings["search.backend"] == "postgresql":
        pytest.skip("the command is the same on both backends")
    ini = write_ini(tmp_path, settings)
    ini.write_text(ini.read_text() + "search.index_processes = 2\n")
    portal = Path(sys.executable).with_name("portal")
    rows = [{"external_id": f"bulk-{i}", "title": f"Quartier {i}: budget participatif de quartier",
             "summary": "Les habitants votent.", "description": f"<p>Projet numéro {i} du quartier.</p>",
             "language": "fr", "city": "Grenoble", "country": "FR", "themes": ["participatory-budgeting"],
             "state": "published" if i % 10 else "draft"} for i in range(1300)]
    source = tmp_path / "many.json"
    source.write_text(json.dumps(rows))
    for _ in range(2):
        done = subprocess.run([portal, "import-experiences", "-c", ini, source, "--batch", "200"],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        found = client(app).get("/search.json", {"q": "quartier", "type": "experience"}).json
        assert found["total"] == 1170  # the 130 drafts are not searchable
        assert found["facets"]["language"] == {"fr": 1170} and found["facets"]["theme"] == {"participatory-budgeting": 1170}
        numbered = client(app).get("/search.json", {"q": "1234", "type": "experience"}).json
        assert [hit["title"] for hit in numbered["results"]] == ["Quartier 1234: budget participatif de quartier"]
    assert "(0 new, 1300 updated)" in done.stdout
    with db() as s:
        assert s.query(Experience).count() == 1300


def start_import(ini, tmp_path, rows=1300, batch=100):
    """`portal import-experiences` of a large file, returned once it has committed its first batch."""
    rows = [{"external_id": f"stop-{i}", "title": f"Quartier {i}: budget participatif", "language": "fr",
             "country": "FR", "themes": ["participatory-budgeting"], "state": "published" if i % 10 else "draft"}
            for i in range(rows)]
    source = tmp_path / "many.json"
    source.write_text(json.dumps(rows))
    portal = Path(sys.executable).with_name("portal")
    command = subprocess.Popen([portal, "import-experiences", "-c", ini, source, "--batch", str(batch)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    for line in command.stderr:  # the progress bar: a line every tenth of the file, the first batch committed
        seen.append(line)
        if line.startswith("Importing [") and int(line.split()[-1].split("/")[0]) > batch:
            return command, seen
    raise AssertionError(f"the import ended early: {''.join(seen)}")


def published_in_the_database(db):
    with db() as s:
        return s.query(Experience).filter_by(state="published").count()


def test_an_import_stopped_by_sigterm_finishes_its_batch_and_indexes_what_it_committed(app, settings, tmp_path, db):
    """systemd and docker stop a command with SIGTERM: the import commits the rows it has read, indexes every
    experience it committed, says where it stopped and exits with 128 + the signal's number."""
    import signal
    command, _ = start_import(write_ini(tmp_path, settings), tmp_path)
    command.send_signal(signal.SIGTERM)
    out, err = command.communicate(timeout=300)
    assert command.returncode == 128 + signal.SIGTERM, err
    assert "stopped by signal 15" in err and "importing the file again imports the rest" in err
    published = published_in_the_database(db)
    assert 90 <= published < 1170  # stopped between the first batch and the end
    assert client(app).get("/search.json", {"q": "quartier", "type": "experience"}).json["total"] == published


def test_an_import_killed_leaves_its_changes_queued_for_reindex_check(app, settings, tmp_path, db):
    """kill -9 (or the OOM killer) between the commits and their indexing: the committed experiences are not
    lost for search; they wait in the queue, and the next process (here `portal reindex --check`) applies them."""
    import signal
    ini = write_ini(tmp_path, settings)
    command, _ = start_import(ini, tmp_path)
    command.send_signal(signal.SIGKILL)
    command.wait(timeout=60)
    published = published_in_the_database(db)
    assert published >= 90
    assert client(app).get("/search.json", {"q": "quartier", "type": "experience"}).json["total"] < published
    portal = Path(sys.executable).with_name("portal")
    done = subprocess.run([portal, "reindex", "--check", "-c", ini], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "changes that were waiting in the queue." in done.stdout and "matches the database" in done.stdout
    assert client(app).get("/search.json", {"q": "quartier", "type": "experience"}).json["total"] == published


def test_published_experiences_change_only_through_an_editor(testapp, member, db):
    _, user_id = member
    item = add_experience(db, "Published already", state="published", creator_id=user_id)
    login(testapp, "rep@example.org")
    testapp.get(f"/experiences/{item}/edit", status=403)
    draft = add_experience(db, "Still mine", state="draft", creator_id=user_id)
    testapp.get(f"/experiences/{draft}/edit", status=200)


def test_a_member_files_experiences_under_their_own_organisation_only(testapp, member, db):
    with db() as s:
        other = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(other)
        s.flush()
        other_id = other.id
    login(testapp, "rep@example.org")
    form = testapp.get("/experiences/add").forms["deform"]
    fill_form(form, title="Not ours", city="Dakar", country="SN", theme_slugs=["youth-participation"],
              mechanism="other", scale="city", start_year="2020")
    form["member_id"].force_value(str(other_id))
    res = form.submit("save", status=400)
    assert "You can only share experiences of your own member organisation." in res.text
    res.forms["deform"]["member_id"].force_value("999999")
    res.forms["deform"].submit("save", status=400)  # an unknown member: a form error, not a 500


def test_the_translation_list_shows_no_drafts_of_others(testapp, member, db):
    add_experience(db, "Another member's secret draft", state="draft")
    add_experience(db, "A published original", state="published")
    login(testapp, "rep@example.org")
    page = testapp.get("/experiences/add")
    assert "A published original" in page.text and "secret draft" not in page.text


def test_reimport_across_batches_keeps_published_experiences_published(registry, db):
    from pyramid.scripting import prepare
    from plugins.experiences.importer import import_rows
    rows = [{"external_id": f"b-{i}", "title": f"Batch {i}", "language": "en", "country": "BR",
             "themes": ["open-government"], "state": "published"} for i in range(5)]
    run_import(registry, list(enumerate(rows, 2)))
    again = [(n, {k: v for k, v in row.items() if k != "state"}) for n, row in enumerate(rows, 2)]
    env = prepare(registry=registry)
    request = env["request"]
    import zope.sqlalchemy
    request.dbsession = registry["dbsession_factory"](info={"request": request})
    zope.sqlalchemy.register(request.dbsession, transaction_manager=request.tm)
    request.tm.begin()

    def commit():
        request.tm.commit()
        request.tm.begin()
    report = import_rows(request, again, batch_size=2, commit=commit)
    request.tm.commit()
    env["closer"]()
    assert (report.created, report.updated, report.errors) == (0, 5, [])
    with db() as s:
        assert {e.state for e in s.query(Experience)} == {"published"}


def test_an_old_revision_that_no_longer_validates_is_not_restored_blindly(testapp, make_user, registry, db):
    run_import(registry, [(2, {"external_id": "r-1", "title": "Imported bare", "language": "en", "country": "BR",
                               "state": "published"})])
    make_user("ed@example.org", role="editor")
    login(testapp, "ed@example.org")
    with db() as s:
        item = s.query(Experience).filter_by(external_id="r-1").one().id
    form = testapp.get(f"/experiences/{item}/edit").forms["deform"]
    fill_form(form, city="Recife", theme_slugs=["open-government"], start_year="2001")
    form.submit("save", status=302)
    res = testapp.post(f"/experiences/{item}/restore", {"revision": "1", "csrf_token": csrf(testapp)}, status=302)
    assert res.location.endswith("/history")
    assert "cannot be restored as it is" in res.follow().text
    assert "Recife" in testapp.get(f"/experiences/{item}").text


def test_nonsense_goals_get_a_form_error(testapp, member):
    login(testapp, "rep@example.org")
    form = testapp.get("/experiences/add").forms["deform"]
    fill_form(form, title="Goals", city="Canoas", country="BR", theme_slugs=["youth-participation"],
              mechanism="other", scale="city", start_year="2020")
    fields = list(form.submit_fields("save"))
    at = max(i for i, (k, v) in enumerate(fields) if k == "__start__" and v == "sdgs:sequence")
    fields.insert(at + 1, ("checkbox", "abc"))
    res = testapp.post("/experiences/add", fields, status=302)  # "abc" is dropped, nothing breaks
    assert "Goals" in res.follow().text


def test_member_profile_and_region_show_their_published_experiences(testapp, registry, member, db):
    member_id, _ = member
    add_experience(db, "Budget of the neighbourhoods & <youth>", member_id=member_id)
    add_experience(db, "A draft nobody sees", member_id=member_id, state="draft")
    add_experience(db, "Assemblies of another city", country="SN")
    page = testapp.get(f"/members/{member_id}")
    section = page.html.select_one("#section-experiences")
    assert section is not None, "the member profile lists the member's experiences"
    titles = [a.get_text() for a in section.select("a")]
    assert titles == ["Budget of the neighbourhoods & <youth>"]
    handle = db()
    with handle as session:
        request = handle.request
        request.dbsession = session
        found = registry.portal.sections("region", request, "latin-america-caribbean")
        assert [[i["title"] for i in items] for s, items in found if s.name == "experiences"] == \
            [["Budget of the neighbourhoods & <youth>"]]
        assert not [s for s, items in registry.portal.sections("region", request, "europe")
                    if s.name == "experiences"], "a region without experiences shows no empty block"


def test_the_home_page_shows_the_latest_published_experiences(testapp, db):
    add_experience(db, "Youth budget of Rosario")
    add_experience(db, "A draft nobody sees", state="draft")
    block = testapp.get("/").html.select_one("#section-experiences")
    assert [a.get_text() for a in block.select("a")] == ["Youth budget of Rosario"]


def test_the_experience_page_says_who_shared_it_when_and_how_to_reach_and_share_it(testapp, member, db):
    member_id, _user = member
    exp_id = add_experience(db, "Budget of the neighbourhoods", member_id=member_id,
                            contact="Ana Ruiz, participa@portoalegre.example")
    page = testapp.get(f"/experiences/{exp_id}")
    meta = text_of(page.html.select_one("p.meta").decode())
    assert "Shared by Porto Alegre" in meta and "Published on" in meta
    assert page.html.select_one("p.meta a")["href"] == f"/members/{member_id}"
    assert page.html.find("h2", string="Themes") is not None
    contact = page.html.select_one("a.contact-city")
    assert contact.get_text(strip=True) == "Contact this city"
    assert contact["href"].startswith("mailto:participa@portoalegre.example?subject=Budget%20of%20the%20neighbourhoods")
    share = {a.get_text(strip=True): a["href"] for a in page.html.select("section.share a")}
    assert share["By e-mail"].startswith("mailto:?subject=Budget%20of%20the%20neighbourhoods")
    assert f"experiences%2F{exp_id}" in share["LinkedIn"] and share["LinkedIn"].startswith("https://www.linkedin.com/")
    assert not page.html.select("script[src^='http']")  # the links only: no script of another host
    fr = testapp.get(f"/experiences/{exp_id}?_LOCALE_=fr")
    assert "Partagée par Porto Alegre" in text_of(fr.html.select_one("p.meta").decode())
    plain = add_experience(db, "No address given", contact="Ask the city hall")
    assert testapp.get(f"/experiences/{plain}").html.select_one("a.contact-city") is None
