"""The call for pilot cities: the secretariat opens a call; an eligible member city applies once (applying
again changes its answers), an organisation that is not a city or a closed call is refused with the rule; the
secretariat selects one with a reason, the others are not selected, and the city pilots a new network."""
from sqlalchemy import select

from portal.api import Member
from portal.testing import login, text_of


def open_call(app, opens="2026-11-01", closes="2027-01-31"):
    form = app.get("/networks/calls/add").forms["deform"]
    form["title"] = "Pilot cities 2027"
    form["description"] = "The secretariat supports two cities."
    form["eligibility"] = "Active member cities and local governments."
    form["opens"] = opens  # the browser's date fields
    form["closes"] = closes
    res = form.submit("save", status=302)
    return int(res.location.rstrip("/").split("/")[-1])


def application(app, call_id, motivation, status=302):
    form = app.get(f"/networks/calls/{call_id}/apply").forms["deform"]
    form["motivation"] = motivation
    form["commitments"] = "A meeting room and the meals."
    return form.submit("apply", status=status)


def test_cities_apply_once_and_the_secretariat_selects_one_with_a_reason(testapp, cities, db, make_user, frozen_clock):
    with db() as s:
        ngo = Member(name="Friends of the parks", kind="organisation", country="FR", region="europe", status="active")
        s.add(ngo)
        s.flush()
        ngo_id = ngo.id
    make_user("ngo@example.org", role="member", name="Rep NGO", member_id=ngo_id)
    login(testapp, "sec@example.org")
    bad = testapp.get("/networks/calls/add").forms["deform"]
    bad["title"] = "Backwards"
    bad["opens"] = "2027-02-01"
    bad["closes"] = "2027-01-01"
    assert "closes on or after the day it opens" in text_of(bad.submit("save", status=400).text)
    call_id = open_call(testapp)
    testapp.get("/logout")

    login(testapp, "grenoble@example.org")
    application(testapp, call_id, "Our youth budget could become a pilot project.")
    application(testapp, call_id, "Our youth budget and our flood plan could become a pilot project.")
    assert "Your organisation applied: Submitted" in text_of(testapp.get(f"/networks/calls/{call_id}").text)
    testapp.get("/logout")
    login(testapp, "maputo@example.org")
    application(testapp, call_id, "Maputo wants to pilot participatory budgeting.")
    testapp.get("/logout")
    login(testapp, "ngo@example.org")
    refused = application(testapp, call_id, "We would like to pilot a park project.", status=400)
    assert "open to active member cities and local governments" in text_of(refused.text)
    assert "We would like to pilot a park project." in refused.text  # nothing typed is lost
    testapp.get("/logout")

    from plugins.workshops.call_models import PilotApplication
    from plugins.workshops.models import Network
    with db() as s:
        rows = {r.member_id: r for r in s.scalars(select(PilotApplication))}
        assert set(rows) == {cities["Grenoble"], cities["Maputo"]}
        assert "flood plan" in rows[cities["Grenoble"]].motivation
        maputo_app = rows[cities["Maputo"]].id

    login(testapp, "sec@example.org")
    page = testapp.get(f"/networks/calls/{call_id}")
    assert "Maputo" in page.html.select_one("table.call-applications").text
    form = testapp.get(f"/networks/calls/{call_id}/applications/{maputo_app}/select").forms["deform"]
    form["reason"] = "A strong political commitment and a theme shared by four member cities."
    res = form.submit("select", status=302)
    network_id = int(res.location.rstrip("/").split("/")[-1])
    with db() as s:
        network = s.get(Network, network_id)
        assert network.member_id == cities["Maputo"] and network.stage == "theme"
        states = {r.member_id: (r.state, r.reason) for r in s.scalars(select(PilotApplication))}
    assert states[cities["Maputo"]][0] == "selected" and "political commitment" in states[cities["Maputo"]][1]
    assert states[cities["Grenoble"]] == ("not_selected", "")


def test_a_closed_call_refuses_applications(testapp, cities, db, frozen_clock):
    login(testapp, "sec@example.org")
    call_id = open_call(testapp, opens="2020-01-01", closes="2020-02-01")
    testapp.get("/logout")
    login(testapp, "grenoble@example.org")
    page = testapp.get(f"/networks/calls/{call_id}")
    assert f"/networks/calls/{call_id}/apply" not in page.text
    refused = application(testapp, call_id, "Our youth budget could become a pilot project.", status=400)
    assert "The call is not open" in text_of(refused.text)
