"""Composing an issue in steps: finding its items (words, type, language, dates; a piece and its
translations are one choice, each subscriber reading their language), the editorial's language tabs,
and refusals that keep what was typed."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import News, utcnow
from portal.testing import csrf, form_with, text_of

from plugins.newsletter.models import Issue, IssueItem, Subscriber
from newsletter_steps import make_issue, outbox_rows, start, work


@pytest.fixture
def content(db):
    """News in two languages (one piece), news in French only, an experience; {name: id}."""
    from plugins.experiences.models import Experience
    now = utcnow()
    with db() as s:
        budget_en = News(title="Rosario opens its budget", description="Neighbourhood assemblies decide.",
                         body="<p>x</p>", language="en", state="published", published=now - timedelta(days=2))
        s.add(budget_en)
        s.flush()
        budget_es = News(title="Rosario abre su presupuesto", description="Las asambleas barriales deciden.",
                         body="<p>x</p>", language="es", state="published", published=now - timedelta(days=2),
                         translation_group=budget_en.translation_group)
        youth = News(title="Dakar installe un conseil des jeunes", description="", body="<p>x</p>", language="fr",
                     state="published", published=now - timedelta(days=20))
        draft = News(title="Not yet public", description="", body="<p>x</p>", language="en", state="draft")
        experience = Experience(title="Citizen assembly on climate in Grenoble", description="", body="<p>x</p>",
                                language="en", state="published", published=now - timedelta(days=5), country="FR",
                                region="europe")
        s.add_all([budget_es, youth, draft, experience])
        s.flush()
        return {"budget_en": budget_en.id, "budget_es": budget_es.id, "youth": youth.id, "draft": draft.id,
                "experience": experience.id}


def tick(form, *content_ids):
    """Tick those items (and only those) in the items step's form."""
    for box in form.fields["item"]:
        box.checked = int(box._value) in content_ids


def offered(page):
    """{content id: label text} of the checkboxes of the items step, in the page's order."""
    return {int(box["value"]): " ".join(page.html.select_one(f"label[for=item-{box['value']}]").text.split())
            for box in page.html.select("input[name=item]")}


def test_items_are_found_by_words_type_language_and_date_and_translations_are_one_choice(testapp, as_user, db,
                                                                                           content):
    as_user("secretariat")
    issue_id = make_issue(db)
    items = f"/manage/newsletter/issues/{issue_id}/items"
    page = testapp.get(items)
    found = offered(page)
    assert set(found) == {content["budget_en"], content["youth"], content["experience"]}  # no draft, no duplicate
    assert "Rosario opens its budget" in found[content["budget_en"]]
    assert "in English, Español" in found[content["budget_en"]]  # its translations, one choice

    def search(**params):
        return set(offered(testapp.get(items, params={"since": "", **params})))
    assert search(q="dakar") == {content["youth"]}
    assert search(q="asambleas") == {content["budget_en"]}  # words of any version find the piece
    assert search(type="experience") == {content["experience"]}
    assert search(language="es") == {content["budget_en"]}
    assert search(language="fr", type="news") == {content["youth"]}
    ten_days_ago = (utcnow() - timedelta(days=10)).date().isoformat()
    assert search(since=ten_days_ago) == {content["budget_en"], content["experience"]}
    assert search(until=ten_days_ago) == {content["youth"]}
    # by default, what was published since the last issue
    make_issue(db, status="sent", started=utcnow() - timedelta(days=10))
    assert set(offered(testapp.get(items))) == {content["budget_en"], content["experience"]}
    # the title in the reader's language when the piece has it
    assert "Rosario abre su presupuesto" in offered(testapp.get(items + "?_LOCALE_=es"))[content["budget_es"]]


def items_step(testapp, db):
    """A new issue's step 2 (its items): (the issue's id, the step's address, its form)."""
    issue_id = make_issue(db)
    items = f"/manage/newsletter/issues/{issue_id}/items"
    return issue_id, items, testapp.get(items).forms["items-form"]


def test_ticks_are_saved_before_a_new_search_and_chosen_items_stay_listed(testapp, as_user, db, content):
    as_user("secretariat")
    issue_id, items, form = items_step(testapp, db)
    tick(form, content["youth"])
    form["q"] = "rosario"
    page = form.submit("search", status=302).follow()
    assert "q=rosario" in page.request.url
    chosen = page.html.select_one("fieldset.item-choices")
    assert "Dakar installe un conseil des jeunes" in chosen.text  # kept, though the search does not find it
    assert set(offered(page)) == {content["youth"], content["budget_en"]}
    form = page.forms["items-form"]
    tick(form, content["youth"], content["budget_en"])
    page = form.submit("save_next", status=302).follow()
    assert page.request.path.endswith("/editorial")
    with db() as s:
        assert [it.content_id for it in s.get(Issue, issue_id).items] == [content["youth"], content["budget_en"]]


def test_a_refused_search_says_why_on_the_page_and_keeps_what_was_typed(testapp, as_user, db, content):
    as_user("secretariat")
    issue_id, items, form = items_step(testapp, db)
    tick(form, content["experience"])
    form["q"] = "rosario"
    form["since"] = "30/11/2026"  # typed by hand where the browser has no date picker
    page = form.submit("search", status=400)
    assert "Write the date as 2026-11-30." in text_of(page.text)
    assert page.forms["items-form"]["since"].value == "30/11/2026" and page.forms["items-form"]["q"].value == "rosario"
    assert page.html.select_one(f"#item-{content['experience']}").has_attr("checked")  # the tick, as it was
    with db() as s:
        assert s.get(Issue, issue_id).items == []  # nothing saved by a refused request
    testapp.get(items, params={"until": "soon"}, status=400)
    es = testapp.post(items + "?_LOCALE_=es", {"csrf_token": csrf(testapp), "search": "1", "since": "mañana"},
                      status=400)
    assert "Escriba la fecha como 2026-11-30." in text_of(es.text)


def test_each_subscriber_reads_an_item_in_their_language_when_it_exists(app, db, registry, content):
    with db() as s:
        for lang in ("en", "es", "fr"):
            s.add(Subscriber(email=f"{lang}@example.org", language=lang, status="subscribed", confirmed=utcnow()))
    issue_id = make_issue(db, content["budget_en"])
    start(db, issue_id)
    work(registry, registry.settings)
    bodies = {to: body for to, _subject, body, _status in outbox_rows(db)}
    assert "Rosario abre su presupuesto" in bodies["es@example.org"]
    assert "Rosario opens its budget" in bodies["en@example.org"]
    assert "Rosario opens its budget" in bodies["fr@example.org"]  # no French version: the one chosen


def test_the_editorial_languages_are_tabs_that_work_without_javascript(testapp, as_user, db):
    as_user("secretariat")
    issue_id = make_issue(db)  # default language: English
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}/editorial")
    links = [a["href"] for a in page.html.select(".language-tabs .tab-list a")]
    assert links == ["#item-lang-en", "#item-lang-es", "#item-lang-fr", "#item-lang-pt"]
    panels = page.html.select(".language-tabs fieldset.tab-panel")
    assert [f"#{p['id']}" for p in panels] == links  # each link names its language's fieldset
    assert [p["id"] for p in panels if "selected" in p["class"]] == ["item-lang-en"]  # shown first
    assert [p.legend.text.strip() for p in panels] == ["English", "Español", "Français", "Português"]
    # a refusal shows the tab with the error, and keeps what was typed in the others
    with db() as s:
        s.get(Issue, issue_id).default_language = "es"
    form = testapp.get(f"/manage/newsletter/issues/{issue_id}/editorial").forms["deform"]
    form.set("subject", "", index=0)
    form.set("subject", "", index=1)
    form.set("subject", "Le réseau en décembre", index=2)
    page = form.submit("save", status=400)
    selected = [p for p in page.html.select("fieldset.tab-panel") if "selected" in p["class"]]
    assert [p["id"] for p in selected] == ["item-lang-es"]
    assert "The default language's version needs a subject." in selected[0].text
    summary = page.html.select_one(".error-summary")
    assert "version in the default language (Español)" in summary.text
    assert summary.select_one("a")["href"] == "#lang-es"  # inside the Spanish tab
    assert page.forms["deform"].get("subject", index=2).value == "Le réseau en décembre"
    with db() as s:
        assert [v.subject for v in s.get(Issue, issue_id).versions] == ["News of the network"]


def test_a_refused_name_keeps_the_audience_typed(testapp, as_user, db):
    as_user("secretariat")
    form = form_with(testapp, "/manage/newsletter/issues/add", title="", language="es", region="africa")
    page = form.submit("save_next", status=400)
    assert page.forms["deform"]["language"].value == "es" and page.forms["deform"]["region"].value == "africa"
    with db() as s:
        assert s.scalars(select(Issue)).all() == []


def test_a_sent_issue_can_no_longer_be_changed(testapp, as_user, db, content):
    as_user("secretariat")
    issue_id = make_issue(db, content["youth"], status="sent", started=utcnow())
    for step in ("details", "items", "editorial"):
        page = testapp.get(f"/manage/newsletter/issues/{issue_id}/{step}", status=302).follow()
        assert "cannot be changed or sent again" in page.text
    testapp.post(f"/manage/newsletter/issues/{issue_id}/items", {"csrf_token": csrf(testapp), "save": "1"},
                 status=302)
    with db() as s:
        assert s.scalars(select(IssueItem.content_id)).all() == [content["youth"]]
