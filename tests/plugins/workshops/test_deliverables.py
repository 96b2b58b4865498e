"""The four deliverables: made from the secretariat's template, written section by section by the network's
cities (two concurrent edits of one section merged, nothing lost; overlapping ones shown side by side), with
the history, restore and comments; draft -> in review -> signed off by the pilot city; a change after sign-off
makes a new version and the signed one is kept at its own address; the constitution form's action plan update
reaches the network's action plan; the PDF in the language it was written in."""
import io

import pypdf
from sqlalchemy import select

from portal.api import Revision, load_plan, tree_for
from portal.testing import client, login, text_of

PARAGRAPHS = ("<p>The market floods every rainy season.</p><p>Traders lose their stock.</p>"
              "<p>The drains are blocked by waste.</p>")


def add_network(db, cities, joined=("Grenoble",)):
    from plugins.workshops.models import Network, NetworkCity
    with db() as s:
        network = Network(title="Network on flood resilience", member_id=cities["Dakar"], theme="", stage="network",
                          description="")
        s.add(network)
        s.flush()
        for name in joined:
            s.add(NetworkCity(network_id=network.id, member_id=cities[name], state="accepted", pilot_ok=True,
                              secretariat_ok=True, motivation=""))
        return network.id


def start(app, network_id, kind, language="en"):
    form = app.get(f"/networks/{network_id}/deliverables/add").forms["deform"]
    form["kind"], form["language"] = kind, language
    res = form.submit("create", status=302)
    return int(res.location.rstrip("/").split("/")[-1])


def sections(db, deliverable_id):
    from plugins.workshops.deliverable_models import DeliverableSection
    with db() as s:
        rows = s.scalars(select(DeliverableSection).where(DeliverableSection.deliverable_id == deliverable_id)
                         .order_by(DeliverableSection.position)).all()
        return {row.key: (row.id, row.body) for row in rows}


def editor(app, section_id):
    return app.get(f"/deliverable-sections/{section_id}/edit").forms["deform"]


def confirm(app, path):
    form = next(f for f in app.get(path).forms.values() if "confirm" in f.fields)
    return form.submit("confirm", status=302)


def test_two_cities_write_one_section_at_once_and_nothing_is_lost(testapp, app, cities, db):
    network_id = add_network(db, cities)
    login(testapp, "dakar@example.org")
    deliverable_id = start(testapp, network_id, "problem")
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert "The priority problem" in page.text and "The problem chosen, in a few sentences." in page.text
    section_id = sections(db, deliverable_id)["problem"][0]
    form = editor(testapp, section_id)
    form["body"] = PARAGRAPHS
    form.submit("save", status=302)

    dakar, grenoble = client(app), client(app, "192.0.2.11")
    login(dakar, "dakar@example.org")
    login(grenoble, "grenoble@example.org")
    form_dakar, form_grenoble = editor(dakar, section_id), editor(grenoble, section_id)
    form_dakar["body"] = PARAGRAPHS.replace("every rainy season", "every rainy season, from July to October")
    form_dakar.submit("save", status=302)
    form_grenoble["body"] = PARAGRAPHS.replace("blocked by waste", "blocked by plastic waste")
    res = form_grenoble.submit("save", status=302).follow()
    assert "Your changes and theirs did not overlap" in text_of(res.text) and "Rep Dakar" in res.text
    body = sections(db, deliverable_id)["problem"][1]
    assert "from July to October" in body and "blocked by plastic waste" in body and "Traders lose" in body

    # both change one sentence: nothing written, theirs beside mine, the form keeps mine to save again
    form_dakar, form_grenoble = editor(dakar, section_id), editor(grenoble, section_id)
    form_dakar["body"] = body.replace("Traders lose their stock.", "Traders lose their income.")
    form_dakar.submit("save", status=302)
    form_grenoble["body"] = body.replace("Traders lose their stock.", "Traders lose their goods.")
    res = form_grenoble.submit("save", status=409)
    text = text_of(res.text)
    assert "Someone else changed the same passages" in text and "Rep Dakar" in text
    assert "income" in text and "goods" in text
    assert "their income" in sections(db, deliverable_id)["problem"][1]
    again = res.forms["deform"]
    assert "Traders lose their goods." in again["body"].value
    again["body"] = again["body"].value.replace("Traders lose their goods.", "Traders lose their goods and income.")
    again.submit("save", status=302)
    assert "Traders lose their goods and income." in sections(db, deliverable_id)["problem"][1]

    # the history: who saved what, the difference between two revisions, and a restore
    history = grenoble.get(f"/deliverable-sections/{section_id}/history?a=2&b=3")
    assert "Rep Dakar" in history.text and "Rep Grenoble" in history.text
    assert "from July to October" in history.html.select_one(".line-diff ins").text
    with db() as s:
        numbers = s.scalars(select(Revision.number).where(Revision.content_id == section_id)).all()
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
    restore = [f for f in history.forms.values() if f.id == "restore-2"][0]
    restore.submit(status=302)
    assert sections(db, deliverable_id)["problem"][1] == PARAGRAPHS


def test_a_comment_per_section_and_a_city_outside_the_network_cannot_write(testapp, app, cities, db):
    network_id = add_network(db, cities)
    login(testapp, "grenoble@example.org")
    form = testapp.get(f"/networks/{network_id}/deliverables/add", status=403)
    testapp.get("/logout")
    login(testapp, "dakar@example.org")
    deliverable_id = start(testapp, network_id, "thematic")
    testapp.get("/logout")
    section_id = sections(db, deliverable_id)["context"][0]
    login(testapp, "grenoble@example.org")
    page = testapp.get(f"/deliverables/{deliverable_id}")
    form = [f for f in page.forms.values() if f.action.endswith(f"/deliverable-sections/{section_id}/comment")][0]
    form["text"] = "Add the figures of the 2024 floods."
    form.submit("comment", status=302)
    refused = testapp.post(f"/deliverable-sections/{section_id}/comment",
                           {"csrf_token": form["csrf_token"].value, "text": "", "comment": "1"}, status=400)
    assert "Required" in text_of(refused.text)
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert "Add the figures of the 2024 floods." in page.html.select_one("#section-context").text
    testapp.get("/logout")
    login(testapp, "maputo@example.org")  # a member city that did not join: reads, does not write
    testapp.get(f"/deliverables/{deliverable_id}", status=200)
    testapp.get(f"/deliverable-sections/{section_id}/edit", status=403)
    assert "/login" in client(app).get(f"/deliverables/{deliverable_id}", status=302).location  # not public yet


def test_the_pilot_city_signs_off_and_a_later_change_makes_a_new_version(testapp, cities, db):
    network_id = add_network(db, cities)
    login(testapp, "dakar@example.org")
    deliverable_id = start(testapp, network_id, "constitution")
    keys = sections(db, deliverable_id)
    form = editor(testapp, keys["action_plan"][0])
    form["body"] = "<p>Map the drains | 40</p><p>Train the market committees</p>"
    form.submit("save", status=302)
    form = editor(testapp, keys["members"][0])
    form["body"] = "<p>Dakar pilots; Grenoble brings its flood plan.</p>"
    form.submit("save", status=302)
    testapp.get("/logout")

    login(testapp, "grenoble@example.org")
    confirm(testapp, f"/deliverables/{deliverable_id}/review")
    testapp.get(f"/deliverables/{deliverable_id}/sign", status=403)  # only the pilot city signs off
    testapp.get("/logout")

    login(testapp, "dakar@example.org")
    confirm(testapp, f"/deliverables/{deliverable_id}/sign")
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert "Signed off by the pilot city" in page.html.select_one(".deliverable-status").text
    from plugins.workshops.models import Network
    with db() as s:
        plan = load_plan(s, tree_for(s, "network", network_id))
        actions = {a.title: a.progress for a in plan.actions.values()}
        assert actions["Map the drains"] == 40 and set(actions) == {"Map the drains", "Train the market committees"}
        assert not actions["Train the market committees"]
        assert s.get(Network, network_id) is not None

    # editing the signed-off version: a new version holds the change; the signed one is kept as it was
    form = editor(testapp, keys["members"][0])
    assert "signed off" in text_of(testapp.get(f"/deliverable-sections/{keys['members'][0]}/edit").text)
    form["body"] = "<p>Dakar pilots; Grenoble and Maputo bring their flood plans.</p>"
    res = form.submit("save", status=302)
    assert "version 2" in text_of(res.follow().text).lower()
    new_id = int(res.location.split("/deliverables/")[1].split("#")[0])
    assert new_id != deliverable_id
    assert sections(db, deliverable_id)["members"][1] == "<p>Dakar pilots; Grenoble brings its flood plan.</p>"
    assert "Maputo" in sections(db, new_id)["members"][1]
    assert "Map the drains | 40" in sections(db, new_id)["action_plan"][1]
    signed = testapp.get(f"/deliverables/{deliverable_id}")
    assert "kept as it was signed off" in text_of(signed.text)
    assert "Grenoble brings its flood plan" in signed.text
    # a second change of the signed one goes to the same new version
    form = editor(testapp, keys["commitments"][0])
    form["body"] = "<p>Each city reports twice a year.</p>"
    form.submit("save", status=302)
    assert "twice a year" in sections(db, new_id)["commitments"][1]
    network = testapp.get(f"/networks/{network_id}")
    assert f"/deliverables/{new_id}" in network.text and f'/deliverables/{deliverable_id}"' not in network.text
    # version 2 signed off: its update moves the same action on, none is added twice
    new_sections = sections(db, new_id)
    form = editor(testapp, new_sections["action_plan"][0])
    form["body"] = "<p>Map the drains | 70</p><p>Train the market committees</p>"
    form.submit("save", status=302)
    confirm(testapp, f"/deliverables/{new_id}/review")
    confirm(testapp, f"/deliverables/{new_id}/sign")
    with db() as s:
        plan = load_plan(s, tree_for(s, "network", network_id))
        assert sorted((a.title, a.progress) for a in plan.actions.values())[0] == ("Map the drains", 70)
        assert len(plan.actions) == 2


def pdf_text(res):
    assert res.content_type == "application/pdf"
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(res.body)).pages)


def test_the_pdf_is_in_the_language_the_deliverable_was_written_in(testapp, cities, db):
    network_id = add_network(db, cities)
    login(testapp, "dakar@example.org")
    french = start(testapp, network_id, "pilot", language="fr")
    english = start(testapp, network_id, "pilot", language="en")
    form = editor(testapp, sections(db, french)["objectives"][0])
    form["body"] = "<p>Réduire les dégâts des crues au marché de Sandaga.</p>"
    form.submit("save", status=302)
    text = pdf_text(testapp.get(f"/deliverables/{french}/pdf"))
    assert "Réduire les dégâts des crues au marché de Sandaga." in text
    assert "Network on flood resilience" in text and "Dakar" in text
    english_text = pdf_text(testapp.get(f"/deliverables/{english}/pdf"))
    assert "Objectives of the pilot project" in english_text and "Status: Draft" in english_text


def test_the_secretariat_edits_a_template_and_new_deliverables_start_from_it(testapp, cities, db):
    network_id = add_network(db, cities)
    login(testapp, "dakar@example.org")
    testapp.get("/networks/deliverable-templates", status=403)
    testapp.get("/logout")
    login(testapp, "sec@example.org")
    page = testapp.get("/networks/deliverable-templates")
    assert "Priority-problem sheet" in page.text
    form = testapp.get("/networks/deliverable-templates/problem").forms["deform"]
    form.set("title", "Priority problem", index=0)
    form.set("title", "The problem in one sentence", index=1)
    form.set("guidance", "Say who suffers from it first.", index=0)
    form.set("title", "", index=3)  # the third section left empty: dropped
    form.set("guidance", "", index=2)
    form.set("title", "Who is affected", index=4)  # a blank row: a new section
    form.submit("save", status=302)
    testapp.get("/networks/deliverable-templates/nothing", status=404)
    deliverable_id = start(testapp, network_id, "problem")
    page = testapp.get(f"/deliverables/{deliverable_id}")
    assert "Say who suffers from it first." in page.text and "The problem in one sentence" in page.text
    assert "Priority problem, version 1" in page.text
    assert list(sections(db, deliverable_id)) == ["problem", "causes", "who-is-affected"]
