"""The visitor's language: ?_LOCALE_=, then the cookie it leaves, then Accept-Language."""
import re

import pytest

from portal.testing import in_language


def html_lang(res):
    return re.search(r'<html lang="([a-z]+)"', res.text).group(1)


def test_accept_language_is_the_fallback(testapp):
    assert html_lang(testapp.get("/", headers={"Accept-Language": "pt-BR,pt;q=0.9"})) == "pt"
    assert html_lang(testapp.get("/", headers={"Accept-Language": "de-DE,fr;q=0.5"})) == "fr"
    assert html_lang(testapp.get("/", headers={"Accept-Language": "de-DE"})) == "en"
    assert html_lang(testapp.get("/")) == "en"


def test_chosen_language_sticks_over_accept_language(testapp):
    res = testapp.get("/", {"_LOCALE_": "es"}, headers={"Accept-Language": "fr"})
    assert html_lang(res) == "es"
    assert testapp.cookies["_LOCALE_"] == "es"
    assert html_lang(testapp.get("/members", headers={"Accept-Language": "fr"})) == "es"
    assert html_lang(testapp.get("/members", {"_LOCALE_": "pt"})) == "pt"
    assert html_lang(testapp.get("/")) == "pt"


def test_unknown_language_is_ignored(testapp):
    assert html_lang(testapp.get("/", {"_LOCALE_": "xx"})) == "en"
    assert "_LOCALE_" not in testapp.cookies


@pytest.mark.parametrize("path", ["/", "/login", "/search?q=x", "/members", "/join", "/no-such-page"])
def test_every_page_has_the_language_switcher(testapp, path):
    res = testapp.get(path, expect_errors=True)
    switcher = res.html.select("nav.languages a")
    assert [a["hreflang"] for a in switcher] == ["en", "es", "fr", "pt"]
    assert all("_LOCALE_=" in a["href"] for a in switcher)
    kept = [a["href"] for a in switcher if a["hreflang"] == "fr"][0]
    if "?" in path:
        assert "q=x" in kept  # switching language keeps the search


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_not_found_page_in_the_visitors_language(testapp, language):
    title = in_language(language, "Page not found")
    res = testapp.get("/no-such-page", headers={"Accept-Language": language}, status=404)
    assert html_lang(res) == language
    assert f"<h1>{title}</h1>" in res.text
    res = testapp.get("/news/999999", {"_LOCALE_": language}, status=404)
    assert f"<h1>{title}</h1>" in res.text
