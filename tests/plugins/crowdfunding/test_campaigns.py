"""Campaigns: written by the secretariat through the form (dates in the campaign's zone, budget lines
giving the minimum and the optimum, rewards, amounts in the currency's decimals), shown with their
progress, listed as open, funded or past, found in search."""
from datetime import datetime

from crowd_helpers import NOW, UTC, add_campaign, rows, set_rows
from plugins.crowdfunding import EXAMPLE
from portal.testing import login, text_of



def campaign_form(testapp):
    form = testapp.get("/campaigns/add").forms["deform"]
    form["title"] = "Translate the participatory budgeting guide"
    form["body"] = "<p>Twenty years of practice.</p><script>alert(1)</script>"
    form["action"] = "Work plan 2027, line 3.2"
    form["currency"] = "EUR"
    form["timezone"] = "America/Sao_Paulo"
    form["start_local"] = "2026-11-20T09:00"
    form["end_local"] = "2027-01-31T23:59"
    form["min_pledge_amount"] = "5"
    return form


def set_lines(form, lines, rewards=()):
    set_rows(form, "budget_lines", lines)
    if rewards:
        set_rows(form, "reward_rows", rewards)


def test_the_secretariat_writes_a_campaign_and_its_budget_gives_minimum_and_optimum(testapp, db, secretariat, at):
    login(testapp, "sec@example.org")
    form = campaign_form(testapp)
    assert len(rows(form, "budget_lines")) == 3  # empty rows to fill, no script needed
    set_lines(form, [{"what": "Translation into French", "amount": "3200.50"},
                     {"what": "Translation into Portuguese", "amount": "3000"},
                     {"what": "Printing", "amount": "1500", "required": ""}],
              [{"amount": "50", "description": "A printed copy", "quantity": "30"},
               {"amount": "10", "description": "Your name in the guide"}])
    res = form.submit("save", status=302).follow()
    from plugins.crowdfunding.models import Campaign
    with db() as s:
        c = s.query(Campaign).one()
        assert (c.minimum, c.optimum) == (620050, 770050)  # cents
        assert c.ends == datetime(2027, 2, 1, 2, 59, tzinfo=UTC)  # typed in São Paulo, kept in UTC
        assert [(r.amount, r.quantity) for r in c.rewards] == [(5000, 30), (1000, None)]
        assert "<script" not in c.body
        campaign_id = c.id
    # edited: the rows come back as they were, the rewards keep their ids
    form = testapp.get(f"/campaigns/{campaign_id}/edit").forms["deform"]
    assert [r["amount"].value for r in rows(form, "budget_lines")[:3]] == ["3200.50", "3000.00", "1500.00"]
    res = form.submit("save", status=302).follow()
    with db() as s:
        assert [r.amount for r in s.query(Campaign).one().rewards] == [5000, 1000]
    assert "€6,200.50" in text_of(res.text)


def test_only_the_secretariat_writes_campaigns(testapp, db, make_user, at):
    campaign_id, _rewards = add_campaign(db)
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    testapp.get("/campaigns/add", status=403)
    testapp.get(f"/campaigns/{campaign_id}/edit", status=403)  # an editor edits news and pages, not budgets
    assert testapp.get(f"/campaigns/{campaign_id}").status_int == 200


def test_amounts_in_the_form_follow_the_currency(testapp, db, secretariat, at):
    login(testapp, "sec@example.org")
    form = campaign_form(testapp)
    form["currency"] = "JPY"  # no decimals
    set_lines(form, [{"what": "Interpretation", "amount": "1200.5"}, {"what": "Room", "amount": "-3"},
                     {"what": "Travel", "amount": "a lot"}])
    form["end_local"] = "2026-11-01T10:00"
    res = form.submit("save", status=400)
    page = text_of(res.text)
    assert "Amounts in JPY have no decimals." in page
    assert "An amount cannot be negative." in page
    assert "Write an amount in figures, such as 25 or 25.50." in page
    assert "The campaign must end after it starts." in page
    form = res.forms["deform"]
    assert [r["what"].value for r in rows(form, "budget_lines")[:3]] == ["Interpretation", "Room", "Travel"]


def test_the_campaign_page_shows_progress_days_left_and_rewards_left(testapp, db, at):
    from plugins.crowdfunding.models import Pledge
    campaign_id, (copy, seat) = add_campaign(db, rewards=[(5000, "A printed copy", 2), (25000, "A seat", None)])
    with db() as s:
        for n, (amount, reward, state) in enumerate([(150000, copy, "paid"), (30000, copy, "pledged"),
                                                     (999, None, "cancelled")]):
            s.add(Pledge(campaign_id=campaign_id, reward_id=reward, idempotency_key=f"k{n}", reference=f"CF-{n}",
                         amount=amount, email=f"s{n}@example.org", name=f"Supporter {n}", state=state))
        from plugins.crowdfunding.models import Reward
        s.get(Reward, copy).taken = 2
    res = testapp.get(f"/campaigns/{campaign_id}")
    page = text_of(res.text)
    assert "€1,800.00 raised from 2 supporters" in page  # the cancelled pledge counts for nothing
    label = {lab["for"]: lab.get_text("", strip=True) for lab in res.html.find_all("label")}
    assert label["progress-minimum"] == "Minimum:€3,000.00(60%)" and label["progress-optimum"] == "Optimum:€4,000.00(45%)"
    assert "Help us." in page  # the story, as HTML
    assert res.html.find("progress", id="progress-minimum")["value"] == "60"
    assert "Days left: 30" in page
    assert "A printed copy (Sold out)" in page and "A seat (Unlimited)" in page
    assert "Supporter 0" in page and "Supporter 2" not in page


def test_the_currency_stays_once_pledges_are_made(testapp, db, secretariat, at):
    from crowd_helpers import pledge_form
    campaign_id, _rewards = add_campaign(db)
    pledge_form(testapp, campaign_id, amount="10").submit("pledge", status=302)
    login(testapp, "sec@example.org")
    form = testapp.get(f"/campaigns/{campaign_id}/edit").forms["deform"]
    form["currency"] = "USD"
    res = form.submit("save", status=400)
    assert "Pledges were made in EUR: the currency cannot change any more." in text_of(res.text)


def test_anonymous_supporters_are_counted_not_named(testapp, db, at):
    from crowd_helpers import pledge_form
    campaign_id, _rewards = add_campaign(db)
    pledge_form(testapp, campaign_id, amount="10", name="Ana Souza", anonymous=True).submit("pledge", status=302)
    pledge_form(testapp, campaign_id, amount="20", name="Luiz Lima", email="luiz@example.org").submit("pledge",
                                                                                                     status=302)
    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "€30.00 raised from 2 supporters" in page
    assert "Luiz Lima" in page and "Ana Souza" not in page


def test_the_home_page_shows_open_campaigns(testapp, db, at):
    add_campaign(db, title="Zanzibarian open campaign")
    add_campaign(db, title="Zanzibarian ended campaign", days=(-60, -5))
    page = text_of(testapp.get("/").text)
    assert "Zanzibarian open campaign €0.00 raised of €3,000.00" in page
    assert "Zanzibarian ended campaign" not in page


def test_an_upcoming_campaign_says_when_pledges_open(testapp, db, at):
    campaign_id, _rewards = add_campaign(db, days=(3, 30), tz="UTC")
    res = testapp.get(f"/campaigns/{campaign_id}/pledge")
    assert "This campaign opens on Dec 4, 2026, 12:00 AM UTC: pledges are accepted from then." in text_of(res.text)
    assert "deform" not in res.forms


def test_the_listing_sorts_open_funded_and_past(testapp, db, at):
    from plugins.crowdfunding.models import Pledge
    add_campaign(db, title="Open one")
    funded, _r = add_campaign(db, title="Funded one", days=(-60, -5))
    add_campaign(db, title="Missed one", days=(-60, -5))
    add_campaign(db, title="Draft one", state="draft")
    with db() as s:
        s.add(Pledge(campaign_id=funded, idempotency_key="k", reference="CF-x", amount=300000,
                     email="a@example.org", state="paid"))
    res = testapp.get("/campaigns")
    sections = {h2.get_text(strip=True): h2.find_parent("section").get_text(" ", strip=True)
                for h2 in res.html.find_all("h2")}
    assert "Open one" in sections["Open campaigns"]
    assert "Funded one" in sections["Funded"] and "Missed one" not in sections["Funded"]
    assert "Missed one" in sections["Past campaigns"]
    assert "Draft one" not in res.text


def test_a_published_campaign_is_found_in_search_as_a_campaign(testapp, db, at):
    add_campaign(db, title="Zanzibarian translation campaign")
    hits = testapp.get("/search.json", {"q": "Zanzibarian"}).json["results"]
    assert [h["key"].split(":")[0] for h in hits] == ["campaign"]


def test_an_antennas_coordinator_runs_a_campaign_of_the_antenna(testapp, db, secretariat, make_user, at):
    from plugins.antennas.models import Antenna
    from plugins.crowdfunding.models import Campaign
    from portal.models import Section
    coordinator = make_user("luiza@example.org", name="Luiza")
    make_user("other@example.org", name="Other")
    with db() as s:
        section = Section(title="Latin America", language="en", state="published", published=NOW)
        antenna = Antenna(name="Latin America", region="latin-america-caribbean", section=section, status="active")
        s.add(antenna)
        s.flush()
        antenna.set_coordinators(s, [coordinator])
        antenna_id, section_id = antenna.id, section.id
    login(testapp, "luiza@example.org")
    assert f"/antennas/{antenna_id}/add/campaign" in testapp.get(f"/antennas/{antenna_id}").text
    form = testapp.get(f"/antennas/{antenna_id}/add/campaign").forms["deform"]
    form["title"] = "An antenna office in Montevideo"
    for name, value in EXAMPLE.items():
        form[name] = value
    set_rows(form, "budget_lines", [{"what": "Rent", "amount": "6000", "required": True}])
    campaign_url = form.submit("save", status=302).follow().request.path
    with db() as s:
        campaign = s.get(Campaign, int(campaign_url.rsplit("/", 1)[1]))
        assert campaign.parent_id == section_id and campaign.minimum == 600000
    testapp.get(f"{campaign_url}/edit", status=200)  # the coordinator goes on writing it
    login(testapp, "other@example.org")
    testapp.get(f"{campaign_url}/edit", status=403)  # nobody else but the secretariat
