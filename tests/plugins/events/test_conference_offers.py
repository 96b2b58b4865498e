"""The waiting list's offers by the clock: a place freed goes to the first person waiting for the
conference's offer hours; when the offer expires the periodic task tells them and offers the place to the
next person; reminders a few days before the conference."""
from datetime import timedelta

import pytest
from conference_helpers import NOW, add_conference, mails, registration_form, registrations
from sqlalchemy import select

from portal.testing import client, text_of


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


def run_task(registry):
    from portal.tasks import run_task as run
    result, error = run(registry, registry.portal.periodic_tasks["events:registrations"])
    assert not error
    return result


def code_of(db, email):
    from plugins.events.conference import Registration
    with db() as s:
        return s.scalars(select(Registration.code).where(Registration.email == email)).one()


def to(db, address):
    return [m for m in mails(db) if m[0] == address]


def test_an_expired_offer_goes_to_the_next_person_and_the_first_is_told(app, registry, db, at):
    event_id = add_conference(db, capacity=1, offer_hours=24)
    people = ["one@example.org", "two@example.org", "three@example.org"]
    for email in people:
        registration_form(client(app), event_id, email).submit("register", status=302)
    browser = client(app)
    browser.get(f"/events/registrations/{code_of(db, people[0])}/cancel").forms["confirm-form"].submit(
        "confirm", status=302)
    assert registrations(db, event_id)[1:] == [(people[1], "offered"), (people[2], "waiting")]
    assert "offered to you" in to(db, people[1])[-1][2]
    at.set(NOW + timedelta(hours=23))
    run_task(registry)
    assert registrations(db, event_id)[1:] == [(people[1], "offered"), (people[2], "waiting")]  # not yet
    at.set(NOW + timedelta(hours=24, minutes=1))
    assert run_task(registry).startswith("1 offers expired")
    assert registrations(db, event_id)[1:] == [(people[1], "expired"), (people[2], "offered")]
    assert "went to the next person" in to(db, people[1])[-1][1]
    assert "offered to you" in to(db, people[2])[-1][2]
    # the first person, too late, cannot take the place back; the second accepts in time
    late = client(app).get(f"/events/registrations/{code_of(db, people[1])}")
    assert "was not accepted in time" in text_of(late.text) and "/accept" not in late.text
    page = client(app).get(f"/events/registrations/{code_of(db, people[2])}/accept")
    page.forms["confirm-form"].submit("confirm", status=302)
    assert registrations(db, event_id)[2] == (people[2], "registered")


def test_an_offer_accepted_too_late_is_refused(app, registry, db, at):
    event_id = add_conference(db, capacity=1, offer_hours=2)
    for email in ("a@example.org", "b@example.org"):
        registration_form(client(app), event_id, email).submit("register", status=302)
    client(app).get(f"/events/registrations/{code_of(db, 'a@example.org')}/cancel").forms["confirm-form"].submit(
        "confirm", status=302)
    page = client(app).get(f"/events/registrations/{code_of(db, 'b@example.org')}/accept")
    at.set(NOW + timedelta(hours=3))  # the task has not run yet: the offer ended all the same
    done = page.forms["confirm-form"].submit("confirm", status=302).follow()
    assert "This offer has ended" in text_of(done.text)
    assert registrations(db, event_id)[1] == ("b@example.org", "offered")
    run_task(registry)
    assert registrations(db, event_id)[1] == ("b@example.org", "expired")


def test_reminders_three_days_before_once(app, registry, db, at):
    event_id = add_conference(db, starts_in=timedelta(days=10))
    registration_form(client(app), event_id, "ana@example.org").submit("register", status=302)
    run_task(registry)
    assert not [m for m in to(db, "ana@example.org") if "starts on" in m[1]]
    at.set(NOW + timedelta(days=8))
    assert run_task(registry).endswith("1 reminders sent")
    assert run_task(registry).endswith("0 reminders sent")
    assert len([m for m in to(db, "ana@example.org") if "starts on" in m[1]]) == 1
