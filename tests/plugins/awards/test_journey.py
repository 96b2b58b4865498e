"""The secretariat's journey from the closing of a call to its published results, and the jurors' in
between: each step says what it waits for; what cannot be done yet is refused with its reason and
changes nothing; jurors work in steps; the results page is one worth publishing."""
import re
from datetime import timedelta

import award_documents as documents
from award_helpers import (CLOSES_UTC, EVALUATION, RESULTS_UTC, accept, add_experience, add_juror, assign_to_one_juror,
                           close_and_accept, juror_browser, porto_alegre_entry, secretariat, submitted_entry)
from webtest import Upload

from portal.testing import client, csrf, text_of

from plugins.awards.models import AwardCall, Review


def steps_of(page):
    """{step title: (state, text)} of the steps on a call's page, as the secretariat reads them."""
    found = {}
    for item in page.html.select("ol.steps > li"):
        state = [c for c in item["class"] if c in ("done", "current", "later")][0]
        found[item.select_one("strong").get_text(strip=True)] = (state, " ".join(item.get_text(" ").split()), item)
    return found


def test_assigning_with_too_few_jurors_says_what_is_missing_and_changes_nothing(app, network, open_call, at, db,
                                                                                 make_user, maildir, registry):
    entry_id, _poa = submitted_entry(app, open_call, network["exp_poa"])
    admin = close_and_accept(app, at, entry_id)
    make_user("jules@example.org", name="Jules Juror")
    add_juror(admin, open_call, "jules@example.org")  # one juror; the call asks for 2 reviews per entry
    maildir.deliver(registry)
    before = len(maildir.messages())
    res = admin.post(f"/awards/{open_call}/assign", {"csrf_token": csrf(admin)}, status=400)
    text = text_of(res.text)
    assert "2 reviews per entry need at least 2 jurors without a conflict; you have 1" in text
    assert res.forms["deform"].action.endswith(f"/awards/{open_call}/jury")  # the jury's page, to add one
    with db() as s:
        assert s.query(Review).count() == 0 and s.get(AwardCall, open_call).assigned is None
    maildir.deliver(registry)
    assert len(maildir.messages()) == before
    # the button says so before anyone clicks it
    page = admin.get(f"/awards/{open_call}/jury")
    assert page.html.select_one("section.assign button")["disabled"] is not None
    make_user("eva@example.org", name="Eva Expert")
    add_juror(admin, open_call, "eva@example.org")
    admin.post(f"/awards/{open_call}/assign", {"csrf_token": csrf(admin)}, status=302)
    with db() as s:
        assert s.query(Review).count() == 2


def test_the_call_page_shows_the_steps_and_points_to_the_one_waiting(app, network, open_call, at, db, make_user):
    """One entry not yet found eligible: assigning says so, the steps point to eligibility, /manage too."""
    entry_id, _poa = submitted_entry(app, open_call, network["exp_poa"])
    at.set(CLOSES_UTC + timedelta(days=1))
    admin = secretariat(app)
    res = admin.post(f"/awards/{open_call}/assign", {"csrf_token": csrf(admin)}, status=400)
    assert "1 entries wait for the eligibility check: decide on them first" in text_of(res.text)
    steps = steps_of(admin.get(f"/awards/{open_call}"))
    assert list(steps) == ["Close the call", "Check the eligibility", "Name the jurors", "Assign the entries",
                           "Reviews by the jury", "Rank and choose the winners", "Publish the results"]
    assert steps["Close the call"][0] == "done" and "1 entries submitted" in steps["Close the call"][1]
    state, text, item = steps["Check the eligibility"]
    assert state == "current" and "1 entries wait for your decision." in text
    assert item.select_one("a.button")["href"] == f"/awards/{open_call}/entries"
    assert "Check the eligibility (1 waiting)" in text
    assign = steps["Assign the entries"][2]
    assert assign.select_one("button")["disabled"] is not None  # not before the eligibility
    assert "First decide on the eligibility of the 1 entries waiting." in steps["Assign the entries"][1]
    assert "0 of 0 reviews done" in steps["Reviews by the jury"][1]
    # /manage lists it under "Waiting for you"
    waiting = admin.get("/manage").html.select_one("section.waiting")
    assert waiting is not None and "7th Good Practice Award" in waiting.get_text()
    assert "Check the eligibility" in waiting.get_text() and "1 entries wait for your decision." in waiting.get_text()
    # after the decision, the next step is due, and the form on the call's page assigns
    accept(admin, entry_id)
    for email in ("jules@example.org", "eva@example.org"):
        make_user(email)
        add_juror(admin, open_call, email)
    steps = steps_of(admin.get(f"/awards/{open_call}"))
    assert steps["Check the eligibility"][0] == "done" and steps["Name the jurors"][0] == "done"
    assert steps["Assign the entries"][0] == "current"
    page = admin.get(f"/awards/{open_call}")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/assign")][0]].submit(status=302)
    steps = steps_of(admin.get(f"/awards/{open_call}"))
    assert steps["Assign the entries"][0] == "done" and steps["Reviews by the jury"][0] == "current"
    assert "0 of 2 reviews done" in steps["Reviews by the jury"][1]
    # nobody else sees the steps nor the tasks
    visitor = client(app, "192.0.2.99")
    assert not visitor.get(f"/awards/{open_call}").html.select("ol.steps")


def scored_setup(app, network, open_call, at, db, make_user):
    """Two eligible entries, one juror reviewing both (one review per entry), during the evaluation."""
    with db() as s:
        call = s.get(AwardCall, open_call)
        call.reviews_per_entry = 1
        call.criteria = [dict(c, description=f"What the jury looks for in {c['title'].lower()}.") for c in call.criteria]
    poa_entry, _poa = submitted_entry(app, open_call, network["exp_poa"])
    dakar_entry, _dakar = submitted_entry(app, open_call, network["exp_dakar"], email="rep@dakar.example",
                                          address="192.0.2.12", category="digital-participation")
    at.set(CLOSES_UTC + timedelta(days=1))
    admin = secretariat(app)
    for entry_id in (poa_entry, dakar_entry):
        accept(admin, entry_id)
    make_user("jules@example.org", name="Jules Juror")
    add_juror(admin, open_call, "jules@example.org", country="GB")
    admin.post(f"/awards/{open_call}/assign", {"csrf_token": csrf(admin)}, status=302)
    at.set(EVALUATION)
    with db() as s:
        reviews = {r.entry_id: r.id for r in s.query(Review)}
    return admin, poa_entry, dakar_entry, reviews


def test_a_juror_works_in_steps_and_keeps_seeing_their_scores(app, network, open_call, at, db, make_user):
    admin, poa_entry, dakar_entry, reviews = scored_setup(app, network, open_call, at, db, make_user)
    juror = juror_browser(app, "jules@example.org")
    page = juror.get(f"/awards/reviews/{reviews[poa_entry]}")
    text = text_of(page.text)
    # each criterion shows its scale and what the jury looks for; progress and the next entry
    assert "From 0 (not at all) to 10 (exemplary); weight 40. What the jury looks for in innovation." in text
    assert "Entry 1 of 2 · 0 of 2 scored" in text
    assert page.html.select_one("nav.review-nav a.button")["href"] == f"/awards/reviews/{reviews[dakar_entry]}"
    # nothing required by the browser: a partial review is saved
    form = page.forms["deform"]
    assert form["score_innovation"].attrs.get("required") is None
    form["score_innovation"] = "9"
    res = form.submit("score", status=302).follow()
    assert "Scores saved: 1 of 2 criteria." in text_of(res.text)
    assert res.forms["deform"]["score_innovation"].value == "9"
    assert "Partly scored: 1 of 2 criteria" in text_of(juror.get(f"/awards/{open_call}/reviews").text)
    ranking = text_of(admin.get(f"/awards/{open_call}/ranking").text)
    assert "1 reviews are partly scored" in ranking and "0 / 1 +1 under way" in ranking  # not counted yet
    form = res.forms["deform"]
    form["score_impact"] = "7"
    res = form.submit("score", status=302).follow()
    assert "Scores saved. You can change them" in text_of(res.text)
    assert "Entry 1 of 2 · 1 of 2 scored" in text_of(res.text)
    assert "7.80" in text_of(admin.get(f"/awards/{open_call}/ranking").text)  # (9 × 40 + 7 × 60) / 100
    # after the evaluation the juror still reads their own scores, without a form
    at.set(CLOSES_UTC + timedelta(days=46))
    page = juror.get(f"/awards/reviews/{reviews[poa_entry]}")
    assert "deform" not in page.forms
    scores = text_of(page.html.select_one("dl.my-scores").decode())
    assert "Innovation 9 / 10" in scores and "Impact 7 / 10" in scores


def test_documents_are_read_in_the_review_page(app, network, open_call, at, db, make_user):
    poa, entry_id, form = porto_alegre_entry(app, open_call, network)
    form["add"] = [Upload("report.pdf", documents.pdf()), Upload("photo.jpg", documents.jpeg_with_exif()),
                   Upload("figures.xlsx", documents.xlsx())]
    form.submit("submit", status=302)
    review_id, _admin = assign_to_one_juror(app, at, db, make_user, open_call, entry_id)
    juror = juror_browser(app, "jules@example.org")
    page = juror.get(f"/awards/reviews/{review_id}")
    frame = page.html.select_one(".documents iframe")
    image = page.html.select_one(".documents img")
    assert frame["src"] == f"/awards/reviews/{review_id}/documents/1?inline=1" and frame["title"] == "document-1.pdf"
    assert image["src"] == f"/awards/reviews/{review_id}/documents/2?inline=1"
    assert len(page.html.select(".documents iframe, .documents img")) == 2  # a spreadsheet is downloaded
    shown = juror.get(frame["src"])
    assert shown.content_type == "application/pdf" and shown.headers["Content-Disposition"].startswith("inline")
    assert shown.headers["X-Content-Type-Options"] == "nosniff" and shown.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "default-src 'none'" in shown.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in shown.headers["Content-Security-Policy"]
    assert b"Luiza" not in shown.body  # scrubbed, as every document of a blind review
    assert juror.get(image["src"]).content_type == "image/jpeg"
    # the page that frames it allows frames from the portal only
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_the_entry_form_submits_first_and_an_ongoing_experience_says_so(app, network, open_call, at, db):
    ongoing = add_experience(db, "Participatory budget of the districts", network["poa"], "Porto Alegre", "BR",
                             start_year=2017)
    entry_id, poa = submitted_entry(app, open_call, ongoing)
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    buttons = form.html.select(".deform-form-buttons button")
    assert [b.get_text(strip=True) for b in buttons] == ["Submit the entry", "Save the draft"]
    assert "btn-primary" in buttons[0]["class"] and "btn-primary" not in buttons[1]["class"]
    assert "(2017 – ongoing)" in text_of(poa.get(f"/awards/entries/{entry_id}").text)
    spanish = text_of(poa.get(f"/awards/entries/{entry_id}", {"_LOCALE_": "es"}).text)
    assert "(2017 – en curso)" in spanish


def test_the_results_page_shows_the_winners_their_images_the_jury_and_the_ceremony(app, network, open_call, at, db,
                                                                                   make_user):
    admin, poa_entry, dakar_entry, reviews = scored_setup(app, network, open_call, at, db, make_user)
    with db() as s:
        from plugins.experiences.models import Experience
        from portal.models import File
        exp = s.get(Experience, network["exp_poa"])
        s.add(File(filename="assembly.jpg", mimetype="image/jpeg", size=10, sha256="0" * 64, path="x/assembly.jpg",
                   title="An assembly in the east zone", content_id=exp.id))
    form = admin.get(f"/awards/{open_call}/edit").forms["deform"]
    form["ceremony"] = "https://conference.example.org/award-ceremony"
    form.submit("save", status=302)
    form = admin.get(f"/awards/{open_call}/ranking").forms["outcomes"]
    form[f"outcome_{poa_entry}"] = "winner"
    form[f"outcome_{dakar_entry}"] = "mention"
    form.submit("outcomes", status=302)
    form = admin.get(f"/awards/{open_call}/ranking").forms["outcomes"]
    form[f"statement_{poa_entry}"] = "Assemblies that reached every district."
    form[f"statement_{dakar_entry}"] = "Young people decide by the sea."
    form.submit("outcomes", status=302)
    at.set(RESULTS_UTC + timedelta(minutes=1))
    page = client(app, "192.0.2.99").get(f"/awards/{open_call}/results")
    text = text_of(page.text)
    assert "2 entries from 2 countries" in text
    winner = page.html.select_one("section.winners li.award-winner")
    assert winner.select_one("img")["alt"] == "An assembly in the east zone"
    assert "Assemblies that reached every district." in winner.get_text()
    assert "Young people decide by the sea." in page.html.select_one("section.mentions").get_text()
    assert "Jules Juror (United Kingdom)" in page.html.select_one("section.jury-list").get_text(" ")
    assert page.html.find("a", string=re.compile("The award ceremony"))["href"] == \
        "https://conference.example.org/award-ceremony"
    # before the date, nothing of it
    at.set(RESULTS_UTC - timedelta(minutes=1))
    early = text_of(client(app, "192.0.2.98").get(f"/awards/{open_call}/results").text)
    assert "Assemblies that reached every district." not in early and "Jules Juror" not in early


def test_the_ceremony_can_be_an_event_of_the_portal(app, network, open_call, db):
    admin = secretariat(app)
    form = admin.get(f"/awards/{open_call}/edit").forms["deform"]
    form["ceremony"] = "next week"
    res = form.submit("save", status=400)
    assert "An address (https://…) or the number of one of the portal's events." in text_of(res.text)
    form = res.forms["deform"]
    form["ceremony"] = "42"
    form.submit("save", status=302)
    with db() as s:
        assert s.get(AwardCall, open_call).ceremony == "42"
    from pyramid.scripting import prepare
    from plugins.awards.calls import ceremony_link
    env = prepare(registry=app.registry)
    try:
        with db() as s:
            assert ceremony_link(env["request"], s.get(AwardCall, open_call)) == "/events/42"
    finally:
        env["closer"]()
