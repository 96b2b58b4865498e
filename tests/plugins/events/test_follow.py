"""An event is followable like every content item: who follows it hears when it changes."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from portal.models import Notification, User
from portal.testing import client, login

from plugins.events.models import Event

UTC = timezone.utc
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def now(frozen_clock):
    frozen_clock.set(NOW)
    return frozen_clock


def add_event(db, title, starts):
    with db() as s:
        event = Event(title=title, description="", body="<p>Programme.</p>", language="en", kind="workshop",
                      timezone="UTC", city="Dakar", country="SN", starts=starts, ends=starts + timedelta(hours=3),
                      state="published", published=NOW - timedelta(days=60))
        s.add(event)
        s.flush()
        return event.id


def test_a_follower_hears_that_an_event_changed(app, db, make_user, now):
    event_id = add_event(db, "Assembly of the youth councils", NOW + timedelta(days=10))
    make_user("rita@example.org", role="member", name="Rita", mail_frequency="never")
    make_user("ed@example.org", role="editor", name="Ed Editor")
    rita = client(app)
    login(rita, "rita@example.org")
    page = rita.get(f"/events/{event_id}")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/follow")][0]].submit(status=302)
    ed = client(app, address="192.0.2.60")
    login(ed, "ed@example.org")
    form = ed.get(f"/events/{event_id}/edit").forms["deform"]
    form["title"] = "Assembly of the youth councils, new room"
    form.submit("save", status=302)
    with db() as s:
        rita_id = s.scalar(select(User.id).where(User.email == "rita@example.org"))
        found = s.scalars(select(Notification).where(Notification.user_id == rita_id)).all()
        assert [(n.kind, n.message["mapping"]["title"], n.mailed_at) for n in found] == [
            ("follow.activity", "Assembly of the youth councils, new room", None)]  # never: not mailed
    assert rita.get("/").html.select_one("a.bell")["aria-label"] == "Notifications, 1 unread"
