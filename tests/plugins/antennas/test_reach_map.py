"""The reach dashboard's map of member organisations by country: active members only, each
country a link to the directory filtered by it, the table beside it."""
from urllib.parse import parse_qsl, urlsplit

from .test_antennas import add_member


def test_reach_map_counts_active_members_and_leads_to_the_directory(testapp, db):
    add_member(db, "Porto Alegre", "BR")
    add_member(db, "Canoas", "BR")
    add_member(db, "Maputo", "MZ")
    add_member(db, "Suspended city", "PE", status="suspended")
    res = testapp.get("/reach")
    svg = res.html.select_one("#reach-map svg")
    links = {a.find("title").text: a["href"] for a in svg.select("g.countries a")}
    assert set(links) == {"Brazil: 2 member organisations", "Mozambique: 1 member organisation"}
    href = links["Mozambique: 1 member organisation"]
    assert urlsplit(href).path == "/members" and parse_qsl(urlsplit(href).query) == [("country", "MZ")]
    assert [a.text for a in testapp.get(href).html.select("ul.members h2 a")] == ["Maputo"]
    rows = [(tr.th.text.strip(), tr.td.text.strip()) for tr in res.html.select("#reach-map details tbody tr")]
    assert rows == [("Brazil", "2"), ("Mozambique", "1")]
    # one map per page: the dashboard's own id, not the directory's
    assert res.html.select_one("#members-map") is None
