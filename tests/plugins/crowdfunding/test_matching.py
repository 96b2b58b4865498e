"""Matchfunding: a matcher's pot adds a share of each pledge that counts, in the order the pledges were
made, never more than its cap per pledge, per person (by e-mail) and its total; the secretariat writes
the pots at /campaigns/{id}/matching; the campaign's page and card show the matched amount apart from
what the supporters gave, and the bars count both."""
import re

import pytest
from crowd_helpers import add_campaign, pledge_form
from portal.testing import client, login, sequence_rows, text_of

from plugins.crowdfunding.matching import BadFactor, factor_to_percent, matched_amounts, percent_to_factor


def test_factor_one_doubles_each_pledge_and_a_decimal_factor_rounds_down_to_the_cent():
    assert matched_amounts([("a@x.org", 2500), ("b@x.org", 1000)], 100, total=100000) == [2500, 1000]
    assert matched_amounts([("a@x.org", 2501)], 50, total=100000) == [1250]  # half of 25.01 is 12.505: 12.50
    assert matched_amounts([("a@x.org", 1000)], 125, total=100000) == [1250]


def test_the_cap_per_pledge():
    assert matched_amounts([("a@x.org", 8000), ("b@x.org", 3000)], 100, total=100000, per_pledge=5000) == [5000, 3000]


def test_the_cap_per_person_counts_all_the_pledges_of_one_address_whatever_its_case():
    pledges = [("ana@example.org", 3000), ("luiz@example.org", 3000), ("Ana@Example.org ", 3000),
               ("ana@example.org", 3000)]
    assert matched_amounts(pledges, 100, total=100000, per_person=5000) == [3000, 3000, 2000, 0]


def test_the_pot_runs_out_on_the_first_pledges_made():
    pledges = [("a@x.org", 4000), ("b@x.org", 4000), ("c@x.org", 4000)]
    assert matched_amounts(pledges, 100, total=10000) == [4000, 4000, 2000]
    assert matched_amounts(pledges, 100, total=0) == [0, 0, 0]


def test_every_cap_at_once_never_exceeded():
    pledges = [("a@x.org", 10000), ("a@x.org", 10000), ("b@x.org", 500), ("c@x.org", 9000), ("d@x.org", 9000)]
    got = matched_amounts(pledges, 200, total=12000, per_pledge=6000, per_person=8000)
    assert got == [6000, 2000, 1000, 3000, 0]
    assert sum(got) <= 12000 and max(got) <= 6000 and got[0] + got[1] <= 8000


@pytest.mark.parametrize("typed, percent", [("1", 100), ("0.5", 50), ("0,75", 75), ("2", 200), ("1.25", 125)])
def test_the_factor_as_typed(typed, percent):
    assert factor_to_percent(typed) == percent and factor_to_percent(percent_to_factor(percent)) == percent


@pytest.mark.parametrize("typed", ["", "two", "0", "-1", "0.125", "nan", "inf"])
def test_a_bad_factor_is_refused(typed):
    with pytest.raises(BadFactor):
        factor_to_percent(typed)


def pots_form(testapp, campaign_id):
    return testapp.get(f"/campaigns/{campaign_id}/matching").forms["deform"]


def fill_pot(form, index=0, **values):
    row = sequence_rows(form, "pots", "pot")[index]
    for name, value in values.items():
        row[name].value = value
    return form


def test_the_page_shows_the_matched_amount_apart_and_the_bars_count_both(testapp, app, db, secretariat, at):
    campaign_id, _rewards = add_campaign(db)  # minimum €3,000.00
    login(testapp, "sec@example.org")
    form = fill_pot(pots_form(testapp, campaign_id), matcher="Antena Lisboa", factor="1", per_pledge="100",
                    per_person="150", total="200")
    page = form.submit("save", status=302).follow()
    assert "Antena Lisboa adds 100% of each pledge (at most €100.00 a pledge, at most €150.00 a person) from a pot " \
           "of €200.00: €0.00 matched so far." in text_of(page.text)

    supporter = client(app, address="192.0.2.40")
    for amount, email in (("120", "ana@example.org"), ("60", "ana@example.org"), ("500", "luiz@example.org")):
        pledge_form(supporter, campaign_id, amount=amount, email=email).submit("pledge", status=302)
    # ana: 100 (cap per pledge) + 50 (cap per person); luiz: 50 (what is left of the pot)
    page = text_of(supporter.get(f"/campaigns/{campaign_id}").text)
    assert "€680.00 raised from 2 supporters" in page
    assert "+ €200.00 matched by Antena Lisboa" in page
    assert "The bars count what the supporters gave and what is matched: €880.00" in page
    html = supporter.get(f"/campaigns/{campaign_id}").text
    assert re.search(r'<progress id="progress-minimum" max="100" value="29">', html)  # 880 of 3000, not 680

    listing = supporter.get("/campaigns").text
    assert "€680.00 of €3,000.00" in text_of(listing) and "+ €200.00 matched; the bar counts both" in text_of(listing)
    assert f'<progress id="card-progress-{campaign_id}" max="100" value="29">' in listing
    mine = testapp.get(f"/campaigns/{campaign_id}/matching")
    assert "€200.00" in text_of(mine.text) and "Antena Lisboa" in text_of(mine.text)


def test_a_cancelled_pledge_is_not_matched(testapp, db, secretariat, at):
    campaign_id, _rewards = add_campaign(db)
    login(testapp, "sec@example.org")
    fill_pot(pots_form(testapp, campaign_id), matcher="Prefeitura", factor="0.5", total="1000").submit("save")
    pledge_form(testapp, campaign_id, amount="100", email="a@example.org").submit("pledge", status=302)
    pledge_form(testapp, campaign_id, amount="40", email="b@example.org").submit("pledge", status=302)
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        s.query(Pledge).filter_by(email="a@example.org").one().state = "cancelled"
    assert "+ €20.00 matched by Prefeitura" in text_of(testapp.get(f"/campaigns/{campaign_id}").text)


def test_a_bad_pot_is_refused_with_everything_typed_kept(testapp, db, secretariat, at):
    campaign_id, _rewards = add_campaign(db)
    login(testapp, "sec@example.org")
    typed = {"matcher": "Universidade do Porto", "factor": "double", "per_pledge": "12.345", "total": ""}
    res = fill_pot(pots_form(testapp, campaign_id), **typed).submit("save", status=400)
    page = text_of(res.text)
    assert "A number above zero with at most two decimals, such as 1 or 0.5." in page
    assert "Amounts in EUR have at most 2 decimals." in page and "How much the pot holds." in page
    row = sequence_rows(res.forms["deform"], "pots", "pot")[0]
    assert {name: row[name].value for name in typed} == typed
    from plugins.crowdfunding.matching import MatchPot
    with db() as s:
        assert s.query(MatchPot).count() == 0


def test_a_pot_is_edited_and_removed(testapp, db, secretariat, at):
    campaign_id, _rewards = add_campaign(db)
    login(testapp, "sec@example.org")
    fill_pot(pots_form(testapp, campaign_id), matcher="Antena Dakar", factor="1", total="500").submit("save")
    form = pots_form(testapp, campaign_id)
    assert sequence_rows(form, "pots", "pot")[0]["total"].value == "500.00"
    fill_pot(form, factor="0.5", total="300").submit("save", status=302)
    from plugins.crowdfunding.matching import MatchPot
    with db() as s:
        assert [(p.matcher, p.factor_percent, p.total) for p in s.query(MatchPot)] == [("Antena Dakar", 50, 30000)]
    fill_pot(pots_form(testapp, campaign_id), matcher="").submit("save", status=302)
    with db() as s:
        assert s.query(MatchPot).count() == 0


def test_only_the_secretariat_writes_the_pots(testapp, db, make_user, at):
    campaign_id, _rewards = add_campaign(db)
    testapp.get(f"/campaigns/{campaign_id}/matching", status=302)  # anonymous: asked to log in
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    testapp.get(f"/campaigns/{campaign_id}/matching", status=403)
