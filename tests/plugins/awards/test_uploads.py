"""Documents are added inside the entry form: what was typed and not saved yet is never lost, neither by
adding a document nor when the form comes back with an error (the files chosen are kept too)."""
import award_documents as documents
from award_helpers import fill_entry, start_entry
from webtest import Upload

from portal.testing import client, csrf, login, text_of

from plugins.awards.models import AwardEntry


def member(app, email="rep@poa.example", address="192.0.2.11"):
    browser = client(app, address)
    login(browser, email)
    return browser


def kept(res):
    """The files a form sent back holds for its next saving, as the page lists them."""
    return [li.get_text(" ", strip=True).replace(" :", ":") for li in res.html.select(".uploads .kept li")]


def saved(db, entry_id):
    with db() as s:
        entry = s.get(AwardEntry, entry_id)
        return entry.category, dict(entry.answers), [d.file.filename for d in entry.documents]


def test_a_document_is_added_with_what_was_typed_in_one_go(app, network, open_call, db):
    poa = member(app)
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="Typed, never saved before.")
    form["add"] = [Upload("report.pdf", documents.pdf()), Upload("figures.csv", documents.csv())]
    form.submit("save", status=302)
    category, answers, files = saved(db, entry_id)
    assert category == "inclusion" and answers["why-this-experience"] == "Typed, never saved before."
    assert files == ["report.pdf", "figures.csv"]
    # removing one is a box in the same form, and keeps what is typed there too
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    form["q_why-this-experience"] = "Rewritten"
    [box for box in form.fields["remove"] if box._value][0].checked = True
    form.submit("save", status=302)
    assert saved(db, entry_id)[1:] == ({"why-this-experience": "Rewritten", "population": "over 1 million"},
                                       ["figures.csv"])


def test_a_form_sent_back_with_an_error_keeps_what_was_typed_and_the_file_chosen(app, network, open_call, db):
    poa = member(app)
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="x" * 5001)  # too long
    form["add"] = [Upload("report.pdf", documents.pdf())]
    res = form.submit("save", status=400)
    assert "Longer than maximum length 5000" in text_of(res.text)
    assert saved(db, entry_id) == ("", {}, [])  # nothing saved
    form = res.forms["deform"]
    assert form["category"].value == "inclusion" and form["q_population"].value == "over 1 million"
    assert kept(res) == ["report.pdf: added when you save"]  # the file need not be chosen again
    form["q_why-this-experience"] = "Shorter now."
    form.submit("save", status=302)
    assert saved(db, entry_id) == ("inclusion", {"why-this-experience": "Shorter now.", "population": "over 1 million"},
                                   ["report.pdf"])


def test_a_refused_file_loses_nothing_typed_and_changes_nothing(app, network, open_call, db):
    poa = member(app)
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="Typed before the bad file.")
    form["add"] = [Upload("virus.exe", b"MZ\x90\x00 not a document"), Upload("report.pdf", documents.pdf())]
    res = form.submit("submit", status=400)
    assert "virus.exe: This type of file is not accepted." in text_of(res.text)
    assert saved(db, entry_id) == ("", {}, [])
    form = res.forms["deform"]
    assert form["q_why-this-experience"].value == "Typed before the bad file."
    assert kept(res) == ["report.pdf: added when you save"]
    form.submit("submit", status=302)
    with db() as s:
        entry = s.get(AwardEntry, entry_id)
        assert entry.status == "submitted" and [d.file.filename for d in entry.documents] == ["report.pdf"]


def test_a_blind_call_refuses_a_pdf_it_cannot_clean_and_keeps_the_rest(app, network, open_call, db):
    poa = member(app)
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="With a PDF in an odd font.")
    form["add"] = [Upload("scan.pdf", documents.pdf_in_unreadable_font())]
    res = form.submit("save", status=400)
    text = text_of(res.text)
    assert "“scan.pdf” was not added: This PDF shows its text in fonts whose characters the portal cannot read" in text
    assert "Upload a copy without the names of your organisation, city and people." in text
    assert res.forms["deform"]["q_why-this-experience"].value == "With a PDF in an odd font."
    assert kept(res) == []  # refused: not offered again
    assert saved(db, entry_id) == ("", {}, [])
    form = poa.get(f"/awards/entries/{entry_id}/edit", {"_LOCALE_": "es"}).forms["deform"]
    form["add"] = [Upload("scan.pdf", documents.pdf_in_unreadable_font())]
    assert "no se añadió" in text_of(form.submit("save", status=400).text)


def test_a_file_held_for_one_person_cannot_be_taken_by_another(app, network, open_call, db, make_user):
    poa = member(app)
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    form["q_why-this-experience"] = "x" * 5001
    form["add"] = [Upload("report.pdf", documents.pdf())]
    res = form.submit("save", status=400)
    token = res.html.select_one("input[name=kept]")["value"]
    make_user("colleague@poa.example", role="member", member_id=network["poa"], name="Colleague")
    colleague = member(app, "colleague@poa.example", "192.0.2.13")
    body = [("csrf_token", csrf(colleague)), ("save", "1"), ("__start__", "documents:mapping"),
            ("__start__", "kept:sequence"), ("kept", token), ("__end__", "kept:sequence"), ("__end__", "documents:mapping")]
    colleague.post(f"/awards/entries/{entry_id}/edit", body, status=302)
    assert saved(db, entry_id)[2] == []
