"""Award calls: the whole cycle (call, entries, eligibility, jury with conflicts, scoring, ranking,
embargoed results, publication mails through a real SMTP server), the deadline on a controlled
clock, and blind review checked on every page a juror can open."""
import csv
import io
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import award_documents as documents
import pytest
from award_helpers import (CLOSES_UTC, RESULTS_UTC, UTC, add_experience, add_member, close_and_accept, create_call,
                           fill_entry, porto_alegre_entry, rows, secretariat, start_entry)
from webtest import Upload

from portal.models import Member, utcnow
from portal.testing import client, csrf, login, text_of

from plugins.awards.models import AwardCall, AwardEntry, Juror, Review
from plugins.experiences.models import Experience

BOTH_BACKENDS = pytest.mark.parametrize("search_backend", ["whoosh", "postgresql"])


def add_documents(browser, entry_id, *files, submit="save", status=302, **fill):
    """Choose files in the entry form and save it (or submit it), as a member does."""
    form = browser.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    if fill:
        fill_entry(form, **fill)
    form["add"] = [Upload(name, data) for name, data in files]
    return form.submit(submit, status=status)


def test_the_secretariat_creates_a_call_in_its_time_zone_and_copies_it(testapp, app, network, at, db):
    admin = secretariat(app)
    # bad input: dates out of order and a weight that is not a number come back with errors, nothing lost
    res = create_call(admin, closes="2027-01-01T00:00", criteria=[{"name": "Innovation", "weight": "lots"}])
    assert res.status_int == 400
    text = text_of(res.text)
    assert "This date must come after the one above it." in text
    assert "“Innovation”: a weight is a whole number from 1 to 100." in text
    assert res.forms["deform"]["title"].value == "Good Practice Award"
    res = create_call(admin).follow()
    with db() as s:
        call = s.query(AwardCall).one()
        assert call.closes == CLOSES_UTC  # 23:59 in São Paulo is 02:59 UTC the next day
        assert call.results_date == RESULTS_UTC
        assert [c["weight"] for c in call.criteria] == [40, 60]
        assert call.questions[1]["kind"] == "choice" and call.questions[1]["choices"] == ["under 1 million",
                                                                                         "over 1 million"]
        call_id = call.id
    assert "x()" not in res.text and "Be bold." in res.text
    # the deadline in the call's city, and on the reader's clock when it reads otherwise
    assert "Closes on Mar 31, 2027, 11:59 PM in São Paulo, Apr 1, 2027, 2:59 AM UTC" in text_of(res.text)
    page = res.request.url
    testapp.set_cookie("portal_tz", "Europe/Madrid")
    assert "Mar 31, 2027, 11:59 PM in São Paulo, Apr 1, 2027, 4:59 AM in Madrid" in text_of(testapp.get(page).text)
    testapp.set_cookie("portal_tz", "America/Sao_Paulo")
    text = text_of(testapp.get(page).text)
    assert "Closes on Mar 31, 2027, 11:59 PM in São Paulo Results" in text  # one clock: nothing to add
    testapp.reset()
    listing = text_of(testapp.get("/awards").text)
    assert "7th Good Practice Award" in listing and "Upcoming" in listing
    at.set(datetime(2027, 2, 1, tzinfo=UTC))
    assert "Open" in text_of(testapp.get("/awards").text)
    french = text_of(testapp.get("/awards", {"_LOCALE_": "fr"}).text)
    assert "Prix de bonnes pratiques en participation citoyenne" in french and "Ouvert" in french
    assert "31 mars 2027, 23:59" in french
    # next year's call starts as a copy of this one, its dates a year on
    form = admin.get(f"/awards/add?copy={call_id}").forms["deform"]
    assert form["title"].value == "Good Practice Award" and form["closes"].value == "2028-03-31T23:59"
    criteria = rows(form, "criteria")
    assert (criteria[0]["name"].value, criteria[0]["weight"].value) == ("Innovation", "40")
    assert form["edition"].value == ""
    form["edition"] = "8th"
    form.submit("save", status=302)
    with db() as s:
        assert s.query(AwardCall).count() == 2
    # members cannot create calls
    login(testapp, "rep@poa.example")
    testapp.get("/awards/add", status=403)


def test_deadline_is_checked_on_the_server_in_the_calls_time_zone(testapp, app, network, open_call, at, db):
    login(testapp, "rep@poa.example")
    entry_id = start_entry(testapp, open_call, network["exp_poa"])
    form = testapp.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="A first draft")
    form.submit("save", status=302)
    # resumed later: the draft is there
    form = testapp.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    assert form["q_why-this-experience"].value == "A first draft"
    form["q_why-this-experience"] = "Rewritten at the last minute"
    # the page was opened before the deadline; the submission arrives one minute after it (São Paulo time)
    at.set(CLOSES_UTC + timedelta(minutes=1))
    res = form.submit("submit", status=400)
    text = text_of(res.text)
    assert "The call closed on Mar 31, 2027, 11:59 PM in São Paulo" in text
    assert res.forms["deform"]["q_why-this-experience"].value == "Rewritten at the last minute"  # what was typed
    with db() as s:
        entry = s.get(AwardEntry, entry_id)
        assert entry.status == "draft" and entry.answers["why-this-experience"] == "A first draft"  # the draft kept
    # one minute before the deadline it would have gone through
    at.set(CLOSES_UTC - timedelta(minutes=1))
    form = testapp.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    form.submit("submit", status=302)
    with db() as s:
        assert s.get(AwardEntry, entry_id).status == "submitted"
    # and after it, nothing changes any more, not even the documents
    at.set(CLOSES_UTC)
    testapp.post(f"/awards/entries/{entry_id}/edit", {"csrf_token": csrf(testapp), "submit": "1",
                                                       "category": "digital-participation"}, status=400)
    testapp.post(f"/awards/entries/{entry_id}/edit", {"csrf_token": csrf(testapp), "save": "1"},
                 upload_files=[("add", "late.pdf", documents.pdf())], status=400)
    with db() as s:
        assert s.get(AwardEntry, entry_id).category == "inclusion" and not s.get(AwardEntry, entry_id).documents


def test_an_entry_missing_answers_is_kept_as_a_draft_and_not_submitted(testapp, network, open_call, db):
    login(testapp, "rep@poa.example")
    entry_id = start_entry(testapp, open_call, network["exp_poa"])
    form = testapp.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="Half an answer", population="")
    res = form.submit("submit", status=400)
    assert "The draft is saved. To submit it, answer every question" in text_of(res.text)
    assert res.forms["deform"]["q_why-this-experience"].value == "Half an answer"
    with db() as s:
        entry = s.get(AwardEntry, entry_id)
        assert entry.status == "draft" and entry.answers["why-this-experience"] == "Half an answer"


def crawl(browser, start, prefix="/awards"):
    """Every page (and document) under prefix reachable by links from start, as the browser sees it."""
    seen, todo, pages = set(), [start], {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        res = browser.get(url, status="*")
        pages[url] = res
        if res.content_type == "text/html":
            for link in re.findall(r'href="([^"#]+)"', res.text):
                path = urlsplit(link).path
                if path.startswith(prefix) and path not in seen:
                    todo.append(path)
    return pages


@BOTH_BACKENDS
def test_whole_cycle(testapp, app, network, open_call, at, db, registry, make_user, smtp_server, maildir, settings):
    call_id = open_call
    # a member representative submits an entry: an existing experience, the questions, a document
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_poa = start_entry(poa, call_id, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_poa}/edit").forms["deform"]
    fill_entry(form)
    res = poa.post(f"/awards/entries/{entry_poa}/edit", {"csrf_token": csrf(poa), "save": "1",
                                                         "category": "inclusion", "q_population": "ten people"},
                   status=400)  # not one of the choices
    assert "is not one of" in text_of(res.text) or "not one of" in text_of(res.text).lower()
    add_documents(poa, entry_poa, ("porto-alegre-budget.pdf", documents.pdf()))
    form = poa.get(f"/awards/entries/{entry_poa}/edit").forms["deform"]
    fill_entry(form, why="Porto Alegre invented it.")
    form.submit("submit", status=302)
    # a second entry of the same organisation is refused: one per member
    other = add_experience(db, "Another Porto Alegre practice", network["poa"], "Porto Alegre", "BR")
    second = start_entry(poa, call_id, other)
    form = poa.get(f"/awards/entries/{second}/edit").forms["deform"]
    fill_entry(form)
    res = form.submit("submit", status=400)
    assert "already submitted 1 entries" in text_of(res.text)
    # Dakar writes a new experience in the experience form, within the call
    dakar = client(app, "192.0.2.12")
    login(dakar, "rep@dakar.example")
    form = dakar.get(f"/awards/{call_id}/enter/experience").forms["deform"]
    form["title"], form["city"], form["country"] = "Sea front youth budget", "Dakar", "SN"
    form["mechanism"], form["scale"], form["start_year"] = "participatory-budget", "city", "2019"
    for box in form.fields.get("checkbox", []):
        box.checked = box._value == "youth-participation"
    entry_url = form.submit("save", status=302).location
    entry_dakar = int(urlsplit(entry_url).path.split("/")[3])
    with db() as s:
        written = s.query(Experience).filter_by(title="Sea front youth budget").one()
        assert written.member_id == network["dakar"] and written.state == "draft"
        assert s.get(AwardEntry, entry_dakar).experience_id == written.id
    form = dakar.get(entry_url).forms["deform"]
    form["experience_id"] = str(network["exp_dakar"])  # on second thoughts, their published one
    fill_entry(form, category="digital-participation")
    form.submit("submit", status=302)
    # confirmation mails with a summary
    maildir.deliver(registry)
    mails = {m["To"]: m for m in maildir.messages()}
    body = mails["rep@poa.example"].get_payload(decode=True).decode()
    assert "Neighbourhood budget assemblies" in body and "Porto Alegre invented it." in body
    assert "porto-alegre-budget.pdf" in body and "Inclusion" in body
    assert "Youth councils by the sea" in mails["rep@dakar.example"].get_payload(decode=True).decode()

    # eligibility, with a reason the applicant sees
    at.set(CLOSES_UTC + timedelta(days=1))
    admin = secretariat(app)
    res = admin.get(f"/awards/entries/{entry_dakar}")
    form = res.forms["deform"]
    form["eligible"] = "no"
    assert form.submit("decide", status=400)  # a refusal needs its reason
    for entry_id, eligible, reason in ((entry_poa, "yes", ""), (entry_dakar, "yes", "Membership fees paid.")):
        form = admin.get(f"/awards/entries/{entry_id}").forms["deform"]
        form["eligible"], form["reason"] = eligible, reason
        form.submit("decide", status=302)
    assert "Membership fees paid." in text_of(dakar.get(f"/awards/entries/{entry_dakar}").text)
    # a third entry, from a Brazilian member, to exercise the country rule
    rio = add_member(db, "Rio de Janeiro", "BR", "latin-america-caribbean")
    make_user("rep@rio.example", role="member", member_id=rio, name="Carlos Rio")
    exp_rio = add_experience(db, "Favela participatory mapping", rio, "Rio de Janeiro", "BR")
    with db() as s:
        s.add(AwardEntry(call_id=call_id, member_id=rio, experience_id=exp_rio, category="digital-participation", answers={},
                         status="submitted", submitted=CLOSES_UTC - timedelta(days=2), eligible=True))

    # the jury: an outside expert invited by mail, a Brazilian juror, a juror from Dakar's member organisation
    make_user("brazil@example.org", name="Bruno Juror")
    make_user("dakar-staff@example.org", name="Dakar Staff", member_id=network["dakar"])
    form = admin.get(f"/awards/{call_id}/jury").forms["deform"]
    form["email"], form["name"] = "expert@university.example", "Eva Expert"
    form.submit("add", status=302)
    for email, country in (("brazil@example.org", "BR"), ("dakar-staff@example.org", "")):
        form = admin.get(f"/awards/{call_id}/jury").forms["deform"]
        form["email"], form["country"] = email, country
        form.submit("add", status=302)
    maildir.deliver(registry)
    invitation = [m for m in maildir.messages() if m["To"] == "expert@university.example"][0]
    link = re.search(r"http://portal.test(/password/reset/\S+)|(http://\S+/reset\S*)",
                     invitation.get_payload(decode=True).decode())
    assert link, invitation.get_payload(decode=True).decode()
    expert = client(app, "192.0.2.30")
    reset = expert.get(urlsplit(link.group(0)).path)
    reset.forms["deform"]["password"] = "expert-password-1"
    reset.forms["deform"]["password-confirm"] = "expert-password-1"
    reset.forms["deform"].submit("save", status=302)

    # automatic assignment: 2 reviews each, nobody from the entry's member organisation or country
    admin.post(f"/awards/{call_id}/assign", {"csrf_token": csrf(admin)}, status=302)
    with db() as s:
        reviews = s.query(Review).all()
        by_entry = {}
        for r in reviews:
            by_entry.setdefault(r.entry_id, []).append(r.juror.user.email)
    assert sorted(by_entry[entry_poa]) == ["dakar-staff@example.org", "expert@university.example"]
    assert "dakar-staff@example.org" not in by_entry[entry_dakar]
    assert "brazil@example.org" not in by_entry[entry_poa]
    assert all(len(v) <= 2 for v in by_entry.values())
    # the Brazilian entry of Rio can only go to the expert and Dakar's staff
    rio_entry = [k for k in by_entry if k not in (entry_poa, entry_dakar)][0]
    assert sorted(by_entry[rio_entry]) == ["dakar-staff@example.org", "expert@university.example"]
    # each juror is told by mail how many entries wait for them; assigning again adds nothing, tells nobody
    maildir.deliver(registry)
    told = {m["To"]: m.get_payload(decode=True).decode() for m in maildir.messages()
            if m["Subject"].startswith("Entries to review")}
    load = {email: sum(email in v for v in by_entry.values()) for email in told}
    assert set(told) == {e for v in by_entry.values() for e in v}
    assert all(f"{load[email]} entries of the 7th" in body for email, body in told.items())
    before = len(maildir.messages())
    again = admin.post(f"/awards/{call_id}/assign", {"csrf_token": csrf(admin)}, status=400)
    assert "Every eligible entry has its 2 reviews already." in text_of(again.text)
    maildir.deliver(registry)
    assert len(maildir.messages()) == before

    # a juror declares a conflict: the entry goes to another juror
    staff = client(app, "192.0.2.31")
    login(staff, "dakar-staff@example.org", password="a-good-password")
    staff.get(f"/awards/{call_id}/reviews")
    with db() as s:
        review_rio = s.query(Review).join(Juror).filter(Review.entry_id == rio_entry,
                                                       Juror.user_id != None).all()  # noqa: E711
        staff_review_rio = [r.id for r in review_rio if r.juror.user.email == "dakar-staff@example.org"][0]
    form = staff.get(f"/awards/reviews/{staff_review_rio}").forms["deform1"] if False else None
    staff.post(f"/awards/reviews/{staff_review_rio}/conflict", {"csrf_token": csrf(staff), "reason": "My cousin works there",
                                                                "declare": "1"}, status=302)
    staff.get(f"/awards/reviews/{staff_review_rio}", status=404)
    with db() as s:
        active = [r.juror.user.email for r in s.query(Review).filter_by(entry_id=rio_entry, conflict=False)]
    # nobody else is free of conflicts (Brazil is excluded): the entry keeps one review, the secretariat is told
    assert active == ["expert@university.example"]

    # scoring: bad input are form errors; the juror sees only their own entries
    login(expert, "expert@university.example", password="expert-password-1")
    with db() as s:
        expert_reviews = {r.entry_id: r.id for r in s.query(Review).join(Juror).filter(Review.conflict.is_(False))
                          if r.juror.user.email == "expert@university.example"}
        staff_reviews = {r.entry_id: r.id for r in s.query(Review).filter(Review.conflict.is_(False))
                         if r.juror.user.email == "dakar-staff@example.org"}
    form = expert.get(f"/awards/reviews/{expert_reviews[entry_poa]}").forms["deform"]
    form["score_innovation"] = "11"
    res = form.submit("score", status=400)
    assert "A score from 0 to 10." in text_of(res.text)
    # a partial review is kept (a juror works in steps) but counts in the ranking only once complete
    expert.post(f"/awards/reviews/{expert_reviews[entry_poa]}",
                {"csrf_token": csrf(expert), "score": "1", "score_innovation": "8"}, status=302)
    with db() as s:
        partial = s.get(Review, expert_reviews[entry_poa])
        assert partial.scores == {"innovation": 8} and partial.done is None
    expert.get(f"/awards/reviews/{staff_reviews[entry_poa]}", status=403)  # not assigned to them
    expert.get(f"/awards/entries/{entry_poa}", status=403)
    expert.get(f"/awards/{call_id}/ranking", status=403)
    poa.get(f"/awards/entries/{entry_poa}/scores", status=403)  # an applicant opening scores
    poa.get(f"/awards/{call_id}/ranking", status=403)

    def score(browser, review_id, innovation, impact):
        form = browser.get(f"/awards/reviews/{review_id}").forms["deform"]
        form["score_innovation"], form["score_impact"] = str(innovation), str(impact)
        form["comment_impact"] = "Clear results."
        form.submit("score", status=302)

    score(expert, expert_reviews[entry_poa], 9, 9)
    score(expert, expert_reviews[entry_dakar], 6, 7)
    score(expert, expert_reviews[rio_entry], 5, 5)
    score(staff, staff_reviews[entry_poa], 2, 3)  # strong disagreement with the expert on Porto Alegre
    with db() as s:
        brazil_reviews = {r.entry_id: r.id for r in s.query(Review).filter(Review.conflict.is_(False))
                          if r.juror.user.email == "brazil@example.org"}
    bruno = client(app, "192.0.2.32")
    login(bruno, "brazil@example.org")
    score(bruno, brazil_reviews[entry_dakar], 8, 8)
    # a juror changes their mind before the evaluation closes
    score(expert, expert_reviews[entry_dakar], 7, 7)

    # progress, ranking, disagreements
    ranking = admin.get(f"/awards/{call_id}/ranking")
    text = text_of(ranking.text)
    assert "Reviews done: 5 of 5" in text
    assert "Strong disagreement between jurors" in text and "6.4 points apart" in text
    rows = re.findall(r'<td><a href="/awards/entries/(\d+)/scores">', ranking.text)
    assert rows.index(str(entry_dakar)) >= 0
    normalised = admin.get(f"/awards/{call_id}/ranking?normalise=1")
    assert "Show the raw weighted scores" in normalised.text
    # CSV exports for the secretariat; not for members
    entries_csv = list(csv.DictReader(io.StringIO(admin.get(f"/export/award-entries.csv?call={call_id}").text)))
    assert {r["experience"]: r["score"] for r in entries_csv}["Youth councils by the sea"] == "7.5"
    scores_csv = list(csv.DictReader(io.StringIO(admin.get(f"/export/award-scores.csv?call={call_id}").text)))
    assert len(scores_csv) == 10 and {"juror", "criterion", "score", "comment"} <= set(scores_csv[0])
    poa.get("/export/award-entries.csv", status=403)
    poa.get("/export/award-scores.csv", status=403)

    # the evaluation closes: scores cannot change any more
    at.set(datetime(2027, 5, 15, 21, 0, tzinfo=UTC))
    res = expert.post(f"/awards/reviews/{expert_reviews[entry_poa]}",
                      {"csrf_token": csrf(expert), "score": "1", "score_innovation": "1", "score_impact": "1"},
                      status=400)
    assert "The evaluation closed on May 15, 2027, 6:00 PM in São Paulo" in text_of(res.text)

    # winners per category and a special mention, embargoed until the publication date
    form = admin.get(f"/awards/{call_id}/ranking").forms["outcomes"]
    form[f"outcome_{entry_poa}"] = "winner"
    form[f"outcome_{entry_dakar}"] = "winner"
    form[f"outcome_{rio_entry}"] = "mention"
    form.submit("outcomes", status=302)
    visitor = client(app, "192.0.2.99")
    page = text_of(visitor.get(f"/awards/{call_id}/results").text)
    assert "Youth councils by the sea" not in page and "will be published on Jun 1, 2027, 12:00 PM" in page
    assert "Winner" not in text_of(poa.get(f"/awards/entries/{entry_poa}").text)
    assert visitor.get("/search.json", {"award": "winner"}).json["total"] == 0
    assert visitor.get("/export/award-winners.json").json == []
    exp_page = visitor.get(f"/experiences/{network['exp_dakar']}").text
    assert "badge-award" not in exp_page
    assert "section-awards" not in visitor.get(f"/members/{network['dakar']}").text
    assert "awards" not in region_sections(registry, "africa")

    # the date passes: the worker's next pass publishes, without anyone; mails go through a real SMTP server
    at.set(RESULTS_UTC + timedelta(seconds=1))
    from portal.tasks import run_due_tasks
    assert run_due_tasks(registry)["awards:publish-results"] == (3, "")
    page = text_of(visitor.get(f"/awards/{call_id}/results").text)
    assert "Youth councils by the sea" in page and "Neighbourhood budget assemblies" in page
    assert "Favela participatory mapping" in page and "Special mentions" in page
    from portal.mail import deliver_pending
    smtp = {**settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": str(smtp_server.port)}
    deliver_pending(registry["dbsession_factory"], smtp)
    import email
    received = [email.message_from_bytes(e.content) for e in smtp_server.messages]
    outcome_mails = {m["To"]: m.get_payload(decode=True).decode() for m in received
                     if f"/awards/{call_id}/results" in m.get_payload(decode=True).decode()}
    # Rio's entry was filed without a submitter: its member's representative is told
    assert set(outcome_mails) == {"rep@poa.example", "rep@dakar.example", "rep@rio.example"}
    assert "special mention" in outcome_mails["rep@rio.example"]
    assert "Dakar" not in outcome_mails["rep@poa.example"]
    assert "Inclusion" in outcome_mails["rep@poa.example"]
    assert "Digital participation" in outcome_mails["rep@dakar.example"]
    assert "Félicitations" in outcome_mails["rep@dakar.example"]  # in the language of its recipient
    # published once only: neither the worker's later passes nor the command send again
    at.set(RESULTS_UTC + timedelta(hours=1))
    assert run_due_tasks(registry, utcnow() + timedelta(minutes=2))["awards:publish-results"] == (0, "")
    from plugins.awards.publication import publish_due_results
    assert publish_due_results(_request(registry)) == 0
    with db() as s:
        assert s.get(AwardCall, call_id).results_sent == RESULTS_UTC + timedelta(seconds=1)
    # the badge and the facet on the winning experiences, in /experiences and /search
    assert "Winner of the 7th Good Practice Award: Digital participation" in text_of(
        visitor.get(f"/experiences/{network['exp_dakar']}").text)
    found = visitor.get("/search.json", {"award": "winner"}).json
    assert {h["title"] for h in found["results"]} == {"Neighbourhood budget assemblies", "Youth councils by the sea"}
    listing = visitor.get("/experiences", {"award": "winner"})
    assert "Award winner" in text_of(listing.text) and "Favela participatory mapping" not in listing.text
    assert "Special mention" in text_of(visitor.get("/experiences").text)
    # open data, member profile and region sections
    winners = visitor.get("/export/award-winners.json").json
    assert {w["experience"] for w in winners} == {"Neighbourhood budget assemblies", "Youth councils by the sea",
                                                  "Favela participatory mapping"}
    member_page = visitor.get(f"/members/{network['dakar']}")
    assert "Youth councils by the sea" in member_page.text and "section-awards" in member_page.text
    region = region_sections(registry, "africa")
    assert [item["title"] for item in region["awards"]] == ["Youth councils by the sea"]
    assert region["awards"][0]["badge"] == "Winner"


def _request(registry):
    """A request outside any web request, as a command has it."""
    from pyramid.scripting import prepare
    return prepare(registry=registry)["request"]


def region_sections(registry, region):
    """{name: items} of the sections a region's page (antennas) shows, read as that page reads them."""
    request = _request(registry)
    request.dbsession = registry["dbsession_factory"]()
    try:
        return {section.name: items for section, items in registry.portal.sections("region", request, region)}
    finally:
        request.dbsession.close()


def test_blind_review_hides_the_applicants_everywhere_a_juror_looks(testapp, app, network, open_call, at, db,
                                                                    make_user):
    call_id = open_call
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_id = start_entry(poa, call_id, network["exp_poa"])
    add_documents(poa, entry_id, ("Porto-Alegre-Luiza-Fernandes.pdf", documents.pdf()))
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="Because Porto Alegre and Luiza Fernandes started it.")
    form.submit("submit", status=302)
    admin = close_and_accept(app, at, entry_id)
    make_user("juror@example.org", name="Jules Juror")
    form = admin.get(f"/awards/{call_id}/jury").forms["deform"]
    form["email"] = "juror@example.org"
    form.submit("add", status=302)
    with db() as s:
        s.get(AwardCall, call_id).reviews_per_entry = 1
    admin.post(f"/awards/{call_id}/assign", {"csrf_token": csrf(admin)}, status=302)
    juror = client(app, "192.0.2.40")
    login(juror, "juror@example.org")
    pages = crawl(juror, "/awards")
    assert any("/awards/reviews/" in url for url in pages)
    assert any("/documents/" in url for url in pages)
    secret = ("Porto Alegre", "Luiza", "Fernandes", "rep@poa.example")
    for url, res in pages.items():
        body = res.body
        headers = " ".join(f"{k}: {v}" for k, v in res.headers.items())
        for word in secret:
            assert word.lower().encode() not in body.lower(), (url, word)
            assert word.lower() not in headers.lower(), (url, word)
    # what the juror reads is the experience, the names masked
    review_page = [res for url, res in pages.items() if re.search(r"/awards/reviews/\d+$", url)][0]
    assert "Neighbourhood budget assemblies" in review_page.text and "coordinated the assemblies" in review_page.text
    # with blind review off, the juror sees who applied
    with db() as s:
        s.get(AwardCall, call_id).blind = False
    review_url = [url for url in pages if re.search(r"/awards/reviews/\d+$", url)][0]
    assert "Porto Alegre" in juror.get(review_url).text


def test_the_publication_command_sends_the_outcomes_when_the_date_has_passed(app, network, open_call, at, db,
                                                                              registry, maildir):
    """What `portal awards-publish` (cron) runs: nothing before the date, every applicant once after it."""
    from plugins.awards.publication import publish_due_results
    with db() as s:
        rep = s.get(Member, network["dakar"]).representatives[0]
        s.add(AwardEntry(call_id=open_call, member_id=network["dakar"], experience_id=network["exp_dakar"],
                         category="inclusion", answers={}, status="submitted", submitter_id=rep.id,
                         submitted=CLOSES_UTC - timedelta(days=1), eligible=False,
                         eligibility_reason="The experience started last month."))
        s.add(AwardEntry(call_id=open_call, member_id=network["poa"], experience_id=network["exp_poa"],
                         category="inclusion", answers={}, status="draft"))  # never submitted: no mail
    at.set(RESULTS_UTC - timedelta(seconds=1))
    assert publish_due_results(_request(registry)) == 0
    at.set(RESULTS_UTC)
    assert publish_due_results(_request(registry)) == 1
    assert publish_due_results(_request(registry)) == 0
    maildir.deliver(registry)
    [mail] = maildir.messages()
    assert mail["To"] == "rep@dakar.example"
    body = mail.get_payload(decode=True).decode()
    assert "The experience started last month." in body and "recevable" in body


def test_the_home_page_announces_an_open_call_until_it_closes(app, open_call, at):
    visitor = client(app, "192.0.2.77")
    block = visitor.get("/", params={"_LOCALE_": "es"}).html.select_one("#section-awards")
    assert block is not None and "7th Good Practice Award" in block.get_text()
    assert "Candidaturas hasta el" in block.get_text()
    at.set(datetime(2027, 12, 1, tzinfo=UTC))  # after the closing time
    assert client(app, "192.0.2.78").get("/").html.select_one("#section-awards") is None


def test_an_entrys_documents_are_never_served_by_the_sites_file_address(app, network, open_call, db):
    """Award documents belong to no content item: only the award's own views, which check who asks,
    hand them out; /files/{id}/... (ids are easy to guess) answers 404 to everyone."""
    from portal.models import File
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    add_documents(poa, entry_id, ("Porto-Alegre-report.pdf", documents.pdf()))
    with db() as s:
        file_id = s.query(File).one().id
    for visitor in (client(app, "192.0.2.99"), poa):
        visitor.get(f"/files/{file_id}/Porto-Alegre-report.pdf", status=404)
    dakar = client(app, "192.0.2.12")
    login(dakar, "rep@dakar.example")
    dakar.get(f"/files/{file_id}/x", status=404)


def test_a_conflict_cannot_be_declared_twice_nor_after_the_evaluation(app, network, open_call, at, db, make_user):
    poa, entry_id, form = porto_alegre_entry(app, open_call, network)
    form.submit("submit", status=302)
    admin = close_and_accept(app, at, entry_id)
    for email in ("j1@example.org", "j2@example.org", "j3@example.org"):
        make_user(email, name=email.split("@")[0].upper())
        form = admin.get(f"/awards/{open_call}/jury").forms["deform"]
        form["email"] = email
        form.submit("add", status=302)
    with db() as s:
        s.get(AwardCall, open_call).reviews_per_entry = 1
    admin.post(f"/awards/{open_call}/assign", {"csrf_token": csrf(admin)}, status=302)
    with db() as s:
        review = s.query(Review).one()
        review_id, email = review.id, review.juror.user.email
        review.scores = {"innovation": 9, "impact": 8}
    juror = client(app, "192.0.2.41")
    login(juror, email)
    at.set(RESULTS_UTC + timedelta(days=10))  # the evaluation is over, the results are out
    res = juror.post(f"/awards/reviews/{review_id}/conflict", {"csrf_token": csrf(juror), "reason": "I changed my mind"},
                     status=400)
    assert "scores cannot change any more" in res.text
    with db() as s:
        assert [(r.conflict, r.scores) for r in s.query(Review)] == [(False, {"innovation": 9, "impact": 8})]
    at.set(CLOSES_UTC + timedelta(days=2))  # during the evaluation: once, and only once
    res = juror.post(f"/awards/reviews/{review_id}/conflict", {"csrf_token": csrf(juror), "reason": "no"}, status=400)
    assert res.forms["deform"]["reason"].value == "no"  # a reason too short: the form again, as typed
    with db() as s:
        assert [r.conflict for r in s.query(Review)] == [False]
    juror.post(f"/awards/reviews/{review_id}/conflict", {"csrf_token": csrf(juror), "reason": "My cousin wrote it"},
               status=302)
    juror.post(f"/awards/reviews/{review_id}/conflict", {"csrf_token": csrf(juror), "reason": "Again"}, status=400)
    with db() as s:
        assert s.query(Review).count() == 2, "one conflict, one new juror: not one per click"
