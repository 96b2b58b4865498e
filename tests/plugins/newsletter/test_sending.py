"""Sending an issue: a confirmation page of its own before anything leaves (the issue, the audience,
the recipients per language), scheduling in the secretariat's time zone, the date of sending and
the progress of a campaign, and refusals that keep what was typed."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from portal.models import utcnow
from portal.testing import csrf, text_of
from portal.timezones import moment_text

from plugins.newsletter.models import Delivery, Issue, IssueVersion, Subscriber
from newsletter_steps import make_issue, start, work


def readers(db, *people):
    """Confirmed subscribers: (address, language, regions)."""
    with db() as s:
        for address, language, regions in people:
            sub = Subscriber(email=address, language=language, status="subscribed", confirmed=utcnow())
            sub.set_interests(regions, [])
            s.add(sub)


def said(text):
    """Text as a reader sees it, whitespace collapsed (dates hold narrow no-break spaces)."""
    return " ".join(text.split())


def deliveries(db):
    with db() as s:
        return s.scalar(select(func.count()).select_from(Delivery))


def test_send_now_is_confirmed_on_a_page_naming_the_issue_the_audience_and_the_recipients_per_language(
        testapp, as_user, db):
    readers(db, ("ana@example.org", "es", ["africa"]), ("luis@example.org", "es", ["africa"]),
            ("eva@example.org", "es", ["europe"]), ("tom@example.org", "en", ["africa"]),
            ("awa@example.org", "fr", []))
    as_user("secretariat")
    issue_id = make_issue(db, audience_region="africa", title="December 2026")
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    confirmation = page.forms["send-form"].submit()
    text = text_of(confirmation.text)
    assert said(confirmation.html.h1.text) == "Send “December 2026” now?"
    assert "Interested in the region: Africa" in text  # the audience, named
    counts = {row["data-language"]: int(row.select_one("[data-count]")["data-count"])
              for row in confirmation.html.select("table.recipients tbody tr")}
    assert counts == {"en": 1, "es": 2, "fr": 1}  # Eva chose only Europe
    spanish = confirmation.html.select_one("tr[data-language=es]").text
    assert "English" in spanish and "no version in their language" in spanish  # what they will read
    assert deliveries(db) == 0  # nothing leaves before the confirmation
    page = confirmation.forms["confirm-send-form"].submit("confirm", status=302).follow()
    assert "Sending started to 4 subscribers" in page.text
    assert deliveries(db) == 4


def test_the_confirmation_counts_spanish_readers_interested_in_africa(testapp, as_user, db):
    readers(db, ("ana@example.org", "es", ["africa"]), ("luis@example.org", "es", []),
            ("eva@example.org", "es", ["europe"]), ("tom@example.org", "en", ["africa"]))
    as_user("secretariat")
    issue_id = make_issue(db, audience_language="es", audience_region="africa")
    with db() as s:
        issue = s.get(Issue, issue_id)
        issue.versions.append(IssueVersion(language="es", subject="La red", editorial=""))
    confirmation = testapp.get(f"/manage/newsletter/issues/{issue_id}/send", params={"when": "now"})
    assert "Readers of: Español · Interested in the region: Africa" in text_of(confirmation.text)
    [row] = confirmation.html.select("table.recipients tbody tr")
    assert row["data-language"] == "es" and row.select_one("[data-count]")["data-count"] == "2"
    confirmation.forms["confirm-send-form"].submit("confirm", status=302)
    with db() as s:
        sent_to = s.scalars(select(Subscriber.email).join(Delivery, Delivery.subscriber_id == Subscriber.id)).all()
    assert sorted(sent_to) == ["ana@example.org", "luis@example.org"]


def test_scheduling_takes_a_date_time_in_the_chosen_zone_and_stores_utc(testapp, as_user, db, registry):
    readers(db, ("ana@example.org", "pt", []))
    as_user("secretariat")
    issue_id = make_issue(db)
    day = (utcnow() + timedelta(days=40)).date()
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    form = page.forms["schedule-form"]
    form["send_at"] = f"{day.isoformat()}T09:00"
    form["timezone"] = "America/Sao_Paulo"
    confirmation = form.submit()
    expected = datetime.combine(day, datetime.min.time()).replace(hour=9, tzinfo=ZoneInfo("America/Sao_Paulo"))
    text = text_of(confirmation.text)
    assert f"It will be sent on {said(moment_text(expected, 'America/Sao_Paulo', 'en'))}" in text
    assert "Brasilia Standard Time (America/Sao Paulo)" in text  # the zone, by its name
    page = confirmation.forms["confirm-send-form"].submit("confirm", status=302).follow()
    assert "Brasilia Standard Time" in text_of(page.text)
    with db() as s:
        issue = s.get(Issue, issue_id)
        assert (issue.status, issue.timezone) == ("scheduled", "America/Sao_Paulo")
        assert issue.send_at == expected.astimezone(ZoneInfo("UTC"))  # stored in UTC: 12:00
    # the form shows it as it was typed, and the next issue's form starts from the zone last used
    form = testapp.get(f"/manage/newsletter/issues/{issue_id}").forms["schedule-form"]
    assert (form["send_at"].value, form["timezone"].value) == (f"{day.isoformat()}T09:00", "America/Sao_Paulo")
    other = make_issue(db)
    assert testapp.get(f"/manage/newsletter/issues/{other}").forms["schedule-form"]["timezone"].value == \
        "America/Sao_Paulo"
    # the worker starts it at that moment, not at 09:00 UTC
    assert work(registry, registry.settings, now=expected.astimezone(ZoneInfo("UTC")) - timedelta(minutes=1)) == 0
    assert work(registry, registry.settings, now=expected.astimezone(ZoneInfo("UTC")) + timedelta(minutes=1)) == 1


def test_a_refused_schedule_says_why_on_the_issue_page_and_keeps_what_was_typed(testapp, as_user, db):
    readers(db, ("ana@example.org", "en", []))
    as_user("secretariat")
    issue_id = make_issue(db)
    send = f"/manage/newsletter/issues/{issue_id}/send"
    past = (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    gap = "2027-03-28T02:30"  # the hour skipped when summer time begins in Madrid
    for send_at, zone, message in (("tomorrow", "UTC", "Give the date and time of sending"),
                                   (past, "UTC", "That time has passed"),
                                   ("2027-01-15T09:00", "Mars/Olympus", "Choose a time zone of the list"),
                                   (gap, "Europe/Madrid", "This time does not exist in that zone")):
        page = testapp.get(send, params={"when": "later", "send_at": send_at, "timezone": zone}, status=400)
        assert message in text_of(page.text)
        form = page.forms["schedule-form"]
        assert form["send_at"].value == send_at
        invalid = "#send-timezone" if zone == "Mars/Olympus" else "#send-at"
        assert page.html.select_one(invalid)["aria-invalid"] == "true"
        # the same refusal for the confirmation's own button, which changes nothing
        testapp.post(send, {"when": "later", "send_at": send_at, "timezone": zone, "confirm": "1",
                            "csrf_token": csrf(testapp)}, status=400)
    with db() as s:
        assert (s.get(Issue, issue_id).status, s.get(Issue, issue_id).send_at) == ("draft", None)
    es = testapp.get(send + "?_LOCALE_=es", params={"when": "later", "send_at": "mañana", "timezone": "UTC"},
                     status=400)
    assert "Indique la fecha y la hora del envío" in text_of(es.text)


def test_an_issue_that_cannot_be_sent_says_what_is_missing(testapp, as_user, db):
    as_user("secretariat")
    issue_id = make_issue(db, audience_language="fr")  # no subscriber at all
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    assert "No subscriber is in this audience" in text_of(page.text)
    assert "send-form" not in page.forms
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}/send", params={"when": "now"}, status=400)
    assert "No subscriber is in this audience" in text_of(page.text)
    with db() as s:
        s.get(Issue, issue_id).default_language = "pt"
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    assert "Write the subject of the version in the default language (Português)" in text_of(page.text)


def test_a_refused_test_address_keeps_what_was_typed(testapp, as_user, db):
    as_user("secretariat")
    issue_id = make_issue(db)
    form = testapp.get(f"/manage/newsletter/issues/{issue_id}").forms["test-form"]
    form["test_address"] = "sam@example"
    form["test_language"] = "fr"
    page = form.submit("test", status=400)
    assert "Enter a valid e-mail address" in text_of(page.text)
    assert page.forms["test-form"]["test_address"].value == "sam@example"
    assert page.forms["test-form"]["test_language"].value == "fr"


def test_a_sent_issue_shows_when_it_was_sent_in_the_readers_language_and_zone(testapp, as_user, db, registry):
    readers(db, ("ana@example.org", "en", []), ("tom@example.org", "en", []))
    as_user("secretariat")
    make_issue(db, status="sent", started=utcnow() - timedelta(days=40), timezone="America/Sao_Paulo")
    issue_id = make_issue(db, title="December 2026")
    start(db, issue_id)
    with db() as s:
        started = s.get(Issue, issue_id).started
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}?_LOCALE_=es")
    assert said(moment_text(started, "America/Sao_Paulo", "es")) in text_of(page.text)  # in the zone last used
    assert "hora estándar de Brasilia (America/Sao Paulo)" in text_of(page.text)
    # while sending: a progress bar, and the section that newsletter.js refreshes
    progress = page.html.select_one("#delivery progress")
    assert (progress["value"], progress["max"]) == ("0", "2")
    assert page.html.select_one("#delivery")["data-status"] == "sending"
    assert page.html.select_one("#delivery [data-refresh]") is not None
    assert page.html.select_one("meta[http-equiv=refresh]") is None  # the page never reloads by itself
    work(registry, registry.settings)
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}?_LOCALE_=en")
    progress = page.html.select_one("#delivery progress")
    assert (progress["value"], progress["max"]) == ("2", "2")
    assert page.html.select_one("#delivery")["data-status"] == "sent"
    assert page.html.select_one("#delivery [data-refresh]") is None  # sent: nothing more to follow
    assert f"Sent on {said(moment_text(started, 'America/Sao_Paulo', 'en'))}" in text_of(page.text)
    listing = testapp.get("/manage/newsletter")
    assert said(moment_text(started, "America/Sao_Paulo", "en")) in text_of(listing.text)
