"""Internships under a university agreement: interns with host, dates, supervisor and subject; only under
an internship agreement; a report describing a case becomes a draft experience (the experiences content
type, by name), once."""
import pytest
from partners_helpers import add_agreement, add_partner

from portal.testing import client, login, text_of


@pytest.fixture
def sec(app, secretariat):
    browser = client(app, address="192.0.2.41")
    login(browser, "sec@example.org")
    return browser


def fill(form, **values):
    for name, value in values.items():
        form[name] = value
    return form


INTERN = {"intern": "Laia Puig", "starts": "2027-02-01", "ends": "2027-06-30", "supervisor": "Marta Vidal",
          "subject": "Local observatories of participatory democracy",
          "report": "What the local observatories of participatory democracy learnt from 2004 to 2007."}


def test_an_intern_is_hosted_under_an_internship_agreement_and_the_report_becomes_an_experience(sec, db, testapp):
    university = add_partner(db, title="University of Barcelona", kind="university")
    collaboration = add_agreement(db, university, title="Collaboration", kind="collaboration")
    sec.get(f"/agreements/{collaboration}").click(description="Change")  # no internships offered there
    refused = fill(sec.get(f"/agreements/{collaboration}/internships/add").forms["deform"], **INTERN) \
        .submit("save", status=400)
    assert "Interns are hosted under an internship agreement." in text_of(refused.text)

    agreement_id = add_agreement(db, university, title="Internships with the University of Barcelona",
                                 kind="internship")
    form = fill(sec.get(f"/agreements/{agreement_id}/internships/add").forms["deform"],
                **dict(INTERN, ends="2027-01-01", report=""))
    refused = form.submit("save", status=400)
    assert "The internship ends before it starts." in text_of(refused.text)
    assert refused.forms["deform"]["supervisor"].value == "Marta Vidal"
    page = fill(refused.forms["deform"], ends="2027-06-30").submit("save", status=302).follow()
    assert "Laia Puig: Local observatories of participatory democracy" in text_of(page.text)
    assert "Publish the report as an experience" not in text_of(page.text), "no report yet"

    form = page.click(description="Change.*Laia Puig").forms["deform"]  # the report, at the internship's end
    assert form["supervisor"].value == "Marta Vidal" and form["ends"].value == "2027-06-30"
    refused = fill(form, report=INTERN["report"], ends="2027-01-01").submit("save", status=400)
    assert "The internship ends before it starts." in text_of(refused.text)
    assert refused.forms["deform"]["report"].value == INTERN["report"], "nothing typed is lost"
    page = fill(refused.forms["deform"], ends="2027-06-30").submit("save", status=302).follow()

    confirm = page.click(description="Publish the report as an experience")
    made = confirm.forms["confirm-form"].submit("confirm", status=302).follow()
    assert "Local observatories of participatory democracy" in text_of(made.text)
    from plugins.partners.models import Internship
    from portal.models import Content
    with db() as s:
        internship = s.query(Internship).one()
        experience = s.get(Content, internship.experience_id)
        assert experience.type == "experience" and experience.state == "draft"
        assert "2004 to 2007" in experience.body
    again = sec.get(f"/agreements/{agreement_id}")
    assert "Publish the report as an experience" not in text_of(again.text)
    testapp.get(f"/internships/{internship.id}/publish", status=(302, 403, 404))
    testapp.get(f"/internships/{internship.id}/edit", status=(302, 403, 404))
