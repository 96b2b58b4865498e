"""After the conference: the secretariat attaches slides and reports to a session (the core's upload field:
a file of another type refused, what was typed kept), writes its report, shown with the programme, and
publishes the report to the experiences database as a draft experience (found by its content type's name)."""
import pytest
from conference_helpers import add_conference, add_session
from webtest import Upload

from portal.testing import client, text_of

SLIDES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def test_slides_a_report_and_an_experience_made_of_it(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    session_id = add_session(db, event_id, title="Budgets for young people", kind="parallel")
    client(app).get(f"/events/sessions/{session_id}/materials", status=302)  # the secretariat's page
    as_user("secretariat", email="sec@example.org")
    form = testapp.get(f"/events/sessions/{session_id}/materials").forms["deform"]
    form["report"] = "Three cities showed how pupils vote.\n\nThe youth councils choose the projects."
    form["add"] = [Upload("slides.exe", b"MZ\x90\x00 not a document")]
    refused = form.submit("save", status=400)
    assert refused.forms["deform"]["report"].value.startswith("Three cities")
    form = refused.forms["deform"]
    form["add"] = [Upload("slides.pdf", SLIDES)]
    form.submit("save", status=302)
    programme = client(app).get(f"/events/{event_id}/programme")
    assert "slides.pdf" in programme.text and "Three cities showed how pupils vote." in text_of(programme.text)
    assert client(app).get(programme.html.select_one(".session-documents a")["href"]).body == SLIDES
    publish = testapp.get(f"/events/sessions/{session_id}/publish-report")
    edit = publish.forms["confirm-form"].submit("confirm", status=302)
    from plugins.events.programme import ProgrammeSession
    with db() as s:
        experience_id = s.get(ProgrammeSession, session_id).experience_id
    assert experience_id is not None and f"/experiences/{experience_id}/edit" in edit.location
    from portal.models import Content
    with db() as s:
        experience = s.get(Content, experience_id)
        assert experience.type == "experience" and experience.state != "published"
        assert experience.title == "Budgets for young people" and "youth councils" in experience.body
        assert experience.country == "PT" and experience.city == "Cascais"
    # once made, the link leads to it; anyone else sees no draft
    again = testapp.get(f"/events/sessions/{session_id}/publish-report", status=302)
    assert again.location.endswith(f"/experiences/{experience_id}")
    assert client(app).get(f"/experiences/{experience_id}", expect_errors=True).status_int in (302, 403, 404)
