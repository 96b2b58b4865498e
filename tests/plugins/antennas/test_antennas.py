"""Antennas: the secretariat creates them, coordinators publish in their antenna only (local roles),
an antenna's page gathers its region; the member directory; the reach dashboard; badge and embed;
Open Graph metadata."""
import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.models import LocalRole, Member, News, Page, Section, utcnow
from portal.testing import csrf, form_with, login, plugin_pages, pages_linking_to_themselves, text_of

from plugins.antennas.models import Antenna
from plugins.experiences.models import Experience, Theme


def add_member(db, name, country="BR", kind="city", status="active", since=None, **kw):
    from portal.countries import region_of
    with db() as s:
        m = Member(name=name, kind=kind, country=country, region=region_of(country), status=status,
                   member_since=since, **kw)
        s.add(m)
        s.flush()
        return m.id


def add_experience(db, title, country="BR", themes=("participatory-budgeting",), state="published", **kw):
    with db() as s:
        e = Experience(title=title, description="", body="<p>x</p>", language="en", city=kw.pop("city", "City"),
                       country=country, state=state, published=utcnow() if state == "published" else None,
                       mechanism="participatory-budget", scale="city", start_year=2015, sdgs=[16], **kw)
        s.add(e)
        e.themes = [s.query(Theme).filter_by(slug=slug).one() for slug in themes]
        s.flush()
        return e.id


def fill(form, **values):
    for name, value in values.items():
        if isinstance(value, (list, tuple, set)):
            for box in form.fields.get("checkbox", []):
                box.checked = box._value in {str(v) for v in value}
        else:
            form[name] = value


def create_antenna(testapp, name, region, coordinators=(), **values):
    form = testapp.get("/antennas/add").forms["deform"]
    fill(form, name=name, region=region, seat_country=values.pop("seat_country", "BR"),
         status=values.pop("status", "active"), coordinators="\n".join(coordinators), **values)
    page = form.submit("save", status=302).follow()
    return int(re.search(r"/antennas/(\d+)$", page.request.path).group(1))


@pytest.fixture
def two_antennas(testapp, make_user, db):
    """Latin America (coordinated by Luiza) and Africa (by Awa), created by the secretariat."""
    luiza = make_user("luiza@example.org", name="Luiza Coordinator")
    awa = make_user("awa@example.org", name="Awa Coordinator")
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    latam = create_antenna(testapp, "Latin America antenna", "latin-america-caribbean", ["Luiza@example.org "],
                           seat_city="Porto Alegre", description="<p>Experts of <b>the region</b></p><script>x()</script>",
                           contacts="Rua Uruguai 155\nlatam@example.org")
    africa = create_antenna(testapp, "Africa antenna", "africa", ["awa@example.org"], seat_city="Dakar",
                            seat_country="SN")
    testapp.reset()
    return {"latam": latam, "africa": africa, "luiza": luiza, "awa": awa}


def section_of(db, antenna_id):
    with db() as s:
        return s.get(Antenna, antenna_id).section_id


def test_secretariat_creates_an_antenna_with_its_section_and_coordinators(testapp, two_antennas, db):
    with db() as s:
        antenna = s.get(Antenna, two_antennas["latam"])
        assert antenna.region == "latin-america-caribbean" and antenna.seat_city == "Porto Alegre"
        assert antenna.status == "active"
        assert "<script>" not in antenna.description and "<b>the region</b>" in antenna.description
        section = s.get(Section, antenna.section_id)
        assert section.title == "Latin America antenna" and section.state == "published"
        roles = s.scalars(select(LocalRole).where(LocalRole.content_id == section.id)).all()
        assert [(r.principal, r.role) for r in roles] == [(f"user:{two_antennas['luiza']}", "reviewer")]
    page = testapp.get(f"/antennas/{two_antennas['latam']}")
    text = text_of(page.text)
    assert "Latin America antenna" in text and "Porto Alegre" in text and "Luiza Coordinator" in text
    assert "latam@example.org" in text
    listing = text_of(testapp.get("/antennas").text)
    assert "Latin America antenna" in listing and "Africa antenna" in listing


def test_the_antenna_form_rejects_bad_input_and_keeps_what_was_typed(testapp, make_user):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    form = form_with(testapp, "/antennas/add", name="Northern Europe antenna", region="europe", seat_country="SE",
                                               seat_city="Stockholm", opened="not a date")
    page = form.submit("save", status=400)
    assert page.forms["deform"]["seat_city"].value == "Stockholm"
    assert page.forms["deform"]["name"].value == "Northern Europe antenna"


def test_only_the_secretariat_creates_or_edits_antennas(testapp, two_antennas, make_user):
    login(testapp, "luiza@example.org")
    testapp.get("/antennas/add", status=403)
    testapp.get(f"/antennas/{two_antennas['latam']}/edit", status=403)
    testapp.post(f"/antennas/{two_antennas['latam']}/delete", {"delete": "1", "csrf_token": csrf(testapp)},
                 status=403)


def test_a_coordinator_publishes_news_in_their_antenna(testapp, two_antennas, db):
    login(testapp, "luiza@example.org")
    antenna_page = testapp.get(f"/antennas/{two_antennas['latam']}")
    assert f"/antennas/{two_antennas['latam']}/add/news" in antenna_page.text
    form = form_with(testapp, f"/antennas/{two_antennas['latam']}/add/news", title="Regional meeting in Porto Alegre",
                                                                             description="Thirty cities compared their budget cycles.",
                                                                             body="<p>Report</p><script>steal()</script>")
    news_page = form.submit("save", status=302).follow()
    news_url = news_page.request.path
    news_id = int(news_url.rsplit("/", 1)[1])
    with db() as s:
        item = s.get(News, news_id)
        assert item.parent_id == section_of(db, two_antennas["latam"])
        assert item.state == "draft" and "steal()" not in item.body
    # a coordinator publishes in their antenna (the local role includes review)
    testapp.post(f"{news_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    with db() as s:
        assert s.get(News, news_id).state == "published"
    testapp.get(f"{news_url}/edit", status=200)
    testapp.reset()
    text = text_of(testapp.get(f"/antennas/{two_antennas['latam']}").text)
    assert "Regional meeting in Porto Alegre" in text
    assert "Regional meeting" not in text_of(testapp.get(f"/antennas/{two_antennas['africa']}").text)


def test_a_coordinator_adds_a_page_that_stays_in_the_antenna(testapp, two_antennas, db):
    login(testapp, "luiza@example.org")
    form = testapp.get(f"/antennas/{two_antennas['latam']}/add/page").forms["deform"]
    assert "parent_id" not in form.fields  # the page goes into the antenna's section, not elsewhere
    form["title"] = "Who we are"
    page = form.submit("save", status=302).follow()
    with db() as s:
        found = s.get(Page, int(page.request.path.rsplit("/", 1)[1]))
        assert found.parent_id == section_of(db, two_antennas["latam"])


def test_a_coordinator_cannot_edit_elsewhere(testapp, two_antennas, db, make_user):
    with db() as s:
        core_section = Section(title="About", state="published", published=utcnow(), language="en")
        core_news = News(title="Core news", state="published", published=utcnow(), language="en")
        other = News(title="Dakar news", state="draft", language="en",
                     parent_id=s.get(Antenna, two_antennas["africa"]).section_id)
        s.add_all([core_section, core_news, other])
        s.flush()
        core_section_id, core_news_id, other_id = core_section.id, core_news.id, other.id
    login(testapp, "luiza@example.org")
    token = csrf(testapp)
    # the core's content
    testapp.get(f"/news/{core_news_id}/edit", status=403)
    testapp.post(f"/news/{core_news_id}/edit", {"title": "Hacked", "save": "1", "csrf_token": token}, status=403)
    testapp.post(f"/news/{core_news_id}/transition", {"transition": "retract", "csrf_token": token}, status=403)
    testapp.get(f"/sections/{core_section_id}/edit", status=403)
    testapp.get("/news/add", status=403)
    testapp.get("/pages/add", status=403)
    # another antenna's content and section
    testapp.get(f"/news/{other_id}/edit", status=403)
    testapp.post(f"/news/{other_id}/transition", {"transition": "publish", "csrf_token": token}, status=403)
    testapp.get(f"/antennas/{two_antennas['africa']}/add/news", status=403)
    testapp.post(f"/antennas/{two_antennas['africa']}/add/news",
                 {"title": "Intruder", "language": "en", "save": "1", "csrf_token": token}, status=403)
    with db() as s:
        assert s.get(News, core_news_id).title == "Core news"
        assert s.get(News, other_id).state == "draft"
        assert not s.scalars(select(News).where(News.title == "Intruder")).all()
    # an unknown type, or one that is not for antennas, is not there
    testapp.get(f"/antennas/{two_antennas['latam']}/add/experience", status=404)
    testapp.get(f"/antennas/{two_antennas['latam']}/add/nothing", status=404)


def test_a_coordinator_cannot_move_a_page_out_of_the_antenna(testapp, two_antennas, db):
    """Issue 12 point 6: a published page whose "Section" field is emptied stayed published at the
    top level, unreviewed. Every way out of the antenna is a form error that keeps what was typed."""
    with db() as s:
        core_section = Section(title="About", state="published", published=utcnow(), language="en")
        s.add(core_section)
        s.flush()
        core_section_id = core_section.id
    latam_section = section_of(db, two_antennas["latam"])
    login(testapp, "luiza@example.org")
    form = testapp.get(f"/antennas/{two_antennas['latam']}/add/page").forms["deform"]
    form["title"] = "Our team"
    page_url = form.submit("save", status=302).follow().request.path
    page_id = int(page_url.rsplit("/", 1)[1])
    testapp.post(f"{page_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    for place, message in (("", "You may not place this item at the top level of the portal"),
                           (str(core_section_id), "You may not place items in “About”"),
                           (str(section_of(db, two_antennas["africa"])), "You may not place items in “Africa antenna”")):
        edit = testapp.get(f"{page_url}/edit").forms["deform"]
        edit["title"] = "Our team, renamed"
        edit["parent_id"] = place
        res = edit.submit("save", status=400)
        assert message in text_of(res.text)
        assert res.forms["deform"]["title"].value == "Our team, renamed"
        assert res.forms["deform"]["parent_id"].value == place
        with db() as s:
            page = s.get(Page, page_id)
            assert (page.parent_id, page.title, page.state) == (latam_section, "Our team", "published")
    edit = testapp.get(f"{page_url}/edit").forms["deform"]
    edit["title"] = "Our team in Porto Alegre"
    edit.submit("save", status=302)
    with db() as s:
        page = s.get(Page, page_id)
        assert (page.parent_id, page.title, page.state) == (latam_section, "Our team in Porto Alegre", "published")


def test_the_secretariat_moves_an_antennas_page_anywhere(testapp, two_antennas, db):
    with db() as s:
        page = Page(title="Moving page", state="published", published=utcnow(), language="en",
                    parent_id=s.get(Antenna, two_antennas["latam"]).section_id)
        s.add(page)
        s.flush()
        page_id = page.id
    login(testapp, "admin@example.org")
    for place in (section_of(db, two_antennas["africa"]), None):
        edit = testapp.get(f"/pages/{page_id}/edit").forms["deform"]
        edit["parent_id"] = str(place or "")
        edit.submit("save", status=302)
        with db() as s:
            assert (s.get(Page, page_id).parent_id, s.get(Page, page_id).state) == (place, "published")


def test_removing_a_coordinator_takes_their_rights_away(testapp, two_antennas, db):
    login(testapp, "admin@example.org")
    form = testapp.get(f"/antennas/{two_antennas['latam']}/edit").forms["deform"]
    assert form["coordinators"].value.strip() == "luiza@example.org"
    form["coordinators"] = "awa@example.org\nnobody@example.org"
    failed = form.submit("save", status=400)
    assert "nobody@example.org" in text_of(failed.text)
    assert failed.forms["deform"]["coordinators"].value == "awa@example.org\nnobody@example.org"
    form = failed.forms["deform"]
    form["coordinators"] = "awa@example.org"
    form.submit("save", status=302)
    testapp.reset()
    login(testapp, "luiza@example.org")
    testapp.get(f"/antennas/{two_antennas['latam']}/add/news", status=403)
    testapp.reset()
    login(testapp, "awa@example.org")
    testapp.get(f"/antennas/{two_antennas['latam']}/add/news", status=200)


def test_an_antenna_page_gathers_its_region(testapp, two_antennas, db):
    add_member(db, "Porto Alegre", "BR")
    add_member(db, "Montevideo", "UY")
    add_member(db, "Dakar", "SN")
    add_member(db, "Lapsed city", "AR", status="former")
    add_experience(db, "Participatory budget of Porto Alegre", "BR")
    add_experience(db, "Budget of Dakar", "SN")
    add_experience(db, "Unpublished Lima draft", "PE", state="draft")
    page = testapp.get(f"/antennas/{two_antennas['latam']}")
    text = text_of(page.text)
    assert "Porto Alegre" in text and "Montevideo" in text
    assert "Dakar" not in text and "Lapsed city" not in text
    assert "Participatory budget of Porto Alegre" in text
    assert "Budget of Dakar" not in text and "Unpublished Lima draft" not in text
    assert 'id="section-members"' in page.text and 'id="section-experiences"' in page.text
    africa = text_of(testapp.get(f"/antennas/{two_antennas['africa']}").text)
    assert "Dakar" in africa and "Budget of Dakar" in africa and "Montevideo" not in africa


def test_a_member_profile_names_its_regional_antenna(testapp, two_antennas, db):
    member_id = add_member(db, "Canoas", "BR", website="https://canoas.example.org",
                           description="A city of the metropolitan area.", since=date(2013, 5, 2))
    add_experience(db, "Canoas youth budget", "BR", member_id=member_id)
    page = testapp.get(f"/members/{member_id}")
    text = text_of(page.text)
    assert "Latin America antenna" in text and "Canoas youth budget" in text
    assert "A city of the metropolitan area." in text and "https://canoas.example.org" in text and "2013" in text
    assert f"/members/{member_id}/badge" in page.text


def test_unknown_antenna_is_404(testapp):
    testapp.get("/antennas/999", status=404)
    testapp.get("/antennas/999/edit", status=404)


def test_a_coordinator_adds_every_kind_of_antenna_content(testapp, two_antennas, db, registry):
    """News, pages and, when the events plugin is there, events: each lands in the antenna's section."""
    from plugins.antennas.services import antenna_types
    from portal.models import Content

    class Req:
        pass
    req = Req()
    req.registry = registry
    types = antenna_types(req)
    assert {"news", "page"} <= {info.name for info in types}
    login(testapp, "luiza@example.org")
    section_id = section_of(db, two_antennas["latam"])
    for info in types:
        form = testapp.get(f"/antennas/{two_antennas['latam']}/add/{info.name}").forms["deform"]
        form["title"] = f"A {info.name} of the antenna"
        for name, value in info.example.items():
            if name in form.fields:
                form[name] = value
        page = form.submit("save", status=302).follow()
        with db() as s:
            item = s.get(Content, int(page.request.path.rsplit("/", 1)[1]))
            assert item.parent_id == section_id and item.type == info.name


def test_an_antenna_page_renders_the_region_sections_of_every_plugin(testapp, two_antennas, registry):
    from portal.registry import Section as RegionSection
    seen = []

    def items(request, region, limit):
        seen.append(region)
        return [{"title": f"Workshop in {region}", "url": "/workshops", "note": "soon"}]
    registry.portal.region_sections["fake"] = RegionSection(name="fake", title="Fake workshops", items=items,
                                                            order=99, plugin="tests")
    page = testapp.get(f"/antennas/{two_antennas['africa']}")
    assert 'id="section-fake"' in page.text
    assert "Workshop in africa" in text_of(page.text) and seen == ["africa"]


def test_a_coordinator_cannot_change_the_antennas_own_section(testapp, two_antennas, db):
    """The antenna's section is the antenna: renamed, retitled, retracted or deleted only by the
    secretariat, through the antenna's form, even though its coordinators' local role lets them
    edit inside it."""
    section_id = section_of(db, two_antennas["latam"])
    login(testapp, "luiza@example.org")
    token = csrf(testapp)
    testapp.get(f"/sections/{section_id}/edit", status=403)
    testapp.post(f"/sections/{section_id}/edit", {"csrf_token": token, "title": "Luiza's own corner",
                                                  "language": "en", "save": "1"}, status=403)
    testapp.post(f"/sections/{section_id}/transition", {"csrf_token": token, "transition": "retract"}, status=403)
    testapp.post(f"/sections/{section_id}/restore", {"csrf_token": token, "revision": "1"}, status=403)
    testapp.get(f"/sections/{section_id}/delete", status=403)
    with db() as s:
        section = s.get(Section, section_id)
        assert (section.title, section.state) == ("Latin America antenna", "published")
    # news inside the section still goes in (the section changes only by gaining a child)
    news = testapp.get(f"/antennas/{two_antennas['latam']}/add/news").forms["deform"]
    news["title"] = "Assembly of the antenna"
    news.submit("save", status=302)
    testapp.reset()
    login(testapp, "admin@example.org")
    assert testapp.get(f"/sections/{section_id}/edit", status=302).location.endswith(
        f"/antennas/{two_antennas['latam']}/edit")
    assert testapp.get(f"/sections/{section_id}/delete", status=302).location.endswith(
        f"/antennas/{two_antennas['latam']}/delete")


def test_an_antenna_has_one_page_its_sections_page_leads_there(testapp, two_antennas, db):
    """Issue 16: the section's page was a second page of the antenna; it now leads to the antenna's,
    where coordinators still add news, pages and events."""
    section_id = section_of(db, two_antennas["latam"])
    with db() as s:
        core = Section(title="About", state="published", published=utcnow(), language="en")
        s.add(core)
        s.flush()
        core_id = core.id
    res = testapp.get(f"/sections/{section_id}", status=302)
    assert res.location.endswith(f"/antennas/{two_antennas['latam']}")
    testapp.get(f"/sections/{core_id}", status=200)  # the core's own sections keep their page
    login(testapp, "luiza@example.org")
    page = testapp.get(f"/sections/{section_id}").follow()
    for kind in ("news", "page", "event"):
        assert f"/antennas/{two_antennas['latam']}/add/{kind}" in page.text
    form = page.click(href=f"/antennas/{two_antennas['latam']}/add/news").forms["deform"]
    form["title"] = "Assembly of the antenna"
    news = form.submit("save", status=302).follow()
    # the news item's breadcrumbs lead to the antenna, and no crumb links the page to itself
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', news.text, re.S).group(0)
    assert f'href="/sections/{section_id}"' in trail and f'href="{news.request.path}"' not in trail


def test_a_coordinator_cannot_move_a_page_under_another_antennas_page(testapp, two_antennas, db, app):
    from portal.testing import client
    awa = client(app, "192.0.2.21")
    login(awa, "awa@example.org")
    form = awa.get(f"/antennas/{two_antennas['africa']}/add/page").forms["deform"]
    form["title"] = "Africa team"
    africa_page = int(form.submit("save", status=302).follow().request.path.rsplit("/", 1)[1])
    login(testapp, "luiza@example.org")
    form = testapp.get(f"/antennas/{two_antennas['latam']}/add/page").forms["deform"]
    form["title"] = "Our page"
    page_url = form.submit("save", status=302).follow().request.path
    testapp.post(f"{page_url}/edit", {"csrf_token": csrf(testapp), "title": "Our page", "description": "", "body": "",
                                      "language": "en", "parent_id": str(africa_page), "translation_of": "",
                                      "save": "1"}, status=400)
    with db() as s:
        assert s.get(Page, int(page_url.rsplit("/", 1)[1])).parent_id == section_of(db, two_antennas["latam"])


def test_no_breadcrumb_links_a_page_to_itself(testapp, two_antennas, db, registry):
    """Issue 16: on every page of the plugin, the current page ends the breadcrumbs as plain text."""
    member = add_member(db, "Porto Alegre", "BR")
    add_experience(db, "Participatory budget of Porto Alegre", "BR")
    login(testapp, "admin@example.org")
    urls = plugin_pages(registry, "antennas", {"id": two_antennas["latam"], "type": "news"}) + [
        f"/members/{member}/badge", "/embed?region=latin-america-caribbean"]
    seen, wrong = pages_linking_to_themselves(
        testapp, [url.replace(f"/members/{two_antennas['latam']}/", f"/members/{member}/") for url in urls])
    assert wrong == [] and seen >= 8


def test_an_antenna_is_named_and_described_in_each_language(testapp, make_user, db):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    antenna_id = create_antenna(testapp, "Latin America antenna", "latin-america-caribbean", **{
        "name-es": "Antena de América Latina", "name-pt": "Antena da América Latina",
        "description": "<p>Experts of the region</p>", "description-es": "<p>Expertos de la región</p>"})
    edit = testapp.get(f"/antennas/{antenna_id}/edit").forms["deform"]
    assert edit["name"].value == "Latin America antenna" and edit["name-es"].value == "Antena de América Latina"
    testapp.reset()
    es = testapp.get(f"/antennas/{antenna_id}", headers={"Accept-Language": "es"})
    assert es.html.h1.text == "Antena de América Latina" and "<p>Expertos de la región</p>" in es.text
    assert "Antena de América Latina" in testapp.get("/antennas", headers={"Accept-Language": "es"}).text
    pt = testapp.get(f"/antennas/{antenna_id}", params={"_LOCALE_": "pt"})
    assert pt.html.h1.text == "Antena da América Latina" and "Experts of the region" in pt.text
    assert pt.html.select_one(".untranslated-note").text.strip() == "Ainda não traduzido para Português."
    with db() as s:  # its section is named in each language as the antenna
        section = s.get(Antenna, antenna_id).section
        assert section.translations == {"title": {"es": "Antena de América Latina", "pt": "Antena da América Latina"}}
