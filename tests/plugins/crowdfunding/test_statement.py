"""The bank-statement matching at /campaigns/pledges/statement: a CSV of the bank (";" or "," between the
values, decimal comma or point), its lines matched to the pledges by the reference in their text, the amount
checked, mismatches and unknown lines listed; nothing paid before the secretariat confirms; the same
statement imported twice pays nothing twice."""
import pytest
from crowd_helpers import add_campaign, pledge_form, pledges
from webtest import Upload

from plugins.crowdfunding.statement import find_reference, read_amount
from portal.testing import login, text_of


def pledge(testapp, campaign_id, amount, email, **values):
    pledge_form(testapp, campaign_id, amount=amount, email=email, **values).submit("pledge", status=302)


def upload(browser, content, filename="statement.csv", status=200):
    form = browser.get("/campaigns/pledges/statement").forms["deform"]
    form["add"] = Upload(filename, content.encode() if isinstance(content, str) else content)
    return form.submit("preview", status=status)


def rows_of(page):
    """(line number, what is done) of each line of the preview."""
    import re
    body = page.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [(cells[0], text_of(cells[-1])) for cells in
            (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr.*?</tr>", body, re.S))]


def mails_to(maildir, registry, address):
    maildir.deliver(registry)
    return [m for m in maildir.messages() if m["To"] == address]


@pytest.mark.parametrize("raw, value", [
    ("25,00", "25.00"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("+ 80 €", "80"), ("1 500,5", "1500.5"),
    ("-12,50", "-12.50"), ("EUR 7", "7"), ("", None), ("n/a", None)])
def test_amounts_as_banks_write_them(raw, value):
    found = read_amount(raw)
    assert (None if found is None else str(found)) == value


def test_references_as_banks_pass_them_on():
    assert find_reference("Transfer from Ana, ref cf-12-ab3def, thanks") == "CF-12-AB3DEF"
    assert find_reference("SEPA CF 12 AB3DEF guide") == "CF-12-AB3DEF"
    assert find_reference("CF12AB3DEF") == "CF-12-AB3DEF"
    assert find_reference("CF-12-AB3DEFG and more") is None
    assert find_reference("rent for December") is None


def test_a_statement_pays_the_matched_pledges_once(testapp, app, db, secretariat, maildir, registry, at):
    from portal.testing import client
    campaign_id, _r = add_campaign(db)
    supporter = client(app, address="192.0.2.50")
    pledge(supporter, campaign_id, "25", "ana@example.org")
    pledge(supporter, campaign_id, "60,50", "joao@example.org", method="offline")
    pledge(supporter, campaign_id, "100", "marie@example.org")
    pledge(supporter, campaign_id, "40", "kofi@example.org")
    ana, joao, marie, kofi = (p[4] for p in pledges(db, campaign_id))
    compact = kofi.replace("-", " ").lower()
    statement = ("Date;Amount;Description\n"
                 f"01/12/2026;25,00;TRANSFER ANA SOUZA {ana}\n"
                 f'02/12/2026;"60,50";Joao {joao}\n'
                 f"02/12/2026;90,00;Marie {marie} (part)\n"
                 "03/12/2026;1.250,00;Rent of the office\n"
                 f"03/12/2026;-25,00;Refund {ana}\n"
                 f"04/12/2026;25,00;{ana} again\n"
                 f"04/12/2026;40;{compact}\n")

    login(testapp, "sec@example.org")
    listing = testapp.get(f"/campaigns/{campaign_id}/pledges")
    assert "Import a bank statement" in listing.click(description="Import a bank statement").text
    preview = upload(testapp, statement)
    assert rows_of(preview) == [
        ("2", "To be recorded as paid"),
        ("3", "To be recorded as paid"),
        ("4", "Not recorded: the amount differs from the pledge's (€100.00)"),
        ("5", "No pledge's reference found"),
        ("6", "Not recorded: the amount is not a payment received"),
        ("7", "Not recorded: the same pledge is paid on an earlier line"),
        ("8", "To be recorded as paid")]
    assert "Rent of the office" in text_of(preview.text) and marie in text_of(preview.text)
    # a preview records nothing
    assert [p[2] for p in pledges(db, campaign_id)] == ["pledged"] * 4

    done = preview.forms["record-form"].submit("record", status=302).follow()
    assert "3 payments recorded" in text_of(done.text)
    assert [p[2] for p in pledges(db, campaign_id)] == ["paid", "paid", "pledged", "paid"]
    [receipt] = mails_to(maildir, registry, "ana@example.org")
    assert ana in receipt.get_payload(decode=True).decode()

    # the same statement again, and its confirmation sent again: nothing paid twice, no receipt twice
    again = upload(testapp, statement)
    assert [outcome for _n, outcome in rows_of(again)][:2] == ["Already paid: nothing to do"] * 2
    assert "record-form" not in again.text
    assert "No line of this statement pays a pledge waiting for its payment." in text_of(again.text)
    preview.forms["record-form"].submit("record", status=302)
    assert [p[2] for p in pledges(db, campaign_id)] == ["paid", "paid", "pledged", "paid"]
    assert len(mails_to(maildir, registry, "ana@example.org")) == 1
    assert len(mails_to(maildir, registry, "kofi@example.org")) == 1


def test_a_comma_separated_statement_with_decimal_points(testapp, app, db, secretariat, at):
    campaign_id, _r = add_campaign(db, currency="USD")
    pledge(testapp, campaign_id, "1234.5", "ana@example.org")
    [(_a, _r2, _s, _n, reference, _l)] = pledges(db, campaign_id)
    login(testapp, "sec@example.org")
    preview = upload(testapp, f'date,amount,reference\n2026-12-02,"1,234.50",{reference}\n')
    assert rows_of(preview) == [("2", "To be recorded as paid")]
    preview.forms["record-form"].submit("record", status=302)
    assert pledges(db, campaign_id)[0][2] == "paid"


def test_a_file_that_is_not_a_statement_is_refused_on_the_page(testapp, db, make_user, secretariat, at):
    from portal.testing import csrf
    login(testapp, "sec@example.org")
    refused = upload(testapp, "when;how much\n01/12/2026;25,00\n", status=400)
    assert "The first line must name the columns: date, amount, and reference or description." in text_of(refused.text)
    refused = upload(testapp, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, filename="statement.png", status=400)
    assert "statement.png" in text_of(refused.text)
    empty = testapp.get("/campaigns/pledges/statement").forms["deform"].submit("preview", status=400)
    assert "Choose the statement's CSV file." in text_of(empty.text)
    # a confirmation of a statement no longer held records nothing
    gone = testapp.post("/campaigns/pledges/statement", {"csrf_token": csrf(testapp), "record": "1", "token": "nope"},
                        status=302).follow()
    assert "The statement is no longer held" in text_of(gone.text)
    testapp.post("/campaigns/pledges/statement", {"record": "1", "token": "nope"}, status=400)  # CSRF checked

    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    testapp.get("/campaigns/pledges/statement", status=403)
