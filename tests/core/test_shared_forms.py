"""The building blocks every form shares: FormView (a refused form keeps what was typed and changes
nothing), the one e-mail rule, LocalDateTime in a zone, dates written in the reader's language."""
from datetime import date, datetime, timezone

import colander
import pytest
from sqlalchemy import func, select

from portal.models import Group, MembershipApplication, User
from portal.nodes import LocalDateTime, email_node, local_moments, normal_address, timezone_node
from portal.testing import EMAIL_CASES, EMAIL_ERROR, in_language, text_of
from portal.timezones import date_text, datetime_text


@pytest.fixture
def admin(testapp, as_user):
    return as_user("secretariat", email="admin@example.org", name="Ada Admin")


def count(db, model):
    with db() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- FormView ---------------------------------------------------------------------------------------

def test_a_refused_form_keeps_every_typed_value_and_saves_nothing(testapp, admin, db):
    users = count(db, User)
    form = testapp.get("/manage/users/add").forms["deform"]
    form["email"] = "someone@example"
    form["name"] = "Someone Typed"
    form["language"] = "pt"
    form["active"].checked = False
    res = form.submit("save", status=400)
    again = res.forms["deform"]
    assert again["email"].value == "someone@example"
    assert again["name"].value == "Someone Typed"
    assert again["language"].value == "pt"
    assert not again["active"].checked
    assert EMAIL_ERROR in text_of(res.text)
    assert count(db, User) == users


def test_a_check_after_validation_refuses_with_the_values_typed(testapp, admin, db):
    form = testapp.get("/manage/groups/add").forms["deform"]
    form["name"], form["title"] = "jury", "The jury"
    form.submit("save", status=302)
    form = testapp.get("/manage/groups/add").forms["deform"]
    form["name"], form["title"] = "jury", "Another title"
    res = form.submit("save", status=400)
    assert "This short name is taken." in text_of(res.text)
    assert res.forms["deform"]["title"].value == "Another title"
    with db() as s:
        assert s.scalars(select(Group.title)).all() == ["The jury"]


def test_a_form_view_answers_with_a_flash_and_a_redirect(testapp, admin, db):
    form = testapp.get("/manage/groups/add").forms["deform"]
    form["name"], form["title"] = "editors", "Editors"
    res = form.submit("save", status=302)
    assert res.location.endswith("/manage/groups")
    assert "Changes saved." in text_of(res.follow().text)


def test_a_form_view_refuses_a_post_without_its_csrf_token(testapp, admin, db):
    testapp.post("/manage/groups/add", {"name": "editors", "title": "Editors", "save": "save"}, status=400)
    assert count(db, Group) == 0


# --- one e-mail rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", EMAIL_CASES)
def test_the_rule_itself(typed, stored):
    assert normal_address(typed) == stored
    node = email_node()
    if stored is None:
        with pytest.raises(colander.Invalid):
            node.deserialize(typed)
    else:
        assert node.deserialize(typed) == stored


def application(testapp, email, lang="en"):
    form = testapp.get("/join", {"_LOCALE_": lang}).forms["deform"]
    for key, value in {"organisation": "City of Grenoble", "kind": "city", "country": "FR",
                       "contact_name": "Élise Martin", "email": email}.items():
        form[key] = value
    return form.submit("apply", status="*")


def new_user(testapp, email):
    form = testapp.get("/manage/users/add").forms["deform"]
    form["email"], form["name"] = email, "Someone"
    return form.submit("save", status="*")


@pytest.mark.parametrize("typed, stored", EMAIL_CASES)
def test_every_form_accepts_and_refuses_the_same_addresses(testapp, as_user, db, typed, stored):
    """The membership application, an account the secretariat opens, a password reset and the log-in
    form take an address or refuse it alike, and store it in the same form."""
    res = application(testapp, typed)
    assert res.status_int == (302 if stored else 400)
    as_user("secretariat", email="admin@example.org")
    res = new_user(testapp, typed)
    assert res.status_int == (302 if stored else 400)
    if stored is None:
        assert EMAIL_ERROR in text_of(res.text)
        assert res.forms["deform"]["email"].value == typed.strip()
        return
    with db() as s:
        assert s.scalars(select(MembershipApplication.email)).all() == [stored]
        assert s.scalar(select(func.count()).select_from(User).where(User.email == stored)) == 1
    for form_url, button in (("/password/forgot", "send"),):
        form = testapp.get(form_url).forms["deform"]
        form["email"] = typed
        form.submit(button, status=302)


def test_the_same_address_cannot_open_a_second_account_in_another_spelling(testapp, admin, db):
    assert new_user(testapp, "jose@café.example").status_int == 302
    res = new_user(testapp, " JOSE@xn--caf-dma.example")
    assert res.status_int == 400
    assert "Another account already uses this address." in text_of(res.text)


def test_the_error_is_in_the_readers_language(testapp):
    for lang in ("es", "fr", "pt"):
        res = application(testapp, "ana@example", lang)
        assert res.status_int == 400
        assert in_language(lang, EMAIL_ERROR) in text_of(res.text)


# --- time zones and local date-times -------------------------------------------------------------------

NO_SUCH_TIME = "This time does not exist in ${zone}: the clocks skip it that day (summer time begins)."


class Meeting(colander.Schema):
    timezone = timezone_node()
    starts = colander.SchemaNode(LocalDateTime(), name="starts")


def test_a_local_time_in_a_zone_becomes_its_utc_moment():
    schema = Meeting(validator=local_moments("starts")).bind(request=None)
    value = schema.deserialize({"timezone": "America/Sao_Paulo", "starts": "2027-03-01T09:30"})
    assert value["starts"] == datetime(2027, 3, 1, 12, 30, tzinfo=timezone.utc)


def test_a_time_the_clocks_skip_is_refused_with_the_translated_error():
    from pyramid.i18n import make_localizer
    from portal.i18n import LOCALE_DIR
    schema = Meeting(validator=local_moments("starts")).bind(request=None)
    with pytest.raises(colander.Invalid) as refused:  # 02:00 becomes 03:00 in Madrid that night
        schema.deserialize({"timezone": "Europe/Madrid", "starts": "2027-03-28T02:30"})
    term = refused.value.children[0].msg
    assert refused.value.asdict()["starts"].startswith("This time does not exist in Europe/Madrid")
    for lang in ("es", "fr", "pt"):
        assert make_localizer(lang, [str(LOCALE_DIR)]).translate(term) == in_language(lang, NO_SUCH_TIME,
                                                                                     zone="Europe/Madrid")
    assert schema.deserialize({"timezone": "Europe/Madrid", "starts": "2027-03-28T03:30"})["starts"] == \
        datetime(2027, 3, 28, 1, 30, tzinfo=timezone.utc)


def test_a_zone_bound_date_time_converts_alone_and_shows_the_local_time():
    node = colander.SchemaNode(LocalDateTime("Asia/Tokyo"), name="at")
    moment = node.deserialize("2027-01-10 09:00")
    assert moment == datetime(2027, 1, 10, 0, 0, tzinfo=timezone.utc)
    assert node.serialize(moment) == "2027-01-10T09:00"
    with pytest.raises(colander.Invalid):
        node.deserialize("10/01/2027")


def test_the_zone_picker_defaults_to_the_zone_given_and_refuses_others():
    node = timezone_node().bind(request=None, zone="Africa/Dakar")
    assert node.default == "Africa/Dakar"
    assert timezone_node().bind(request=None).default == "UTC"
    with pytest.raises(colander.Invalid):
        node.deserialize("Mars/Olympus_Mons")
    with pytest.raises(colander.Invalid):
        node.deserialize("US/Eastern")  # a legacy alias: the list offers America/New_York


# --- dates in the reader's language ---------------------------------------------------------------------

MOMENT = datetime(2027, 3, 1, 12, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("lang, day, moment", [
    ("en", "Mar 1, 2027", "Mar 1, 2027, 9:30\u202fAM"),  # CLDR puts a narrow no-break space before AM
    ("es", "1 mar 2027", "1 mar 2027, 9:30"),
    ("fr", "1 mars 2027", "1 mars 2027, 09:30"),
    ("pt", "1 de mar. de 2027", "1 de mar. de 2027 09:30"),
])
def test_dates_and_times_are_written_as_the_reader_writes_them(lang, day, moment):
    assert date_text(lang, date(2027, 3, 1)) == day
    assert datetime_text(lang, MOMENT, "America/Sao_Paulo") == moment
    assert datetime_text(lang, MOMENT, "America/Sao_Paulo", with_zone=True).startswith(moment + " (")
