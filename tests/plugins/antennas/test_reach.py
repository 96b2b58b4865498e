"""The member directory, the reach dashboard, the badge, the embeddable list and the page metadata."""
import csv
import io
import re
from datetime import date

import pytest

from portal.models import Member, News, Setting, utcnow
from portal.testing import login, text_of

from .test_antennas import add_experience, add_member


# --- member directory -----------------------------------------------------------------------------

def test_directory_filters_by_region_country_type_and_name(testapp, db):
    add_member(db, "Porto Alegre", "BR")
    add_member(db, "Canoas", "BR")
    add_member(db, "Universidad de Buenos Aires", "AR", kind="university")
    add_member(db, "Dakar", "SN")
    add_member(db, "Former city", "BR", status="former")

    def names(query):
        page = testapp.get("/members", query)
        return [m for m in re.findall(r'<h2><a href="/members/\d+">([^<]+)</a></h2>', page.text)]

    assert names({}) == ["Canoas", "Dakar", "Porto Alegre", "Universidad de Buenos Aires"]
    assert names({"region": "latin-america-caribbean"}) == ["Canoas", "Porto Alegre", "Universidad de Buenos Aires"]
    assert names({"country": "BR"}) == ["Canoas", "Porto Alegre"]
    assert names({"country": "br"}) == ["Canoas", "Porto Alegre"]
    assert names({"kind": "university"}) == ["Universidad de Buenos Aires"]
    assert names({"q": "ALEGRE"}) == ["Porto Alegre"]
    assert names({"q": "a", "region": "africa"}) == ["Dakar"]
    assert names({"q": "%"}) == []
    page = testapp.get("/members", {"country": "BR"})
    assert '<option value="BR" selected="selected">' in page.text


@pytest.mark.parametrize("query, allowed", [
    ({"region": "mars"}, "africa, asia-pacific, europe, latin-america-caribbean, north-america"),
    ({"kind": "empire"}, "city, local-government, organisation, university, network"),
    ({"country": "XX"}, "BR"),
])
def test_directory_refuses_unknown_filter_values_naming_the_allowed_ones(testapp, query, allowed):
    page = testapp.get("/members", query, status=400)
    assert allowed in page.text


def test_directory_pages(testapp, db):
    for i in range(30):
        add_member(db, f"City {i:02d}", "FR")
    first = testapp.get("/members")
    assert "City 00" in first.text and "City 24" not in first.text
    assert 'rel="next"' in first.text
    second = testapp.get("/members", {"page": "2"})
    assert "City 24" in second.text and "City 29" in second.text and "City 00" not in second.text
    testapp.get("/members", {"page": "0"}, status=400)
    testapp.get("/members", {"page": "3"}, status=404)
    filtered = testapp.get("/members", {"q": "city 2", "page": "1"})
    assert "City 20" in filtered.text and "City 02" not in filtered.text


def test_a_former_member_has_no_public_profile(testapp, db):
    former = add_member(db, "Former city", "BR", status="former")
    testapp.get(f"/members/{former}", status=404)


# --- reach dashboard ------------------------------------------------------------------------------

@pytest.fixture
def membership(db):
    this_year = date.today().year
    add_member(db, "Porto Alegre", "BR", since=date(2019, 3, 1))
    add_member(db, "Canoas", "BR", since=date(2019, 6, 1))
    add_member(db, "Montevideo", "UY", since=date(this_year, 1, 10))
    add_member(db, "Dakar", "SN", since=date(this_year, 2, 1))
    add_member(db, "Sahel network", "BF", kind="network", since=None)
    add_member(db, "Former city", "FR", status="former", since=date(this_year, 1, 1))
    with db() as s:
        s.add(Setting(key="antennas", value={"africa": "30", "latin-america-caribbean": "50"}))
    return this_year


def test_dashboard_figures_from_known_data(testapp, membership):
    this_year = membership
    page = testapp.get("/reach")
    text = text_of(page.text)
    assert "5 member organisations" in text
    assert f"2 new members in {this_year}" in text
    # per region: 3 of 5 in Latin America (60 %, target 50 %), 2 in Africa (40 %, target 30 %)
    # the gap in percentage points (a share of 60 % against a target of 50 % is 10 points above it)
    assert re.search(r"Latin America and the Caribbean\s*3\s*60 %\s*50 %\s*\+10 pp", text)
    assert re.search(r"Africa\s*2\s*40 %\s*30 %\s*\+10 pp", text)
    assert re.search(r"Europe\s*0\s*0 %\s*—\s*—", text)
    # per type and per year
    assert re.search(r"City\s*4", text) and re.search(r"Network\s*1", text)
    assert re.search(r"2019\s*2", text) and re.search(rf"{this_year}\s*2", text)
    assert "Joining date unknown: 1" in text
    # server-side SVG charts with a title and a description, no script
    svgs = re.findall(r'<svg [^>]*class="chart".*?</svg>', page.text, flags=re.S)  # the map is apart
    assert len(svgs) == 4
    for svg in svgs:
        assert "<title id=" in svg and "<desc id=" in svg and 'role="img"' in svg
    assert "<script" not in page.text.split("</head>")[1]
    assert 'stroke="#b3261e"' in svgs[1]  # the target marks
    assert ">2020</text>" in svgs[3]  # every year, those without members too
    assert f'font-weight="700">{this_year}</text>' in svgs[3]  # the current year stands out
    assert ">Year</text>" in svgs[3] and ">Members</text>" in svgs[3]  # the axes are named
    assert svgs[3].count('text-anchor="middle" font-size="12" fill="#1b1b1b">2</text>') == 2  # each column says its value
    # no table repeats a chart: the shares are in the regions' table; types and years fold under their chart
    assert page.text.count("<table") == 4  # regions, the map's, types, years
    assert page.text.count('<details class="chart-table table-alternative">') == 2
    # the status table is the secretariat's
    assert "Membership status" not in text


def test_dashboard_csv_export(testapp, membership):
    res = testapp.get("/export/reach.csv")
    assert res.content_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(res.text)))
    by = {(r["figure"], r["key"]): r for r in rows}
    assert by[("total", "")]["count"] == "5"
    assert by[("new_this_year", str(membership))]["count"] == "2"
    assert by[("region", "latin-america-caribbean")]["count"] == "3"
    assert by[("region", "latin-america-caribbean")]["share"] == "60.0"
    assert by[("region", "latin-america-caribbean")]["target"] == "50"
    assert by[("region", "asia-pacific")]["target"] == ""
    assert by[("type", "network")]["count"] == "1"
    assert by[("joined", "2019")]["count"] == "2"


def test_secretariat_sets_the_targets(testapp, membership, make_user):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    page = testapp.get("/reach")
    assert "Membership status" in page.text and "/manage/settings/antennas" in page.text
    form = testapp.get("/manage/settings/antennas").forms["deform"]
    form["europe"] = "20"
    form["africa"] = ""
    form["north-america"] = "150"
    failed = form.submit("save", status=400)
    assert failed.forms["deform"]["europe"].value == "20"
    form = failed.forms["deform"]
    form["north-america"] = "10"
    form.submit("save", status=302)
    rows = list(csv.DictReader(io.StringIO(testapp.get("/export/reach.csv").text)))
    targets = {r["key"]: r["target"] for r in rows if r["figure"] == "region"}
    assert targets["europe"] == "20" and targets["north-america"] == "10" and targets["africa"] == ""


# --- badge and embed ------------------------------------------------------------------------------

def test_the_badge_of_a_member(testapp, db):
    member_id = add_member(db, "Porto Alegre", "BR")
    res = testapp.get(f"/members/{member_id}/badge.svg", {"lang": "pt"})
    assert res.content_type == "image/svg+xml"
    assert "Membro da rede" in res.text
    assert f"http://portal.test/members/{member_id}" in res.text and "Porto Alegre" in res.text
    assert "<script" not in res.text
    assert "X-Frame-Options" not in res.headers
    assert "frame-ancestors *" in res.headers["Content-Security-Policy"]
    for lang, words in (("en", "Member of the network"), ("es", "Miembro de la red"), ("fr", "Membre du réseau")):
        assert words in testapp.get(f"/members/{member_id}/badge.svg", {"lang": lang}).text
    testapp.get(f"/members/{member_id}/badge.svg", {"lang": "de"}, status=400)
    page = testapp.get(f"/members/{member_id}/badge")
    snippet = page.html.find("textarea", id="snippet-fr").text
    assert f'href="http://portal.test/members/{member_id}"' in snippet
    assert f'src="http://portal.test/members/{member_id}/badge.svg?lang=fr"' in snippet
    assert page.headers["X-Frame-Options"] == "DENY"  # only the badge itself may be framed


def test_no_badge_for_an_unknown_or_lapsed_member(testapp, db):
    former = add_member(db, "Former city", "BR", status="former")
    suspended = add_member(db, "Suspended city", "BR", status="suspended")
    testapp.get("/members/9999/badge.svg", status=404)
    testapp.get(f"/members/{former}/badge.svg", status=404)
    testapp.get(f"/members/{suspended}/badge.svg", status=404)
    testapp.get(f"/members/{former}/badge", status=404)


def test_embeddable_list_of_experiences(testapp, db):
    add_experience(db, "Porto Alegre budget", "BR")
    add_experience(db, "Dakar assemblies", "SN", themes=("citizen-assemblies",))
    add_experience(db, "Draft in Lima", "PE", state="draft")
    res = testapp.get("/embed/experiences", {"region": "latin-america-caribbean", "lang": "es"})
    assert "Porto Alegre budget" in res.text and "Dakar assemblies" not in res.text and "Draft in Lima" not in res.text
    assert "América Latina" in res.text and 'lang="es"' in res.text
    assert "<script" not in res.text
    assert "X-Frame-Options" not in res.headers
    assert "frame-ancestors *" in res.headers["Content-Security-Policy"]
    assert 'target="_blank"' in res.text
    theme = testapp.get("/embed/experiences", {"theme": "citizen-assemblies"})
    assert "Dakar assemblies" in theme.text and "Porto Alegre budget" not in theme.text
    bad = testapp.get("/embed/experiences", {"region": "atlantis"}, status=400)
    assert "latin-america-caribbean" in bad.text
    bad = testapp.get("/embed/experiences", {"theme": "nothing"}, status=400)
    assert "citizen-assemblies" in bad.text
    testapp.get("/embed/experiences", {"limit": "500"}, status=400)
    helper = testapp.get("/embed", {"region": "africa", "lang": "fr"})
    assert "/embed/experiences?region=africa&amp;amp;lang=fr" in helper.text or \
        "/embed/experiences?region=africa&amp;lang=fr" in helper.text
    assert helper.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in testapp.get("/members").headers["Content-Security-Policy"]


# --- Open Graph and Twitter card ------------------------------------------------------------------

def meta(page, key):
    found = page.html.find("meta", attrs={"property": key}) or page.html.find("meta", attrs={"name": key})
    return found["content"] if found else None


def test_pages_carry_open_graph_and_twitter_metadata(testapp, db):
    home = testapp.get("/")
    assert meta(home, "og:title") and meta(home, "og:description") and meta(home, "og:url") == "http://portal.test/"
    assert meta(home, "og:type") == "website" and meta(home, "twitter:card") == "summary"
    with db() as s:
        item = News(title="Antennas open in Dakar", description="A new office for Africa.", state="published",
                    published=utcnow(), language="en")
        s.add(item)
        s.flush()
        news_id = item.id
    news = testapp.get(f"/news/{news_id}")
    assert meta(news, "og:title") == "Antennas open in Dakar"
    assert meta(news, "og:description") == "A new office for Africa."
    assert meta(news, "twitter:description") == "A new office for Africa."
    assert meta(news, "og:type") == "article"
    member_id = add_member(db, "Canoas", "BR", description="City of the metropolitan area.")
    member = testapp.get(f"/members/{member_id}")
    assert meta(member, "og:title") == "Canoas" and meta(member, "og:description") == "City of the metropolitan area."
    reach = testapp.get("/reach")
    assert meta(reach, "og:title") == "Reach of the network"


def test_shared_links_show_the_image_of_the_page(testapp, db):
    from portal.models import File
    member_id = add_member(db, "Canoas", "BR")
    with db() as s:
        logo = File(filename="canoas.png", mimetype="image/png", size=10, sha256="0" * 64, path="x/canoas.png")
        s.add(logo)
        s.flush()
        s.get(Member, member_id).logo_id = logo.id
        news = News(title="With a photo", state="published", published=utcnow(), language="en")
        s.add(news)
        s.flush()
        photo = File(filename="photo.jpg", mimetype="image/jpeg", size=10, sha256="1" * 64, path="x/photo.jpg",
                     content_id=news.id)
        s.add(photo)
        s.flush()
        logo_id, news_id, photo_id = logo.id, news.id, photo.id
    member = testapp.get(f"/members/{member_id}")
    assert meta(member, "og:image") == f"http://portal.test/files/{logo_id}/canoas.png"
    assert meta(member, "twitter:card") == "summary_large_image"
    assert meta(member, "twitter:image") == meta(member, "og:image")
    news = testapp.get(f"/news/{news_id}")
    assert meta(news, "og:image") == f"http://portal.test/files/{photo_id}/photo.jpg"
