"""Editing a call never detaches anything: its categories, criteria and questions keep their keys when
the call is saved, renamed or not (entries keep their category and answers, jurors their scores, the
ranking its numbers); what entries or scores use cannot be removed; rows are added, reordered and
removed without typing any key."""
from datetime import timedelta

from award_helpers import CLOSES_UTC, UTC, juror_browser, rows, secretariat, set_rows
from portal.testing import text_of

from plugins.awards.models import AwardCall, AwardEntry, Juror, Review

# a call as the demo and the first version of the portal stored them: keys that are not their titles' slugs
CATEGORIES = [{"key": "inclusion", "title": "Inclusion of under-represented groups"},
              {"key": "digital", "title": "Digital participation"}]
CRITERIA = [{"key": "innovation", "title": "Innovation", "weight": 40},
            {"key": "impact", "title": "Impact on public policy", "weight": 60}]
QUESTIONS = [{"key": "why", "title": "Why does this experience deserve the award?", "kind": "text", "choices": []},
             {"key": "population", "title": "Population of the territory", "kind": "choice",
              "choices": ["under 100 000", "over 100 000"]}]


def editing_after_the_close(app, network, at, db, make_user):
    """The scored call (scored_call's ids), five days after it closed, its edit form open as the secretariat:
    (ids, the secretariat's browser, the form)."""
    ids = scored_call(db, network, make_user)
    at.set(CLOSES_UTC + timedelta(days=5))
    admin = secretariat(app)
    return ids, admin, admin.get(f"/awards/{ids[0]}/edit").forms["deform"]


def scored_call(db, network, make_user):
    """A closed call with an eligible entry scored by a juror, its rows keyed as stored data has them."""
    juror_id = make_user("jules@example.org", name="Jules Juror")
    with db() as s:
        call = AwardCall(edition="6th", title="Good Practice Award in Citizen Participation", rules="<p>Rules.</p>",
                         categories=CATEGORIES, criteria=CRITERIA, questions=QUESTIONS, timezone="America/Sao_Paulo",
                         opens=CLOSES_UTC - timedelta(days=60), closes=CLOSES_UTC,
                         evaluation_closes=CLOSES_UTC + timedelta(days=40), results_date=CLOSES_UTC + timedelta(days=60),
                         reviews_per_entry=1, blind=True, assigned=CLOSES_UTC + timedelta(days=1))
        s.add(call)
        s.flush()
        entry = AwardEntry(call_id=call.id, member_id=network["poa"], experience_id=network["exp_poa"],
                           category="inclusion", status="submitted", submitted=CLOSES_UTC - timedelta(days=1),
                           eligible=True, answers={"why": "Residents decide the budget.", "population": "over 100 000"})
        s.add(entry)
        juror = Juror(call_id=call.id, user_id=juror_id, country="GB")
        s.add(juror)
        s.flush()
        review = Review(entry_id=entry.id, juror_id=juror.id, scores={"innovation": 8, "impact": 6},
                        comments={"innovation": "Bold."}, done=CLOSES_UTC + timedelta(days=3))
        s.add(review)
        s.flush()
        return call.id, entry.id, review.id


def what_each_reader_sees(app, entry_id, review_id):
    """The entry's page for its applicant and the secretariat, and its review page for the juror."""
    from portal.testing import client, login
    applicant = client(app, "192.0.2.11")
    login(applicant, "rep@poa.example")
    juror = juror_browser(app, "jules@example.org")
    return {"applicant": text_of(applicant.get(f"/awards/entries/{entry_id}").text),
            "secretariat": text_of(secretariat(app).get(f"/awards/entries/{entry_id}").text),
            "juror": text_of(juror.get(f"/awards/reviews/{review_id}").text)}


def test_changing_only_the_closing_date_detaches_nothing(app, network, at, db, make_user):
    (call_id, entry_id, review_id), admin, form = editing_after_the_close(app, network, at, db, make_user)
    form["closes"] = "2027-03-31T22:00"
    form.submit("save", status=302)
    with db() as s:
        call = s.get(AwardCall, call_id)
        assert [c["key"] for c in call.categories] == ["inclusion", "digital"]
        assert [q["key"] for q in call.questions] == ["why", "population"]
        assert [c["key"] for c in call.criteria] == ["innovation", "impact"]
    for reader, text in what_each_reader_sees(app, entry_id, review_id).items():
        assert "Inclusion of under-represented groups" in text, reader
        assert "Residents decide the budget." in text, reader
        assert "over 100 000" in text, reader
    ranking = text_of(admin.get(f"/awards/{call_id}/ranking").text)
    assert "6.80" in ranking  # (8 × 40 + 6 × 60) / 100, as before the edit


def test_renaming_keeps_the_answers_the_scores_and_the_ranking(app, network, at, db, make_user):
    (call_id, entry_id, review_id), admin, form = editing_after_the_close(app, network, at, db, make_user)
    set_rows(form, "categories", ["Inclusion of women and young people"])
    set_rows(form, "questions", ["Why should it win?"])
    set_rows(form, "criteria", [{"name": "Originality", "weight": "40", "description": "What nobody did before."}])
    form.submit("save", status=302)
    with db() as s:
        call = s.get(AwardCall, call_id)
        assert call.categories[0] == {"key": "inclusion", "title": "Inclusion of women and young people"}
        assert call.questions[0]["key"] == "why" and call.questions[0]["title"] == "Why should it win?"
        assert call.criteria[0] == {"key": "innovation", "title": "Originality", "weight": 40,
                                    "description": "What nobody did before."}
    seen = what_each_reader_sees(app, entry_id, review_id)
    for reader, text in seen.items():
        assert "Inclusion of women and young people" in text and "Residents decide the budget." in text, reader
    assert "Why should it win?" in seen["applicant"]
    assert "What nobody did before." in seen["juror"]  # the criterion's description beside its score
    scores = text_of(admin.get(f"/awards/entries/{entry_id}/scores").text)
    assert "Originality (40)" in scores and "8" in scores
    assert "6.80" in text_of(admin.get(f"/awards/{call_id}/ranking").text)


def test_removing_what_entries_or_scores_use_is_refused_and_nothing_typed_is_lost(app, network, at, db, make_user):
    (call_id, entry_id, review_id), admin, form = editing_after_the_close(app, network, at, db, make_user)
    form["title"] = "Award with a new title"
    set_rows(form, "categories", [{"remove": True}])
    set_rows(form, "criteria", [{"remove": True}])
    set_rows(form, "questions", [{}, {"choices": "under 100 000; 100 000 or more"}])  # an answer given, dropped
    res = form.submit("save", status=400)
    text = text_of(res.text)
    assert "Entries in “Inclusion of under-represented groups”: 1. A category in use cannot be removed" in text
    assert "Scores of the jury on “Innovation”: 1. A criterion in use cannot be removed" in text
    assert "Entries that answered “over 100 000” to “Population of the territory”: 1." in text
    form = res.forms["deform"]
    assert form.get("title", index=0).value == "Award with a new title"  # what was typed comes back
    assert rows(form, "questions")[1]["choices"].value == "under 100 000; 100 000 or more"
    with db() as s:
        call = s.get(AwardCall, call_id)
        assert call.title == "Good Practice Award in Citizen Participation" and len(call.categories) == 2
        assert call.questions[1]["choices"] == ["under 100 000", "over 100 000"]


def test_rows_are_added_reordered_and_removed_without_typing_a_key(app, network, at, db, make_user):
    (call_id, entry_id, review_id), admin, form = editing_after_the_close(app, network, at, db, make_user)
    categories = rows(form, "categories")
    assert len(categories) == 4 and "key" not in [f.name for f in form.fields.get("name", [])]  # 2 rows, 2 empty
    # "More rows" sends back what was typed with more empty rows, and saves nothing
    categories[2]["name"].value = "Climate and participation"
    res = form.submit("more_rows", value="categories", status=200)
    form = res.forms["deform"]
    categories = rows(form, "categories")
    empty = [r for r in categories if not r["name"].value]
    assert categories[2]["name"].value == "Climate and participation" and len(empty) > 2  # more than before
    with db() as s:
        assert len(s.get(AwardCall, call_id).categories) == 2
    # the new one first, "Digital participation" (unused) removed
    set_rows(form, "categories", [{"position": "2"}, {"remove": True}, {"position": "1"}])
    form.submit("save", status=302)
    with db() as s:
        call = s.get(AwardCall, call_id)
        assert [(c["key"], c["title"]) for c in call.categories] == [
            ("climate-and-participation", "Climate and participation"),
            ("inclusion", "Inclusion of under-represented groups")]
        assert s.get(AwardEntry, entry_id).category == "inclusion"


def test_next_years_call_starts_from_last_years_rows(app, network, at, db, make_user):
    call_id, _entry, _review = scored_call(db, network, make_user)
    admin = secretariat(app)
    form = admin.get(f"/awards/add?copy={call_id}").forms["deform"]
    assert [r["name"].value for r in rows(form, "categories")][:2] == ["Inclusion of under-represented groups",
                                                                       "Digital participation"]
    assert rows(form, "criteria")[1]["weight"].value == "60"
    form["edition"] = "7th"
    form.submit("save", status=302)
    with db() as s:
        new = s.query(AwardCall).filter_by(edition="7th").one()
        assert [c["title"] for c in new.criteria] == ["Innovation", "Impact on public policy"]
        assert new.results_date.astimezone(UTC).year == CLOSES_UTC.year + 1
