"""The message catalogs: every string of the code and templates is in locale/{en,es,fr,pt}, translated,
with its ${placeholders} intact, and the pages really come out in the language asked for.

A plugin with its own plugins/<name>/locale/ keeps its messages there (same domain, loaded after the
core's): each of its strings must be in its own catalog or in the core's, and its catalogs are held to
the same rules.

A new _("...") or i18n:translate makes test_every_source_message_is_in_each_catalog fail until the
catalogs are refreshed (`make extract`) and the new entries are translated.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.testing import text_of

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
LANGUAGES = ("en", "es", "fr", "pt")
# Plugins that bring their own catalogs; the others' messages live in the core's.
OWN_CATALOGS = sorted(p.parent.name for p in (ROOT / "plugins").glob("*/locale") if p.is_dir())
# What `make extract` reads, plus the sample plugin that every test app loads (its menu item and
# content type show on the pages rendered below).
SOURCES = ("portal", *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "plugins").glob("*/__init__.py"))
                       if p.parent.name not in OWN_CATALOGS), "tests/support/sample_plugin")
SOURCES = tuple(s.removesuffix("/__init__.py") for s in SOURCES)
# Only the portal's domain: the deform widget templates in portal/templates/deform/ keep
# i18n:domain="deform" and are translated at run time by deform's own catalogs.
DOMAIN = "portal"
PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
REFRESH = ("run `make extract` (pot-create, then pybabel update, for the core and each plugin with its own "
           "locale/), then translate the new entries in es, fr and pt and copy the msgid into en")


def read_catalog(path, locale=None):
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def entries(catalog):
    return [m for m in catalog if m.id]


def msgid_text(message):
    return message.id if isinstance(message.id, str) else message.id[0]


def catalog_path(lang, plugin=None):
    base = ROOT / "plugins" / plugin / "locale" if plugin else LOCALE_DIR
    return base / lang / "LC_MESSAGES" / "portal.po"


def extract(tmp_path_factory, sources):
    """The messages of the code and templates as they are now: a fresh pot from lingua's pot-create."""
    pot_create = Path(sys.executable).parent / "pot-create"
    if not pot_create.exists():
        pytest.skip("lingua's pot-create is not installed (make install-test)")
    pot = tmp_path_factory.mktemp("i18n") / "portal.pot"
    sources = [s for s in sources if (ROOT / s).is_dir()]
    done = subprocess.run([str(pot_create), "-c", "lingua.cfg", "-d", DOMAIN, "-o", str(pot), *sources], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and pot.exists(), f"pot-create failed:\n{done.stdout}\n{done.stderr}"
    return read_catalog(pot)


def read_catalogs(plugin=None):
    found = {}
    for lang in LANGUAGES:
        path = catalog_path(lang, plugin)
        assert path.exists(), f"{path.relative_to(ROOT)} is missing: create it with `.venv/bin/pybabel init -D portal " \
                              f"-i {path.parent.parent.parent.relative_to(ROOT)}/portal.pot " \
                              f"-d {path.parent.parent.parent.relative_to(ROOT)} -l {lang}` and translate it"
        found[lang] = read_catalog(path, locale=lang)
    return found


@pytest.fixture(scope="module")
def source_catalog(tmp_path_factory):
    return extract(tmp_path_factory, SOURCES)


@pytest.fixture(scope="module")
def catalogs():
    return read_catalogs()


@pytest.fixture(scope="module", params=OWN_CATALOGS)
def plugin_catalogs(request, tmp_path_factory):
    """(plugin, its fresh pot, its catalogs) for each plugin with a locale/ of its own."""
    plugin = request.param
    return plugin, extract(tmp_path_factory, [f"plugins/{plugin}"]), read_catalogs(plugin)


def test_the_sources_have_messages(source_catalog):
    ids = {msgid_text(m) for m in entries(source_catalog)}
    # one from Python code (portal.i18n._), one from a template (i18n:translate), one with an i18n:name
    assert {"Page not found", "Skip to content", "Page ${page} of ${pages}"} <= ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_message_is_in_each_catalog(source_catalog, catalogs, lang):
    have = {msgid_text(m) for m in entries(catalogs[lang])}
    missing = sorted({msgid_text(m) for m in entries(source_catalog)} - have)
    assert not missing, (f"{len(missing)} message(s) of the code and templates are not in "
                         f"locale/{lang}/LC_MESSAGES/portal.po: {missing!r}; {REFRESH}.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_is_complete(catalogs, lang):
    catalog = catalogs[lang]
    assert not catalog.fuzzy, f"the header of locale/{lang}/LC_MESSAGES/portal.po is marked fuzzy"
    untranslated = [msgid_text(m) for m in entries(catalog)
                    if not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [msgid_text(m) for m in entries(catalog) if m.fuzzy]
    assert not untranslated, f"untranslated in {lang}: {untranslated!r}; translate them (en: copy the msgid)"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy!r}; check each translation and remove its fuzzy flag"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(catalogs, lang):
    wrong = []
    for m in entries(catalogs[lang]):
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = set(PLACEHOLDER.findall(msgid_text(m)))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((msgid_text(m), string))
    assert not wrong, f"placeholders changed in {lang} (they must be the msgid's, spelled the same): {wrong!r}"


def test_english_is_the_msgid(catalogs):
    differ = [m.id for m in entries(catalogs["en"]) if m.string != m.id]
    assert not differ, f"in en the msgstr is the msgid itself; these differ: {differ!r}"


@pytest.mark.skipif(not OWN_CATALOGS, reason="no plugin has a locale/ of its own")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_plugin_catalog_is_complete(plugin_catalogs, catalogs, lang):
    plugin, source, own = plugin_catalogs
    have = {msgid_text(m) for m in entries(own[lang])} | {msgid_text(m) for m in entries(catalogs[lang])}
    missing = sorted({msgid_text(m) for m in entries(source)} - have)
    assert not missing, (f"{len(missing)} message(s) of plugins/{plugin} are neither in its "
                         f"locale/{lang}/LC_MESSAGES/portal.po nor in the core's: {missing!r}; {REFRESH}.")
    test_each_catalog_is_complete(own, lang)
    test_translations_keep_the_placeholders(own, lang)
    if lang == "en":
        test_english_is_the_msgid(own)


# The portal's Portuguese is Brazilian (most member cities writing Portuguese are Brazilian): words of
# European Portuguese, where Brazil says otherwise, are not mixed in.
EUROPEAN_PORTUGUESE = re.compile(r"\b(ficheiros?|utilizador(es|as?)?|ecrã|equipas?|secç(ão|ões)|registos?|telemóve(l|is)|"
                                 r"partilh\w*|contactos?|demasiado)\b", re.IGNORECASE)


def test_the_portuguese_is_one_portuguese():
    found = []
    for plugin in [None, *OWN_CATALOGS]:
        for message in entries(read_catalog(catalog_path("pt", plugin), locale="pt")):
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            found += [(plugin or "core", s) for s in strings if s and EUROPEAN_PORTUGUESE.search(s)]
    assert not found, f"European Portuguese in the Brazilian catalogs: {found!r}"


# --- the pages in each language --------------------------------------------------------------------

EXPECTED = {
    # language: (Log in link, Search button, title of the 404 page, the sample plugin's menu item)
    "en": ("Log in", "Search", "Page not found", "Workshops"),
    "es": ("Iniciar sesión", "Buscar", "Página no encontrada", "Talleres"),
    "fr": ("Se connecter", "Rechercher", "Page introuvable", "Ateliers"),
    "pt": ("Entrar", "Pesquisar", "Página não encontrada", "Oficinas"),
}


def html_lang(html):
    found = re.search(r"<html[^>]*\blang=\"([^\"]*)\"", html)
    return found.group(1) if found else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_in_each_language(testapp, lang):
    log_in, search, _, workshops = EXPECTED[lang]
    page = testapp.get("/", params={"_LOCALE_": lang})
    assert html_lang(page.text) == lang
    assert page.html.select_one("nav.user-links a").get_text(strip=True) == log_in
    assert page.html.select_one("form.search-box button").get_text(strip=True) == search
    assert workshops in [a.get_text(strip=True) for a in page.html.select("nav ul.menu a")]
    if lang != "en":
        text = text_of(page.text)
        for english in ("Log in", "Skip to content", "Join the network", "Search the portal"):
            assert english not in text, f"{english!r} left in English on the {lang} home page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_in_each_language(testapp, lang):
    _, search, title, _ = EXPECTED[lang]
    page = testapp.get("/no-such-page", params={"_LOCALE_": lang}, status=404)
    assert html_lang(page.text) == lang
    assert page.html.select_one("h1").get_text(strip=True) == title
    assert page.html.title.get_text().startswith(title)
    assert page.html.select_one("form.search-again button").get_text(strip=True) == search


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_page_in_each_language(testapp, lang):
    log_in = EXPECTED[lang][0]
    page = testapp.get("/login", params={"_LOCALE_": lang})
    assert html_lang(page.text) == lang
    assert page.html.select_one("h1").get_text(strip=True) == log_in
    assert log_in in [b.get_text(strip=True) for b in page.html.select("form#deform button")]
