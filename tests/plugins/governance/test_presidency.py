"""The presidency call: a member organisation's representative submits its candidacy (texts, documents)
while the call is open, nobody else (403, nothing recorded); the secretariat checks eligibility with a
reason; eligible candidates are public; the result is announced once, mailed to every representative
in their language and put on the winner's timeline."""

from governance_helpers import add_member, candidacies, make_call
from webtest import Upload

from portal.testing import client, csrf, login, text_of

DOSSIER = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def candidacy_form(browser, year=2014, statement="<p>Cascais hosts the conference.</p><script>x()</script>"):
    form = browser.get(f"/governance/presidency/{year}/candidacy").forms["deform"]
    form["statement"] = statement
    form["programme"] = "<p>A year of exchanges.</p>"
    form["add"] = [Upload("mayor-letter.pdf", DOSSIER)]
    return form


def test_a_representative_submits_the_candidacy_of_their_organisation(testapp, db, make_user, at):
    make_call(db)
    cascais = add_member(db, "Cascais")
    make_user("rep@cascais.pt", role="member", member_id=cascais, name="Rita Rep")
    login(testapp, "rep@cascais.pt")
    call_page = testapp.get("/governance/presidency/2014")
    assert "Be a member city." in text_of(call_page.text)
    res = call_page.click(description="Submit the candidacy of your organisation")
    form = res.forms["deform"]
    form["statement"] = "<p>Cascais hosts the conference.</p><script>x()</script>"
    form["add"] = [Upload("mayor-letter.pdf", DOSSIER)]
    page = form.submit("save", status=302).follow()
    assert "the secretariat checks its eligibility" in text_of(page.text)
    assert "Eligibility not checked yet" in text_of(page.text)
    assert "<script>" not in page.text  # cleaned by the core
    assert candidacies(db) == [(cascais, "pending", "", ["mayor-letter.pdf"], False)]
    assert testapp.get(page.html.select_one("a[href*=documents]")["href"]).body == DOSSIER
    # a second submission changes the same candidacy: one per organisation
    candidacy_form(testapp, statement="<p>Cascais, again.</p>").submit("save", status=302)
    assert [c[0] for c in candidacies(db)] == [cascais]


def test_only_a_representative_submits_and_only_while_the_call_is_open(testapp, app, db, make_user, secretariat, at):
    make_call(db)
    cascais = add_member(db, "Cascais")
    make_user("rep@cascais.pt", role="member", member_id=cascais)
    make_user("someone@example.org")
    testapp.get("/governance/presidency/2014/candidacy", status=302)  # a visitor: asked to log in
    for email in ("someone@example.org", "sec@example.org"):
        browser = client(app)
        login(browser, email)
        browser.get("/governance/presidency/2014/candidacy", status=403)
        browser.post("/governance/presidency/2014/candidacy",
                     {"csrf_token": csrf(browser), "statement": "<p>Us</p>", "save": "1"}, status=403)
    assert candidacies(db) == []
    login(testapp, "rep@cascais.pt")
    form = candidacy_form(testapp)
    at.set(at.now.replace(year=2027, month=1, day=2))  # the call closed on 31 December
    res = form.submit("save", status=400)
    assert "The call receives candidacies from 2026-11-01 to 2026-12-31." in text_of(res.text)
    assert "Cascais hosts the conference" in res.text  # what was typed is kept
    assert candidacies(db) == []


def test_the_secretariat_checks_eligibility_with_a_reason_and_eligible_candidates_are_public(
        testapp, app, db, make_user, secretariat, at):
    make_call(db)
    cascais, lyon = add_member(db, "Cascais"), add_member(db, "Lyon", country="FR")
    make_user("rep@cascais.pt", role="member", member_id=cascais)
    make_user("rep@lyon.fr", role="member", member_id=lyon)
    for email in ("rep@cascais.pt", "rep@lyon.fr"):
        browser = client(app)
        login(browser, email)
        candidacy_form(browser).submit("save", status=302)
    visitor = client(app)
    assert "No eligible candidacy yet." in text_of(visitor.get("/governance/presidency/2014").text)
    from plugins.governance.presidency import Candidacy
    from sqlalchemy import select
    with db() as s:
        ids = dict(s.execute(select(Candidacy.member_id, Candidacy.id)).all())
    visitor.get(f"/governance/candidacies/{ids[cascais]}", status=302)  # not public while unchecked: log in
    lyon_rep = client(app)
    login(lyon_rep, "rep@lyon.fr")
    lyon_rep.get(f"/governance/candidacies/{ids[cascais]}", status=404)  # another organisation's: not found

    login(testapp, "sec@example.org")
    form = testapp.get(f"/governance/candidacies/{ids[cascais]}/eligibility").forms["deform"]
    form["eligibility"] = "eligible"
    res = form.submit("save", status=400)  # no reason
    assert res.forms["deform"]["eligibility"].value == "eligible"
    form = res.forms["deform"]
    form["reason"] = "A member local government; the dossier is complete."
    form.submit("save", status=302)
    form = testapp.get(f"/governance/candidacies/{ids[lyon]}/eligibility").forms["deform"]
    form["eligibility"], form["reason"] = "ineligible", "The mayor's letter is missing."
    form.submit("save", status=302)
    assert [c[1:3] for c in candidacies(db)] == [("eligible", "A member local government; the dossier is complete."),
                                                  ("ineligible", "The mayor's letter is missing.")]
    public = visitor.get("/governance/presidency/2014")
    assert [a.get_text() for a in public.html.select(".presidency-candidates a")] == ["Cascais"]
    assert "Cascais hosts the conference" in visitor.get(f"/governance/candidacies/{ids[cascais]}").text
    visitor.get(f"/governance/candidacies/{ids[lyon]}", status=302)
    assert "The mayor's letter is missing." in text_of(lyon_rep.get(f"/governance/candidacies/{ids[lyon]}").text)
    lyon_rep.get(f"/governance/candidacies/{ids[lyon]}/eligibility", status=403)


def test_the_result_is_mailed_in_each_language_and_on_the_winners_timeline(testapp, app, db, make_user,
                                                                           secretariat, maildir, registry, at):
    from plugins.governance.presidency import Candidacy
    make_call(db)
    cascais, lyon = add_member(db, "Cascais"), add_member(db, "Lyon", country="FR")
    make_user("rep@cascais.pt", role="member", member_id=cascais)
    make_user("rep@lyon.fr", role="member", member_id=lyon, language="fr")
    with db() as s:
        s.add(Candidacy(call_id=1, member_id=cascais, statement="<p>Us</p>", programme="", eligibility="eligible",
                        reason="ok"))
    login(testapp, "sec@example.org")
    form = testapp.get("/governance/presidency/2014/result").forms["deform"]
    form["winner"] = form["winner"].options[1][0]
    form["note"] = "Elected at the plenary in Cascais."
    form.submit("announce", status=302)
    assert candidacies(db)[0][4] is True
    page = text_of(client(app).get("/governance/presidency/2014").text)
    assert "Cascais holds the presidency of the network for 2014 ." in page
    maildir.deliver(registry)
    mails = sorted((str(m["To"]), str(m["Subject"])) for m in maildir.messages())
    # every representative, the secretariat's own account (no organisation) not among them
    assert [to for to, _subject in mails] == ["rep@cascais.pt", "rep@lyon.fr"]
    assert mails[0][1] == "The presidency of the network for 2014: Cascais"
    timeline = text_of(client(app).get(f"/members/{cascais}").text)
    assert "Presidency of the network for 2014" in timeline
    again = testapp.get("/governance/presidency/2014/result").forms["deform"]
    again["winner"] = again["winner"].options[1][0]
    assert "already announced" in text_of(again.submit("announce", status=400).text)


def test_the_calls_list_shows_published_calls_to_everyone(testapp, db, secretariat, at):
    make_call(db, year=2014)
    make_call(db, year=2015, published=False)
    listing = testapp.get("/governance/presidency")
    assert [a.get_text() for a in listing.html.select("main ul.plain a")] == ["Presidency 2014"]
    testapp.get("/governance/presidency/2015", status=302)  # not published: the secretariat's alone
    login(testapp, "sec@example.org")
    assert "Not published" in text_of(testapp.get("/governance/presidency").text)
