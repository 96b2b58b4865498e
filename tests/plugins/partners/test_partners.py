"""Partners: the public page of their logos grouped by kind, a partner's page with what the network did with
them as a timeline (events and campaigns found by name, studies), the secretariat's form in four
languages, open data and search with the "Partner" facet."""

from partners_helpers import add_partner

from portal.testing import client, login, text_of


def test_partners_are_grouped_by_kind_and_drafts_are_not_shown(testapp, db):
    add_partner(db, title="United Cities and Local Governments", kind="network")
    add_partner(db, title="University of Barcelona", kind="university")
    add_partner(db, title="Secret draft partner", kind="agency", state="draft")
    page = text_of(testapp.get("/partners").text)
    assert page.index("Networks") < page.index("United Cities and Local Governments") < page.index("Universities") \
        < page.index("University of Barcelona")
    assert "Secret draft partner" not in page and "Development agencies" not in page


def test_the_secretariat_records_a_partner_in_four_languages(app, db, secretariat, testapp):
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    form = sec.get("/partners/add").forms["deform"]
    form["title"] = "Forum of Local Authorities of the Periphery"
    form["title-es"] = "Foro de Autoridades Locales de la Periferia"
    form["kind"] = "network"
    form["country"] = "FR"
    form["website"] = "not an address"
    refused = form.submit("save", status=400)
    assert "An address starting with http:// or https://." in text_of(refused.text)
    form = refused.forms["deform"]
    assert form["title-es"].value == "Foro de Autoridades Locales de la Periferia"
    form["website"] = "https://www.fal-periferias.org"
    form["relation"] = "The network spreads the word about the third Forum."
    saved = form.submit("save", status=302).follow()
    assert "Forum of Local Authorities of the Periphery" in text_of(saved.text)
    partner_id = int(saved.request.path.rstrip("/").rsplit("/", 1)[1])
    from plugins.partners.models import Partner
    with db() as s:
        partner = s.get(Partner, partner_id)
        assert partner.region == "europe" and partner.translations["title"]["es"].startswith("Foro")


def test_the_partner_page_shows_joint_activities_as_a_timeline(app, db, secretariat, testapp):
    from plugins.events.models import Event
    from datetime import datetime, timezone
    partner_id = add_partner(db, title="Democracine film festival", kind="festival")
    with db() as s:
        event = Event(title="Second Democracine festival", language="en", state="published", kind="other",
                      timezone="UTC", starts=datetime(2026, 10, 1, tzinfo=timezone.utc),
                      ends=datetime(2026, 10, 3, tzinfo=timezone.utc), city="Barcelona", country="ES", body="")
        s.add(event)
        s.flush()
        event_id = event.id
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    form = sec.get(f"/partners/{partner_id}/activities/add").forms["deform"]
    form["role"] = "co_organised"
    form["resource"] = "event"
    form["item_id"] = "999999"
    form["day"] = "2026-10-01"
    refused = form.submit("save", status=400)
    assert "No such item." in text_of(refused.text)
    form = refused.forms["deform"]
    form["item_id"] = str(event_id)
    form.submit("save", status=302)
    form = sec.get(f"/partners/{partner_id}/activities/add").forms["deform"]
    form["role"] = "study"
    form["title"] = "Study on participatory monitoring"
    form["day"] = "2025-05-01"
    form.submit("save", status=302)
    page = testapp.get(f"/partners/{partner_id}")
    text = text_of(page.text)
    # the reader's way of writing a date, the machine's in the <time> element
    assert text.index("Oct 1, 2026") < text.index("Second Democracine festival") < text.index("May 1, 2025") \
        < text.index("Study on participatory monitoring")
    assert {"2026-10-01", "2025-05-01"} <= {t["datetime"] for t in page.html.select("time")}
    assert page.click(description="Second Democracine festival").request.path == f"/events/{event_id}"


def test_open_data_and_search_with_the_partner_facet(testapp, db):
    add_partner(db, title="Zanzibarian network of cities", kind="network", country="TZ",
                website="https://zanzibar.example.org")
    add_partner(db, title="Zanzibarian university", kind="university")
    add_partner(db, title="Zanzibarian draft", state="draft")
    rows = testapp.get("/export/partners.json").json
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert {r["name"] for r in rows} == {"Zanzibarian network of cities", "Zanzibarian university"}
    csv_text = testapp.get("/export/partners.csv").text
    assert "https://zanzibar.example.org" in csv_text and "Zanzibarian draft" not in csv_text
    found = testapp.get("/search.json", {"q": "Zanzibarian"}).json
    assert {h["title"] for h in found["results"]} == {"Zanzibarian network of cities", "Zanzibarian university"}
    assert found["facets"]["partner_kind"] == {"network": 1, "university": 1}
    only = testapp.get("/search.json", {"q": "Zanzibarian", "partner_kind": "university"}).json
    assert [h["title"] for h in only["results"]] == ["Zanzibarian university"]
    assert "Partner" in text_of(testapp.get("/search", {"q": "Zanzibarian"}).text)


def test_the_description_is_shown_as_html_in_the_reader_s_language(testapp, db):
    from plugins.partners.models import Partner
    with db() as s:
        partner = Partner(title="UCLG", kind="network", language="en", state="published",
                          body="<p>The world organisation of <strong>local governments</strong>.</p>",
                          translations={"body": {"es": "<p>La organización mundial de los gobiernos locales.</p>"}})
        s.add(partner)
        s.flush()
        partner_id = partner.id
    page = testapp.get(f"/partners/{partner_id}")
    assert "<strong>local governments</strong>" in page.text and "&lt;p&gt;" not in page.text
    testapp.set_cookie("_LOCALE_", "es")
    assert "La organización mundial de los gobiernos locales." in text_of(testapp.get(f"/partners/{partner_id}").text)


def test_a_study_s_document_is_on_the_partner_s_page_and_hidden_with_a_draft_partner(app, db, secretariat, testapp):
    import award_documents as documents
    from webtest import Upload
    partner_id = add_partner(db, title="Deutsche Gesellschaft für Internationale Zusammenarbeit", kind="agency")
    draft_id = add_partner(db, title="A partner not yet published", state="draft")
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    urls = {}
    for pid in (partner_id, draft_id):
        form = sec.get(f"/partners/{pid}/activities/add").forms["deform"]
        form["role"], form["title"], form["day"] = "study", "Study on participatory monitoring", "2025-05-01"
        form["add"] = Upload("not-a-study.png", documents.png_with_text())
        refused = form.submit("save", status=400)  # an image is not a document
        assert refused.forms["deform"]["title"].value == "Study on participatory monitoring"
        form = refused.forms["deform"]
        form["add"] = Upload("monitoring-study.pdf", documents.pdf())
        form.submit("save", status=302)
        urls[pid] = sec.get(f"/partners/{pid}").click(description="Document.*Study on participatory").request.url
    page = testapp.get(f"/partners/{partner_id}")
    document = page.click(description="Document.*Study on participatory")
    assert document.content_type == "application/pdf" and document.body.startswith(b"%PDF")
    assert testapp.get(urls[draft_id], status=(302, 403, 404)).content_type != "application/pdf"
    assert sec.get(urls[draft_id]).content_type == "application/pdf", "the secretariat reads it"


def test_a_work_plan_action_can_name_a_partner_or_an_agreement(db, registry):
    """The work plan's actions link to what carries them out by registered resource: a partner (its page),
    an agreement (its page, "Not public" for a private one to anyone but the secretariat)."""
    from partners_helpers import add_agreement
    from pyramid.scripting import prepare

    from portal.api import action_links, add_action, load_plan, tree_for
    partner_id = add_partner(db, title="General Secretariat of the Presidency of Brazil", kind="government")
    private = add_agreement(db, partner_id, title="Exchange of knowledge with Brazil")
    with db() as s:
        tree = tree_for(s, "workplan", 2027, title="Work plan 2027")
        s.add(tree)
        line = add_action(s, tree, "Exchange of innovative knowledge on social participation",
                          resource=("partner", partner_id))
        signed = add_action(s, tree, "Sign the exchange", resource=("agreement", private))
        tree_id, ids = tree.id, (line.id, signed.id)
    env = prepare(registry=registry)
    try:
        with db() as s:
            from portal.api import ActionTree
            plan = load_plan(s, s.get(ActionTree, tree_id))
            links = action_links(env["request"], plan.actions.values(), dbsession=s)
        assert links[ids[0]].title == "General Secretariat of the Presidency of Brazil"
        assert links[ids[0]].url.endswith(f"/partners/{partner_id}")
        assert links[ids[1]].url is None and "Brazil" not in links[ids[1]].title, "a private agreement"
    finally:
        env["closer"]()
