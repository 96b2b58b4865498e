"""Visa invitation letters: a registered person asks for one with their passport data; the secretariat
refuses it with a reason (a reason is required) or approves it, the person told by mail each time; the
approved letter is a PDF naming the person, their passport and the consulate, downloaded by the person and
the secretariat only; the passport number is shown in full to the secretariat alone."""
from io import BytesIO

import pytest
from conference_helpers import add_conference, codes, mails, registration_form
from pypdf import PdfReader
from sqlalchemy import select

from portal.testing import client, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def ask_form(browser, code, **values):
    form = browser.get(f"/events/registrations/{code}/visa").forms["deform"]
    for name, value in values.items():
        form[name] = value
    return form


PASSPORT = {"passport_name": "Aminata  Diallo", "nationality": "SN", "passport_number": "a01234567",
            "consulate": "Embassy of Portugal in Dakar"}


def visa_id(db):
    from plugins.events.visa import VisaRequest
    with db() as s:
        return s.scalars(select(VisaRequest.id)).one()


def test_asked_refused_with_a_reason_asked_again_and_approved(app, testapp, db, at, as_user):
    event_id = add_conference(db, capacity=1)
    registration_form(client(app), event_id, "aminata@example.org", name="Aminata Diallo").submit("register", status=302)
    registration_form(client(app), event_id, "rui@example.org").submit("register", status=302)  # waiting
    code = codes(db, event_id)
    client(app).get(f"/events/registrations/{code['rui@example.org']}/visa", status=404)  # not registered
    person = client(app)
    assert f"/events/registrations/{code['aminata@example.org']}/visa" in person.get(
        f"/events/registrations/{code['aminata@example.org']}").text
    refused = ask_form(person, code["aminata@example.org"], **dict(PASSPORT, passport_number="#?")).submit(
        "ask", status=400)
    assert refused.forms["deform"]["consulate"].value == "Embassy of Portugal in Dakar"  # nothing typed lost
    sent = ask_form(person, code["aminata@example.org"], **PASSPORT).submit("ask", status=302).follow()
    assert "being checked by the secretariat" in text_of(sent.text)
    assert "A01234567" not in sent.text and "567" in sent.text  # the person sees the last digits only
    person.get(f"/events/registrations/{code['aminata@example.org']}/visa.pdf", status=404)  # not approved yet
    # the secretariat only sees the requests
    listing = f"/events/{event_id}/visa-requests"
    assert client(app).get(listing).status_int in (302, 403)
    as_user(email="member@example.org", name="A member")
    testapp.get(listing, status=403)
    testapp.get(f"/events/visa-requests/{visa_id(db)}/decide", status=403)
    as_user("secretariat", email="sec@example.org")
    rows = text_of(testapp.get(listing).text)
    assert "Aminata Diallo" in rows and "A01234567" in rows and "Senegal" in rows
    form = testapp.get(f"/events/visa-requests/{visa_id(db)}/decide").forms["deform"]
    no_reason = form.submit("refuse", status=400)
    assert "Say why the request is refused" in text_of(no_reason.text)
    form = no_reason.forms["deform"]
    form["reason"] = "The passport number does not match the copy sent."
    form.submit("refuse", status=302)
    to, subject, body = mails(db)[-1]
    assert to == "aminata@example.org" and "The passport number does not match" in body
    again = person.get(f"/events/registrations/{code['aminata@example.org']}/visa")
    assert "Your request was refused" in text_of(again.text) and "does not match" in text_of(again.text)
    form = again.forms["deform"]
    assert form["passport_name"].value == "Aminata Diallo"
    form["passport_number"] = "A07654321"
    form.submit("ask", status=302)
    testapp.get(f"/events/visa-requests/{visa_id(db)}/decide").forms["deform"].submit("approve", status=302)
    to, subject, body = mails(db)[-1]
    assert to == "aminata@example.org" and "invitation letter" in subject.lower()
    ready = person.get(f"/events/registrations/{code['aminata@example.org']}/visa")
    assert "Your invitation letter is ready" in text_of(ready.text)
    pdf = person.get(f"/events/registrations/{code['aminata@example.org']}/visa.pdf")
    assert pdf.content_type == "application/pdf" and "no-store" in pdf.headers["Cache-Control"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body)).pages).split())
    assert "Invitation letter" in text and "Aminata Diallo" in text and "A07654321" in text
    assert "Embassy of Portugal in Dakar" in text and "Senegal" in text and "13th IOPD Conference" in text
    assert testapp.get(f"/events/registrations/{code['aminata@example.org']}/visa.pdf").content_type == \
        "application/pdf"  # the secretariat's copy
    client(app).get(f"/events/registrations/{'0' * 24}/visa.pdf", status=404)
    client(app).get(f"/events/registrations/{code['rui@example.org']}/visa.pdf", status=404)
