"""Newsletter: double opt-in with consent kept, one-click unsubscribe (RFC 8058), CSV import and
export, composing an issue in several languages, and delivery through the core outbox to a real
SMTP server (aiosmtpd) that misses no subscriber and never sends a campaign twice."""
import csv
import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

from babel.dates import format_skeleton
from sqlalchemy import func, select

from portal.models import News, OutboxMessage, utcnow
from portal.testing import client, csrf, text_of

from plugins.newsletter.models import Consent, Delivery, Issue, Subscriber
from newsletter_steps import (compose, confirm, confirm_sending, confirmation_link, link_in, make_issue,
                              make_subscribers, outbox_rows, received, smtp, start, subscribe, subscribed, subscriber,
                              token_of, work)


# --- subscribing ------------------------------------------------------------------------------------

def test_a_subscription_counts_only_after_the_confirmation_link(testapp, app, db):
    page = subscribe(testapp, "Ana@Example.org", name="Ana Souza", language="pt", regions=["africa"],
                     themes=["participatory-budgeting"]).follow()
    assert "Check your mailbox" in text_of(page.text)
    sub = subscriber(db, "ana@example.org")
    assert sub.status == "pending" and sub.name == "Ana Souza" and sub.language == "pt"
    [(to, subject, body, _)] = outbox_rows(db)
    assert to == "ana@example.org" and "Confirme" in subject  # in the subscriber's language
    link = link_in(body, "confirm")
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 22  # 32 random bytes, URL-safe: far above 128 bits
    with db() as s:
        assert s.scalar(select(Subscriber.confirm_hash)) != token  # only its hash is stored

    # opening the link changes nothing (a mail scanner may open it); the button confirms
    testapp.get(link)
    assert subscriber(db, "ana@example.org").status == "pending"
    page = confirm(testapp, link)
    assert "Your subscription is confirmed" in page.text
    sub = subscriber(db, "ana@example.org")
    assert sub.status == "subscribed" and sub.confirmed is not None
    with db() as s:
        consents = s.execute(select(Consent.source, Consent.text_version, Consent.at)).all()
        interests = {(i.kind, i.value) for i in s.get(Subscriber, sub.id).interests}
    assert [c.source for c in consents] == ["form", "confirmation"]
    assert all(c.text_version == "2026-11" and c.at is not None for c in consents)
    assert interests == {("region", "africa"), ("theme", "participatory-budgeting")}

    # the link was used: a clear page, nothing changed
    again = testapp.get(link, status=404)
    assert "unknown or was already used" in text_of(again.text)


def test_a_malformed_address_is_a_form_error_that_keeps_what_was_typed(testapp, db):
    page = subscribe(testapp, "ana.example.org", name="Ana Souza", status=400)
    assert "Enter a valid e-mail address" in page.text
    assert page.forms["deform"]["name"].value == "Ana Souza"
    assert outbox_rows(db) == [] and subscriber(db, "ana.example.org") is None


def test_subscribing_needs_consent(testapp, db):
    page = subscribe(testapp, "ana@example.org", consent=False, status=400)
    assert "Please agree to receive the newsletter" in page.text
    assert subscriber(db, "ana@example.org") is None


def test_an_unknown_or_expired_confirmation_link_is_a_clear_page_and_changes_nothing(testapp, db):
    page = testapp.get("/newsletter/confirm/not-a-token", status=404)
    assert "This link does not work" in text_of(page.text)
    subscribe(testapp, "ana@example.org")
    link = confirmation_link(db, "ana@example.org")
    with db() as s:
        s.scalar(select(Subscriber)).confirm_expires = utcnow() - timedelta(minutes=1)
    page = testapp.get(link, status=410)
    assert "This link has expired" in text_of(page.text)
    testapp.post(link, {"csrf_token": csrf(testapp)}, status=410)
    assert subscriber(db, "ana@example.org").status == "pending"


def test_subscribing_an_address_twice_makes_no_duplicate_and_tells_nothing(testapp, app, db, registry):
    token = subscribed(testapp, db, "ana@example.org", language="en")
    first = subscribe(testapp, "ana@example.org", language="fr").follow()
    stranger = client(app, "198.51.100.7")
    second = subscribe(stranger, "nobody@example.org").follow()
    assert text_of(first.text) == text_of(second.text)  # the same answer for a known and an unknown address
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Subscriber).where(Subscriber.email == "ana@example.org")) == 1
    sub = subscriber(db, "ana@example.org")
    assert sub.status == "subscribed" and sub.language == "en" and token_of(registry, db, "ana@example.org") == token
    mails = [(to, body) for to, _s, body, _st in outbox_rows(db) if to == "ana@example.org"]
    assert "subscribed already" in mails[-1][1] and f"/newsletter/preferences/{token}" in mails[-1][1]


def test_preferences_open_with_the_personal_link_and_change_language_and_interests(testapp, app, db):
    token = subscribed(testapp, db, "ana@example.org", regions=["europe"])
    other = client(app, "198.51.100.7")  # no login, no cookie: the personal link is enough
    form = other.get(f"/newsletter/preferences/{token}").forms["deform"]
    form["language"] = "es"
    for box in form.fields["checkbox"]:
        box.checked = box._value in ("africa", "gender-equality")
    form.submit("save", status=302)
    sub = subscriber(db, "ana@example.org")
    assert sub.language == "es"
    with db() as s:
        assert {(i.kind, i.value) for i in s.get(Subscriber, sub.id).interests} == {
            ("region", "africa"), ("theme", "gender-equality")}
    other.get("/newsletter/preferences/unknown-token", status=404)


def test_one_click_unsubscribe_by_rfc_8058_post_needs_no_login_nor_form_token(testapp, app, db):
    token = subscribed(testapp, db, "ana@example.org")
    mail_client = client(app, "203.0.113.9")  # what a mail provider sends: a bare POST
    mail_client.get(f"/newsletter/unsubscribe/{token}")  # a GET only asks
    assert subscriber(db, "ana@example.org").status == "subscribed"
    page = mail_client.post(f"/newsletter/unsubscribe/{token}", "List-Unsubscribe=One-Click",
                            content_type="application/x-www-form-urlencoded", status=200)
    assert "You are unsubscribed" in text_of(page.text)
    sub = subscriber(db, "ana@example.org")
    assert sub.status == "unsubscribed" and sub.unsubscribed is not None
    with db() as s:
        assert s.scalars(select(Consent.source).order_by(Consent.id)).all()[-1] == "unsubscribe"
    # already used: a clear page, nothing changes
    again = mail_client.post(f"/newsletter/unsubscribe/{token}", "List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded", status=200)
    assert "not subscribed to the newsletter any more" in text_of(again.text)
    assert subscriber(db, "ana@example.org").unsubscribed == sub.unsubscribed
    mail_client.post("/newsletter/unsubscribe/unknown-token", "List-Unsubscribe=One-Click",
                     content_type="application/x-www-form-urlencoded", status=404)


# --- import and export ------------------------------------------------------------------------------

def test_the_secretariat_imports_a_list_with_consent_dates_and_exports_subscribers(testapp, as_user, db):
    as_user("secretariat")
    data = ("email,name,language,regions,themes,consent_date,consent_version\n"
            "ana@example.org,Ana,pt,africa|europe,participatory-budgeting,2024-05-31,paper form 2024\n"
            "moussa@example.org,Moussa,fr,,,,\n"
            "not-an-address,X,en,,,2024-01-01,\n"
            "lucia@example.org,Lucía,es,,,2023-02-01T10:00:00,\n")
    form = testapp.get("/manage/import/subscribers").forms["import-form"]
    form["file"] = ("list.csv", data.encode(), "text/csv")
    page = form.submit("import")
    text = text_of(page.text)
    assert "Subscribed: 2 ; Already subscribed: 0 ; rows refused: 2" in text
    assert "Line 3 : moussa@example.org: no consent date" in text
    assert "Line 4 : “not-an-address” is not a valid e-mail address" in text
    assert subscriber(db, "moussa@example.org") is None
    ana = subscriber(db, "ana@example.org")
    assert ana.status == "subscribed" and ana.language == "pt" and ana.confirmed.date().isoformat() == "2024-05-31"

    export = testapp.get("/export/newsletter-subscribers.csv")
    rows = {r["email"]: r for r in csv.DictReader(io.StringIO(export.text))}
    assert set(rows) == {"ana@example.org", "lucia@example.org"}
    assert rows["ana@example.org"]["consent_date"].startswith("2024-05-31")
    assert rows["ana@example.org"]["consent_version"] == "paper form 2024"
    assert rows["ana@example.org"]["regions"] == "africa|europe"
    assert client(testapp.app).get("/export/newsletter-subscribers.csv", status="*").status_int in (302, 403)


# --- composing and sending --------------------------------------------------------------------------

def test_compose_preview_test_send_and_send_an_issue_in_each_subscribers_language(testapp, app, as_user, db,
                                                                                 registry, smtp_server, news):
    readers = {"en@example.org": "en", "fr@example.org": "fr", "es@example.org": "es"}
    for address, lang in readers.items():
        subscribed(client(app, "198.51.100.1"), db, address, language=lang)
    subscribe(client(app, "198.51.100.2"), "pending@example.org")  # never confirmed: receives nothing
    as_user("secretariat")
    issue_id = compose(testapp, news)
    with db() as s:
        issue = s.get(Issue, issue_id)
        assert {v.language for v in issue.versions} == {"en", "fr"}
        assert "<script>" not in issue.version("en").editorial
    edit = f"/manage/newsletter/issues/{issue_id}"

    preview = testapp.get(f"{edit}/preview/fr")
    assert "Le réseau en novembre" in preview.text and "Porto Alegre ouvre son budget" in preview.text
    assert "script-src" not in preview.headers["Content-Security-Policy"]
    assert "Hello" in testapp.get(f"{edit}/preview/es").text  # no Spanish version: the default one

    page = testapp.get(edit)
    form = page.forms["test-form"]
    form["test_address"] = "editor@example.org"
    form["test_language"] = "fr"
    form.submit("test", status=302)
    work(registry, smtp(registry, smtp_server.port))
    [test] = [received(e) for e in smtp_server.messages if e.rcpt_tos == ["editor@example.org"]]
    assert test["Subject"] == "[Test] Le réseau en novembre" and test["To"] == "editor@example.org"
    smtp_server.messages.clear()

    page = confirm_sending(testapp, issue_id)
    assert "Sending started to 3 subscribers" in page.text
    again = testapp.post(f"{edit}/send", {"when": "now", "confirm": "1", "csrf_token": csrf(testapp)},
                         status=302).follow()  # pressed twice
    assert "being sent or was sent already" in again.text
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 3
    work(registry, smtp(registry, smtp_server.port))
    work(registry, smtp(registry, smtp_server.port))  # a restarted worker finds nothing more to send
    got = {e.rcpt_tos[0]: received(e) for e in smtp_server.messages}
    assert len(smtp_server.messages) == 3 and set(got) == set(readers)
    assert got["fr@example.org"]["Subject"] == "Le réseau en novembre"
    assert got["es@example.org"]["Subject"] == "The network in November"
    msg = got["fr@example.org"]
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Porto Alegre ouvre son budget" in text and "Porto Alegre ouvre son budget" in html
    assert "Bonjour les villes" in html and "<script>" not in html
    token = token_of(registry, db, "fr@example.org")
    with db() as s:
        assert msg["Message-ID"] == f"<newsletter.{issue_id}.{s.scalar(select(Subscriber.id).where(Subscriber.email == 'fr@example.org'))}@test.example>"
    assert msg["List-Unsubscribe"] == f"<http://portal.test/newsletter/unsubscribe/{token}>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/newsletter/unsubscribe/{token}" in html and f"/newsletter/preferences/{token}" in text
    web = re.search(r"http://portal\.test(/newsletter/archive/\d+/fr)", text).group(1)
    assert "Bonjour les villes" in client(app).get(web).text  # the web version, for everyone

    # progress in the control panel
    page = testapp.get(edit)
    assert page.html.select_one("[data-progress=sent]").text.strip() == "3"
    assert page.html.select_one("[data-progress=pending]").text.strip() == "0"
    with db() as s:
        assert s.get(Issue, issue_id).status == "sent"
    assert "November 2026" in testapp.get("/manage/newsletter").text
    # an issue sent cannot be sent again
    testapp.post(f"{edit}/send", {"when": "now", "confirm": "1", "csrf_token": csrf(testapp)}, status=302)
    assert work(registry, smtp(registry, smtp_server.port)) == 0

    # the archive and its feed
    visitor = client(app)
    assert "The network in November" in visitor.get("/newsletter/archive").text
    feed = visitor.get("/newsletter/feed.atom?lang=fr")
    assert feed.content_type == "application/atom+xml" and "Le réseau en novembre" in feed.text

    # the one-click unsubscribe of the mail's header works
    unsubscribe = urlsplit(msg["List-Unsubscribe"].strip("<>")).path
    client(app).post(unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert subscriber(db, "fr@example.org").status == "unsubscribed"


def test_who_left_or_bounces_before_their_message_leaves_gets_nothing(app, db, registry, smtp_server, news):
    make_subscribers(db, 6)
    issue_id = make_issue(db, news["en"])
    start(db, issue_id)
    from plugins.newsletter.campaign import refill
    refill(registry, registry["dbsession_factory"], registry.settings, utcnow(), 50)  # all six wait in the outbox
    with db() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "queued")) == 6
        from plugins.newsletter.links import personal_token
        token = personal_token(registry.settings, s.scalar(select(Subscriber).where(Subscriber.email == "reader1@example.org")))
        # a race: the worker's last check sees the change even if nothing withdrew the message
        s.scalar(select(Subscriber).where(Subscriber.email == "reader2@example.org")).status = "unsubscribed"
    client(app).post(f"/newsletter/unsubscribe/{token}", "List-Unsubscribe=One-Click",
                     content_type="application/x-www-form-urlencoded")
    with db() as s:
        s.scalar(select(Subscriber).where(Subscriber.email == "reader3@example.org")).bounced = utcnow()
    work(registry, smtp(registry, smtp_server.port))
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == [
        "reader0@example.org", "reader4@example.org", "reader5@example.org"]
    from plugins.newsletter.campaign import progress
    with db() as s:
        assert progress(s, [issue_id])[issue_id] == {"pending": 0, "sent": 3, "failed": 0, "skipped": 3}


def test_the_secretariat_marks_bouncing_addresses_which_are_skipped(testapp, as_user, db, registry, smtp_server):
    make_subscribers(db, 3)
    as_user("secretariat")
    page = testapp.get("/manage/newsletter/subscribers")
    form = page.forms["subscribers-form"]
    for box in form.fields["id"]:
        box.checked = box._value == str(subscriber(db, "reader0@example.org").id)
    form.submit("bounced", status=302)
    assert subscriber(db, "reader0@example.org").bounced is not None
    assert "reader0@example.org" in testapp.get("/manage/newsletter/subscribers?status=bounced").text
    issue_id = make_issue(db)
    assert start(db, issue_id) == 2
    work(registry, smtp(registry, smtp_server.port))
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == ["reader1@example.org", "reader2@example.org"]


def test_the_audience_combines_a_language_a_region_and_a_theme(db):
    from plugins.newsletter.campaign import audience_size
    with db() as s:
        for address, lang, interests in (("a@example.org", "en", [("region", "africa")]),
                                         ("b@example.org", "fr", [("region", "europe"), ("theme", "e-participation")]),
                                         ("c@example.org", "fr", []),
                                         ("e@example.org", "es", [("region", "africa"), ("theme", "gender-equality")]),
                                         ("f@example.org", "es", [("region", "europe")])):
            sub = Subscriber(email=address, language=lang, status="subscribed")
            sub.set_interests([v for k, v in interests if k == "region"], [v for k, v in interests if k == "theme"])
            s.add(sub)
        s.add(Subscriber(email="d@example.org", language="fr", status="unsubscribed"))
    with db() as s:
        def size(language="", region="", theme=""):
            return audience_size(s, Issue(audience_language=language, audience_region=region, audience_theme=theme))
        assert size() == 5
        assert size(language="fr") == 2
        assert size(region="africa") == 3  # a, e, and c who chose no region
        assert size(region="europe") == 3
        assert size(theme="e-participation") == 4  # b chose it; a, c and f chose no theme
        assert size(theme="gender-equality") == 4
        assert size(language="es", region="africa") == 1  # Spanish readers interested in Africa: e, not f
        assert size(language="es", region="africa", theme="e-participation") == 0
        assert size(language="fr", region="europe", theme="e-participation") == 2  # b, and c who chose nothing


def test_a_scheduled_issue_goes_out_by_itself_when_its_time_comes(testapp, as_user, db, registry, smtp_server):
    make_subscribers(db, 2)
    as_user("secretariat")
    issue_id = make_issue(db)
    when = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    page = confirm_sending(testapp, issue_id, send_at=when.strftime("%Y-%m-%dT%H:%M"), timezone="UTC")
    assert "will be sent on" in page.text
    with db() as s:
        assert (s.get(Issue, issue_id).status, s.get(Issue, issue_id).send_at) == ("scheduled", when)
    settings = smtp(registry, smtp_server.port)
    assert work(registry, settings, now=when - timedelta(minutes=1)) == 0  # not yet
    assert smtp_server.messages == []
    assert work(registry, settings, now=when + timedelta(seconds=1)) == 2
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == ["reader0@example.org", "reader1@example.org"]
    with db() as s:
        assert s.get(Issue, issue_id).status == "sent"


def test_the_control_panel_is_for_the_secretariat_only(testapp, as_user, app):
    visitor = client(app)
    for path in ("/manage/newsletter", "/manage/newsletter/issues/add", "/manage/newsletter/subscribers",
                 "/manage/newsletter/import", "/manage/import/subscribers"):
        assert visitor.get(path, status="*").status_int in (302, 403)
    as_user("editor")
    testapp.get("/manage/newsletter", status=403)
    testapp.get("/manage/import/subscribers", status=403)


def test_delivery_keeps_to_the_configured_rate(db, registry, smtp_server):
    """mail.max_rate (messages per second) paces the worker: an SMTP relay's limit is never exceeded.
    Only a lower bound is asserted (a slow machine may take longer, never shorter)."""
    import time
    make_subscribers(db, 5)
    start(db, make_issue(db))
    began = time.monotonic()
    sent = work(registry, smtp(registry, smtp_server.port, **{"mail.max_rate": "10"}))
    assert sent == 5 and time.monotonic() - began >= 0.4  # four gaps of a tenth of a second


def test_the_demo_brings_subscribers_a_sent_issue_in_the_archive_and_a_draft(app, db, registry):
    from pyramid.scripting import prepare
    from plugins.newsletter.demo import create_demo_newsletter
    with db() as s:  # what other plugins' demo content is like: dated from today, some of it weeks ago
        for days in (40, 25, 12, 3, 0):
            s.add(News(title=f"News of {days} days ago", description="", body="<p>x</p>", language="en",
                       state="published", published=utcnow() - timedelta(days=days)))
    env = prepare(registry=registry)
    with env["request"].tm:
        create_demo_newsletter(env["request"])
    env["closer"]()
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Subscriber).where(Subscriber.status == "subscribed")) == 7
        sent, draft = s.scalars(select(Issue).order_by(Issue.id)).all()
        assert (sent.status, draft.status) == ("sent", "draft")
        assert sent.items and draft.items
        # an issue holds nothing dated after it; the draft brings what came since
        assert all(it.content.published < sent.started for it in sent.items)
        assert all(it.content.published > sent.started for it in draft.items)
        assert sent.title == format_skeleton("yMMMM", sent.started, locale="en")  # named after its month
        sent_title = s.get(News, sent.items[0].content_id).title
    archive = client(app).get("/newsletter/archive")
    page = archive.click("The network this month")
    assert sent_title in page.text


def test_addresses_refused_for_good_are_marked_as_bouncing_from_the_issue(testapp, as_user, db, registry, smtp_server):
    make_subscribers(db, 2)
    issue_id = make_issue(db)
    start(db, issue_id)
    smtp_server.refuse = "550 5.1.1 no such user"
    work(registry, smtp(registry, smtp_server.port))
    as_user("secretariat")
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    assert page.html.select_one("[data-progress=failed]").text.strip() == "2"
    page.forms["bounce-form"].submit("mark_failed", status=302)
    assert subscriber(db, "reader0@example.org").bounced is not None
    assert subscriber(db, "reader1@example.org").bounced is not None


def test_the_secretariat_erases_a_subscriber_who_asks_to_be_forgotten(testapp, as_user, db, registry, smtp_server, news):
    make_subscribers(db, 3)
    issue_id = make_issue(db, news["en"])
    start(db, issue_id)
    from plugins.newsletter.campaign import refill
    refill(registry, registry["dbsession_factory"], registry.settings, utcnow(), 50)  # three wait in the outbox
    forgotten = subscriber(db, "reader1@example.org").id
    as_user("secretariat")
    form = testapp.get("/manage/newsletter/subscribers").forms["subscribers-form"]
    for box in form.fields["id"]:
        box.checked = box._value == str(forgotten)
    page = form.submit("erase", status=302).follow()
    assert "Erased: 1" in page.text and "reader1@example.org" not in page.text
    work(registry, smtp(registry, smtp_server.port))
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == ["reader0@example.org", "reader2@example.org"]
    with db() as s:
        assert s.get(Subscriber, forgotten) is None
        assert not s.scalars(select(Consent).where(Consent.subscriber_id == forgotten)).all()
        assert not s.scalars(select(Delivery).where(Delivery.subscriber_id == forgotten)).all()
    assert not [row for row in outbox_rows(db) if "reader1" in " ".join(str(v) for v in row)], \
        "the address and personal links are gone from the outbox too"
    assert "reader1@example.org" not in testapp.get("/export/newsletter-subscribers.csv").text


def test_an_item_retracted_after_sending_leaves_the_public_archive(app, db, news):
    issue_id = make_issue(db, news["en"], status="sent", started=utcnow())
    anon = client(app, "192.0.2.77")
    with db() as s:
        title = s.get(News, news["en"]).title
    assert title in anon.get(f"/newsletter/archive/{issue_id}/en").text
    with db() as s:
        item = s.get(News, news["en"])
        item.state, item.description = "draft", "CONFIDENTIAL summary"
    page = anon.get(f"/newsletter/archive/{issue_id}/en").text
    assert "CONFIDENTIAL summary" not in page and title not in page
