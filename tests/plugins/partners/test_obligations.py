"""The secretariat marks an obligation done on the agreement's page (who and when kept) and can undo it;
an obligation done is no longer reminded. Anyone else is refused (403) and a post without the form's
token too (400), and neither changes anything."""
from datetime import date, datetime, timezone

from partners_helpers import add_agreement, add_obligation, add_partner

from portal.testing import client, csrf, login, text_of

NOW = datetime(2026, 12, 10, 9, 30, tzinfo=timezone.utc)


def obligation(db, obligation_id):
    from plugins.partners.models import Obligation
    with db() as s:
        row = s.get(Obligation, obligation_id)
        return row.done, row.done_by_id, row.done_at


def done_form(page, obligation_id):
    return next(f for f in page.forms.values() if f.action.endswith(f"/obligations/{obligation_id}/done"))


def reminded(registry, maildir):
    from portal.tasks import run_task
    run_task(registry, registry.portal.periodic_tasks["partners:remind"])
    maildir.deliver(registry)
    return len(maildir.messages())


def test_the_secretariat_marks_an_obligation_done_and_it_is_no_longer_reminded(app, db, secretariat, at, maildir):
    at.set(NOW)
    agreement_id = add_agreement(db, add_partner(db), ends=date(2028, 1, 1))
    obligation_id = add_obligation(db, agreement_id)
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    page = done_form(sec.get(f"/agreements/{agreement_id}"), obligation_id).submit().follow()
    assert obligation(db, obligation_id) == (True, secretariat, NOW), "who and when"
    item = text_of(str(page.html.select_one("ul.obligations")))
    assert "Done" in item and "by Secretariat" in item and "Mark not done" in item
    assert reminded(app.registry, maildir) == 0, "an obligation done is not reminded"

    done_form(page, obligation_id).submit().follow()
    assert obligation(db, obligation_id) == (False, None, None)
    assert reminded(app.registry, maildir) == 1, "not done again: reminded as before"


def test_no_one_else_and_no_post_without_the_form_s_token_changes_an_obligation(app, db, secretariat, make_user):
    agreement_id = add_agreement(db, add_partner(db), public=True)
    obligation_id = add_obligation(db, agreement_id)
    url = f"/agreements/{agreement_id}/obligations/{obligation_id}/done"
    make_user("member@example.org", role="member")
    member = client(app, address="192.0.2.42")
    login(member, "member@example.org")
    assert "Mark done" not in member.get(f"/agreements/{agreement_id}").text
    member.post(url, {"done": "1", "csrf_token": csrf(member)}, status=403)
    client(app, address="192.0.2.43").post(url, {"done": "1"}, status=403)  # not logged in
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    sec.post(url, {"done": "1"}, status=400)
    sec.post(url, {"done": "1", "csrf_token": "not-the-token"}, status=400)
    other = add_obligation(db, add_agreement(db, add_partner(db, title="GIZ")))
    sec.post(f"/agreements/{agreement_id}/obligations/{other}/done", {"done": "1", "csrf_token": csrf(sec)},
             status=404)  # an obligation of another agreement
    assert obligation(db, obligation_id) == (False, None, None) and obligation(db, other) == (False, None, None)
