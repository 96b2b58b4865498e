"""What the public subscription form may and may not do to an address already known, where the
personal link's secret lives, and what the links of a test send do."""
from datetime import timedelta

from sqlalchemy import func, select, text

from portal.models import OutboxMessage, utcnow
from portal.testing import client, csrf, text_of

from plugins.newsletter.models import Consent, Issue, IssueVersion, Subscriber
from newsletter_steps import confirm, confirmation_link, link_in, outbox_rows, subscribe, subscribed, subscriber


def state_of(db, address):
    """Everything the form could have rewritten: name, language, interests, consents, status."""
    with db() as s:
        sub = s.scalar(select(Subscriber).where(Subscriber.email == address))
        return {"name": sub.name, "language": sub.language, "status": sub.status,
                "interests": sorted((i.kind, i.value) for i in sub.interests),
                "consents": [(c.source, c.at, c.address) for c in sub.consents]}


def later(db, address, minutes=11):
    """As if the last message to the address had left `minutes` ago (past the resend pause)."""
    with db() as s:
        sub = s.scalar(select(Subscriber).where(Subscriber.email == address))
        if sub.confirm_sent is not None:
            sub.confirm_sent = sub.confirm_sent - timedelta(minutes=minutes)


def mails_to(db, address):
    return [(subject, body) for to, subject, body, _st in outbox_rows(db) if to == address]


def test_the_form_changes_nothing_of_a_pending_subscriber_and_mails_its_owner_a_new_link(testapp, app, db):
    subscribe(testapp, "ana@example.org", name="Ana Souza", language="pt", regions=["africa"])
    before = state_of(db, "ana@example.org")
    later(db, "ana@example.org")
    stranger = client(app, "198.51.100.7")
    known = subscribe(stranger, "ana@example.org", name="Mallory", language="en", regions=["europe"],
                      themes=["e-participation"])
    unknown = subscribe(client(app, "198.51.100.8"), "nobody@example.org", name="Mallory", language="en")
    assert known.location == unknown.location  # the same answer: no oracle
    assert text_of(known.follow().text) == text_of(unknown.follow().text)
    assert "We sent a message with a link" in text_of(known.follow().text)
    assert state_of(db, "ana@example.org") == before  # name, language, interests and consents untouched
    first, second = mails_to(db, "ana@example.org")
    assert "Confirme" in second[0]  # to the owner, in the language they chose, not the stranger's
    # the owner's new link confirms the owner's own choices
    page = confirm(client(app, "203.0.113.5"), link_in(second[1], "confirm"))
    assert "Your subscription is confirmed" in page.text
    after = state_of(db, "ana@example.org")
    assert after["status"] == "subscribed" and after["name"] == "Ana Souza" and after["language"] == "pt"
    assert after["interests"] == [("region", "africa")]
    assert [c[0] for c in after["consents"]] == ["form", "confirmation"]


def test_the_form_changes_nothing_of_a_confirmed_subscriber_whose_mailed_link_opens_the_preferences(testapp, app,
                                                                                                  db, registry):
    token = subscribed(testapp, db, "ana@example.org", name="Ana Souza", language="pt", regions=["africa"])
    before = state_of(db, "ana@example.org")
    later(db, "ana@example.org")
    subscribe(client(app, "198.51.100.7"), "ana@example.org", name="Mallory", language="en", regions=["europe"])
    assert state_of(db, "ana@example.org") == before
    subject, body = mails_to(db, "ana@example.org")[-1]
    link = link_in(body, "preferences")
    assert link == f"/newsletter/preferences/{token}"
    owner = client(app, "203.0.113.5")
    form = owner.get(link).forms["deform"]
    assert form["name"].value == "Ana Souza" and form["language"].value == "pt"
    form["language"] = "es"
    form.submit("save", status=302)
    assert subscriber(db, "ana@example.org").language == "es"


def test_the_form_does_not_resubscribe_an_address_that_left_without_its_owner(testapp, app, db):
    token = subscribed(testapp, db, "ana@example.org", name="Ana Souza", language="pt")
    client(app).post(f"/newsletter/unsubscribe/{token}", "List-Unsubscribe=One-Click",
                     content_type="application/x-www-form-urlencoded")
    before = state_of(db, "ana@example.org")
    assert before["status"] == "unsubscribed"
    subscribe(client(app, "198.51.100.7"), "ana@example.org", name="Mallory", language="en", regions=["europe"])
    assert state_of(db, "ana@example.org") == before  # still unsubscribed, nothing rewritten, no consent added
    page = confirm(client(app, "203.0.113.5"), confirmation_link(db, "ana@example.org"))
    assert "Your subscription is confirmed" in page.text  # the owner comes back by the mailed link only
    after = state_of(db, "ana@example.org")
    assert after["status"] == "subscribed" and after["name"] == "Ana Souza" and after["language"] == "pt"


def test_the_form_mails_an_address_at_most_once_in_ten_minutes(testapp, app, db):
    subscribe(testapp, "ana@example.org")
    for i in range(3):
        subscribe(client(app, f"198.51.100.{i + 1}"), "ana@example.org")
    assert len(mails_to(db, "ana@example.org")) == 1


def test_the_database_holds_no_personal_link(testapp, app, db, registry):
    token = subscribed(testapp, db, "ana@example.org")
    visitor = client(app, "198.51.100.7")
    assert visitor.get(f"/newsletter/preferences/{token}").status_int == 200
    with db() as s:
        row = s.execute(text("SELECT * FROM newsletter_subscribers")).mappings().one()
    stored = [str(v) for v in row.values() if v is not None]
    assert not [v for v in stored if token in v], "the link is stored as it is"
    for value in stored:
        assert visitor.get(f"/newsletter/preferences/{value}", status="*").status_int == 404
    # a forged signature opens nothing
    key, _dot, signature = token.partition(".")
    visitor.get(f"/newsletter/preferences/{key}.{'A' * len(signature)}", status=404)
    visitor.post(f"/newsletter/unsubscribe/{key}.{'A' * len(signature)}", "List-Unsubscribe=One-Click",
                 content_type="application/x-www-form-urlencoded", status=404)
    assert subscriber(db, "ana@example.org").status == "subscribed"


def test_a_test_sends_sample_links_that_answer_the_one_click_post_and_change_nothing(testapp, app, as_user, db):
    token = subscribed(client(app, "198.51.100.1"), db, "sam@example.org")  # the tester is also a subscriber
    with db() as s:
        issue = Issue(title="Issue", default_language="en")
        issue.versions.append(IssueVersion(language="en", subject="News of the network", editorial="<p>Hi</p>"))
        s.add(issue)
        s.flush()
        issue_id = issue.id
    as_user("secretariat")
    testapp.post(f"/manage/newsletter/issues/{issue_id}", {"test": "1", "test_address": "sam@example.org",
                                                           "test_language": "en", "csrf_token": csrf(testapp)})
    with db() as s:
        test = s.scalars(select(OutboxMessage).where(OutboxMessage.subject.like("[Test]%"))).one()
        headers, body = test.headers, test.body
    assert token not in body and token not in headers["List-Unsubscribe"]
    mail_provider = client(app, "203.0.113.9")
    unsubscribe = headers["List-Unsubscribe"].strip("<>").removeprefix("http://portal.test")
    page = mail_provider.post(unsubscribe, "List-Unsubscribe=One-Click",
                              content_type="application/x-www-form-urlencoded", status=200)
    assert "The link of a test message" in text_of(page.text)
    assert mail_provider.get(link_in(body, "unsubscribe")).status_int == 200
    assert "opens its reader's preferences" in text_of(mail_provider.get(link_in(body, "preferences")).text)
    assert subscriber(db, "sam@example.org").status == "subscribed"
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Consent).where(Consent.source == "unsubscribe")) == 0


def test_links_of_mails_sent_before_links_were_signed_still_work(tmp_path, test_plugins):
    """A database migrated from the first schema: the personal link of last month's newsletter still
    unsubscribes its reader."""
    from sqlalchemy import create_engine
    from alembic import command
    import webtest
    from portal import main
    from portal.migrations import alembic_config
    from portal.testing import base_settings
    url = f"sqlite:///{tmp_path}/old.sqlite"
    settings = base_settings(tmp_path, url, plugins=test_plugins)
    command.upgrade(alembic_config(settings), "newsletter001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO newsletter_subscribers (email, name, language, status, token, created) "
                          "VALUES ('ana@example.org', 'Ana', 'pt', 'subscribed', 'an-old-token-in-clear-0123456789', "
                          ":now)"), {"now": utcnow().replace(tzinfo=None)})
    command.upgrade(alembic_config(settings), "heads")
    with engine.connect() as conn:
        assert "an-old-token" not in str(conn.execute(text("SELECT * FROM newsletter_subscribers")).one())
    engine.dispose()
    visitor = webtest.TestApp(main({}, **settings), extra_environ={"HTTP_HOST": "portal.test"})
    assert "Stop sending the newsletter" in text_of(visitor.get("/newsletter/unsubscribe/an-old-token-in-clear-"
                                                                "0123456789").text)
    page = visitor.post("/newsletter/unsubscribe/an-old-token-in-clear-0123456789", "List-Unsubscribe=One-Click",
                        content_type="application/x-www-form-urlencoded")
    assert "You are unsubscribed" in text_of(page.text)
