"""International workshops: at most 3 days (a form error naming the guide's rule, nothing typed lost), the
programme prefilled from the guide's template and editable, the workshop an event of the calendar with
its iCal file (through the events plugin's registered content type)."""
from sqlalchemy import select

from portal.testing import login, text_of


def network(testapp, cities):
    login(testapp, "sec@example.org")
    form = testapp.get("/networks/add").forms["deform"]
    form["title"], form["member_id"] = "Network on participatory budgeting", str(cities["Dakar"])
    return int(form.submit("save", status=302).location.rstrip("/").split("/")[-1])


def test_a_workshop_over_three_days_is_refused_with_the_guide_s_rule(testapp, cities, db):
    network_id = network(testapp, cities)
    form = testapp.get(f"/networks/{network_id}/workshops/add").forms["deform"]
    assert form["day1_am"].value.startswith("Welcome and context"), "prefilled from the guide's template"
    assert "pilot project" in form["day3_am"].value
    form["starts"], form["ends"], form["venue"] = "2027-05-12", "2027-05-15", "Maison de la culture Douta Seck"
    res = form.submit("save", status=400)
    error = text_of(str(res.html.select_one(".has-error, .error, [id^=error]") or res.html))
    assert "at most 2 or 3 days (the workshop guide)" in res.text, error
    assert res.forms["deform"]["venue"].value == "Maison de la culture Douta Seck", "nothing typed is lost"
    from plugins.workshops.workshop_models import Workshop
    with db() as s:
        assert s.scalars(select(Workshop)).first() is None


def test_a_three_day_workshop_with_an_edited_programme_is_an_event_with_ical(testapp, cities, db):
    network_id = network(testapp, cities)
    form = testapp.get(f"/networks/{network_id}/workshops/add").forms["deform"]
    form["starts"], form["ends"], form["timezone"] = "2027-05-12", "2027-05-14", "Africa/Dakar"
    form["venue"], form["provides_room"] = "Maison de la culture Douta Seck", True
    form["day2_pm"] = "Proposals; the priority problem: youth participation"
    res = form.submit("save", status=302)
    page = testapp.get(res.location)
    programme = text_of(str(page.html.select_one(".workshop-programme")))
    assert "Welcome and context" in programme and "youth participation" in programme
    assert "the meeting room" in page.text and "Dakar" in text_of(str(page.html.select_one(".workshop-facts")))
    ics_url = page.html.find("a", string="Add to my calendar (iCal)")["href"]
    ics = testapp.get(ics_url)
    assert "BEGIN:VEVENT" in ics.text and "International workshop of Network on participatory budgeting" in ics.text
    assert "DTSTART:20270512T090000Z" in ics.text.replace("DTSTART;VALUE=DATE-TIME:", "DTSTART:")
    assert "Network on participatory budgeting" in testapp.get(f"/networks/{network_id}").text


def test_a_member_city_may_not_add_a_workshop_to_another_s_network(testapp, cities):
    network_id = network(testapp, cities)
    testapp.get("/logout")
    login(testapp, "grenoble@example.org")
    testapp.get(f"/networks/{network_id}/workshops/add", status=403)
