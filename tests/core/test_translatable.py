"""Translatable fields: a section written once in each language, read in the reader's language with a
note when it falls back to the original; search finds it in each language."""
import pytest

from portal.models import Section
from portal.testing import csrf, login, text_of


@pytest.fixture
def editor(testapp, make_user):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")


def section_form(testapp):
    return testapp.get("/sections/add").forms["deform"]


def test_form_has_a_labelled_fieldset_per_language_the_portals_required(testapp, editor):
    res = testapp.get("/sections/add")
    title = res.html.find("input", attrs={"name": "title"}).find_parent("div", class_="translatable")
    panels = title.select(".translatable-panel")
    assert [p["data-lang"] for p in panels] == ["en", "es", "fr", "pt"]  # the portal's language first
    legends = [" ".join(p.legend.text.split()) for p in panels]
    assert legends == ["English (required)", "Español (optional)", "Français (optional)", "Português (optional)"]
    inputs = [p.find("input", attrs={"type": "text"}) for p in panels]
    assert [i["name"] for i in inputs] == ["title", "title-es", "title-fr", "title-pt"]
    assert inputs[0].has_attr("required") and not any(i.has_attr("required") for i in inputs[1:])
    labels = [res.html.find("label", attrs={"for": i["id"]}).text.strip() for i in inputs]
    assert labels == ["Title", "Español", "Français", "Português"]  # in the fieldset "Title"
    assert title.find_parent("fieldset").legend.text.strip() == "Title"


def test_the_portals_language_is_required_and_nothing_typed_is_lost(testapp, editor, db):
    form = section_form(testapp)
    form["title-es"], form["title-fr"] = "Cómo trabajamos", "Comment nous travaillons"
    res = form.submit("save", status=400)
    assert "Write the text in English" in text_of(res.text)
    again = res.forms["deform"]
    assert again["title-es"].value == "Cómo trabajamos" and again["title-fr"].value == "Comment nous travaillons"
    with db() as s:
        assert s.query(Section).count() == 0


def test_others_optional_and_the_reader_gets_their_language_or_a_note(testapp, editor, db):
    form = section_form(testapp)
    form["title"], form["title-es"] = "How we work", "Cómo trabajamos"
    form["body"], form["body-es"] = "<p>Our methods</p>", "<p>Nuestros métodos</p>"
    page = form.submit("save", status=302).follow()
    url = page.request.path
    with db() as s:
        section = s.query(Section).one()
        assert section.title == "How we work"
        assert section.translations == {"title": {"es": "Cómo trabajamos"}, "body": {"es": "<p>Nuestros métodos</p>"}}
    es = testapp.get(url, params={"_LOCALE_": "es"})  # (logged in: the account's language, unless one is picked)
    assert es.html.h1.text == "Cómo trabajamos" and "<p>Nuestros métodos</p>" in es.text  # the HTML, not its source
    assert "untranslated-note" not in es.text
    fr = testapp.get(url, params={"_LOCALE_": "fr"})
    assert fr.html.h1.text == "How we work" and "Our methods" in fr.text
    assert fr.html.select_one(".untranslated-note").text.strip() == "Pas encore traduit en Français."
    en = testapp.get(url, params={"_LOCALE_": "en"})
    assert en.html.h1.text == "How we work" and "untranslated-note" not in en.text


def test_editing_keeps_and_changes_translations(testapp, editor, db):
    form = section_form(testapp)
    form["title"], form["title-pt"] = "How we work", "Como trabalhamos"
    url = form.submit("save", status=302).follow().request.path
    edit = testapp.get(f"{url}/edit").forms["deform"]
    assert edit["title"].value == "How we work" and edit["title-pt"].value == "Como trabalhamos"
    edit["title-pt"], edit["title-fr"] = "", "Comment nous travaillons"
    edit.submit("save", status=302)
    with db() as s:
        assert s.query(Section).one().translations == {"title": {"fr": "Comment nous travaillons"}}


def test_search_finds_an_item_by_a_translated_title(testapp, editor, db):
    form = section_form(testapp)
    form["title"], form["title-es"] = "Participatory budgets", "Presupuestos participativos"
    url = form.submit("save", status=302).follow().request.path
    testapp.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    found = testapp.get("/search", {"q": "presupuestos"})
    assert url in found.text


def test_the_site_is_named_in_the_readers_language(app_settings_named):
    testapp = app_settings_named
    assert testapp.get("/", params={"_LOCALE_": "es"}).html.select_one(".brand").text == "Red de democracia participativa"
    assert testapp.get("/", params={"_LOCALE_": "fr"}).html.select_one(".brand").text == "Test network"


@pytest.fixture
def app_settings_named(settings):
    from webtest import TestApp

    from portal import main
    return TestApp(main({}, **dict(settings, **{"portal.site_name.es": "Red de democracia participativa"})))


def test_a_title_that_is_also_a_portal_message_is_not_translated_by_the_page(testapp, editor):
    form = section_form(testapp)
    form["title"] = "Search"  # one of the portal's own messages ("Buscar" in Spanish)
    url = form.submit("save", status=302).follow().request.path
    assert testapp.get(url, params={"_LOCALE_": "es"}).html.h1.text == "Search"


def test_a_plugin_setting_keeps_its_text_in_each_language():
    """Plugin settings are stored with the schema's serialize and read with its deserialize, unbound."""
    import colander

    from portal.translatable import TranslatedText, translatable_node

    class Settings(colander.Schema):
        welcome = translatable_node("Welcome text", required=False)

    stored = Settings().serialize({"welcome": TranslatedText({"en": "Welcome", "es": "Bienvenida", "fr": "",
                                                               "pt": ""})})
    value = Settings().deserialize(stored)["welcome"]
    assert isinstance(value, TranslatedText)
    assert value.text_for("es") == "Bienvenida" and value.text_for("fr") == "Welcome"
