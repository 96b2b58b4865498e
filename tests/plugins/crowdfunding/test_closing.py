"""Campaigns closing by the clock (the periodic task crowdfunding:close, the command `portal crowdfunding
close`): all or nothing under the minimum cancels the pledges and records refunds of the paid ones, keep
all collects, a second round goes on towards the optimum, the owners are warned once before the end, a
dry run changes nothing; and the secretariat's cancel of a pledge releases its reward."""
import csv
import io
from datetime import timedelta

from sqlalchemy import select

from crowd_helpers import NOW, add_campaign, pledge_form, pledges
from portal.api import LocalRole, OutboxMessage
from portal.testing import client, csrf, ini_text, login, text_of

from plugins.crowdfunding.closing import (
    FAILED, FUNDED, KEPT, SECOND_ROUND, WARN, State, plan, predict)
from plugins.crowdfunding.models import Campaign, Pledge, Reward

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)


def run_closing(registry):
    """The periodic task as the worker runs it: its own request and transaction."""
    from portal.tasks import run_task
    result, error = run_task(registry, registry.portal.periodic_tasks["crowdfunding:close"])
    assert error == ""
    return result


def mails(db):
    with db() as s:
        return [(m.recipient, m.subject, m.body) for m in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def campaign(db, campaign_id):
    with db() as s:
        c = s.get(Campaign, campaign_id)
        s.expunge(c)
        return c


def change(db, model, row_id, **values):
    with db() as s:
        row = s.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)


def pledge(db, campaign_id, amount, email, language="en", state="pledged", reward_id=None, name="A Supporter"):
    """A pledge written straight into the table (the pledge form has its own tests)."""
    with db() as s:
        p = Pledge(campaign_id=campaign_id, amount=amount, email=email, language=language, state=state,
                   reward_id=reward_id, name=name, idempotency_key=f"k-{email}-{amount}",
                   reference=f"CF-{campaign_id}-{email[:4].upper()}{amount}", created=NOW,
                   paid=NOW if state == "paid" else None)
        s.add(p)
        if reward_id:
            s.get(Reward, reward_id).taken += 1
        s.flush()
        return p.id


def pledge_rows(db, campaign_id):
    with db() as s:
        return [(p.email, p.state, p.cancelled, p.refund_amount)
                for p in s.scalars(select(Pledge).where(Pledge.campaign_id == campaign_id).order_by(Pledge.id))]


def test_all_or_nothing_under_its_minimum_cancels_refunds_and_mails_each_supporter(testapp, db, registry, at):
    campaign_id, (copy,) = add_campaign(db, title="Traduire le guide", days=(-10, 5),
                                        rewards=[(2000, "A printed copy", 1)])
    pledge(db, campaign_id, 12000, "aminata@example.org", language="fr", state="paid", name="Aminata Diop")
    pledge(db, campaign_id, 2500, "ana@example.org", reward_id=copy, name="Ana Souza")
    at.set(NOW + 5 * DAY - MINUTE)  # a minute before the end: nothing closes
    run_closing(registry)
    assert campaign(db, campaign_id).closed is None
    assert [state for _e, state, _c, _r in pledge_rows(db, campaign_id)] == ["paid", "pledged"]

    end = NOW + 5 * DAY
    at.set(end)
    assert run_closing(registry) == 1
    closed = campaign(db, campaign_id)
    assert (closed.closed, closed.outcome) == (end, "failed")
    assert pledge_rows(db, campaign_id) == [("aminata@example.org", "refunded", end, 12000),
                                            ("ana@example.org", "cancelled", end, None)]
    with db() as s:
        assert s.get(Reward, copy).taken == 0  # the cancelled pledge's reward released
    sent = {to: (subject, body) for to, subject, body in mails(db)}
    assert set(sent) == {"aminata@example.org", "ana@example.org"}
    subject, body = sent["aminata@example.org"]
    assert "remboursé" in subject and "120,00\u00a0€" in body and "Traduire le guide" in body  # in French figures
    assert f"/campaigns/{campaign_id}" in body
    subject, body = sent["ana@example.org"]
    assert "cancelled" in subject and "€25.00" in body and "you owe nothing" in body

    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "not funded" in page and "payments received ( €120.00 ) are refunded" in page
    assert "Support this campaign" not in page
    form = testapp.get(f"/campaigns/{campaign_id}/pledge")
    assert "it accepts no more pledges" in text_of(form.text)

    at.set(end + DAY)  # closed once: the next runs change and mail nothing
    assert run_closing(registry) == 0
    assert len(mails(db)) == 2


def test_keep_all_under_its_minimum_closes_keeping_what_was_raised(testapp, db, registry, at):
    campaign_id, _r = add_campaign(db, days=(-10, 2), rule="keep_all")
    pledge(db, campaign_id, 4000, "paid@example.org", state="paid")
    pledge(db, campaign_id, 1500, "later@example.org", language="pt")
    at.set(NOW + 2 * DAY)
    run_closing(registry)
    assert campaign(db, campaign_id).outcome == "kept"
    assert [state for _e, state, _c, _r in pledge_rows(db, campaign_id)] == ["paid", "pledged"]  # collected
    [(to, subject, body)] = mails(db)  # who has not paid yet is asked to, with the reference
    assert to == "later@example.org" and f"CF-{campaign_id}-LATE1500" in body and "IBAN PT50 1234" in body
    assert "€\u00a015,00" in body and "3 de dez. de 2026" in body  # in Portuguese figures
    assert "keeps what was raised" in text_of(testapp.get(f"/campaigns/{campaign_id}").text)


def test_the_minimum_reached_closes_funded_and_collects_the_pledges(testapp, db, registry, at):
    campaign_id, _r = add_campaign(db, days=(-10, 1))
    pledge(db, campaign_id, 250000, "big@example.org", state="paid")
    pledge(db, campaign_id, 60000, "second@example.org")
    at.set(NOW + DAY)
    run_closing(registry)
    assert campaign(db, campaign_id).outcome == "funded"
    assert [to for to, _s, _b in mails(db)] == ["second@example.org"]  # the paid one owes nothing more
    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "funded, its pledges are collected" in page and "Funded" in page


def test_a_second_round_goes_on_towards_the_optimum_then_closes_keeping_what_it_raised(testapp, db, registry, at):
    campaign_id, _r = add_campaign(db, days=(-10, 3))  # minimum €3,000, optimum €4,000
    change(db, Campaign, campaign_id, second_round=True, second_round_days=40)
    pledge(db, campaign_id, 310000, "big@example.org", state="paid")
    round_one_end = NOW + 3 * DAY
    at.set(round_one_end)
    run_closing(registry)
    c = campaign(db, campaign_id)
    assert (c.closed, c.round_two_started, c.final_end) == (None, round_one_end, round_one_end + 40 * DAY)
    assert mails(db) == []

    at.set(round_one_end + 10 * DAY)  # pledges go on in the second round
    page = testapp.get(f"/campaigns/{campaign_id}")
    assert "Second round: the minimum was reached" in text_of(page.text) and "Support this campaign" in page.text
    pledge_form(testapp, campaign_id, amount="40", email="round2@example.org").submit("pledge", status=302)
    assert [state for _e, state, _c, _r in pledge_rows(db, campaign_id)] == ["paid", "pledged"]
    run_closing(registry)
    assert campaign(db, campaign_id).closed is None

    at.set(round_one_end + 40 * DAY)
    run_closing(registry)
    c = campaign(db, campaign_id)
    assert (c.closed, c.outcome) == (round_one_end + 40 * DAY, "funded")  # under the optimum: kept all the same
    assert [to for to, _s, _b in mails(db)] == ["round2@example.org"]
    testapp.post(f"/campaigns/{campaign_id}/pledge", {"csrf_token": csrf(testapp), "pledge": "1"}, status=400)


def test_a_pledge_in_the_minute_before_the_task_starts_the_second_round_itself(testapp, db, registry, at):
    campaign_id, _r = add_campaign(db, days=(-10, 3))
    change(db, Campaign, campaign_id, second_round=True, second_round_days=40)
    pledge(db, campaign_id, 290000, "big@example.org", state="paid")
    from plugins.crowdfunding.matching import MatchPot
    with db() as s:  # a matcher's pot brings it over the minimum: it counts at the close as on the page
        s.add(MatchPot(campaign_id=campaign_id, matcher="Antenna of Latin America", factor_percent=100,
                       per_pledge=20000, per_person=20000, total=20000, position=0))
    at.set(NOW + 3 * DAY + 20 * timedelta(seconds=1))  # round one is over; the task has not run yet
    form = pledge_form(testapp, campaign_id, amount="40", email="late@example.org")
    assert campaign(db, campaign_id).round_two_started is None  # showing the form wrote nothing
    form.submit("pledge", status=302)
    c = campaign(db, campaign_id)
    assert c.round_two_started == NOW + 3 * DAY + 20 * timedelta(seconds=1) and c.closed is None
    assert [state for _e, state, _c, _r in pledge_rows(db, campaign_id)] == ["paid", "pledged"]
    assert run_closing(registry) == 0  # nothing left for the task: round two runs until its end


def test_a_campaign_at_its_optimum_skips_the_second_round(db, registry, at):
    campaign_id, _r = add_campaign(db, days=(-10, 3))
    change(db, Campaign, campaign_id, second_round=True)
    pledge(db, campaign_id, 400000, "all@example.org", state="paid")
    at.set(NOW + 3 * DAY)
    run_closing(registry)
    c = campaign(db, campaign_id)
    assert (c.round_two_started, c.outcome) == (None, "funded")


def test_the_owners_are_warned_once_when_the_minimum_is_far_before_the_end(db, registry, make_user, at):
    creator = make_user("creator@example.org", role="secretariat", name="Carla", language="fr")
    helper = make_user("helper@example.org", name="Helena")
    make_user("bystander@example.org")
    campaign_id, _r = add_campaign(db, days=(-10, 20))
    reached_id, _r = add_campaign(db, title="Reached", days=(-10, 20))
    with db() as s:
        for cid in (campaign_id, reached_id):
            s.get(Campaign, cid).creator_id = creator
        s.add(LocalRole(content_id=campaign_id, principal=f"user:{helper}", role="contributor"))
    pledge(db, campaign_id, 10000, "ana@example.org")
    pledge(db, reached_id, 300000, "big@example.org")
    at.set(NOW + 13 * DAY - MINUTE)  # more than 7 days before the end
    run_closing(registry)
    assert mails(db) == []

    at.set(NOW + 13 * DAY)
    assert run_closing(registry) == 1
    sent = {to: body for to, _subject, body in mails(db)}
    assert set(sent) == {"creator@example.org", "helper@example.org"}  # not about the campaign that reached it
    assert "3\u202f000,00\u00a0€" in sent["creator@example.org"] or "3 000,00\u00a0€" in sent["creator@example.org"]
    assert "€100.00" in sent["helper@example.org"] and "all or nothing" in sent["helper@example.org"]
    assert campaign(db, campaign_id).warned is True
    at.set(NOW + 15 * DAY)
    assert run_closing(registry) == 0
    assert len(mails(db)) == 2  # once


def test_the_plan_says_each_step_and_predict_runs_it_forward():
    state = State(id=1, title="Guide", rule="all_or_nothing", starts=NOW - 10 * DAY, ends=NOW + 10 * DAY,
                  second_round=True, second_round_days=40, round_two_started=None, closed=None, warned=False,
                  minimum=1000, optimum=2000, raised=500)
    assert plan([state], NOW) == []
    assert [s.action for s in plan([state], NOW + 3 * DAY)] == [WARN]
    assert [s.action for s in plan([state], NOW + 10 * DAY)] == [FAILED]
    reached = State(**{**state.__dict__, "raised": 1500, "id": 2})
    assert [s.action for s in plan([reached], NOW + 10 * DAY)] == [SECOND_ROUND]
    kept = State(**{**state.__dict__, "rule": "keep_all", "warned": True, "id": 3})
    assert [s.action for s in plan([kept], NOW + 10 * DAY)] == [KEPT]
    steps = predict([state, reached], NOW, NOW + 60 * DAY)
    assert [(s.campaign_id, s.action, s.at) for s in steps] == [
        (1, WARN, NOW + 3 * DAY), (1, FAILED, NOW + 10 * DAY), (2, SECOND_ROUND, NOW + 10 * DAY),
        (2, FUNDED, NOW + 50 * DAY)]
    assert predict([state], NOW, NOW + 2 * DAY) == []


def test_the_command_dry_run_and_predict_change_nothing_then_it_closes(db, settings, tmp_path, capsys, at):
    from portal.cli import main
    campaign_id, _r = add_campaign(db, title="Ended guide", days=(-10, -1))
    soon_id, _r = add_campaign(db, title="Soon", days=(-10, 5))  # 7 days or less left: warned now
    pledge(db, campaign_id, 12000, "aminata@example.org", state="paid")
    ini = tmp_path / "site.ini"
    ini.write_text(ini_text({**{k: v for k, v in settings.items() if isinstance(v, str)},
                             "portal.plugins": "plugins.crowdfunding"}))
    assert main(["crowdfunding", "close", "-c", str(ini), "--dry-run"]) in (0, None)
    out = capsys.readouterr().out
    assert "Would do (2 steps)" in out and "close it failed" in out and "warn its owners" in out
    assert f"campaign {campaign_id} “Ended guide” (€120.00 raised, minimum €3,000.00)" in out
    assert main(["crowdfunding", "close", "-c", str(ini), "--predict", "10"]) in (0, None)
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "Would do (3 steps):" and lines[1].startswith(f"{NOW:%Y-%m-%d} 00:00 UTC  campaign {campaign_id}")
    assert lines[2].startswith(f"{NOW:%Y-%m-%d} 00:00 UTC  campaign {soon_id} “Soon”") and "warn" in lines[2]
    assert lines[3].startswith(f"{(NOW + 5 * DAY):%Y-%m-%d} 00:00 UTC  campaign {soon_id}") and "failed" in lines[3]
    assert campaign(db, campaign_id).closed is None and campaign(db, soon_id).warned is False
    assert [state for _e, state, _c, _r in pledge_rows(db, campaign_id)] == ["paid"] and mails(db) == []

    assert main(["crowdfunding", "close", "-c", str(ini)]) in (0, None)
    assert "Done (2 steps)" in capsys.readouterr().out  # one closed, one warned (no owner to mail)
    assert campaign(db, campaign_id).outcome == "failed" and campaign(db, soon_id).warned is True
    assert [to for to, _s, _b in mails(db)] == ["aminata@example.org"]


def test_the_secretariat_cancels_a_pledge_and_its_reward_is_released(testapp, app, db, secretariat, at):
    campaign_id, (copy,) = add_campaign(db, rewards=[(2000, "The last printed copy", 1)])
    pledge_form(testapp, campaign_id, amount="30", reward=str(copy), email="ana@example.org").submit("pledge",
                                                                                                    status=302)
    paid_id = pledge(db, campaign_id, 5000, "paid@example.org", state="paid")
    assert "Sold out" in testapp.get(f"/campaigns/{campaign_id}").text
    login(testapp, "sec@example.org")
    listing = testapp.get(f"/campaigns/{campaign_id}/pledges")
    confirm = listing.click(description="Cancel", index=1)  # the newest first: the pledge with the reward
    assert "The pledge of €30.00 by Ana Souza (ana@example.org) stops counting" in text_of(confirm.text)
    testapp.post(confirm.request.path, {"csrf_token": "wrong", "confirm": "1"}, status=400)
    assert pledges(db, campaign_id)[0][2] == "pledged"
    confirm.forms["confirm-form"].submit("confirm", status=302)
    assert [(p[0], p[2]) for p in pledges(db, campaign_id)] == [(3000, "cancelled"), (5000, "paid")]
    with db() as s:
        assert s.get(Reward, copy).taken == 0
    testapp.post(confirm.request.path, {"csrf_token": csrf(testapp), "confirm": "1"}, status=302)  # once only
    with db() as s:
        assert s.get(Reward, copy).taken == 0
    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "€50.00 raised from 1 supporters" in page and "Sold out" not in page

    testapp.post(f"/pledges/{paid_id}/cancel", {"csrf_token": csrf(testapp), "confirm": "1"}, status=302)
    assert pledge_rows(db, campaign_id)[1] == ("paid@example.org", "refunded", NOW, 5000)
    assert "Refunded" in text_of(testapp.get(f"/campaigns/{campaign_id}/pledges").text)
    export = testapp.get("/export/crowdfunding-pledges.csv", {"campaign": campaign_id}).text
    assert [(r["state"], r["refund_amount"], r["cancelled"][:10]) for r in csv.DictReader(io.StringIO(export))] == \
        [("cancelled", "", "2026-12-01"), ("refunded", "50.00", "2026-12-01")]  # for the accounting
    client(app).get(f"/pledges/{paid_id}/cancel", status=302)  # anonymous: asked to log in
