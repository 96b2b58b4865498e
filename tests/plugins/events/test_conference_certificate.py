"""Certificates of attendance: after the check-in the person downloads a PDF in their language naming them
and the conference with its verification address; that address confirms it to anyone; a wrong code, or a
registration not checked in, is a 404."""
from io import BytesIO

import pytest
from conference_helpers import add_conference, registration_form
from pypdf import PdfReader
from sqlalchemy import select

from portal.testing import client, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def registration(db, email):
    from plugins.events.conference import Registration
    with db() as s:
        r = s.scalars(select(Registration).where(Registration.email == email)).one()
        return r.code, r.certificate


def test_a_certificate_after_the_check_in_verified_by_anyone(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    registration_form(client(app), event_id, "ana@example.org", name="Ana Souza").submit("register", status=302)
    code, certificate = registration(db, "ana@example.org")
    assert certificate is None
    client(app).get(f"/events/registrations/{code}/certificate.pdf", status=404)  # not checked in yet
    as_user("secretariat", email="sec@example.org")
    form = testapp.get(f"/events/{event_id}/check-in").forms["deform"]
    form["code"] = code
    form.submit("check_in", status=302)
    code, certificate = registration(db, "ana@example.org")
    page = client(app).get(f"/events/registrations/{code}")
    assert f"/events/registrations/{code}/certificate.pdf" in page.text
    pdf = client(app).get(f"/events/registrations/{code}/certificate.pdf")
    assert pdf.content_type == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body)).pages).split())
    assert "Certificate of attendance" in text and "Ana Souza" in text and "13th IOPD Conference" in text
    assert f"/events/certificates/{certificate}" in text
    check = client(app).get(f"/events/certificates/{certificate}")
    assert "This certificate is valid" in text_of(check.text) and "Ana Souza" in text_of(check.text)
    client(app).get("/events/certificates/" + "0" * 24, status=404)
    client(app).get(f"/events/certificates/{code}", status=404)  # the secret code is not a certificate's
