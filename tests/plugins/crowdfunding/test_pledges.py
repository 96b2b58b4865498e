"""Pledging at /campaigns/{id}/pledge, with or without an account: every bad input of the issue refused
with its message and nothing typed lost; the same form sent twice makes one pledge; a limited reward is
never oversold; after the end nothing is taken."""
import os
import re
import threading
from datetime import timedelta

import pytest
from crowd_helpers import NOW, add_campaign, pledge_form, pledges
from portal.testing import client, text_of

KEPT = {"name": "Ana Souza", "email": "ana@example.org", "message": "For the guide in Portuguese!"}


def test_a_supporter_without_an_account_pledges_and_gets_a_bank_reference(testapp, db, at):
    campaign_id, (copy,) = add_campaign(db, rewards=[(5000, "A printed copy", 30)])
    res = pledge_form(testapp, campaign_id, amount="60,50", reward=str(copy), **KEPT).submit("pledge", status=302)
    thanks = res.follow()
    page = text_of(thanks.text)
    [(amount, reward, state, name, reference, _lang)] = pledges(db, campaign_id)
    assert (amount, reward, state, name) == (6050, copy, "pledged", "Ana Souza")
    assert re.fullmatch(rf"CF-{campaign_id}-[A-HJ-NP-Z2-9]{{6}}", reference)
    assert reference in page and "IBAN PT50 1234" in page and "€60.50" in page
    assert "A printed copy (29 of 30 left)" in text_of(testapp.get(f"/campaigns/{campaign_id}").text)


@pytest.mark.parametrize("amount, message", [
    ("4.99", "The smallest pledge is €5.00."),
    ("-10", "An amount cannot be negative."),
    ("ten euros", "Write an amount in figures, such as 25 or 25.50."),
    ("", "Required"),
    ("12.345", "Amounts in EUR have at most 2 decimals."),
])
def test_a_bad_amount_is_refused_and_everything_typed_is_kept(testapp, db, at, amount, message):
    campaign_id, _rewards = add_campaign(db)
    res = pledge_form(testapp, campaign_id, amount=amount, **KEPT).submit("pledge", status=400)
    assert message in text_of(res.text)
    form = res.forms["deform"]
    assert {k: form[k].value for k in KEPT} == KEPT and form["amount"].value == amount
    assert pledges(db, campaign_id) == []


def test_amounts_without_decimals_in_a_currency_that_has_none(testapp, db, at):
    campaign_id, _rewards = add_campaign(db, currency="XOF", min_pledge=1000)
    res = pledge_form(testapp, campaign_id, amount="2500.5").submit("pledge", status=400)
    assert "Amounts in XOF have no decimals." in text_of(res.text)
    pledge_form(testapp, campaign_id, amount="2500").submit("pledge", status=302)
    assert [p[0] for p in pledges(db, campaign_id)] == [2500]


def test_a_reward_needs_a_pledge_of_at_least_its_amount(testapp, db, at):
    campaign_id, (seat,) = add_campaign(db, rewards=[(25000, "A seat at the workshop", None)])
    res = pledge_form(testapp, campaign_id, amount="100", reward=str(seat), **KEPT).submit("pledge", status=400)
    assert "This reward is for pledges of €250.00 or more." in text_of(res.text)
    assert res.forms["deform"]["message"].value == KEPT["message"]


def test_the_same_form_sent_twice_makes_one_pledge(testapp, db, at):
    campaign_id, (copy,) = add_campaign(db, rewards=[(5000, "A printed copy", 5)])
    form = pledge_form(testapp, campaign_id, amount="50", reward=str(copy), **KEPT)
    first = form.submit("pledge", status=302)
    again = form.submit("pledge", status=302)  # a double click, a reload of the POST
    assert again.location == first.location
    assert len(pledges(db, campaign_id)) == 1
    from plugins.crowdfunding.models import Reward
    with db() as s:
        assert s.get(Reward, copy).taken == 1  # the reward counted once too
    other = pledge_form(testapp, campaign_id, amount="50", **KEPT).submit("pledge", status=302)  # a new form: a new pledge
    assert other.location != first.location and len(pledges(db, campaign_id)) == 2


def test_the_last_reward_goes_to_one_supporter_the_other_keeps_what_they_typed(app, db, at):
    campaign_id, (seat,) = add_campaign(db, rewards=[(5000, "The last seat", 1)])
    ana, luiz = client(app), client(app, address="192.0.2.11")
    form_ana = pledge_form(ana, campaign_id, amount="50", reward=str(seat), **KEPT)
    form_luiz = pledge_form(luiz, campaign_id, amount="75", reward=str(seat), name="Luiz Lima", email="luiz@example.org",
                            message="Count me in")  # both saw one left
    form_ana.submit("pledge", status=302)
    res = form_luiz.submit("pledge", status=400)
    assert "The reward you chose was taken by other supporters meanwhile" in text_of(res.text)
    form = res.forms["deform"]
    assert (form["amount"].value, form["name"].value, form["email"].value, form["message"].value) == \
        ("75", "Luiz Lima", "luiz@example.org", "Count me in")
    assert "The last seat (Sold out)" in text_of(res.text)
    assert [(p[0], p[1]) for p in pledges(db, campaign_id)] == [(5000, seat)]


def test_a_pledge_after_the_end_is_refused_with_the_end_in_the_readers_zone(testapp, db, at, make_user):
    from portal.testing import login
    campaign_id, _rewards = add_campaign(db, days=(-10, 1), tz="America/Sao_Paulo")
    make_user("reader@example.org", timezone="Asia/Tokyo")
    login(testapp, "reader@example.org")
    form = pledge_form(testapp, campaign_id, amount="30")
    at.set(NOW + timedelta(days=1, minutes=1))
    res = form.submit("pledge", status=400)
    page = text_of(res.text)
    assert "This campaign ended on Dec 1, 2026, 9:00 PM in São Paulo, Dec 2, 2026, 9:00 AM in Tokyo: it accepts no " \
           "more pledges." in page
    assert pledges(db, campaign_id) == []
    assert "deform" not in res.forms  # no form to fill any more
    assert "it accepts no more pledges" in text_of(testapp.get(f"/campaigns/{campaign_id}/pledge").text)


def test_a_pledge_without_the_forms_csrf_token_is_refused(testapp, db, at):
    campaign_id, _rewards = add_campaign(db)
    form = pledge_form(testapp, campaign_id, amount="30")
    form["csrf_token"] = "forged"
    form.submit("pledge", status=400)
    assert pledges(db, campaign_id) == []


def test_a_draft_campaign_takes_no_pledge(testapp, db, at):
    campaign_id, _rewards = add_campaign(db, state="draft")
    testapp.get(f"/campaigns/{campaign_id}/pledge", status=302)  # asked to log in: not public


@pytest.mark.postgresql
@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL "
                    "(PORTAL_TEST_DB); SQLite serialises every write")
def test_concurrent_pledges_never_oversell_a_reward_nor_count_a_form_twice(app, db, at):
    campaign_id, (seat,) = add_campaign(db, rewards=[(5000, "Ten seats", 10)])
    forms = [pledge_form(client(app, address=f"192.0.2.{n + 20}"), campaign_id, amount="50", reward=str(seat),
                         email=f"s{n}@example.org") for n in range(30)]
    results, start = [], threading.Barrier(len(forms) + 5)

    def send(form):
        start.wait()
        results.append(form.submit("pledge", status="*").status_int)
    threads = [threading.Thread(target=send, args=(f,)) for f in forms + forms[:5]]  # five forms sent twice
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    made = pledges(db, campaign_id)
    assert len(made) == 10 and all(p[1] == seat for p in made)
    from plugins.crowdfunding.models import Reward
    with db() as s:
        assert s.get(Reward, seat).taken == 10
    assert results.count(302) >= 10 and set(results) <= {302, 400}


@pytest.mark.postgresql
@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL "
                    "(PORTAL_TEST_DB); SQLite serialises every write")
def test_forms_sent_twice_at_the_same_moment_count_once(app, db, at):
    campaign_id, _rewards = add_campaign(db)
    forms = [pledge_form(client(app, address=f"192.0.2.{n + 60}"), campaign_id, amount=str(10 + n),
                         email=f"t{n}@example.org") for n in range(15)]
    start = threading.Barrier(len(forms) * 2)
    statuses = []

    def send(form):
        start.wait()
        statuses.append(form.submit("pledge", status="*").status_int)
    threads = [threading.Thread(target=send, args=(f,)) for f in forms * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    made = pledges(db, campaign_id)
    assert statuses == [302] * 30
    assert sorted(p[0] for p in made) == [(10 + n) * 100 for n in range(15)]  # each form once, its amount exact
