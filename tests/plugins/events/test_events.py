"""Events: adding (by editors, and inside a section by its local contributors), upcoming and past by the
clock, times shown in the event's zone, calendar files, feeds, filters, search facets, open data."""
import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from portal.models import Group, LocalRole, Member, Section, User
from portal.testing import client, csrf, login, text_of

from plugins.events.models import Event

UTC = timezone.utc
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


@pytest.fixture
def now(frozen_clock, registry):
    """The portal's clock, set to NOW; now.set(...) moves it. Days pass in an instant here, so moving it
    also ends what the anonymous page cache keeps (it keeps these pages a real minute)."""
    class Moved:
        def set(self, moment):
            frozen_clock.set(moment)
            cache = registry.get("page_cache")
            if cache is not None:
                cache.changed()

    frozen_clock.set(NOW)
    return Moved()


def add_event(db, title, starts, hours=3, state="published", kind="workshop", tz="UTC", country="SN", city="Dakar",
              **fields):
    with db() as s:
        e = Event(title=title, description=fields.pop("summary", ""), body=fields.pop("body", "<p>Programme.</p>"),
                  language=fields.pop("language", "en"), kind=kind, timezone=tz, city=city, country=country,
                  starts=starts, ends=fields.pop("ends", starts + timedelta(hours=hours)), state=state,
                  published=NOW - timedelta(days=60) if state == "published" else None, **fields)
        s.add(e)
        s.flush()
        return e.id


def fill(form, **values):
    for name, value in values.items():
        form[name] = value


GOOD = {"title": "International workshop on youth budgets", "description": "Two days in Montevideo.",
        "body": "<p>Sessions and <strong>study visits</strong>.</p><script>alert(1)</script>", "kind": "workshop",
        "timezone": "America/Montevideo", "start_local": "2027-04-14T09:30", "end_local": "2027-04-15T17:00",
        "venue": "Intendencia", "city": "Montevideo", "country": "UY",
        "registration_url": "https://register.example.org/ws", "registration_deadline": "2027-04-01"}


def test_editor_adds_an_event_times_kept_in_utc_shown_in_its_zone(testapp, as_user, db, now):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **GOOD)
    page = form.submit("save", status=302).follow()
    event_id = int(page.request.path.rsplit("/", 1)[-1])
    with db() as s:
        e = s.get(Event, event_id)
        # Montevideo is UTC-3 all year: 09:30 there is 12:30 UTC
        assert (e.starts, e.ends) == (datetime(2027, 4, 14, 12, 30, tzinfo=UTC), datetime(2027, 4, 15, 20, 0, tzinfo=UTC))
        assert e.region == "latin-america-caribbean" and "<script>" not in e.body and "<strong>" in e.body
    text = text_of(page.text)
    assert "Wed, Apr 14 9:30 AM – Thu, Apr 15 5:00 PM" in text
    assert "Uruguay Standard Time (GMT-03:00)" in text
    assert "Register" in text and "April 1, 2027" in text
    # the listing names the zone its times are in
    assert "Wed, Apr 14 – Thu, Apr 15, 2027 (Uruguay Time)" in text_of(testapp.get("/events").text)
    # a reader whose clock reads otherwise (their browser says Dakar) also sees the start on their clock
    assert "Your time: Apr 14, 2027, 12:30 PM UTC" in text
    testapp.set_cookie("portal_tz", "Africa/Dakar")
    assert "Your time: Apr 14, 2027, 12:30 PM in Dakar" in text_of(testapp.get(page.request.path).text)
    testapp.set_cookie("portal_tz", "America/Montevideo")
    assert "Your time" not in text_of(testapp.get(page.request.path).text)  # the same clock: nothing to add
    testapp.set_cookie("portal_tz", "")
    # the same page for a Spanish reader: the same wall-clock time, in Spanish
    spanish = text_of(testapp.get(page.request.path, {"_LOCALE_": "es"}).text)
    assert "mié, 14 abr 9:30 – jue, 15 abr 17:00" in spanish
    assert "hora estándar de Uruguay" in spanish
    # search engines read the same times, with their offset
    import re
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S).group(1))
    assert data["startDate"] == "2027-04-14T09:30:00-03:00" and data["location"]["address"]["addressCountry"] == "UY"
    assert data["@type"] == "Event" and data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    # the edit form gives back the wall-clock times, not UTC
    form = testapp.get(f"{page.request.path}/edit").forms["deform"]
    assert form["start_local"].value == "2027-04-14T09:30" and form["timezone"].value == "America/Montevideo"


def test_a_time_across_a_change_of_offset_is_stored_right(testapp, as_user, db, now):
    """Paris is UTC+1 in winter, UTC+2 in summer: each time is converted with the offset of its day."""
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **dict(GOOD, timezone="Europe/Paris", city="Grenoble", country="FR",
                      start_local="2027-03-27T10:00", end_local="2027-03-29T10:00", registration_deadline="2027-03-20"))
    event_id = int(form.submit("save", status=302).location.rsplit("/", 1)[-1])
    with db() as s:
        e = s.get(Event, event_id)
        assert e.starts == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
        assert e.ends == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)


def test_end_before_start_is_refused_and_nothing_typed_is_lost(testapp, as_user, db, now):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **dict(GOOD, title="Plenary <b>& more</b>", end_local="2027-04-13T17:00"))
    page = form.submit("save", status=400)
    assert "The event ends before it starts." in page.text
    again = page.forms["deform"]
    assert again["title"].value == "Plenary <b>& more</b>"
    assert again["start_local"].value == "2027-04-14T09:30" and again["end_local"].value == "2027-04-13T17:00"
    assert again["timezone"].value == "America/Montevideo" and again["venue"].value == "Intendencia"
    assert "Plenary &lt;b&gt;&amp; more&lt;/b&gt;" in page.text
    with db() as s:
        assert s.scalar(select(Event)) is None


@pytest.mark.parametrize("changes, field, message", [
    ({"start_local": "2027-03-28T02:30", "end_local": "2027-03-28T05:00", "timezone": "Europe/Paris"},
     "start_local", "This time does not exist in Europe/Paris"),
    ({"start_local": "14/04/2027"}, "start_local", "A date and time such as 2027-03-01 09:30."),
    ({"city": "", "country": ""}, "city", "Give the city and country, or the link of an online event."),
    ({"registration_deadline": "2027-05-01"}, "registration_deadline",
     "The registration deadline comes after the event."),
    ({"registration_url": "javascript:alert(1)"}, "registration_url", "An address starting with http://"),
    ({"timezone": "Mars/Olympus"}, "timezone", ""),
])
def test_bad_input_gets_a_clear_error(testapp, as_user, now, changes, field, message):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **{k: v for k, v in GOOD.items() if k != "timezone"})
    for name, value in changes.items():
        if name == "timezone":
            form[name].force_value(value)
        else:
            form[name] = value
    page = form.submit("save", status=400)
    assert message in page.text
    assert page.forms["deform"]["title"].value == GOOD["title"]


def test_an_online_event_needs_no_city(testapp, as_user, db, now):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **dict(GOOD, kind="webinar", city="", country="", venue="", online_url="https://meet.example.org/w"))
    form.submit("save", status=302)
    with db() as s:
        e = s.scalar(select(Event))
        assert e.country is None and e.region is None and e.online_url == "https://meet.example.org/w"


@pytest.fixture
def antenna(db, make_user):
    """A section of an antenna whose coordinators (a group) are its contributors, and a member outside it."""
    coordinator = make_user("coordinator@example.org", role="member")
    make_user("outsider@example.org", role="member")
    with db() as s:
        group = Group(name="antenna-africa", title="Africa antenna", users=[s.get(User, coordinator)])
        section = Section(title="Africa antenna", language="fr", state="published", published=NOW)
        other = Section(title="Europe antenna", language="en", state="published", published=NOW)
        s.add_all([group, section, other])
        s.flush()
        s.add(LocalRole(content_id=section.id, principal="group:antenna-africa", role="contributor"))
        return section.id, other.id


def test_contributor_of_a_section_adds_an_event_there(testapp, antenna, db, now):
    section_id, other_id = antenna
    login(testapp, "coordinator@example.org")
    testapp.get("/events/add", status=403)  # not an editor: only inside the section
    listing = testapp.get("/events")
    assert f'href="/sections/{section_id}/add-event"' in listing.text and "Add an event to Africa antenna" in text_of(listing.text)
    assert f'href="/sections/{other_id}/add-event"' not in listing.text
    form = testapp.get(f"/sections/{section_id}/add-event").forms["deform"]
    assert form["parent_id"].value == str(section_id)
    assert [v for v, *_ in form["parent_id"].options] == [str(section_id)]  # the only section they may use
    fill(form, **dict(GOOD, title="Atelier régional de Dakar", timezone="Africa/Dakar", city="Dakar", country="SN"))
    page = form.submit("save", status=302).follow()
    assert "Atelier régional de Dakar" in page.text
    assert f'href="/sections/{section_id}"' in page.text  # the breadcrumbs go through the section
    url = page.request.path
    with db() as s:
        e = s.scalar(select(Event))
        assert e.parent_id == section_id and e.state == "draft"
    # the draft waits on the listing for those who may change it, and only for them
    mine = text_of(testapp.get("/events").text)
    assert "Not published yet Atelier régional de Dakar Draft" in mine
    # the contributor edits it and submits it for review
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["venue"] = "Maison des jeunes"
    form.submit("save", status=302)
    testapp.post(f"{url}/transition", {"transition": "submit", "csrf_token": csrf(testapp)}, status=302)
    # moving it to a section where they have no role is refused
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["parent_id"].force_value(str(other_id))
    assert "You cannot add events to this section." in form.submit("save", status=400).text
    # the section's add link is theirs only
    testapp.get(f"/sections/{other_id}/add-event", status=403)
    outsider = client(testapp.app)
    login(outsider, "outsider@example.org")
    outsider.get(f"/sections/{section_id}/add-event", status=403)
    outsider.get(url, status=403)
    assert "Atelier régional de Dakar" not in outsider.get("/events").text
    assert "Atelier régional de Dakar" not in client(testapp.app).get("/events").text
    client(testapp.app).get(f"/sections/{section_id}/add-event", status=302)  # visitors: asked to log in


def test_a_contributor_cannot_post_into_another_section(testapp, antenna, db, now):
    section_id, other_id = antenna
    login(testapp, "coordinator@example.org")
    form = testapp.get(f"/sections/{section_id}/add-event").forms["deform"]
    fill(form, **GOOD)
    form["parent_id"].force_value(str(other_id))
    page = form.submit("save", status=400)
    assert "You cannot add events to this section." in page.text
    with db() as s:
        assert s.scalar(select(Event)) is None


def test_upcoming_and_past_follow_the_clock(testapp, db, now):
    add_event(db, "Finished workshop", NOW - timedelta(days=3))
    add_event(db, "Conference under way", NOW - timedelta(hours=2), hours=30, kind="conference")
    add_event(db, "Webinar next week", NOW + timedelta(days=7), kind="webinar")
    add_event(db, "Plenary next month", NOW + timedelta(days=30), kind="plenary")
    add_event(db, "Draft workshop", NOW + timedelta(days=2), state="draft")
    upcoming = text_of(testapp.get("/events").text)
    assert upcoming.index("Conference under way") < upcoming.index("Webinar next week") \
        < upcoming.index("Plenary next month")
    assert "Finished workshop" not in upcoming and "Draft workshop" not in upcoming
    assert "Under way" in upcoming and "Events found: 3" in upcoming
    past = text_of(testapp.get("/events/past").text)
    assert "Finished workshop" in past and "Webinar next week" not in past
    # a week and a day later, the webinar is over
    now.set(NOW + timedelta(days=8))
    upcoming = text_of(testapp.get("/events").text)
    assert "Webinar next week" not in upcoming and "Plenary next month" in upcoming
    past = text_of(testapp.get("/events/past").text)
    assert past.index("Webinar next week") < past.index("Conference under way") < past.index("Finished workshop")


def test_the_event_page_says_when_it_is_over_and_closes_registration(testapp, db, now):
    event_id = add_event(db, "Workshop", NOW + timedelta(days=10), registration_url="https://r.example.org",
                         registration_deadline=date(2027, 3, 15))
    page = text_of(testapp.get(f"/events/{event_id}").text)
    assert "Register" in page and "This event is over." not in page
    now.set(NOW + timedelta(days=6))  # past the deadline, before the event
    page = text_of(testapp.get(f"/events/{event_id}").text)
    assert "Registration is closed." in page
    now.set(NOW + timedelta(days=11))
    assert "This event is over." in text_of(testapp.get(f"/events/{event_id}").text)


def test_filters_by_kind_region_and_year(testapp, db, now):
    add_event(db, "Dakar workshop", NOW + timedelta(days=5), country="SN")
    add_event(db, "Montreal webinar", NOW + timedelta(days=6), kind="webinar", country="CA", city="Montreal")
    add_event(db, "Seoul conference 2028", datetime(2028, 5, 1, 1, 0, tzinfo=UTC), kind="conference",
              country="KR", city="Seoul")
    def titles(**params):
        page = testapp.get("/events", params).text
        return {t for t in ("Dakar workshop", "Montreal webinar", "Seoul conference 2028") if t in page}
    assert titles(kind="webinar") == {"Montreal webinar"}
    assert titles(region="africa") == {"Dakar workshop"}
    assert titles(year="2028") == {"Seoul conference 2028"}
    assert titles(year="2027", region="north-america") == {"Montreal webinar"}
    assert titles(kind="plenary") == set()
    page = testapp.get("/events", {"kind": "webinar"})
    assert '<option value="webinar" selected="selected">Webinars</option>' in page.text
    assert "No upcoming event matches." in testapp.get("/events", {"kind": "plenary"}).text


@pytest.mark.parametrize("params, message", [
    ({"kind": "party"}, "Unknown value 'party' for 'kind'. Allowed: workshop, conference, plenary, webinar, meeting, other"),
    ({"region": "mars"}, "Unknown value 'mars' for 'region'. Allowed: africa, asia-pacific, europe, "
                         "latin-america-caribbean, north-america"),
    ({"year": "27"}, "A year is written with four digits, such as 2024."),
    ({"colour": "red"}, "Unknown filter 'colour'. Allowed: kind, region, year"),
    ({"page": "0"}, "The page number must be a whole number from 1 to 1000."),
    ({"page": "²"}, "The page number must be a whole number from 1 to 1000."),
    ({"year": "²⁰²⁴"}, "A year is written with four digits, such as 2024."),
])
def test_unknown_filter_values_get_a_400_naming_the_allowed_ones(testapp, now, params, message):
    for path in ("/events", "/events/past"):
        page = testapp.get(path, params, status=400)
        assert message in page.text


def test_the_400_is_translated(testapp, now):
    page = testapp.get("/events", {"kind": "party", "_LOCALE_": "fr"}, status=400)
    assert "Valeur inconnue" in page.text or "inconnue" in page.text


def test_past_events_are_paged(testapp, db, now):
    for i in range(25):
        add_event(db, f"Past meeting number {i:02d}", NOW - timedelta(days=i + 1), kind="meeting")
    first = testapp.get("/events/past")
    assert "Past meeting number 00" in first.text and "Past meeting number 19" in first.text
    assert "Past meeting number 20" not in first.text and "Page 1 of 2" in text_of(first.text)
    second = testapp.get("/events/past", {"page": "2", "kind": "meeting"})
    assert "Past meeting number 24" in second.text and "Past meeting number 19" not in second.text
    assert 'rel="prev" href="/events/past?kind=meeting"' in second.text  # page 1 has one address


def test_titles_are_escaped_everywhere(testapp, db, now):
    event_id = add_event(db, "Budgets <script>alert(1)</script> & assemblies", NOW + timedelta(days=3))
    for path in ("/events", f"/events/{event_id}", "/events/feed.atom"):
        body = testapp.get(path).text
        assert "<script>alert(1)</script>" not in body and "</script> &" not in body
        assert "Budgets &lt;script&gt;alert(1)&lt;/script&gt; &amp; assemblies" in body


def parse_ics(body):
    """The calendar as a list of components, each a list of (name, params, value) with values unescaped;
    checks the rules of RFC 5545 on the way (CRLF, lines of at most 75 octets)."""
    assert body.endswith("\r\n")
    raw = body[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in raw), [l for l in raw if len(l.encode()) > 75]
    assert "\n" not in "".join(raw)
    lines = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    components, stack = [], []
    for line in lines:
        head, value = line.split(":", 1)
        name, *params = head.split(";")
        if name == "BEGIN":
            stack.append({"name": value, "props": []})
        elif name == "END":
            done = stack.pop()
            assert done["name"] == value
            components.append(done)
        else:
            unescaped = (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
                         .replace("\\\\", "\\"))
            stack[-1]["props"].append((name, params, unescaped))
    assert not stack
    return components


def props(component):
    return {name: value for name, _params, value in component["props"]}


def test_the_calendar_file_of_an_event(testapp, db, now):
    title = "Plenary; budgets, assemblies \\ and \"more\" — réunion plénière à São Paulo"
    event_id = add_event(db, title, datetime(2027, 4, 2, 12, 30, tzinfo=UTC), hours=4, tz="America/Sao_Paulo",
                         country="BR", city="São Paulo", venue="Câmara Municipal",
                         summary="Line one.\nLine two, with a comma; and a semicolon. " + "Long text " * 20)
    res = testapp.get(f"/events/{event_id}/calendar.ics")
    assert res.content_type == "text/calendar" and "attachment" in res.headers["Content-Disposition"]
    components = parse_ics(res.text)
    calendar, = [c for c in components if c["name"] == "VCALENDAR"]
    events = [c for c in components if c["name"] == "VEVENT"]
    assert len(events) == 1
    cal = props(calendar)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    ev = props(events[0])
    assert ev["SUMMARY"] == title
    assert ev["DTSTART"] == "20270402T123000Z" and ev["DTEND"] == "20270402T163000Z"
    assert ev["UID"] == f"event-{event_id}@portal.test" and ev["DTSTAMP"].endswith("Z")
    assert ev["LOCATION"] == "Câmara Municipal, São Paulo, Brazil"
    assert ev["DESCRIPTION"].startswith("Line one.\nLine two, with a comma; and a semicolon.")
    assert ev["URL"] == f"http://portal.test/events/{event_id}"
    # the raw text escapes what it must
    assert "SUMMARY;LANGUAGE=en:Plenary\\; budgets\\, assemblies \\\\ and" in res.text.replace("\r\n ", "")


def test_calendar_of_a_draft_is_private(testapp, db, now):
    event_id = add_event(db, "Secret", NOW + timedelta(days=1), state="draft")
    testapp.get(f"/events/{event_id}/calendar.ics", status=302)


def test_the_calendar_feed_holds_the_upcoming_published_events(testapp, db, now):
    add_event(db, "Over", NOW - timedelta(days=1))
    add_event(db, "Soon", NOW + timedelta(days=1))
    add_event(db, "Later", NOW + timedelta(days=40))
    add_event(db, "Not yet public", NOW + timedelta(days=2), state="draft")
    res = testapp.get("/events/calendar.ics")
    summaries = [props(c)["SUMMARY"] for c in parse_ics(res.text) if c["name"] == "VEVENT"]
    assert summaries == ["Soon", "Later"]
    # a region's or a kind's calendar, linked from the filtered listing
    add_event(db, "Soon in Paris", NOW + timedelta(days=3), country="FR", city="Paris", kind="webinar")
    res = testapp.get("/events/calendar.ics", {"region": "europe"})
    assert [props(c)["SUMMARY"] for c in parse_ics(res.text) if c["name"] == "VEVENT"] == ["Soon in Paris"]
    assert 'href="/events/calendar.ics?region=europe"' in testapp.get("/events", {"region": "europe"}).text
    feed = ET.fromstring(testapp.get("/events/feed.atom", {"kind": "webinar"}).body)
    assert [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")][1:] == ["Soon in Paris"]
    testapp.get("/events/calendar.ics", {"region": "mars"}, status=400)


def test_the_atom_feed_of_upcoming_events(testapp, db, now):
    add_event(db, "Over", NOW - timedelta(days=1))
    add_event(db, "Soon & near", NOW + timedelta(days=1), tz="Africa/Dakar")
    add_event(db, "Later", NOW + timedelta(days=40))
    res = testapp.get("/events/feed.atom")
    assert res.content_type == "application/atom+xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(res.body)
    entries = root.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["Soon & near", "Later"]
    assert "Thursday, March 11, 2027" in entries[0].find("a:summary", ns).text
    assert entries[0].find("a:link", ns).get("href").startswith("http://portal.test/events/")


def test_search_finds_published_events_with_kind_region_and_year_facets(testapp, db, now):
    add_event(db, "Zanzibarian webinar on budgets", datetime(2027, 6, 1, 14, tzinfo=UTC), kind="webinar",
              country="TZ", city="Zanzibar")
    add_event(db, "Zanzibarian conference", datetime(2028, 6, 1, 14, tzinfo=UTC), kind="conference",
              country="FR", city="Paris")
    add_event(db, "Zanzibarian draft", datetime(2027, 6, 1, 14, tzinfo=UTC), state="draft")
    found = testapp.get("/search.json", {"q": "Zanzibarian", "type": "event"}).json
    assert {h["title"] for h in found["results"]} == {"Zanzibarian webinar on budgets", "Zanzibarian conference"}
    assert found["facets"]["event_kind"] == {"webinar": 1, "conference": 1}
    assert found["facets"]["region"] == {"africa": 1, "europe": 1}
    assert found["facets"]["year"] == {"2027": 1, "2028": 1}
    only = testapp.get("/search.json", {"q": "Zanzibarian", "event_kind": "webinar"}).json
    assert [h["title"] for h in only["results"]] == ["Zanzibarian webinar on budgets"]
    assert only["results"][0]["event_kind"] == ["webinar"]
    assert [h["title"] for h in testapp.get("/search.json", {"q": "Zanzibarian", "region": "europe",
                                                              "year": "2028"}).json["results"]] \
        == ["Zanzibarian conference"]
    # the country's name in another language finds it too, and the facet shows a translated label
    assert testapp.get("/search.json", {"q": "Tanzanie"}).json["total"] == 1
    page = testapp.get("/search", {"q": "Zanzibarian", "_LOCALE_": "es"})
    assert "Webinario" in page.text
    testapp.get("/search.json", {"event_kind": "party"}, status=400)


def test_open_data_of_upcoming_and_past_events(testapp, db, now):
    add_event(db, "Over", NOW - timedelta(days=1), tz="Africa/Dakar")
    add_event(db, "Soon", NOW + timedelta(days=1), tz="Europe/Paris", country="FR", city="Grenoble")
    add_event(db, "Private", NOW + timedelta(days=1), state="draft")
    rows = testapp.get("/export/events-upcoming.json").json
    assert [r["title"] for r in rows] == ["Soon"]
    assert rows[0]["starts"] == "2027-03-11T12:00:00+00:00" and rows[0]["timezone"] == "Europe/Paris"
    assert rows[0]["region"] == "europe"
    past = list(csv.DictReader(io.StringIO(testapp.get("/export/events-past.csv").text)))
    assert [r["title"] for r in past] == ["Over"] and past[0]["country"] == "SN"


def test_region_and_member_sections(testapp, app, db, now):
    with db() as s:
        member = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    add_event(db, "Dakar workshop", NOW + timedelta(days=3), member_id=member_id)
    add_event(db, "Old Dakar forum", NOW - timedelta(days=300), member_id=member_id)
    add_event(db, "Paris meeting", NOW + timedelta(days=3), country="FR", city="Paris")
    add_event(db, "Past African meeting", NOW - timedelta(days=3))
    from pyramid.scripting import prepare
    env = prepare(registry=app.registry)
    try:
        with env["request"].tm:
            found = dict((section.name, items) for section, items in
                         app.registry.portal.sections("region", env["request"], "africa"))
        assert [i["title"] for i in found["events"]] == ["Dakar workshop"]
        assert found["events"][0]["note"] == "Mar 13, 2027 · Dakar, Senegal"
    finally:
        env["closer"]()
    page = text_of(testapp.get(f"/members/{member_id}").text)
    assert "Dakar workshop" in page and "Old Dakar forum" in page and "Paris meeting" not in page


def test_demo_events(app, db):
    from pyramid.scripting import prepare
    from portal.demo import load_demo
    env = prepare(registry=app.registry)
    with env["request"].tm:
        load_demo(env["request"])
    env["closer"]()
    with db() as s:
        events = s.scalars(select(Event)).all()
        now_ = datetime.now(UTC)
        published = [e for e in events if e.state == "published"]
        assert len(published) >= 30
        assert {e.language for e in published} == {"en", "es", "fr", "pt"}
        assert {e.kind for e in published} == {"workshop", "conference", "plenary", "webinar", "meeting", "other"}
        assert any(e.ends < now_ for e in published) and sum(e.ends >= now_ for e in published) >= 15
        assert {"africa", "europe", "latin-america-caribbean", "north-america"} <= {e.region for e in published}
        groups = {}
        for e in published:
            groups.setdefault(e.translation_group, []).append(e.language)
        assert sorted(max(groups.values(), key=len)) == ["en", "es", "fr", "pt"]


def test_an_event_in_several_languages_is_listed_once_in_the_readers_language(testapp, db, now):
    with db() as s:
        group = "conference-group"
        for lang, title in (("en", "Annual conference"), ("es", "Conferencia anual"), ("fr", "Conférence annuelle")):
            s.add(Event(title=title, language=lang, kind="conference", timezone="UTC", city="Porto Alegre",
                        country="BR", starts=NOW + timedelta(days=20), ends=NOW + timedelta(days=22),
                        state="published", published=NOW, translation_group=group))
        s.add(Event(title="Conferência anual (rascunho)", language="pt", kind="conference", timezone="UTC",
                    city="Porto Alegre", country="BR", starts=NOW + timedelta(days=20), ends=NOW + timedelta(days=22),
                    state="draft", translation_group=group))
    add_event(db, "Webinar only in English", NOW + timedelta(days=3), kind="webinar")

    def listed(lang):
        text = text_of(testapp.get("/events", {"_LOCALE_": lang}).text)
        return [t for t in ("Annual conference", "Conferencia anual", "Conférence annuelle",
                            "Conferência anual", "Webinar only in English") if t in text]
    assert listed("es") == ["Conferencia anual", "Webinar only in English"]
    assert listed("fr") == ["Conférence annuelle", "Webinar only in English"]
    # no Portuguese version published: the first one written
    assert listed("pt") == ["Annual conference", "Webinar only in English"]
    assert "Also in: Español, Français" in text_of(testapp.get("/events", {"_LOCALE_": "en"}).text)
    summaries = [props(c)["SUMMARY"] for c in parse_ics(testapp.get("/events/calendar.ics", {"_LOCALE_": "es"}).text)
                 if c["name"] == "VEVENT"]
    assert summaries == ["Webinar only in English", "Conferencia anual"]
    # open data keeps every version
    assert len(testapp.get("/export/events-upcoming.json").json) == 4


def test_history_restores_the_times_of_an_earlier_revision(testapp, as_user, db, now):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **GOOD)
    url = form.submit("save", status=302).location.replace("http://portal.test", "")
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["timezone"] = "Europe/Lisbon"
    form["start_local"] = "2027-04-20T10:00"
    form["end_local"] = "2027-04-20T12:00"
    form.submit("save", status=302)
    with db() as s:
        assert s.scalar(select(Event)).starts == datetime(2027, 4, 20, 9, 0, tzinfo=UTC)  # Lisbon in summer: UTC+1
    history = testapp.get(f"{url}/history", {"a": "1", "b": "2"})
    assert "Europe/Lisbon" in history.text and "2027-04-20T10:00:00" in history.text
    testapp.post(f"{url}/restore", {"revision": "1", "csrf_token": csrf(testapp)}, status=302)
    with db() as s:
        e = s.scalar(select(Event))
        assert (e.timezone, e.starts) == ("America/Montevideo", datetime(2027, 4, 14, 12, 30, tzinfo=UTC))
        assert e.registration_deadline == date(2027, 4, 1)


def test_the_home_page_shows_the_next_events(testapp, db, now):
    add_event(db, "Finished workshop", NOW - timedelta(days=3))
    add_event(db, "Webinar next week", NOW + timedelta(days=7), kind="webinar")
    add_event(db, "Draft workshop", NOW + timedelta(days=2), state="draft")
    block = testapp.get("/").html.select_one("#section-events")
    assert block is not None, "the home page has an upcoming-events block"
    assert [a.get_text() for a in block.select("a")] == ["Webinar next week"]


def test_a_section_page_lists_its_events_beside_its_pages(testapp, antenna, db, now):
    section_id, other_id = antenna
    add_event(db, "Regional workshop in Dakar", NOW + timedelta(days=5), parent_id=section_id)
    add_event(db, "Unpublished draft", NOW + timedelta(days=6), parent_id=section_id, state="draft")
    add_event(db, "Workshop in Lisbon", NOW + timedelta(days=5), parent_id=other_id)
    listed = [a.get_text() for a in testapp.get(f"/sections/{section_id}").html.select("section.children a")]
    assert listed == ["Regional workshop in Dakar"]


def test_an_event_title_is_written_in_each_language(testapp, as_user, db, now):
    as_user("editor")
    form = testapp.get("/events/add").forms["deform"]
    fill(form, **GOOD, **{"title-es": "Taller internacional sobre presupuestos jóvenes"})
    url = form.submit("save", status=302).follow().request.path
    spanish = testapp.get(url, params={"_LOCALE_": "es"})
    assert spanish.html.h1.text == "Taller internacional sobre presupuestos jóvenes"
    french = testapp.get(url, params={"_LOCALE_": "fr"})
    assert french.html.h1.text == GOOD["title"]
    assert french.html.select_one(".untranslated-note").text.strip() == "Pas encore traduit en Français."
    edit = testapp.get(f"{url}/edit").forms["deform"]
    assert edit["title-es"].value == "Taller internacional sobre presupuestos jóvenes"
