"""The secretariat's pledges of a campaign: who may see them, "Record payment" (a pledge paid, its
receipt mailed in the supporter's language, once), the CSV export for accounting."""
import csv
import io
from email.header import decode_header, make_header

from crowd_helpers import add_campaign, pledge_form, pledges
from portal.testing import csrf, login, text_of


def pledge_as(testapp, campaign_id, language="en", **values):
    form = pledge_form(testapp, campaign_id, **values)
    testapp.set_cookie("_LOCALE_", language)
    form.submit("pledge", status=302)
    testapp.set_cookie("_LOCALE_", "en")


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


def test_only_the_secretariat_sees_the_pledges(testapp, db, make_user, at):
    campaign_id, _rewards = add_campaign(db)
    testapp.get(f"/campaigns/{campaign_id}/pledges", status=302)  # anonymous: asked to log in
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    testapp.get(f"/campaigns/{campaign_id}/pledges", status=403)
    testapp.get("/export/crowdfunding-pledges.csv", status=403)


def test_recording_a_transfer_pays_the_pledge_and_mails_the_receipt_in_the_supporters_language(
        testapp, app, db, registry, secretariat, maildir, at):
    from portal.testing import client
    campaign_id, _rewards = add_campaign(db, title="Traduire le guide")
    supporter = client(app, address="192.0.2.30")
    pledge_as(supporter, campaign_id, language="fr", amount="120", name="Aminata Diop", email="aminata@example.org",
              message="Bon courage")
    [(_amount, _reward, state, _name, reference, language)] = pledges(db, campaign_id)
    assert (state, language) == ("pledged", "fr")

    login(testapp, "sec@example.org")
    listing = testapp.get(f"/campaigns/{campaign_id}/pledges")
    assert reference in listing.text and "Waiting for payment" in text_of(listing.text)
    confirm = listing.click(description="Record payment")
    assert "€120.00 from Aminata Diop (aminata@example.org) was received." in text_of(confirm.text)
    testapp.post(confirm.request.path, {"csrf_token": "wrong", "confirm": "1"}, status=400)  # CSRF checked
    assert pledges(db, campaign_id)[0][2] == "pledged"
    res = confirm.forms["confirm-form"].submit("confirm", status=302)
    assert pledges(db, campaign_id)[0][2] == "paid"
    assert "Paid" in text_of(res.follow().text)
    # a second time changes nothing and mails nothing more
    testapp.post(confirm.request.path, {"csrf_token": csrf(testapp), "confirm": "1"}, status=302)

    maildir.deliver(registry)
    [mail] = [m for m in maildir.messages() if m["To"] == "aminata@example.org"]
    body = mail.get_payload(decode=True).decode()
    assert reference in subject(mail) and subject(mail).startswith("Reçu")
    assert "120,00\u00a0€" in body and "Traduire le guide" in body and f"/campaigns/{campaign_id}" in body


def test_the_pledges_export_for_accounting(testapp, db, secretariat, at):
    campaign_id, (copy,) = add_campaign(db, rewards=[(5000, "A printed copy", None)])
    other_id, _r = add_campaign(db, title="Another")
    pledge_form(testapp, campaign_id, amount="50.5", reward=str(copy), name="Ana Souza", anonymous=True,
                email="ana@example.org").submit("pledge", status=302)
    pledge_form(testapp, other_id, amount="7").submit("pledge", status=302)
    login(testapp, "sec@example.org")
    rows = list(csv.DictReader(io.StringIO(testapp.get("/export/crowdfunding-pledges.csv",
                                                       {"campaign": campaign_id}).text)))
    assert [(r["amount"], r["currency"], r["reward"], r["name"], r["anonymous"], r["state"]) for r in rows] == \
        [("50.50", "EUR", "A printed copy", "Ana Souza", "yes", "pledged")]


def test_the_supporters_export_is_open_and_keeps_anonymity(testapp, db, at):
    campaign_id, (copy,) = add_campaign(db, rewards=[(5000, "A printed copy", None)])
    draft_id, _r = add_campaign(db, title="A draft", state="draft")
    pledge_form(testapp, campaign_id, amount="50.5", reward=str(copy), name="Ana Souza", anonymous=True,
                email="ana@example.org", message="Keep going").submit("pledge", status=302)
    pledge_form(testapp, campaign_id, amount="12", name="Kofi Mensah", email="kofi@example.org").submit(
        "pledge", status=302)
    from plugins.crowdfunding.models import Pledge
    with db() as s:  # a pledge to a draft (written straight in) is nobody's to see
        s.add(Pledge(campaign_id=draft_id, idempotency_key="k-draft", reference="CF-D-1", amount=900,
                     name="Hidden", email="h@example.org"))
    text = testapp.get("/export/crowdfunding-supporters.csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["supporter"], r["amount"], r["reward"], r["campaign"]) for r in rows] == [
        ("Anonymous", "50.50", "A printed copy", str(campaign_id)), ("Kofi Mensah", "12.00", "", str(campaign_id))]
    assert "ana@example.org" not in text and "Ana Souza" not in text and "Keep going" not in text
    assert "Hidden" not in text
    es = testapp.get("/export/crowdfunding-supporters.json", headers={"Accept-Language": "es"}).json
    assert any(r["supporter"] == "Anónimo" for r in (es if isinstance(es, list) else es["rows"]))
