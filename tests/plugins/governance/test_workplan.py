"""The work plan: a year's lines of work and actions on the core's action trees, their weighted roll-up
shown, each action linked to what carries it out, its approval by the plenary, the public yearly report
(HTML and PDF); the secretariat writes, everyone reads a published year, nobody else an unpublished one."""
import io

from governance_helpers import make_plan

from portal.testing import csrf, login, text_of


def test_the_plan_shows_its_weighted_roll_up_and_its_approval(testapp, db, at):
    make_plan(db)
    page = testapp.get("/governance/work-plan/2013")
    text = text_of(page.text)
    assert "Progress of the whole plan 58%" in text
    bars = {li["id"]: li.select_one(".percent").text for li in page.html.select("li.action")}
    assert sorted(bars.values()) == ["0%", "100%", "40%", "40%", "75%"]
    assert "Approved on Jul 2, 2013 by the plenary in Cascais" in text
    assert "Edit" not in text  # a visitor reads
    listing = testapp.get("/governance/work-plan")
    assert "Work plan 2013 58%" in text_of(listing.text)


def test_an_unpublished_year_is_the_secretariats_alone(testapp, db, secretariat, at):
    make_plan(db, year=2014, published=False)
    testapp.get("/governance/work-plan/2014", status=404)
    testapp.get("/governance/work-plan/2014/report.pdf", status=404)
    assert "2014" not in text_of(testapp.get("/governance/work-plan").text)
    login(testapp, "sec@example.org")
    assert "Not published" in text_of(testapp.get("/governance/work-plan/2014").text)


def test_the_secretariat_adds_an_action_carried_out_by_a_campaign(testapp, app, db, secretariat, at, make_user):
    from crowd_helpers import add_campaign

    from portal.testing import client
    ids = make_plan(db)
    campaign_id, _r = add_campaign(db)
    login(testapp, "sec@example.org")
    form = testapp.get(f"/governance/work-plan/2013/add?parent={ids['visibility']}").forms["deform"]
    form["title"] = "Fund the film festival"
    form["resource_kind"] = "campaign"
    form["resource_id"] = "999999"
    res = form.submit("save", status=400)
    assert "There is no campaign with this number" in text_of(res.text)
    assert res.forms["deform"]["title"].value == "Fund the film festival"  # nothing typed is lost
    form = res.forms["deform"]
    form["resource_id"] = str(campaign_id)
    form.submit("save", status=302)
    page = testapp.get("/governance/work-plan/2013")
    item = [li for li in page.html.select("li.action") if "Fund the film festival" in li.text][0]
    link = item.select_one(".action-facts a")
    assert link["href"].endswith(f"/campaigns/{campaign_id}")
    # a visitor may not write: the form and a post are refused
    member = make_user("rep@example.org", role="member", name="A representative")
    assert member
    other = client(app)
    login(other, "rep@example.org")
    other.get("/governance/work-plan/2013/add", status=403)
    other.post("/governance/work-plan/2013/add", {"csrf_token": csrf(other), "title": "Written by a member",
                                                  "save": "1"}, status=403)
    assert "Written by a member" not in testapp.get("/governance/work-plan/2013").text


def test_the_report_lists_what_was_done_per_line_in_html_and_pdf(testapp, db, at):
    from crowd_helpers import add_campaign
    from plugins.governance.workplan import year_tree
    from pypdf import PdfReader

    from portal.api import Action, add_action
    ids = make_plan(db)
    campaign_id, _r = add_campaign(db, title="Fund the film festival")
    with db() as s:
        add_action(s, year_tree(s, 2013), "Democracine festival", parent=s.get(Action, ids["visibility"]), weight=0,
                   status="done", resource=("campaign", campaign_id))
    page = testapp.get("/governance/work-plan/2013/report")
    lines = {s.h2.get_text(): s for s in page.html.select("section.workplan-line")}
    assert list(lines) == ["Visibility", "Membership"]
    assert lines["Visibility"].select_one(".percent").get_text() == "75%"
    assert [li.get_text(" ", strip=True) for li in lines["Visibility"].select("li")] == [
        "Press kit", "Democracine festival — carried out by Fund the film festival"]
    assert lines["Visibility"].select_one("li a")["href"].endswith(f"/campaigns/{campaign_id}")
    assert "Chicago conference" not in page.text  # not done
    assert lines["Membership"].select_one(".percent").get_text() == "40%"
    assert text_of(str(lines["Membership"].select_one(".empty"))) == "Nothing done yet."
    pdf = testapp.get("/governance/work-plan/2013/report.pdf")
    assert pdf.content_type == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body)).pages)
    assert "What was done in 2013" in text and "Visibility — 75%" in text and "Press kit" in text
    assert "Progress of the whole plan: 58%" in text
    assert "Democracine festival — carried out by Fund the film festival" in text


def test_the_approval_names_the_plenarys_motion(testapp, db, secretariat, at):
    from governance_helpers import add_meeting, add_motion
    make_plan(db)
    login(testapp, "sec@example.org")
    form = testapp.get("/governance/work-plan/2013/settings").forms["deform"]
    form["motion_id"] = "999"
    res = form.submit("save", status=400)
    assert "There is no motion with this number." in text_of(res.text)
    motion_id = add_motion(db, add_meeting(db))
    form = res.forms["deform"]
    form["motion_id"] = str(motion_id)
    form.submit("save", status=302)
    page = testapp.get("/governance/work-plan/2013")
    assert any(a["href"].endswith(f"/governance/motions/{motion_id}") for a in page.html.select("main a[href]"))
    form = res.forms["deform"]
    form["motion_id"] = ""
    form["approved_by"] = "the internal session of members in Cascais"
    form.submit("save", status=302)
    assert "by the internal session of members in Cascais" in text_of(testapp.get("/governance/work-plan/2013").text)


def test_the_work_plan_of_a_year_says_what_its_campaigns_raised_and_spent(testapp, db, at):
    from crowd_helpers import add_campaign
    from spending_helpers import add_expense, paid_pledge
    make_plan(db, year=2026)
    guide, _r = add_campaign(db, days=(-10, 30))  # opened on 2026-11-21
    paid_pledge(db, guide, 150000)
    paid_pledge(db, guide, 2550, state="pledged")
    add_expense(db, guide, 0, 40000)
    add_expense(db, guide, 0, 99900, state="submitted")  # not approved: not spent yet
    add_campaign(db, title="Dakar", days=(-400, -380), currency="XOF")  # opened in 2025
    figures = testapp.get("/governance/work-plan/2026").html.select_one("dl.workplan-figures")
    assert figures is not None and "€1,525.50 raised by 1 campaigns, €400.00 spent" in figures.get_text(" ")
    assert "XOF" not in figures.get_text(" ") and "F CFA" not in figures.get_text(" ")
    make_plan(db, year=2013)
    assert testapp.get("/governance/work-plan/2013").html.select_one("dl.workplan-figures") is None
