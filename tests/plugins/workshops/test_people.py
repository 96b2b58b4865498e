"""A workshop's people: at most 3 funded international experts and one advisory-group member (a fourth
refused with the guide's rule), costs planned and spent against the budget (warnings past it), and the
registration of participants at their own expense, once per person, with a confirmation mail."""
from sqlalchemy import func, select

from portal.api import OutboxMessage
from portal.testing import text_of

from .test_workshops import network


def workshop(testapp, cities, budget="4000"):
    network_id = network(testapp, cities)
    form = testapp.get(f"/networks/{network_id}/workshops/add").forms["deform"]
    form["starts"], form["ends"], form["budget"] = "2027-05-12", "2027-05-13", budget
    return int(form.submit("save", status=302).location.rstrip("/").split("/")[-1])


def invite(testapp, workshop_id, name, kind="expert", travel="900", lodging="300", status=302):
    form = testapp.get(f"/international-workshops/{workshop_id}/people").forms["deform"]
    form["kind"], form["name"], form["email"] = kind, name, f"{name.split()[0].lower()}@example.org"
    form["travel_planned"], form["lodging_planned"] = travel, lodging
    return form.submit("invite", status=status)


def test_a_fourth_funded_expert_is_refused_and_the_budget_warns(testapp, cities, db):
    workshop_id = workshop(testapp, cities)
    for name in ("Ana Souza", "Jean Tremblay", "Kim Min-jun"):
        invite(testapp, workshop_id, name)
    invite(testapp, workshop_id, "Mamadou Ndiaye", kind="adviser")
    refused = invite(testapp, workshop_id, "Pedro Alves", status=400)
    assert "at most 3 international experts per workshop (the workshop guide)" in refused.text
    assert refused.forms["deform"]["name"].value == "Pedro Alves", "nothing typed is lost"
    refused = invite(testapp, workshop_id, "Clara Fontaine", kind="adviser", status=400)
    assert "one member of the advisory group per workshop" in refused.text

    from plugins.workshops.people_models import WorkshopPerson
    with db() as s:
        assert s.scalar(select(func.count()).select_from(WorkshopPerson)) == 4
        ana = s.scalars(select(WorkshopPerson.id).where(WorkshopPerson.name == "Ana Souza")).one()
    page = testapp.get(f"/international-workshops/{workshop_id}/people")
    assert "4,800.00 EUR" in text_of(str(page.html.select_one("table.budget tfoot")))
    warnings = text_of(str(page.html.select_one(".warnings")))
    assert "The planned costs (4,800.00 EUR) are over the budget of 4,000.00 EUR." in warnings

    form = testapp.get(f"/international-workshops/{workshop_id}/people/{ana}/costs").forms["deform"]
    form["travel_spent"], form["lodging_spent"] = "1000", "350"
    form.submit("save", status=302)
    warnings = text_of(str(testapp.get(f"/international-workshops/{workshop_id}/people").html.select_one(".warnings")))
    assert "Ana Souza spent 1,350.00 EUR, more than the 1,200.00 EUR planned." in warnings


def test_a_participant_registers_once_with_a_confirmation_mail(testapp, cities, db):
    workshop_id = workshop(testapp, cities)
    testapp.get("/logout")
    for consent in (True, False):
        form = testapp.get(f"/international-workshops/{workshop_id}/register").forms["deform"]
        form["name"], form["email"] = "Fatou Sow", "Fatou.Sow@example.org"
        form["kind"] = "local"
        form["listed"] = consent
        form.submit("register", status=302)
    from plugins.workshops.people_models import WorkshopPerson
    with db() as s:
        rows = s.scalars(select(WorkshopPerson).where(WorkshopPerson.workshop_id == workshop_id)).all()
        assert [(r.email, r.listed) for r in rows] == [("fatou.sow@example.org", False)]
    with db() as s:
        mails = s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "fatou.sow@example.org")).all()
        assert len(mails) == 1 and "Your registration to" in mails[0].subject


def test_the_public_page_lists_only_who_consented_and_the_pilot_city_timeline_links_it(testapp, cities):
    workshop_id = workshop(testapp, cities)
    testapp.get("/logout")
    for name, consent in (("Fatou Sow", True), ("Omar Ba", False)):
        form = testapp.get(f"/international-workshops/{workshop_id}/register").forms["deform"]
        form["name"], form["email"], form["listed"] = name, f"{name.split()[0].lower()}@example.org", consent
        form.submit("register", status=302)
    page = testapp.get(f"/international-workshops/{workshop_id}")
    listed = text_of(str(page.html.select_one("#participants")))
    assert "Fatou Sow" in listed and "Omar Ba" not in page.text
    profile = testapp.get(f"/members/{cities['Dakar']}")
    assert f"/international-workshops/{workshop_id}" in profile.text
