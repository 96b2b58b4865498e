"""Pages kept for anonymous visitors: served again until anything changes, never one visitor's page
to another."""
import os
import time

from portal.models import News, utcnow
from portal.testing import client, csrf, login


def publish_news(db, title):
    with db() as s:
        item = News(title=title, language="en", state="published", published=utcnow())
        s.add(item)
        s.flush()
        return item.id


def test_anonymous_pages_are_served_again_until_a_change(app, db):
    item = publish_news(db, "First title")
    anon = client(app, "192.0.2.20")
    first = anon.get(f"/news/{item}")
    assert "X-Portal-Cache" not in first.headers
    again = anon.get(f"/news/{item}")
    assert again.headers["X-Portal-Cache"] == "hit" and again.text == first.text
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    with db() as s:
        s.get(News, item).title = "Second title"
    fresh = anon.get(f"/news/{item}")
    assert "Second title" in fresh.text and "X-Portal-Cache" not in fresh.headers


def test_a_change_made_by_an_editor_shows_at_once(testapp, app, db, make_user):
    item = publish_news(db, "Assembly of the antennas")
    anon = client(app, "192.0.2.20")
    anon.get("/news")
    assert anon.get("/news").headers.get("X-Portal-Cache") == "hit"
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    testapp.post(f"/news/{item}/transition", {"transition": "retract", "csrf_token": csrf(testapp)})
    assert "Assembly of the antennas" not in anon.get("/news").text
    anon.get(f"/news/{item}", status=302)


def test_each_language_has_its_own_page(app, db):
    anon = client(app, "192.0.2.20")
    english = anon.get("/", headers={"Accept-Language": "en"})
    spanish = anon.get("/", headers={"Accept-Language": "es"})
    assert '<html lang="es">' in spanish.text and '<html lang="en">' in english.text
    assert '<html lang="es">' in anon.get("/", headers={"Accept-Language": "es"}).text


def test_pages_with_a_form_token_are_never_shared(app):
    one, two = client(app, "192.0.2.20"), client(app, "192.0.2.20")
    one.get("/login")
    one.get("/login")
    two.get("/login")
    assert one.cookies["csrf_token"] != two.cookies["csrf_token"]
    page = two.get("/login")
    assert "X-Portal-Cache" not in page.headers
    assert f'value="{two.cookies["csrf_token"]}"' in page.text


def test_logged_in_users_get_their_own_pages(testapp, app, make_user):
    client(app, "192.0.2.20").get("/")
    make_user("member@example.org", role="member", name="Awa Diop")
    login(testapp, "member@example.org")
    res = testapp.get("/")
    assert "X-Portal-Cache" not in res.headers and "Awa Diop" in res.text


def test_a_change_in_another_process_is_seen(app, settings):
    anon = client(app, "192.0.2.20")
    anon.get("/members")
    assert anon.get("/members").headers.get("X-Portal-Cache") == "hit"
    marker = os.path.join(settings["cache.marker_dir"], ".portal-generation")
    later = time.time() + 5
    os.utime(marker, (later, later))  # what another process does after its commit
    assert "X-Portal-Cache" not in anon.get("/members").headers


def test_search_results_follow_the_index(app, registry, db):
    anon = client(app, "192.0.2.20")
    assert anon.get("/search.json", {"q": "assembly"}).json["total"] == 0
    publish_news(db, "Citizen assembly")
    assert anon.get("/search.json", {"q": "assembly"}).json["total"] == 1
    registry["search"].clear()
    assert anon.get("/search.json", {"q": "assembly"}).json["total"] == 0


def test_a_page_that_changes_with_the_clock_is_kept_only_for_a_while(app, db, monkeypatch):
    """The home page lists what is coming (here the sample plugin's next workshops, a home section that
    asks to be kept a minute): a cached copy is served within that time, never after it."""
    from datetime import date, timedelta
    from sample_plugin.models import Workshop
    import portal.cache
    with db() as s:
        s.add(Workshop(title="Workshop on citizen juries", city="Grenoble", starts=date.today() + timedelta(days=9),
                       language="en", state="published", published=utcnow()))
    clock = [10_000.0]
    monkeypatch.setattr(portal.cache.time, "monotonic", lambda: clock[0])
    anon = client(app, "192.0.2.20")
    first = anon.get("/")
    assert "Workshop on citizen juries" in first.html.select_one("#section-workshops").get_text()
    clock[0] += 59
    assert anon.get("/").headers.get("X-Portal-Cache") == "hit"
    clock[0] += 2
    assert "X-Portal-Cache" not in anon.get("/").headers, "kept longer than the section asked"
    assert anon.get("/").headers.get("X-Portal-Cache") == "hit", "and kept again after being rendered anew"
