"""Two requests at the same moment against the real app (two threads, two clients), held together
right before the INSERT that could clash: the unique conflict is answered as the normal case, with no
error, one row and one mail. Run on SQLite and on PostgreSQL (PORTAL_TEST_DB)."""
import threading
from contextlib import contextmanager

from sqlalchemy import event, func, select

from portal.testing import client, login

from plugins.newsletter.models import Consent, Delivery, Issue, Subscriber
from newsletter_steps import confirmation_link, make_issue, make_subscribers, outbox_rows


@contextmanager
def held_before(engine, statement, parties=2):
    """Each request (thread) waits at its first `statement` (such as "INSERT INTO newsletter_subscribers")
    until `parties` of them are there; before it, none of them has written anything."""
    barrier = threading.Barrier(parties, timeout=30)  # a guard against a hang, not a measure of time
    held = set()

    def meet(conn, cursor, sql, parameters, context, executemany):
        if sql.startswith(statement + " ") and threading.get_ident() not in held:
            held.add(threading.get_ident())
            barrier.wait()
    event.listen(engine, "before_cursor_execute", meet)
    try:
        yield held
    finally:
        event.remove(engine, "before_cursor_execute", meet)


def at_once(*calls):
    """Run the calls in threads of their own; their results, after re-raising any error."""
    results, errors = [None] * len(calls), []

    def run(i, call):
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported below, with the others
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def subscribe_form(browser, address):
    form = browser.get("/newsletter").forms["deform"]
    form["email"] = address
    form["consent"].checked = True
    return form


def test_two_subscriptions_of_one_address_at_once_make_one_subscriber_and_one_mail(app, registry, db):
    forms = [subscribe_form(client(app, f"198.51.100.{i}"), "ana@example.org") for i in (1, 2)]
    with held_before(registry["engine"], "INSERT INTO newsletter_subscribers") as held:
        first, second = at_once(*(lambda f=f: f.submit("subscribe", status="*") for f in forms))
    assert len(held) == 2, "both requests reached the INSERT together"
    assert (first.status_int, second.status_int) == (302, 302)
    assert first.location == second.location
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Subscriber)) == 1
        assert s.scalar(select(func.count()).select_from(Consent)) == 1
    assert [to for to, *_ in outbox_rows(db)] == ["ana@example.org"]


def test_a_confirmation_link_followed_twice_at_once_confirms_once(app, registry, db):
    subscribe_form(client(app), "ana@example.org").submit("subscribe")
    link = confirmation_link(db, "ana@example.org")
    forms = [client(app, f"198.51.100.{i}").get(link).forms["confirm-form"] for i in (1, 2)]
    with held_before(registry["engine"], "UPDATE newsletter_subscribers"):
        answers = at_once(*(lambda f=f: f.submit("confirm", status="*") for f in forms))
    assert sorted(a.status_int for a in answers) == [302, 404]  # the second finds the link used
    with db() as s:
        assert s.scalars(select(Consent.source).order_by(Consent.id)).all() == ["form", "confirmation"]
        assert s.scalar(select(Subscriber.status)) == "subscribed"


def test_two_imports_of_one_list_at_once_subscribe_each_address_once(app, testapp, as_user, make_user, registry, db):
    as_user("secretariat")
    other = client(app, "192.0.2.11")
    make_user(email="sam@example.org", role="secretariat")
    login(other, "sam@example.org")
    data = ("email,name,language,consent_date\n"
            "ana@example.org,Ana,pt,2024-05-31\n"
            "moussa@example.org,Moussa,fr,2024-06-01\n").encode()
    forms = []
    for browser in (testapp, other):
        form = browser.get("/manage/import/subscribers").forms["import-form"]
        form["file"] = ("list.csv", data, "text/csv")
        forms.append(form)
    with held_before(registry["engine"], "INSERT INTO newsletter_subscribers") as held:
        answers = at_once(*(lambda f=f: f.submit("import", status="*") for f in forms))
    assert len(held) == 2
    assert [a.status_int for a in answers] == [200, 200]
    reports = sorted(" ".join(a.html.select_one(".summary").text.split()) for a in answers)
    assert reports == ["Subscribed: 0; Already subscribed: 2; rows refused: 0.",
                       "Subscribed: 2; Already subscribed: 0; rows refused: 0."]
    with db() as s:
        assert sorted(s.scalars(select(Subscriber.email))) == ["ana@example.org", "moussa@example.org"]
        assert s.scalar(select(func.count()).select_from(Consent)) == 2


def test_two_confirmations_of_send_now_at_once_start_one_campaign(app, testapp, as_user, make_user, registry, db):
    make_subscribers(db, 3)
    issue_id = make_issue(db)
    as_user("secretariat")
    other = client(app, "192.0.2.11")
    make_user(email="sam@example.org", role="secretariat")
    login(other, "sam@example.org")
    forms = [browser.get(f"/manage/newsletter/issues/{issue_id}/send", params={"when": "now"})
             .forms["confirm-send-form"] for browser in (testapp, other)]
    with held_before(registry["engine"], "UPDATE newsletter_issues") as held:
        answers = at_once(*(lambda f=f: f.submit("confirm", status="*") for f in forms))
    assert len(held) == 2
    assert [a.status_int for a in answers] == [302, 302]
    pages = sorted(" ".join(a.follow().html.select_one(".flash").text.split()) for a in answers)
    assert pages == ["Sending started to 3 subscribers.",
                     "This issue is being sent or was sent already: it cannot be changed or sent again."]
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 3
        assert s.get(Issue, issue_id).status == "sending"
