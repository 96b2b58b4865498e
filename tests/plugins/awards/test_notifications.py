"""Awards and the core's notifications: a person put on a jury finds it under their bell, in their
language, beside the plugin's own invitation mail (the notification is not mailed a second time)."""
from sqlalchemy import select

from portal.models import Notification, OutboxMessage, User
from portal.testing import client, login


def test_a_juror_put_on_the_jury_is_notified_once(app, open_call, make_user, db):
    make_user("juror@example.org", name="Julia Juror", language="es")
    admin = client(app)
    login(admin, "sec@example.org")
    form = admin.get(f"/awards/{open_call}/jury").forms["deform"]
    form["email"] = "juror@example.org"
    form.submit("add", status=302)
    with db() as s:
        juror = s.scalar(select(User).where(User.email == "juror@example.org"))
        found = s.scalars(select(Notification).where(Notification.user_id == juror.id)).all()
        assert [(n.kind, n.mailed_at) for n in found] == [("jury.assigned", None)]
        assert len(s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "juror@example.org")).all()) == 1
    julia = client(app, address="192.0.2.40")
    login(julia, "juror@example.org")
    page = julia.get("/notifications", headers={"Accept-Language": "es"})
    assert "Eres miembro del jurado de" in page.text
