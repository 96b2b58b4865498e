"""The payment provider interface: a provider registered is offered by the pledge form, its start() may
send the supporter elsewhere (a card gateway's page), its instructions make the thank-you page, and
record_paid() pays a pledge once, calling its paid() hook."""
import pytest
from crowd_helpers import add_campaign, pledge_form, pledges

from portal.testing import text_of


@pytest.fixture
def card():
    from portal.api import _
    from plugins.crowdfunding import payments

    class Card(payments.Provider):
        name = "card"
        title = _("Card: pay now on the bank's page")
        short_title = _("Card")
        recorded_by_secretariat = False
        confirmed: list = []

        def start(self, pledge, request):
            return f"https://pay.example.org/session/{pledge.reference}"

        def instructions(self, request, pledge):
            return [payments.Step("text", _("Your card payment is confirmed by e-mail.")),
                    payments.Step("reference", pledge.reference)]

        def paid(self, pledge, request):
            self.confirmed.append(pledge.reference)

    provider = payments.register(Card())
    yield provider
    del payments.PROVIDERS["card"]


def test_a_registered_provider_is_offered_and_starts_the_payment(testapp, app, db, card, at):
    from pyramid.scripting import prepare
    from plugins.crowdfunding.models import Pledge
    from plugins.crowdfunding.payments import record_paid
    campaign_id, _r = add_campaign(db)
    page = text_of(testapp.get(f"/campaigns/{campaign_id}/pledge").text)
    assert "Card: pay now on the bank's page" in page and "Bank transfer: you receive a reference" in page
    res = pledge_form(testapp, campaign_id, amount="30", method="card").submit("pledge", status=302)
    [(_a, _rw, state, _n, reference, _l)] = pledges(db, campaign_id)
    assert res.location == f"https://pay.example.org/session/{reference}" and state == "pledged"
    thanks = text_of(testapp.get(f"/campaigns/{campaign_id}/thanks/{reference}").text)
    assert "Your card payment is confirmed by e-mail." in thanks and reference in thanks
    assert "Write this reference on your transfer" not in thanks

    env = prepare(registry=app.registry)
    with env["request"].tm:
        pledge = env["request"].dbsession.query(Pledge).one()
        assert record_paid(env["request"], pledge) is True
        assert record_paid(env["request"], pledge) is False  # the gateway calling twice pays once
    env["closer"]()
    assert pledges(db, campaign_id)[0][2] == "paid" and card.confirmed == [reference]


def test_a_method_no_longer_offered_is_refused_on_the_form(testapp, db, at):
    campaign_id, _r = add_campaign(db)
    form = pledge_form(testapp, campaign_id)
    fields = dict(form.submit_fields())
    from crowd_helpers import radio_name
    fields[radio_name(form, "method")] = "bitcoin"
    res = testapp.post(f"/campaigns/{campaign_id}/pledge", {**fields, "pledge": "pledge"}, status=400)
    assert pledges(db, campaign_id) == [] and "Ana Souza" in res.text
