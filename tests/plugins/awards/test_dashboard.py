"""The awards on "My space" (/my) and the call page's call to action: a member representative sees their
organisation's entries and the open call to enter; a person who cannot enter is told what they need."""
from award_helpers import start_entry, submitted_entry
from portal.testing import client, login, text_of


def panel(browser):
    return browser.get("/my").html.select_one("#my-awards")


def test_the_entries_of_my_organisation_are_on_my_space_and_no_one_elses(app, open_call, network, make_user):
    entry_id, poa = submitted_entry(app, open_call, network["exp_poa"])
    mine = panel(poa)
    assert mine.select_one(f'a[href="/awards/entries/{entry_id}"]').text == "Neighbourhood budget assemblies"
    assert "Submitted" in text_of(str(mine))

    dakar = client(app, "192.0.2.12")
    login(dakar, "rep@dakar.example")
    theirs = panel(dakar)
    assert "Neighbourhood budget assemblies" not in text_of(str(theirs))
    # Aminata works in French, which the portal then speaks
    assert "Votre organisation n'a encore présenté aucune candidature." in text_of(str(theirs))
    # the open call is offered to the organisation that may still enter it
    assert theirs.select_one(f'.my-action a[href="/awards/{open_call}"]') is not None


def test_a_draft_entry_says_draft(app, open_call, network):
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    mine = panel(poa)
    item = mine.select_one(f'a[href="/awards/entries/{entry_id}"]').parent
    assert "Draft" in text_of(str(item))


def test_someone_with_no_organisation_and_no_jury_has_no_awards_panel(app, open_call, make_user):
    make_user("reader@example.org")
    browser = client(app, "192.0.2.13")
    login(browser, "reader@example.org")
    assert panel(browser) is None


def test_an_anonymous_visitor_is_told_to_log_in_to_apply(app, open_call):
    res = client(app).get(f"/awards/{open_call}")
    cta = res.html.select_one(".call-to-action a")
    assert cta.text == "Member representatives: log in to apply."
    assert cta["href"] == f"/login?came_from=%2Fawards%2F{open_call}"
    assert not res.html.select(f'a[href="/awards/{open_call}/enter"]')


def test_a_logged_in_non_representative_is_told_what_they_need(app, open_call, make_user):
    make_user("reader@example.org")
    browser = client(app, "192.0.2.13")
    login(browser, "reader@example.org")
    res = browser.get(f"/awards/{open_call}")
    text = text_of(str(res.html.select_one(".call-to-action")))
    assert "Entries are submitted by the representatives of member organisations." in text
    assert res.html.select_one('.call-to-action a[href="/join"]') is not None
    assert not res.html.select(f'a[href="/awards/{open_call}/enter"]')


def test_a_representative_sees_the_entry_button_not_the_call_to_action(app, open_call, network):
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    res = poa.get(f"/awards/{open_call}")
    assert res.html.select_one(".call-to-action") is None
    assert res.html.select(f'a[href="/awards/{open_call}/enter"]')


def test_a_juror_finds_their_reviews_on_my_space_while_the_jury_works(app, open_call, network, at, db, make_user):
    from award_helpers import assign_to_one_juror, juror_browser
    entry_id, _ = submitted_entry(app, open_call, network["exp_poa"])
    assign_to_one_juror(app, at, db, make_user, open_call, entry_id)
    jules = juror_browser(app, "jules@example.org")
    found = panel(jules)
    link = found.select_one(f'a[href="/awards/{open_call}/reviews"]')
    assert link.text == "Your reviews" and "Juror" in text_of(str(found))
    # a representative who is no juror has no such line
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    assert panel(poa).select_one(f'a[href="/awards/{open_call}/reviews"]') is None
