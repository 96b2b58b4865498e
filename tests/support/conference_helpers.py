"""Steps the conference tests share: a published conference with its registration settings written
straight into the database, the registration form filled as a person does it, what was mailed."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

UTC = timezone.utc
NOW = datetime(2026, 12, 1, tzinfo=UTC)  # the frozen clock's moment
FIELDS = [{"key": "dietary_needs", "label": "Dietary needs", "kind": "text", "required": False},
          {"key": "accompanying_persons", "label": "Accompanying persons", "kind": "number", "required": False},
          {"key": "accommodation", "label": "Accommodation in the conference hotel", "kind": "yesno",
           "required": False}]


def add_conference(db, capacity=60, member_cap=None, offer_hours=48, starts_in=timedelta(days=60),
                   title="13th IOPD Conference", fields=FIELDS):
    from plugins.events.conference import Conference
    from plugins.events.models import Event
    with db() as s:
        e = Event(title=title, description="Cascais, four days.", body="<p>Programme.</p>", language="en",
                  kind="conference", timezone="Europe/Lisbon", city="Cascais", country="PT",
                  venue="Centro de Congressos do Estoril", starts=NOW + starts_in,
                  ends=NOW + starts_in + timedelta(days=3), state="published", published=NOW - timedelta(days=30))
        s.add(e)
        s.flush()
        s.add(Conference(event_id=e.id, capacity=capacity, member_cap=member_cap, offer_hours=offer_hours,
                         open=True, fields=list(fields)))
        return e.id


def registration_form(browser, event_id, email, name=None, **answers):
    form = browser.get(f"/events/{event_id}/register").forms["deform"]
    form["name"] = name or email.split("@")[0].title()
    form["email"] = email
    for key, value in answers.items():
        if isinstance(value, bool):
            form[key].checked = value
        else:
            form[key] = value
    return form


def registrations(db, event_id):
    """[(email, state)] in the order they came."""
    from plugins.events.conference import Registration
    with db() as s:
        return [(r.email, r.state) for r in s.scalars(select(Registration).where(Registration.event_id == event_id)
                                                      .order_by(Registration.id))]


def mails(db):
    from portal.api import OutboxMessage
    with db() as s:
        return [(m.recipient, m.subject, m.body) for m in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def add_session(db, event_id, title="Site visit to the participatory budget's works", capacity=None,
                starts=timedelta(days=61), hours=2, **values):
    """A session of the conference written straight into the database; returns its id."""
    from plugins.events.programme import ProgrammeSession
    with db() as s:
        session = ProgrammeSession(event_id=event_id, title=title, kind=values.pop("kind", "visit"),
                                   capacity=capacity, starts=NOW + starts, ends=NOW + starts + timedelta(hours=hours),
                                   **values)
        s.add(session)
        s.flush()
        return session.id


def codes(db, event_id):
    """{email: the registration's secret code}."""
    from plugins.events.conference import Registration
    with db() as s:
        return {r.email: r.code for r in s.scalars(select(Registration).where(Registration.event_id == event_id))}


def session_form(testapp, event_id, **values):
    """The secretariat's form adding a session, filled (a bool ticks or unticks a box)."""
    form = testapp.get(f"/events/{event_id}/sessions/add").forms["deform"]
    for name, value in values.items():
        if isinstance(value, bool):
            form[name].checked = value
        else:
            form[name] = value
    return form
