"""World maps (portal.maps): the shipped shapes, the colour steps, and the map of member
organisations on /members: a link per country with members, named with its count, leading to the
directory filtered by that country; a table saying the same; no link where there is no member."""
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pycountry
import pytest

from portal.countries import COUNTRY_CODES, region_of
from portal.maps import DATA, shapes, step_classes, steps
from portal.models import Member

ROOT = Path(__file__).resolve().parents[2]


def add_member(db, name, country, kind="city", status="active"):
    with db() as s:
        s.add(Member(name=name, kind=kind, country=country, region=region_of(country), status=status))


def links(res, map_id="members-map"):
    """{country link's title: its href} of the map's SVG."""
    svg = res.html.select_one(f"#{map_id} svg, section[aria-labelledby='{map_id}-title'] svg")
    assert svg is not None, "no map on the page"
    return {a.find("title").text: a["href"] for a in svg.select("g.countries a")}


def table(res, map_id="members-map"):
    section = res.html.select_one(f"section[aria-labelledby='{map_id}-title']")
    return [(tr.th.text.strip(), tr.td.text.strip(), tr.th.a["href"])
            for tr in section.select("details table tbody tr")]


# --- the shipped data -------------------------------------------------------------------------------

def test_the_shipped_shapes_are_small_keyed_by_portal_country_codes_and_licensed():
    assert DATA.stat().st_size < 300_000
    data = shapes()
    assert set(data["countries"]) <= set(COUNTRY_CODES) and set(data["markers"]) <= set(COUNTRY_CODES)
    assert not set(data["countries"]) & set(data["markers"])
    # the big ones are shapes, the small states dots, Antarctica left out
    assert {"FR", "BR", "US", "SN", "IN", "AU", "ZA", "CA", "PT", "ES"} <= set(data["countries"])
    assert {"SG", "MT", "CV", "MU", "AD", "LI"} <= set(data["markers"])
    assert "AQ" not in data["countries"]
    assert len(data["countries"]) + len(data["markers"]) > 220
    for d in data["countries"].values():
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", d)
    licence = (DATA.parent / "LICENSE-world-atlas.txt").read_text()
    assert "Michael Bostock" in licence and "Permission to use" in licence
    assert "world-atlas" in json.loads((ROOT / "package.json").read_text())["devDependencies"]


def test_shapes_sit_where_the_countries_are():
    """The projection puts the north up and the west left: a broken one would still draw something."""
    data = shapes()

    def middle(code):
        numbers = [int(n) for n in re.findall(r"-?\d+", data["countries"][code].split("l")[0])]
        return numbers[0], numbers[1]  # the first point of the first ring
    assert middle("CA")[1] < middle("BR")[1] < middle("AR")[1]  # y grows southwards
    assert middle("US")[0] < middle("FR")[0] < middle("CN")[0] < middle("JP")[0]  # x grows eastwards
    assert 0 < data["height"] < data["width"]


def test_the_numeric_codes_of_world_atlas_map_to_the_same_countries_as_pycountry():
    built = json.loads(DATA.read_text())
    assert "world-atlas" in built["source"]
    # a few that a hand-written table gets wrong: the numeric code is not the order of the names
    for code, numeric in [("FR", "250"), ("BR", "076"), ("NE", "562"), ("NG", "566"), ("SN", "686")]:
        assert pycountry.countries.get(numeric=numeric).alpha_2 == code
        assert code in built["countries"]


@pytest.mark.parametrize("peak, expected", [
    (1, [(1, 1)]), (3, [(1, 1), (2, 2), (3, 3)]), (5, [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]),
    (6, [(1, 1), (2, 2), (3, 4), (5, 6)]), (40, [(1, 2), (3, 4), (5, 9), (10, 19), (20, 40)]),
])
def test_colour_steps_cover_every_count_once(peak, expected):
    ranges = steps(peak)
    assert ranges == expected
    covered = [n for low, high in ranges for n in range(low, high + 1)]
    assert covered == list(range(1, peak + 1))
    assert len(ranges) <= 5
    classes = step_classes(len(ranges))
    assert classes[0] <= classes[-1] and len(set(classes)) == len(classes)


# --- /members ---------------------------------------------------------------------------------------

def test_members_map_links_each_country_with_members_to_the_filtered_directory(testapp, db):
    add_member(db, "Porto Alegre", "BR")
    add_member(db, "Recife", "BR")
    add_member(db, "Paris", "FR")
    add_member(db, "Singapore City", "SG")
    add_member(db, "Gone", "DE", status="former")
    res = testapp.get("/members")
    found = links(res)
    assert set(found) == {"Brazil: 2 member organisations", "France: 1 member organisation",
                          "Singapore: 1 member organisation"}
    assert urlsplit(found["France: 1 member organisation"]).path == "/members"
    assert dict(parse_qsl(urlsplit(found["France: 1 member organisation"]).query)) == {"country": "FR"}
    # a country without members, or with former members only, is drawn but is not a link
    svg = res.html.select_one("section.world-map svg")
    assert len(svg.select("g.countries a")) == 3
    assert svg.select_one("g.land[aria-hidden=true]") is not None
    assert len(svg.select("g.land path")) > 150
    assert svg.select_one("circle.dot") is not None  # Singapore, too small for a shape
    # the link leads to the directory filtered by that country
    filtered = testapp.get(found["Brazil: 2 member organisations"])
    assert sorted(a.text for a in filtered.html.select("ul.members h2 a")) == ["Porto Alegre", "Recife"]
    assert filtered.html.select_one("g.countries a.selected title").text == "Brazil: 2 member organisations"


def test_members_map_has_a_table_alternative_and_a_legend(testapp, db):
    for name in ("A", "B", "C"):
        add_member(db, name, "SN")
    add_member(db, "D", "PT")
    res = testapp.get("/members")
    rows = table(res)
    assert [(name, count) for name, count, _href in rows] == [("Senegal", "3"), ("Portugal", "1")]
    assert dict(parse_qsl(urlsplit(rows[0][2]).query)) == {"country": "SN"}
    section = res.html.select_one("section.world-map")
    assert section.select_one("details summary").text.strip() == "The map as a table"
    assert [th.text for th in section.select("thead th")] == ["Country", "Member organisations"]
    legend = [li.text.strip() for li in section.select(".world-map-legend li")]
    assert legend == ["0", "1", "2", "3"]
    # the colour of each country is its step's
    classes = {a.find("title").text: a["class"] for a in section.select("g.countries a")}
    assert classes["Senegal: 3 member organisations"] != classes["Portugal: 1 member organisation"]
    # the page links the map's stylesheet
    assert any("maps.css" in link["href"] for link in res.html.select("link[rel=stylesheet]"))


def test_members_map_counts_what_the_other_filters_keep_and_its_links_keep_them(testapp, db):
    add_member(db, "Paris", "FR", kind="city")
    add_member(db, "Sorbonne", "FR", kind="university")
    add_member(db, "Lisboa", "PT", kind="city")
    res = testapp.get("/members", {"kind": "university", "country": "PT"})
    found = links(res)
    assert list(found) == ["France: 1 member organisation"]
    assert dict(parse_qsl(urlsplit(found["France: 1 member organisation"]).query)) == {
        "kind": "university", "country": "FR"}


def test_members_map_speaks_the_reader_s_language(testapp, db):
    add_member(db, "Dakar", "SN")
    add_member(db, "Saint-Louis", "SN")
    add_member(db, "Berlin", "DE")
    res = testapp.get("/members", {"_LOCALE_": "fr"})
    assert set(links(res)) == {"Sénégal : 2 organisations membres", "Allemagne : 1 organisation membre"}
    section = res.html.select_one("section.world-map")
    assert section.h2.text == "Organisations membres par pays"
    res = testapp.get("/members", {"_LOCALE_": "es"})
    assert "Senegal: 2 organizaciones miembro" in links(res)


def test_members_map_without_members_has_no_link_and_says_so(testapp):
    res = testapp.get("/members")
    section = res.html.select_one("section.world-map")
    assert section.select("g.countries a") == []
    assert section.select_one("details") is None
    assert "No country to show yet." in section.text
