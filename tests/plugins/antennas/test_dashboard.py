"""The antennas on "My space" (/my): the antenna of the visitor's region and those they coordinate."""
import pytest

from plugins.antennas.models import COORDINATOR_ROLE, Antenna
from portal.countries import region_of
from portal.models import LocalRole, Member, Section
from portal.testing import client, login, text_of


def add_member(db, name, country):
    with db() as s:
        member = Member(name=name, kind="city", country=country, region=region_of(country), status="active")
        s.add(member)
        s.flush()
        return member.id


@pytest.fixture
def two_antennas(make_user, db):
    """Latin America (coordinated by Luiza) and Africa (by Awa)."""
    found = {"luiza": make_user("luiza@example.org"), "awa": make_user("awa@example.org")}
    with db() as s:
        for key, name, region, coordinator in (("latam", "Latin America antenna", "latin-america-caribbean", "luiza"),
                                               ("africa", "Africa antenna", "africa", "awa")):
            section = Section(title=name, language="en", state="published")
            s.add(section)
            s.flush()
            antenna = Antenna(name=name, region=region, status="active", section_id=section.id)
            s.add(antenna)
            s.add(LocalRole(content_id=section.id, principal=f"user:{found[coordinator]}", role=COORDINATOR_ROLE))
            s.flush()
            found[key] = antenna.id
    return found


def panel(browser):
    return browser.get("/my").html.select_one("#my-antennas")


def representative_panel(app, db, make_user, city, country, address):
    """The antennas panel of My space for the representative of a new member organisation of that city."""
    member = add_member(db, city, country=country)
    email = f"rep@{city.lower()}.example"
    make_user(email, role="member", member_id=member)
    browser = client(app, address)
    login(browser, email)
    return panel(browser)


def test_a_member_representative_sees_the_antenna_of_their_region_only(app, two_antennas, make_user, db):
    found = representative_panel(app, db, make_user, "Dakar", "SN", "192.0.2.21")
    assert found.select_one(f'a[href="/antennas/{two_antennas["africa"]}"]').text == "Africa antenna"
    assert "Latin America antenna" not in text_of(str(found))


def test_a_coordinator_sees_their_antenna_as_coordinator(app, two_antennas):
    browser = client(app, "192.0.2.22")
    login(browser, "luiza@example.org")
    found = panel(browser)
    item = found.select_one(f'a[href="/antennas/{two_antennas["latam"]}"]').parent
    assert "Coordinator" in text_of(str(item))
    assert "Africa antenna" not in text_of(str(found))


def test_someone_with_no_organisation_and_no_antenna_has_no_antennas_panel(app, two_antennas, make_user):
    make_user("reader@example.org")
    browser = client(app, "192.0.2.23")
    login(browser, "reader@example.org")
    assert panel(browser) is None


def test_a_region_without_an_antenna_says_so(app, two_antennas, make_user, db):
    found = representative_panel(app, db, make_user, "Lyon", "FR", "192.0.2.24")
    assert "No regional antenna serves your region yet." in text_of(str(found))
    assert found.select_one('.my-action a[href="/antennas"]') is not None
