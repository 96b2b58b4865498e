"""Member organisations: the country table and its regions, the public directory, member pages,
public profiles and the membership application form at /join."""
from collections import Counter
from datetime import date

import pycountry
import pytest
from sqlalchemy import select

from portal import countries
from portal.countries import COUNTRY_CODES, REGIONS, country_choices, country_name, region_of
from portal.models import MEMBER_KINDS, Member, MembershipApplication, OutboxMessage, User
from portal.testing import client, in_language, login, text_of


def add_member(db, name, country, kind="city", status="active", **kw):
    with db() as s:
        member = Member(name=name, kind=kind, country=country, region=region_of(country), status=status, **kw)
        s.add(member)
        s.flush()
        return member.id


def directory_names(res):
    return [a.text for a in res.html.select("ul.members h2 a")]


# --- countries and regions -------------------------------------------------------------------------

def test_every_iso_country_has_one_of_the_five_regions():
    codes = {c.alpha_2 for c in pycountry.countries}
    assert len(codes) >= 249
    assert set(COUNTRY_CODES) == codes
    for code in codes:
        assert region_of(code) in REGIONS, code
    assert set(REGIONS) == {"africa", "asia-pacific", "europe", "latin-america-caribbean", "north-america"}


def test_region_table_names_only_countries_and_each_once():
    listed = Counter(code for codes in countries._BY_REGION.values() for code in codes.split())
    assert [code for code, n in listed.items() if n > 1] == []
    assert set(listed) - set(COUNTRY_CODES) == set()


@pytest.mark.parametrize("code, region", [
    ("BR", "latin-america-caribbean"), ("MX", "latin-america-caribbean"), ("HT", "latin-america-caribbean"),
    ("SN", "africa"), ("ZA", "africa"), ("EG", "africa"),
    ("CA", "north-america"), ("US", "north-america"),
    ("KR", "asia-pacific"), ("AU", "asia-pacific"), ("NZ", "asia-pacific"), ("IN", "asia-pacific"),
    ("FR", "europe"), ("PT", "europe"), ("CY", "europe"), ("UA", "europe"),
])
def test_region_of_a_country(code, region):
    assert region_of(code) == region
    assert region_of(code.lower()) == region


def test_region_of_something_that_is_not_a_country_fails():
    with pytest.raises(KeyError):
        region_of("XX")


def test_country_names_follow_the_language():
    assert country_name("DE") == "Germany"
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("DE", "es") == "Alemania"
    assert ("BR", "Brasil") in country_choices("pt")
    assert len(country_choices("en")) == len(COUNTRY_CODES)
    names = [name for _, name in country_choices("fr")]  # in a reader's order: accents do not count
    assert names.index("Égypte") < names.index("Espagne") < names.index("Zambie")


# --- the public directory --------------------------------------------------------------------------

def test_directory_lists_active_members_and_filters_by_region(testapp, db):
    add_member(db, "Porto Alegre", "BR", member_since=date(2001, 1, 1))
    add_member(db, "Dakar", "SN")
    add_member(db, "Grenoble", "FR")
    add_member(db, "University of Toronto", "CA", kind="university")
    add_member(db, "Suspended town", "FR", status="suspended")
    add_member(db, "Former town", "FR", status="former")

    res = testapp.get("/members")
    assert directory_names(res) == ["Dakar", "Grenoble", "Porto Alegre", "University of Toronto"]
    assert "Latin America and the Caribbean" in text_of(res.text)

    assert directory_names(testapp.get("/members", {"region": "europe"})) == ["Grenoble"]
    assert directory_names(testapp.get("/members", {"region": "latin-america-caribbean"})) == ["Porto Alegre"]
    assert directory_names(testapp.get("/members", {"region": "asia-pacific"})) == []
    assert directory_names(testapp.get("/members", {"kind": "university"})) == ["University of Toronto"]
    assert directory_names(testapp.get("/members", {"region": "europe", "kind": "university"})) == []
    assert directory_names(testapp.get("/members", {"region": ""})) == directory_names(res)


def test_directory_filter_form_keeps_the_chosen_region(testapp, db):
    add_member(db, "Dakar", "SN")
    res = testapp.get("/members", {"region": "africa"})
    assert res.html.select_one("#filter-region option[selected]")["value"] == "africa"


@pytest.mark.parametrize("params, allowed", [({"region": "antarctica"}, "africa, asia-pacific, europe"),
                                             ({"kind": "company"}, "city, local-government")])
def test_directory_refuses_an_unknown_filter_value_and_says_what_is_allowed(testapp, params, allowed):
    res = testapp.get("/members", params, status=400)
    assert allowed in text_of(res.text)


def test_directory_error_is_in_the_visitor_s_language(testapp):
    res = testapp.get("/members", {"region": "antarctica", "_LOCALE_": "pt"}, status=400)
    assert in_language("pt", "Unknown region. Allowed: ${values}", values=", ".join(REGIONS)) in text_of(res.text)


def test_member_page_shows_the_facts_and_public_representatives(testapp, db, make_user):
    member_id = add_member(db, "Dakar", "SN", website="https://dakar.example", member_since=date(2015, 3, 1),
                           description="Capital of Senegal.")
    make_user("public@example.org", name="Aminata Diop", member_id=member_id, public_profile=True)
    make_user("private@example.org", name="Private Person", member_id=member_id)
    res = testapp.get(f"/members/{member_id}")
    text = text_of(res.text)
    for fact in ("Dakar", "Senegal", "Africa", "2015", "https://dakar.example", "Capital of Senegal.",
                 "Aminata Diop"):
        assert fact in text
    assert "Private Person" not in text
    assert res.html.select_one(".facts a")["href"] == "https://dakar.example"
    assert "Sénégal" in text_of(testapp.get(f"/members/{member_id}", {"_LOCALE_": "fr"}).text)


def test_member_that_is_not_active_is_hidden_from_visitors_but_not_from_the_secretariat(app, db, make_user):
    member_id = add_member(db, "Suspended town", "FR", status="suspended")
    visitor = client(app)
    visitor.get(f"/members/{member_id}", status=404)
    visitor.get("/members/99999", status=404)
    make_user("admin@example.org", role="secretariat")
    login(visitor, "admin@example.org")
    assert "Suspended town" in text_of(visitor.get(f"/members/{member_id}").text)


def test_profiles_are_public_only_when_their_owner_says_so(testapp, make_user):
    public = make_user("public@example.org", name="Aminata Diop", public_profile=True, bio="Budget work")
    private = make_user("private@example.org", name="Private Person")
    gone = make_user("gone@example.org", name="Gone Person", public_profile=True, active=False)
    assert "Budget work" in text_of(testapp.get(f"/people/{public}").text)
    testapp.get(f"/people/{private}", status=404)
    testapp.get(f"/people/{gone}", status=404)
    hits = testapp.get("/search.json", {"q": "Person"}).json
    assert hits["total"] == 0


# --- applying for membership -----------------------------------------------------------------------

def fill_application(form, **values):
    defaults = {"organisation": "City of Grenoble", "kind": "city", "country": "FR",
                "website": "https://www.grenoble.fr", "contact_name": "Élise Martin",
                "email": "Elise@Grenoble.example", "motivation": "We run citizen assemblies."}
    defaults.update(values)
    for key, value in defaults.items():
        if key in ("country", "kind") and value not in [v for v, *_ in form[key].options]:
            form[key].force_value(value)  # what a tampered request could send
        else:
            form[key] = value
    return defaults


def test_application_is_stored_and_the_secretariat_is_told(testapp, make_user, db, maildir, registry):
    make_user("admin@example.org", role="secretariat")
    make_user("old-admin@example.org", role="secretariat", active=False)
    make_user("editor@example.org", role="editor")
    form = testapp.get("/join").forms["deform"]
    fill_application(form)
    res = form.submit("apply", status=302)
    assert "The technical secretariat will review your application" in text_of(res.follow().text)
    with db() as s:
        app = s.scalar(select(MembershipApplication))
        assert (app.organisation, app.kind, app.country, app.status) == ("City of Grenoble", "city", "FR", "pending")
        assert app.email == "elise@grenoble.example"
        assert app.contact_name == "Élise Martin"
        assert app.motivation == "We run citizen assemblies."
        app_id = app.id
        assert s.scalars(select(Member)).all() == []  # nothing is a member before the review
        assert s.scalars(select(User).where(User.email == "elise@grenoble.example")).all() == []
    maildir.deliver(registry)
    mails = maildir.messages()
    assert [m["To"] for m in mails] == ["admin@example.org"]
    body = mails[0].get_payload(decode=True).decode()
    assert "City of Grenoble" in mails[0]["Subject"]
    assert "elise@grenoble.example" in body and "http://portal.test/manage/applications" in body
    assert app_id


def test_application_remembers_the_applicant_s_language(testapp, db):
    form = testapp.get("/join", {"_LOCALE_": "fr"}).forms["deform"]
    fill_application(form)
    form.submit("apply", status=302)
    with db() as s:
        assert s.scalar(select(MembershipApplication)).language == "fr"


@pytest.mark.parametrize("field, value, error", [
    ("email", "not-an-address", "Enter a valid e-mail address"),
    ("website", "not a website", "Must be a URL"),
    ("website", "javascript:alert(document.domain)", "Must be a URL"),
    ("organisation", "", "Required"),
    ("contact_name", "", "Required"),
    ("country", "XX", "is not one of"),
    ("kind", "company", "is not one of"),
])
def test_invalid_application_explains_and_keeps_everything_typed(testapp, db, maildir, registry,
                                                                  make_user, field, value, error):
    make_user("admin@example.org", role="secretariat")
    form = testapp.get("/join").forms["deform"]
    typed = fill_application(form, **{field: value})
    res = form.submit("apply", status=400)
    assert error in text_of(res.text)
    again = res.forms["deform"]
    for key, value_typed in typed.items():
        if key in ("country", "kind") and key == field:
            continue  # an option that does not exist cannot be shown selected
        assert again[key].value == value_typed, key
    with db() as s:
        assert s.scalars(select(MembershipApplication)).all() == []
        assert s.scalars(select(OutboxMessage)).all() == []


def test_application_errors_are_translated(testapp):
    form = testapp.get("/join", {"_LOCALE_": "es"}).forms["deform"]
    fill_application(form, email="no-es-un-correo", organisation="")
    res = form.submit("apply", status=400)
    text = text_of(res.text)
    assert "Requerido" in text
    assert "Enter a valid e-mail address" not in text and "Required" not in text
    assert res.forms["deform"]["email"].value == "no-es-un-correo"


def test_a_website_without_a_scheme_becomes_a_working_link(testapp, db):
    form = testapp.get("/join").forms["deform"]
    fill_application(form, website="www.grenoble.fr")
    form.submit("apply", status=302)
    with db() as s:
        assert s.scalar(select(MembershipApplication)).website == "https://www.grenoble.fr"


def test_application_without_csrf_token_is_refused(testapp, db):
    testapp.get("/join")
    testapp.post("/join", {"organisation": "Mallory town", "kind": "city", "country": "FR",
                           "contact_name": "Mallory", "email": "m@example.org", "apply": "apply"}, status=400)
    with db() as s:
        assert s.scalars(select(MembershipApplication)).all() == []


def test_kinds_offered_on_the_form_are_the_member_kinds(testapp):
    form = testapp.get("/join").forms["deform"]
    assert [v for v, *_ in form["kind"].options] == list(MEMBER_KINDS)
    offered = [v for v, *_ in form["country"].options if v]
    assert sorted(offered) == sorted(COUNTRY_CODES)
