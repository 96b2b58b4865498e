"""Agreements: recorded by the secretariat (an end before the start refused, nothing typed lost), their
signed document private unless marked public: a 404 for anyone else from every route, the exports, the
partner's page and search included; a renewal keeps the agreement it renews as history."""
from datetime import date

import award_documents as documents
import pytest
from partners_helpers import add_agreement, add_partner, agreement_row, upload_document

from portal.testing import client, login, text_of


@pytest.fixture
def sec(app, secretariat):
    browser = client(app, address="192.0.2.41")
    login(browser, "sec@example.org")
    return browser


def test_an_agreement_ending_before_it_starts_is_refused_with_what_was_typed(sec, db):
    partner_id = add_partner(db)
    form = sec.get(f"/agreements/add?partner={partner_id}").forms["deform"]
    form["title"] = "Hosting of the technical secretariat by UCLG"
    form["signatories"] = "Emilia Saiz, Secretary General"
    form["starts"] = "2027-01-01"
    form["ends"] = "2026-12-31"
    refused = form.submit("save", status=400)
    assert "The agreement ends before it starts." in text_of(refused.text)
    again = refused.forms["deform"]
    assert again["title"].value == "Hosting of the technical secretariat by UCLG"
    assert again["signatories"].value == "Emilia Saiz, Secretary General"
    assert again["partner_id"].value == str(partner_id)
    again["ends"] = "2028-12-31"
    page = again.submit("save", status=302).follow()
    assert "Hosting of the technical secretariat by UCLG" in text_of(page.text)
    assert "Emilia Saiz, Secretary General" in text_of(page.text)


def test_an_agreement_needs_a_partner_or_a_member(sec, db):
    form = sec.get("/agreements/add").forms["deform"]
    form["title"] = "Collaboration"
    form["starts"] = "2027-01-01"
    refused = form.submit("save", status=400)
    assert "Choose the partner or the member organisation" in text_of(refused.text)


def test_only_a_pdf_is_taken_as_the_signed_document(sec, db):
    agreement_id = add_agreement(db, add_partner(db))
    refused = upload_document(sec, agreement_id, b"date,amount\n2026-12-01,10\n", filename="signed.csv", status=400)
    assert "signed.csv" in text_of(refused.text)
    assert refused.status_int == 400
    assert agreement_row(db, agreement_id)["document_id"] is None


ROUTES = ("/agreements/{id}", "/agreements/{id}/document.pdf", "/agreements/{id}/edit", "/agreements/{id}/renew",
          "/agreements/{id}/obligations/add", "/agreements/{id}/internships/add")


def test_a_private_agreement_and_its_document_are_not_there_for_anyone_but_the_secretariat(
        app, sec, db, make_user, testapp):
    partner_id = add_partner(db, title="Deutsche Gesellschaft für Internationale Zusammenarbeit")
    agreement_id = add_agreement(db, partner_id, title="Study on participatory monitoring", kind="study")
    upload_document(sec, agreement_id, documents.pdf("Confidential budget"))
    assert sec.get(f"/agreements/{agreement_id}/document.pdf").body == documents.pdf("Confidential budget")
    file_id = agreement_row(db, agreement_id)["document_id"]

    make_user("member@example.org", role="member")
    member = client(app, address="192.0.2.42")
    login(member, "member@example.org")
    for who in (testapp, member):
        for route in ROUTES:
            who.get(route.format(id=agreement_id), status=404)
        who.post(f"/agreements/{agreement_id}/edit", {"save": "1"}, status=(400, 404))
        who.get(f"/files/{file_id}/signed.pdf", status=404)  # the core's file route does not serve it either
        assert "Study on participatory monitoring" not in who.get(f"/partners/{partner_id}").text
        assert "Study on participatory monitoring" not in who.get("/export/partners-agreements.json").text
        assert "Study on participatory monitoring" not in who.get("/export/partners-agreements.csv").text
        assert "Study on participatory monitoring" not in who.get("/search?q=monitoring").text
    assert "Study on participatory monitoring" in sec.get(f"/partners/{partner_id}").text


def test_a_public_agreement_is_read_and_exported_with_its_document(app, sec, db, testapp):
    partner_id = add_partner(db)
    agreement_id = add_agreement(db, partner_id, title="Hosting of the technical secretariat by UCLG", public=True)
    upload_document(sec, agreement_id, documents.pdf("Signed in Barcelona"))
    page = testapp.get(f"/agreements/{agreement_id}")
    assert "Hosting of the technical secretariat by UCLG" in text_of(page.text)
    assert "Change" not in text_of(page.text)
    assert page.click(href="document.pdf").body == documents.pdf("Signed in Barcelona")
    testapp.get(f"/agreements/{agreement_id}/edit", status=(302, 403, 404))
    rows = testapp.get("/export/partners-agreements.json").json
    found = [r for r in (rows["rows"] if isinstance(rows, dict) else rows) if r["id"] == agreement_id]
    assert found and found[0]["document"].endswith(f"/agreements/{agreement_id}/document.pdf")
    assert "Hosting of the technical secretariat by UCLG" in testapp.get(f"/partners/{partner_id}").text


def test_a_renewal_is_a_new_agreement_and_keeps_the_earlier_one_as_history(sec, db, testapp):
    partner_id = add_partner(db)
    first = add_agreement(db, partner_id, title="Hosting by UCLG 2025-2026", public=True,
                          renewal_terms="Renewed for two years by both parties.")
    form = sec.get(f"/agreements/{first}").click(description="Record the renewal").forms["deform"]
    assert form["starts"].value == "2026-12-20"
    form["title"] = "Hosting by UCLG 2027-2028"
    form["starts"] = "2024-01-01"
    refused = form.submit("save", status=400)
    assert "The renewal starts before the agreement it renews." in text_of(refused.text)
    form = refused.forms["deform"]
    form["starts"] = "2027-01-01"
    form["ends"] = "2028-12-31"
    renewed = form.submit("save", status=302).follow()
    assert "Hosting by UCLG 2025-2026" in text_of(renewed.text)  # its history
    assert agreement_row(db, first)["status"] == "renewed"
    new_id = int(renewed.request.path.rsplit("/", 1)[1])
    assert agreement_row(db, new_id)["renews_id"] == first
    assert agreement_row(db, new_id)["ends"] == date(2028, 12, 31)
    assert "Renewed by" in text_of(testapp.get(f"/agreements/{first}").text)


def test_obligations_are_recorded_with_due_date_and_owner(sec, db):
    agreement_id = add_agreement(db, add_partner(db))
    form = sec.get(f"/agreements/{agreement_id}/obligations/add").forms["deform"]
    form["what"] = "Annual activity report to UCLG"
    form["due"] = "2027-01-15"
    form["owner"] = "Technical secretariat"
    page = form.submit("save", status=302).follow()
    item = text_of(str(page.html.select_one("ul.obligations li")))
    assert item.startswith("Jan 15, 2027") and "Annual activity report to UCLG (Technical secretariat)" in item
    assert page.html.select_one("ul.obligations time")["datetime"] == "2027-01-15"
