"""After the event: a signed-off thematic sheet published into the experiences database in one step (a draft
experience of the pilot city, prefilled, linked both ways); the public deliverables on the workshop's page
and the pilot city's timeline; the workshop on its antenna's page."""
from datetime import date

from sqlalchemy import select

from portal.testing import client, login, text_of

from .test_deliverables import add_network, confirm, editor, sections, start


def past_workshop(network_id):
    from plugins.workshops.workshop_models import Workshop
    return Workshop(network_id=network_id, title="International workshop, Dakar", starts=date(2026, 5, 12),
                    ends=date(2026, 5, 14), timezone="Africa/Dakar", venue="Douta Seck", city="Dakar",
                    provides_room=True, provides_meals=False, provides_other="", programme=[], budget=0, currency="EUR")


def signed_thematic_sheet(testapp, db, cities):
    network_id = add_network(db, cities)
    login(testapp, "dakar@example.org")
    deliverable_id = start(testapp, network_id, "thematic", language="fr")
    form = editor(testapp, sections(db, deliverable_id)["context"][0])
    form["body"] = "<p>Dakar mène un budget participatif depuis 2009.</p>"
    form.submit("save", status=302)
    confirm(testapp, f"/deliverables/{deliverable_id}/review")
    return network_id, deliverable_id


def test_a_signed_thematic_sheet_becomes_an_experience_in_one_step(testapp, cities, db):
    network_id, deliverable_id = signed_thematic_sheet(testapp, db, cities)
    testapp.get(f"/deliverables/{deliverable_id}/publish", status=200)
    res = confirm(testapp, f"/deliverables/{deliverable_id}/publish")  # not signed off yet: refused
    assert res.location.endswith(f"/deliverables/{deliverable_id}")
    confirm(testapp, f"/deliverables/{deliverable_id}/sign")
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert "Publish into the experiences database" in page.text
    res = confirm(testapp, f"/deliverables/{deliverable_id}/publish")
    assert "/experiences/" in res.location and res.location.endswith("/edit")
    from plugins.experiences.models import Experience
    from plugins.workshops.deliverable_models import Deliverable
    with db() as s:
        experience = s.scalars(select(Experience)).one()
        assert s.get(Deliverable, deliverable_id).experience_id == experience.id
        assert "Dakar mène un budget participatif depuis 2009." in experience.body
        assert experience.member_id == cities["Dakar"] and experience.country == "SN"
        assert experience.language == "fr" and experience.state == "draft"
        experience_id = experience.id
    edit = testapp.get(res.location)
    assert edit.forms["deform"]["title"].value == "Network on flood resilience"
    # both ways: the sheet names the experience, the experience's page shows the sheet
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert f"/experiences/{experience_id}" in page.text
    assert "Publish into the experiences database" not in page.text
    experience_page = testapp.get(f"/experiences/{experience_id}")
    assert f"/deliverables/{deliverable_id}" in experience_page.text
    confirm(testapp, f"/deliverables/{deliverable_id}/publish")  # once: still one experience
    with db() as s:
        assert len(s.scalars(select(Experience)).all()) == 1


def test_public_deliverables_after_the_event_and_the_antenna_page(testapp, app, cities, db):
    network_id, deliverable_id = signed_thematic_sheet(testapp, db, cities)
    confirm(testapp, f"/deliverables/{deliverable_id}/sign")
    from plugins.antennas.models import Antenna
    with db() as s:
        workshop = past_workshop(network_id)
        s.add(workshop)
        antenna = Antenna(name="Africa antenna", region="africa", status="active")
        s.add(antenna)
        s.flush()
        workshop_id, antenna_id = workshop.id, antenna.id
    visitor = client(app, "192.0.2.30")
    assert "Deliverables of the network" not in visitor.get(f"/international-workshops/{workshop_id}").text
    assert "/login" in visitor.get(f"/deliverables/{deliverable_id}", status=302).location
    form = testapp.get(f"/deliverables/{deliverable_id}/authors").forms["deform"]
    form["public"] = True
    form["people"] = "Awa Diop\nMarc Dubois"
    form.submit("save", status=302)
    visitor = client(app, "192.0.2.31")
    page = visitor.get(f"/international-workshops/{workshop_id}")
    assert f"/deliverables/{deliverable_id}" in page.html.select_one(".workshop-deliverables").decode()
    sheet = visitor.get(f"/deliverables/{deliverable_id}")
    assert "Awa Diop, Marc Dubois" in text_of(sheet.html.select_one(".deliverable-authors").decode())
    profile = visitor.get(f"/members/{cities['Dakar']}")
    assert f"/deliverables/{deliverable_id}" in profile.text and f"/international-workshops/{workshop_id}" in profile.text
    assert f"/international-workshops/{workshop_id}" in visitor.get(f"/antennas/{antenna_id}").text


def test_the_good_practices_presented_link_the_workshop_and_the_experiences(testapp, app, cities, db):
    from plugins.experiences.models import Experience
    network_id = add_network(db, cities)
    with db() as s:
        experience = Experience(title="Youth budget of Grenoble", country="FR", state="published", language="en",
                                body="<p>Young people choose projects.</p>")
        s.add(experience)
        workshop = past_workshop(network_id)
        s.add(workshop)
        s.flush()
        experience_id, workshop_id = experience.id, workshop.id
    login(testapp, "dakar@example.org")
    form = testapp.get(f"/international-workshops/{workshop_id}/practices").forms["deform"]
    form["practices"] = f"https://portal.test/experiences/{experience_id}\n/experiences/99999"
    refused = form.submit("save", status=400)
    assert "No experience of the database at: /experiences/99999" in text_of(refused.text)
    form = refused.forms["deform"]
    assert f"/experiences/{experience_id}" in form["practices"].value  # as typed
    form["practices"] = f"https://portal.test/experiences/{experience_id}"
    form.submit("save", status=302)
    visitor = client(app, "192.0.2.40")
    page = visitor.get(f"/international-workshops/{workshop_id}")
    assert "Youth budget of Grenoble" in page.html.select_one(".workshop-practices").text
    experience_page = visitor.get(f"/experiences/{experience_id}")
    assert f"/international-workshops/{workshop_id}" in experience_page.text
    assert "Presented at “International workshop, Dakar”" in experience_page.text


def test_photos_of_the_workshop_through_the_core_uploads(testapp, app, cities, db):
    from webtest import Upload

    from portal.testing import png
    network_id = add_network(db, cities)
    with db() as s:
        workshop = past_workshop(network_id)
        s.add(workshop)
        s.flush()
        workshop_id = workshop.id
    login(testapp, "grenoble@example.org")  # a member city, not the pilot: the network's editors add photos
    testapp.get(f"/international-workshops/{workshop_id}/photos", status=403)
    login(testapp, "dakar@example.org")
    form = testapp.get(f"/international-workshops/{workshop_id}/photos").forms["deform"]
    form["add"] = [Upload("notes.txt", b"not an image")]
    form["caption"] = "The site visit"
    refused = form.submit("save", status=400)
    assert "The site visit" in refused.text  # what was typed is kept
    form = refused.forms["deform"]
    form["add"] = [Upload("visit.png", png(), "image/png")]
    form["alt"] = "Participants at the Sandaga market"
    form.submit("save", status=302)
    page = client(app, "192.0.2.50").get(f"/international-workshops/{workshop_id}")
    img = page.html.select_one(".workshop-photos img")
    assert img["alt"] == "Participants at the Sandaga market"
    assert "The site visit" in page.html.select_one(".workshop-photos figcaption").text
    assert client(app, "192.0.2.51").get(img["src"]).content_type == "image/png"
