"""A member representative pledges in the name of their organisation: the pledge is committed (counted,
shown as committed) until paid, with a commitment letter in the pledger's language, the letter signed and
uploaded back (a PDF only), then a numbered invoice (per year, never reused) and the payment."""
import io
import os
from datetime import timedelta

import pytest
from crowd_helpers import add_campaign, pledge_form, pledges
from pypdf import PdfReader
from webtest import Upload

from portal.testing import login, text_of


@pytest.fixture
def representative(db, make_user):
    from portal.models import Member
    with db() as s:
        member = Member(name="Câmara Municipal de Lisboa", kind="city", country="PT", region="europe", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    make_user("rep@example.org", role="member", member_id=member_id, name="Luiza Martins")
    return member_id


def pdf_text(response):
    assert response.content_type == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body)).pages)


def organisation_pledge(testapp, campaign_id, amount="1500", signatory="Carlos Moedas", role="Mayor", status=302,
                        language="en"):
    form = pledge_form(testapp, campaign_id, amount=amount, name="Luiza Martins", email="rep@example.org")
    form["organisation"].checked = True
    form["signatory"] = signatory
    form["signatory_role"] = role
    testapp.set_cookie("_LOCALE_", language)
    res = form.submit("pledge", status=status)
    testapp.set_cookie("_LOCALE_", "en")
    return res


def commitment_of(db, campaign_id):
    from plugins.crowdfunding.commitments import Commitment
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        found = s.query(Commitment).join(Pledge, Commitment.pledge_id == Pledge.id) \
            .filter(Pledge.campaign_id == campaign_id).one()
        return found.pledge_id, found.organisation, found.signatory, found.signatory_role, found.signed_file_id


def test_a_person_is_not_offered_to_pledge_for_an_organisation(testapp, db, make_user, at):
    campaign_id, _r = add_campaign(db)
    make_user("someone@example.org")
    login(testapp, "someone@example.org")
    assert "organisation" not in testapp.get(f"/campaigns/{campaign_id}/pledge").forms["deform"].fields


def test_a_representative_commits_the_organisation_and_gets_the_letter_to_sign(testapp, app, db, representative, at):
    campaign_id, _r = add_campaign(db)
    login(testapp, "rep@example.org")
    form_page = testapp.get(f"/campaigns/{campaign_id}/pledge")
    assert "Pledge in the name of Câmara Municipal de Lisboa" in text_of(form_page.text)

    # who signs is required once the organisation is chosen; nothing typed is lost
    refused = organisation_pledge(testapp, campaign_id, signatory="  ", role="", status=400)
    assert "Needed to pledge in the name of your organisation." in text_of(refused.text)
    assert refused.forms["deform"]["amount"].value == "1500" and refused.forms["deform"]["organisation"].checked
    assert pledges(db, campaign_id) == []

    thanks = organisation_pledge(testapp, campaign_id, language="pt").follow()
    [(amount, _reward, state, name, reference, language)] = pledges(db, campaign_id)
    assert (amount, state, name, language) == (150000, "committed", "Câmara Municipal de Lisboa", "pt")
    pledge_id, organisation, signatory, role, signed = commitment_of(db, campaign_id)
    assert (organisation, signatory, role, signed) == ("Câmara Municipal de Lisboa", "Carlos Moedas", "Mayor", None)

    # counted, and shown as committed until paid
    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "€1,500.00 raised from 1 supporters" in page
    assert "of which €1,500.00 committed by member organisations, not paid yet" in page
    assert f"Your organisation's commitments: the letters to sign and the invoices. {reference} · €1,500.00" in page

    # the letter, in the pledger's language, with the organisation, the amount, the campaign, who signs
    letter = thanks.click(description="The commitment letter")
    text = " ".join(pdf_text(letter).split())  # justified lines: words spaced out
    for expected in ("Câmara Municipal de Lisboa", "€ 1.500,00", "Translate the guide", "Carlos Moedas, Mayor",
                     reference):
        assert expected in text
    assert f'filename="commitment-{reference}.pdf"' in letter.headers["Content-Disposition"]
    assert "no-store" in letter.headers["Cache-Control"]

    # nobody else gets it
    from portal.testing import client
    stranger = client(app, address="192.0.2.40")
    stranger.get(f"/pledges/{pledge_id}/letter.pdf", status=302)  # asked to log in
    stranger.get(f"/pledges/{pledge_id}/signed", status=302)


def test_the_signed_letter_is_uploaded_back_as_a_pdf_only(testapp, app, db, representative, secretariat, at):
    import award_documents as documents
    campaign_id, _r = add_campaign(db)
    login(testapp, "rep@example.org")
    thanks = organisation_pledge(testapp, campaign_id).follow()
    pledge_id = commitment_of(db, campaign_id)[0]

    upload = thanks.click(description="Upload the signed letter")
    form = upload.forms["deform"]
    form["add"] = Upload("signed.csv", b"date,amount\n2026-12-01,10\n")
    refused = form.submit("upload", status=400)
    assert commitment_of(db, campaign_id)[4] is None
    assert "signed.csv" in text_of(refused.text)
    none_chosen = refused.forms["deform"].submit("upload", status=400)
    assert "Choose the signed letter: a PDF file." in text_of(none_chosen.text)

    form = none_chosen.forms["deform"]
    form["add"] = Upload("signed.pdf", documents.pdf("Signed by Carlos Moedas"))
    done = form.submit("upload", status=302).follow()
    assert "The signed letter is uploaded" in text_of(done.text)
    assert commitment_of(db, campaign_id)[4] is not None

    from portal.testing import client
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    listing = sec.get(f"/campaigns/{campaign_id}/pledges")
    assert "Câmara Municipal de Lisboa: Carlos Moedas, Mayor" in text_of(listing.text)
    signed = listing.click(description="Signed letter")
    assert signed.body == documents.pdf("Signed by Carlos Moedas") and signed.content_type == "application/pdf"
    assert sec.get(f"/pledges/{pledge_id}/letter.pdf").content_type == "application/pdf"


def test_invoices_are_numbered_per_year_and_a_number_is_never_given_again(testapp, app, db, representative,
                                                                          secretariat, maildir, registry, at):
    from portal.testing import client
    first_id, _r = add_campaign(db)
    second_id, _r = add_campaign(db, title="Another campaign")
    third_id, _r = add_campaign(db, title="A third campaign")
    login(testapp, "rep@example.org")
    for campaign_id in (first_id, second_id, third_id):
        organisation_pledge(testapp, campaign_id, amount="800")
    sec = client(app, address="192.0.2.42")
    login(sec, "sec@example.org")

    def issue(campaign_id):
        confirm = sec.get(f"/campaigns/{campaign_id}/pledges").click(description="Issue the invoice")
        assert "An invoice of €800.00 to Câmara Municipal de Lisboa" in text_of(confirm.text)
        return confirm.forms["confirm-form"].submit("confirm", status=302).follow()

    assert "Invoice 2026-0001 issued." in text_of(issue(first_id).text)
    # issued once: the page offers no second invoice, and posting again issues none
    pledge_id = commitment_of(db, first_id)[0]
    from portal.testing import csrf
    sec.post(f"/pledges/{pledge_id}/invoice", {"csrf_token": csrf(sec), "confirm": "1"}, status=302)
    listing = sec.get(f"/campaigns/{first_id}/pledges")
    assert "Issue the invoice" not in text_of(listing.text)
    invoice = pdf_text(listing.click(href=r"invoice\.pdf"))
    assert "Câmara Municipal de Lisboa" in invoice and "€800.00" in invoice and "2026-0001" in invoice

    # the campaign of the second invoice deleted: its number stays taken
    assert "Invoice 2026-0002 issued." in text_of(issue(second_id).text)
    from plugins.crowdfunding.models import Campaign
    with db() as s:
        s.delete(s.get(Campaign, second_id))
    assert "Invoice 2026-0003 issued." in text_of(issue(third_id).text)

    # a new year starts again at 1
    at.set(at.now + timedelta(days=40))  # 10 January 2027
    fourth_id, _r = add_campaign(db, title="Next year", days=(30, 80))
    organisation_pledge(testapp, fourth_id, amount="800")
    assert "Invoice 2027-0001 issued." in text_of(issue(fourth_id).text)

    # the pledger sees the invoice too, and the payment is recorded as for a transfer
    thanks = testapp.get(sec.get(f"/campaigns/{first_id}/pledges").click(href=r"/thanks/").request.path_qs)
    assert "2026-0001" in pdf_text(thanks.click(href=r"invoice\.pdf"))
    confirm = sec.get(f"/campaigns/{first_id}/pledges").click(description="Record payment", index=0)
    confirm.forms["confirm-form"].submit("confirm", status=302)
    assert pledges(db, first_id)[0][2] == "paid"
    assert "committed by member organisations" not in text_of(testapp.get(f"/campaigns/{first_id}").text)
    maildir.deliver(registry)
    assert [m for m in maildir.messages() if m["To"] == "rep@example.org"]


@pytest.mark.postgresql
@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL "
                    "(PORTAL_TEST_DB); SQLite serialises every write")
def test_invoices_issued_at_the_same_moment_get_distinct_numbers(testapp, app, db, representative, secretariat, at):
    import threading

    from portal.testing import client, csrf
    campaigns = [add_campaign(db, title=f"Campaign {n}")[0] for n in range(8)]
    login(testapp, "rep@example.org")
    for campaign_id in campaigns:
        organisation_pledge(testapp, campaign_id, amount="100")
    pledge_ids = [commitment_of(db, campaign_id)[0] for campaign_id in campaigns]
    browsers = []
    for n, pledge_id in enumerate(pledge_ids + pledge_ids[:3]):  # three invoices asked twice at once
        browser = client(app, address=f"192.0.2.{n + 100}")
        login(browser, "sec@example.org")
        browsers.append((browser, pledge_id))
    start, statuses = threading.Barrier(len(browsers)), []

    def issue(browser, pledge_id):
        token = csrf(browser)
        start.wait()
        statuses.append(browser.post(f"/pledges/{pledge_id}/invoice", {"csrf_token": token, "confirm": "1"},
                                     status="*").status_int)
    threads = [threading.Thread(target=issue, args=pair) for pair in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    from plugins.crowdfunding.commitments import Invoice
    with db() as s:
        issued = sorted((i.number, i.pledge_id) for i in s.query(Invoice))
    assert statuses == [302] * len(browsers)
    assert [number for number, _p in issued] == list(range(1, 9))
    assert sorted(p for _n, p in issued) == sorted(pledge_ids)
