"""Translation: one domain, four languages, negotiated from ?_LOCALE_=, a cookie, then Accept-Language."""
import os
from pathlib import Path

from pyramid.i18n import TranslationStringFactory, get_localizer
from pyramid.threadlocal import get_current_request

_ = TranslationStringFactory("portal")

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}
LOCALE_COOKIE = "_LOCALE_"


def negotiate_locale(request):
    for candidate in (request.params.get("_LOCALE_"), request.cookies.get(LOCALE_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    match = request.accept_language.lookup(list(LANGUAGES), default="") if request.accept_language else ""
    return match or request.registry.settings.get("portal.default_locale", "en")


def translate(term, request=None, mapping=None):
    request = request or get_current_request()
    if request is None:
        return term.interpolate() if hasattr(term, "interpolate") else term
    return get_localizer(request).translate(term, mapping=mapping)


_localizers = {}


def translate_to(request, term, language, mapping=None):
    """Translate into a given language: mail goes out in its recipient's language."""
    from pyramid.i18n import make_localizer
    from pyramid.interfaces import ITranslationDirectories
    if language not in LANGUAGES:
        language = "en"
    if language not in _localizers:
        dirs = request.registry.queryUtility(ITranslationDirectories, default=[])
        _localizers[language] = make_localizer(language, dirs)
    return _localizers[language].translate(term, mapping=mapping)


def locale_headers(request, language):
    """The Set-Cookie header that makes `language` the interface language of the next pages (the
    person's preferred language, at login)."""
    if language not in LANGUAGES:
        return []
    from webob import Response
    response = Response()
    response.set_cookie(LOCALE_COOKIE, language, max_age=365 * 86400, samesite="Lax",
                        secure=request.scheme == "https", httponly=True)
    return [(name, value) for name, value in response.headerlist if name.lower() == "set-cookie"]


def remember_locale(event):
    """Keep the language picked with ?_LOCALE_= for the next pages."""
    request = event.request
    chosen = request.GET.get("_LOCALE_")
    if chosen in LANGUAGES and request.cookies.get(LOCALE_COOKIE) != chosen:
        event.response.set_cookie(LOCALE_COOKIE, chosen, max_age=365 * 86400, samesite="Lax",
                                  secure=request.scheme == "https", httponly=True)


def compile_catalogs(locale_dir=LOCALE_DIR):
    """Compile each portal.po whose .mo is missing or older, so a fresh checkout needs no extra step."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        tmp = mo.with_suffix(f".mo.{os.getpid()}.tmp")  # processes starting together do not collide
        with tmp.open("wb") as f:
            write_mo(f, catalog)
        tmp.replace(mo)


def plugin_locale_dir(package_name):
    """A plugin brings its own messages in <plugin>/locale/<lang>/LC_MESSAGES/portal.po, same domain."""
    import importlib
    module = importlib.import_module(package_name)
    folder = Path(module.__file__).resolve().parent / "locale"
    return folder if folder.is_dir() else None


def add_plugin_translations(config, package_name):
    """Called by main() after each plugin: its catalogs join the core's (the plugin's own words win)."""
    folder = plugin_locale_dir(package_name)
    if folder is not None:
        compile_catalogs(folder)
        config.add_translation_dirs(str(folder))
        _localizers.clear()


def includeme(config):
    compile_catalogs()
    config.set_locale_negotiator(negotiate_locale)
    config.add_translation_dirs(str(LOCALE_DIR), "deform:locale", "colander:locale")
    config.add_subscriber(remember_locale, "pyramid.events.NewResponse")
