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


def test_a_member_representative_sees_the_antenna_of_their_region_only(app, two_antennas, make_user, db):
    dakar = add_member(db, "Dakar", country="SN")
    make_user("rep@dakar.example", role="member", member_id=dakar)
    browser = client(app, "192.0.2.21")
    login(browser, "rep@dakar.example")
    found = panel(browser)
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
    lyon = add_member(db, "Lyon", country="FR")
    make_user("rep@lyon.example", role="member", member_id=lyon)
    browser = client(app, "192.0.2.24")
    login(browser, "rep@lyon.example")
    found = panel(browser)
    assert "No regional antenna serves your region yet." in text_of(str(found))
    assert found.select_one('.my-action a[href="/antennas"]') is not None
