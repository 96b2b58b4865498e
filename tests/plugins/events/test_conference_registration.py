"""Registering for a conference: the secretariat's extra fields, the capacity and the cap per member
organisation, the waiting list with its positions, a second registration giving the first, cancelling and
leaving the list, the mails in the person's language."""
import pytest
from conference_helpers import add_conference, mails, registration_form, registrations
from sqlalchemy import select

from portal.models import Member
from portal.testing import client, text_of

from plugins.events.conference import Registration


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def registration_of(db, email):
    with db() as s:
        r = s.scalars(select(Registration).where(Registration.email == email)).one()
        return r.code, r.state, dict(r.answers), r.language


def test_the_secretariat_defines_the_form_and_the_capacity(app, testapp, db, at, as_user):
    event_id = add_conference(db, fields=[])
    as_user("secretariat", email="sec@example.org")
    form = testapp.get(f"/events/{event_id}/conference").forms["deform"]
    form["capacity"] = "2"
    form["fields"] = "Dietary needs | text\nAccompanying persons | number\nWheelchair access | yes/no | required\nOops | colour"
    page = form.submit("save", status=400)
    assert "Line 4 reads wrong" in text_of(page.text)
    assert page.forms["deform"]["capacity"].value == "2"  # nothing typed lost
    form = page.forms["deform"]
    form["fields"] = "Dietary needs | text\nAccompanying persons | number\nWheelchair access | yes/no"
    form.submit("save", status=302)
    anyone = client(app)
    page = anyone.get(f"/events/{event_id}/register")
    assert "Dietary needs" in page.text and "Wheelchair access" in page.text and "2 places left" in text_of(page.text)
    form = registration_form(anyone, event_id, "ana@example.org", dietary_needs="Vegetarian",
                             accompanying_persons="1", wheelchair_access=True)
    form.submit("register", status=302).follow()
    assert registration_of(db, "ana@example.org")[1:3] == ("registered", {
        "dietary_needs": "Vegetarian", "accompanying_persons": 1, "wheelchair_access": True})
    listing = testapp.get(f"/events/{event_id}/registrations")
    assert "ana@example.org" in listing.text and "Vegetarian" in listing.text


def test_bad_input_is_refused_with_everything_kept(app, db, at):
    event_id = add_conference(db)
    browser = client(app)
    form = registration_form(browser, event_id, "not-an-address", name="Ana Souza", dietary_needs="Vegan",
                             accompanying_persons="many")
    page = form.submit("register", status=400)
    assert page.forms["deform"]["dietary_needs"].value == "Vegan"
    assert page.forms["deform"]["name"].value == "Ana Souza"
    assert registrations(db, event_id) == []


def test_over_capacity_people_wait_in_order_and_a_second_registration_gives_the_first(app, db, at):
    event_id = add_conference(db, capacity=2)
    people = [f"p{n}@example.org" for n in range(4)]
    pages = []
    for email in people:
        browser = client(app)
        pages.append(registration_form(browser, event_id, email).submit("register", status=302).follow())
    assert registrations(db, event_id) == [(people[0], "registered"), (people[1], "registered"),
                                           (people[2], "waiting"), (people[3], "waiting")]
    assert "number 2 on the waiting list" in text_of(pages[3].text)
    assert "Your position on the waiting list: 2" in text_of(pages[3].text)
    full = client(app).get(f"/events/{event_id}/register")
    assert "The conference is full" in text_of(full.text)
    # the same address again: nothing new, the link mailed again (no one sees another's registration)
    before = len(mails(db))
    client(app).get("/")  # a fresh browser
    again = registration_form(client(app), event_id, people[0].upper()).submit("register", status=302).follow()
    assert "registered already" in text_of(again.text)
    assert len(registrations(db, event_id)) == 4
    assert mails(db)[before:][0][0] == people[0]


def test_a_logged_in_person_registering_twice_sees_the_first(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    as_user(email="rui@example.org", name="Rui")
    registration_form(testapp, event_id, "rui@example.org").submit("register", status=302)
    code = registration_of(db, "rui@example.org")[0]
    again = registration_form(testapp, event_id, "rui@example.org").submit("register", status=302)
    assert again.location.endswith(f"/events/registrations/{code}")
    assert "You registered already" in text_of(again.follow().text)


def test_the_cap_per_member_organisation(app, db, at):
    event_id = add_conference(db, capacity=10, member_cap=1)
    with db() as s:
        member = Member(name="Câmara Municipal de Cascais", kind="city", country="PT", region="europe", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    for email in ("a@cascais.pt", "b@cascais.pt"):
        form = registration_form(client(app), event_id, email)
        form["member_id"] = str(member_id)
        form.submit("register", status=302)
    registration_form(client(app), event_id, "c@example.org").submit("register", status=302)
    assert registrations(db, event_id) == [("a@cascais.pt", "registered"), ("b@cascais.pt", "waiting"),
                                           ("c@example.org", "registered")]


def test_cancelling_offers_the_place_and_leaving_the_list(app, db, at):
    event_id = add_conference(db, capacity=1)
    browsers = {}
    for email in ("first@example.org", "second@example.org", "third@example.org"):
        browsers[email] = client(app)
        registration_form(browsers[email], event_id, email).submit("register", status=302)
    third = registration_of(db, "third@example.org")[0]
    page = browsers["third@example.org"].get(f"/events/registrations/{third}/cancel")
    page.forms["confirm-form"].submit("confirm", status=302)
    code = registration_of(db, "first@example.org")[0]
    page = browsers["first@example.org"].get(f"/events/registrations/{code}/cancel")
    page.forms["confirm-form"].submit("confirm", status=302)
    assert registrations(db, event_id) == [("first@example.org", "cancelled"), ("second@example.org", "offered"),
                                           ("third@example.org", "left")]
    offer = [m for m in mails(db) if m[0] == "second@example.org"][-1]
    assert "offered to you" in offer[2]
    second = registration_of(db, "second@example.org")[0]
    page = client(app).get(f"/events/registrations/{second}")
    assert "Accept it before" in text_of(page.text)
    page = client(app).get(f"/events/registrations/{second}/accept")
    page.forms["confirm-form"].submit("confirm", status=302)
    assert registrations(db, event_id)[1] == ("second@example.org", "registered")


def test_mails_are_in_the_persons_language(app, db, at):
    event_id = add_conference(db, capacity=1)
    browser = client(app)
    browser.get("/?_LOCALE_=pt")
    registration_form(browser, event_id, "ana@example.pt").submit("register", status=302)
    assert registration_of(db, "ana@example.pt")[3] == "pt"


def test_wrong_codes_and_plain_events_are_not_found(app, db, at):
    from conference_helpers import NOW
    from plugins.events.models import Event
    with db() as s:
        e = Event(title="Webinar", description="", body="", language="en", kind="webinar", timezone="UTC",
                  starts=NOW, ends=NOW, state="published", published=NOW)
        s.add(e)
        s.flush()
        plain = e.id
    client(app).get(f"/events/{plain}/register", status=404)
    client(app).get("/events/registrations/abcdefabcdefabcdefabcdef", status=404)


def test_the_event_page_links_to_registering_and_to_the_registrations(app, testapp, db, at, as_user):
    event_id = add_conference(db)
    page = client(app).get(f"/events/{event_id}")
    assert f"/events/{event_id}/register" in page.text and f"/events/{event_id}/registrations" not in page.text
    as_user("secretariat", email="sec@example.org")
    page = testapp.get(f"/events/{event_id}")
    assert f"/events/{event_id}/registrations" in page.text and f"/events/{event_id}/conference" in page.text
    assert "/login" in client(app).get(f"/events/{event_id}/registrations", status=302).location


def test_the_listing_links_to_registering(app, db, at):
    event_id = add_conference(db)
    page = client(app).get("/events")
    assert f"/events/{event_id}/register" in page.text
