"""The call written in each language: the secretariat types the Spanish and French texts in the call form's
tabs, readers get their language (or the English original with a note), search finds the call by its
Spanish title and the mails use the recipient's language throughout, dates included."""
from datetime import datetime
from email.header import decode_header, make_header

from award_helpers import RESULTS_UTC, UTC, create_call, secretariat, submitted_entry

from portal.api import datetime_text
from portal.testing import client

SPANISH = {"title-es": "Premio a la Buena Práctica", "rules-es": "<p>Sea audaz.</p>",
           "eligibility-es": "<p>Solo miembros.</p>"}
FRENCH = {"title-fr": "Prix de la bonne pratique"}
CATEGORIES = [{"name": "Inclusion", "name-es": "Inclusión", "name-fr": "Inclusion sociale"}, "Digital participation"]


def translated_call(app, db):
    res = create_call(secretariat(app), categories=CATEGORIES, **SPANISH, **FRENCH)
    assert res.status_int == 302, res.text
    from plugins.awards.models import AwardCall
    with db() as s:
        call = s.query(AwardCall).one()
        return call.id, call.translations, call.categories


def test_the_call_form_has_a_tab_per_language_with_english_required(app, network, at):
    form_page = secretariat(app).get("/awards/add")
    box = form_page.html.find("input", attrs={"name": "title"}).find_parent("div", class_="translatable")
    assert [p["data-lang"] for p in box.select(".translatable-panel")] == ["en", "es", "fr", "pt"]
    assert box.find("input", attrs={"name": "title"}).has_attr("required")
    assert not box.find("input", attrs={"name": "title-es"}).has_attr("required")
    res = create_call(secretariat(app), title="", **SPANISH)  # the original is required, the rest kept
    assert res.status_int == 400
    assert res.forms["deform"]["title-es"].value == SPANISH["title-es"]


def test_readers_get_the_call_in_their_language_or_the_original_with_a_note(app, network, at, db):
    call_id, translations, categories = translated_call(app, db)
    assert translations["title"] == {"es": SPANISH["title-es"], "fr": FRENCH["title-fr"]}
    assert categories[0]["title"] == "Inclusion"
    assert categories[0]["translations"] == {"title": {"es": "Inclusión", "fr": "Inclusion sociale"}}
    reader = client(app, "192.0.2.30")
    es = reader.get(f"/awards/{call_id}", headers={"Accept-Language": "es"})
    assert es.html.h1.text.strip() == "7th Premio a la Buena Práctica"
    assert "<p>Sea audaz.</p>" in es.text and "<p>Solo miembros.</p>" in es.text and "Inclusión" in es.text
    assert not es.html.select(".untranslated-note")
    fr = reader.get(f"/awards/{call_id}", params={"_LOCALE_": "fr"})
    assert fr.html.h1.text.strip() == "7th Prix de la bonne pratique"
    assert "Be bold." in fr.text  # the rules were not translated into French: the English original
    assert fr.html.select_one(".untranslated-note").text.strip() == "Pas encore traduit en Français."
    pt = reader.get("/awards", params={"_LOCALE_": "pt"})
    assert "7th Good Practice Award" in pt.text


def test_search_finds_the_call_by_its_spanish_title(app, network, at, db):
    call_id, _t, _c = translated_call(app, db)
    found = client(app, "192.0.2.31").get("/search.json", {"q": "premio buena práctica"}).json
    assert [hit["url"].endswith(f"/awards/{call_id}") for hit in found["results"]] == [True]
    assert client(app, "192.0.2.31").get("/search.json", {"q": "inclusión"}).json["results"]


def test_the_receipt_is_in_the_recipients_language_dates_included(app, network, at, db, maildir, registry):
    call_id, _t, _c = translated_call(app, db)
    at.set(datetime(2027, 2, 1, tzinfo=UTC))
    submitted_entry(app, call_id, network["exp_dakar"], email="rep@dakar.example", address="192.0.2.12",
                    category="inclusion")
    maildir.deliver(registry)
    mail = [m for m in maildir.messages() if m["To"] == "rep@dakar.example"][0]
    subject = str(make_header(decode_header(mail["Subject"])))
    body = mail.get_payload(decode=True).decode()
    assert subject == "Candidature reçue : 7th Prix de la bonne pratique"
    assert "Inclusion sociale" in body and "Good Practice Award" not in body
    assert datetime_text("fr", RESULTS_UTC, "America/Sao_Paulo") in body  # "1 juin 2027, 12:00"
    assert datetime_text("en", RESULTS_UTC, "America/Sao_Paulo") not in body


def test_the_entry_form_names_the_categories_in_the_applicants_language(app, network, at, db):
    from award_helpers import start_entry
    from portal.testing import login
    call_id, _t, _c = translated_call(app, db)
    at.set(datetime(2027, 2, 1, tzinfo=UTC))
    browser = client(app, "192.0.2.13")
    login(browser, "rep@dakar.example")
    entry_id = start_entry(browser, call_id, network["exp_dakar"])
    form = browser.get(f"/awards/entries/{entry_id}/edit", params={"_LOCALE_": "fr"}).forms["deform"]
    assert ("inclusion", False, "Inclusion sociale") in form["category"].options
    assert ("digital-participation", False, "Digital participation") in form["category"].options  # the original
