"""The home page: the figures of the network (one query each), the highlights as cards with a picture,
a member not asked to join, and a look served entirely by the portal (logo, fonts: nothing from another
host)."""
import re
from datetime import UTC, datetime, timedelta

from portal.models import Member
from portal.countries import region_of
from portal.testing import login, text_of

from award_helpers import add_experience


def add_member(db, name, country, status="active"):
    with db() as s:
        member = Member(name=name, kind="city", country=country, region=region_of(country), status=status)
        s.add(member)
        s.flush()
        return member.id


def add_event(db, title, starts):
    from plugins.events.models import Event
    with db() as s:
        e = Event(title=title, description="", body="<p>Programme.</p>", language="en", kind="workshop",
                  timezone="UTC", city="Dakar", country="SN", starts=starts, ends=starts + timedelta(hours=3),
                  state="published", published=datetime(2026, 1, 1, tzinfo=UTC))
        s.add(e)
        s.flush()
        return e.id


def figures(res):
    return {li.get("class")[-1].removeprefix("home-figure-"): li.strong.get_text(strip=True)
            for li in res.html.select(".home-figures li")}


def test_the_figures_count_active_members_their_countries_experiences_and_events_held(testapp, db):
    rosario = add_member(db, "Rosario", "AR")
    add_member(db, "Córdoba", "AR")
    add_member(db, "Dakar", "SN")
    add_member(db, "Lyon", "FR", status="pending")  # not yet a member
    add_experience(db, "Neighbourhood assemblies", rosario, "Rosario", "AR")
    add_experience(db, "Youth budget", rosario, "Rosario", "AR")
    add_experience(db, "A draft", rosario, "Rosario", "AR", state="draft")
    now = datetime.now(UTC)
    add_event(db, "Last year's workshop", now - timedelta(days=300))
    add_event(db, "Next month's workshop", now + timedelta(days=30))
    assert figures(testapp.get("/")) == {"members": "3", "countries": "2", "experiences": "2", "events": "1"}


def test_the_figures_speak_the_readers_language(testapp):
    text = text_of(testapp.get("/?_LOCALE_=fr").text)
    assert "Expériences partagées" in text and "Événements organisés" in text and "Pays" in text


def test_highlights_are_cards_with_a_cover_or_the_drawing_of_their_kind(testapp, db):
    rosario = add_member(db, "Rosario", "AR")
    add_experience(db, "Neighbourhood assemblies", rosario, "Rosario", "AR")
    add_event(db, "Next month's workshop", datetime.now(UTC) + timedelta(days=30))
    page = testapp.get("/").html
    experience = page.select_one("#section-experiences .cards > li")
    assert experience.h3.a.get_text() == "Neighbourhood assemblies"
    assert "fallback-experiences" in experience.select_one(".card-fallback")["class"]
    assert page.select_one("#section-events .cards > li .fallback-events") is not None


def test_a_member_is_not_asked_to_join(testapp, make_user):
    def invitations(html):  # the hero's button, the menu's entry and the footer's link
        return [a.get_text() for a in html.select("main a, nav.main-nav a, footer a") if a.get_text() == "Join the network"]
    assert len(invitations(testapp.get("/").html)) == 3
    make_user("ana@example.org")
    login(testapp, "ana@example.org")
    assert invitations(testapp.get("/").html) == []


def test_the_logo_and_the_fonts_are_served_by_the_portal(testapp):
    page = testapp.get("/")
    html = page.html
    logo = html.select_one("header a.brand img.brand-logo")
    assert logo["alt"] == "" and html.select_one("header a.brand .brand-name").get_text()  # the name says it
    icon = html.select_one("link[rel=icon]")["href"]
    assert icon == logo["src"] and icon.startswith("/static/img/logo.svg")
    svg = testapp.get(icon)
    assert svg.content_type == "image/svg+xml" and b"<svg" in svg.body
    # nothing the page loads comes from another host
    loaded = [tag.get("src") or tag.get("href") for tag in html.select("script[src], img[src], link[rel=stylesheet], "
                                                                        "link[rel=icon], link[rel=preload]")]
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
    css_url = html.select_one("link[rel=stylesheet]")["href"]
    css = testapp.get(css_url).text
    urls = re.findall(r"url\(([^)]+)\)", css)
    assert not [u for u in urls if re.match(r"[\"']?(https?:)?//", u)], urls
    fonts = [u.strip("\"'") for u in urls if u.strip("\"'").endswith(".woff2")]
    assert len(fonts) == 2  # Latin and Latin Extended (Spanish, French, Portuguese)
    base = css_url.rsplit("/", 2)[0]  # /static/css/portal.css -> /static
    for font in fonts:
        res = testapp.get(base + "/" + font.removeprefix("../"))
        assert res.body[:4] == b"wOF2"
    assert "Bricolage Grotesque" in css
    assert "SIL Open Font License" in testapp.get(base + "/fonts/OFL-bricolage-grotesque.txt").text
