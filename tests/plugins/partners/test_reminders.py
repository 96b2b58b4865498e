"""Reminders with the clock stopped: 30 days before an agreement in force ends and before an obligation is
due, each account of the secretariat gets a mail in its language and a notification, once each; nothing
before, nothing for an obligation done or an agreement already renewed; an agreement past its end is expired."""
from datetime import date, datetime, timedelta, timezone

from partners_helpers import add_agreement, add_obligation, add_partner, agreement_row

from portal.testing import text_of


def subject(mail):
    from email.header import decode_header, make_header
    return str(make_header(decode_header(mail["Subject"])))


def body_of(mail):
    part = mail.get_payload(0) if mail.is_multipart() else mail
    return part.get_payload(decode=True).decode()


def run_reminders(registry):
    from portal.tasks import run_task
    return run_task(registry, registry.portal.periodic_tasks["partners:remind"])


def notifications(db):
    from portal.models import Notification
    with db() as s:
        return [(n.user_id, n.message["mapping"]) for n in s.query(Notification).filter_by(kind="partners.reminder")]


def test_the_secretariat_is_reminded_once_before_an_end_and_a_due_date(registry, db, make_user, maildir, at):
    sec_id = make_user("sec@example.org", role="secretariat", language="es")
    make_user("member@example.org", role="member")
    partner_id = add_partner(db)
    hosting = add_agreement(db, partner_id, title="Hosting by UCLG", ends=date(2027, 1, 20),
                            renewal_terms="Two more years by both parties.")
    add_agreement(db, partner_id, title="Renewed already", ends=date(2027, 1, 10), status="renewed")
    add_obligation(db, hosting, "Annual activity report", date(2027, 1, 5))
    add_obligation(db, hosting, "Report already sent", date(2027, 1, 4), done=True)

    at.set(datetime(2026, 12, 1, tzinfo=timezone.utc))  # 50 days before the end, 35 before the report
    run_reminders(registry)
    maildir.deliver(registry)
    assert maildir.messages() == [] and notifications(db) == []

    at.set(datetime(2026, 12, 10, tzinfo=timezone.utc))  # the report due in 26 days
    run_reminders(registry)
    maildir.deliver(registry)
    mails = maildir.messages()
    assert len(mails) == 1 and mails[0]["To"] == "sec@example.org"
    assert "Annual activity report" in subject(mails[0])
    assert [m for _u, m in notifications(db)] == [{"date": "2027-01-05", "obligation": "Annual activity report"}]

    at.set(datetime(2026, 12, 22, tzinfo=timezone.utc))  # the agreement ends in 29 days
    run_reminders(registry)
    at.set(datetime(2026, 12, 23, tzinfo=timezone.utc))  # and again the next day: nothing more
    run_reminders(registry)
    maildir.deliver(registry)
    mails = maildir.messages()
    assert len(mails) == 2
    ending = next(m for m in mails if "Hosting by UCLG" in subject(m))
    body = body_of(ending)
    assert "Two more years by both parties." in body and f"/agreements/{hosting}" in body
    assert "20 ene 2027" in text_of(body) or "20 ene. 2027" in text_of(body)  # in Spanish, her language
    assert all(user_id == sec_id for user_id, _m in notifications(db)) and len(notifications(db)) == 2


def test_no_reminder_after_the_day_or_for_a_draft(registry, db, make_user, maildir, at):
    make_user("sec@example.org", role="secretariat")
    partner_id = add_partner(db)
    add_agreement(db, partner_id, title="Draft", status="draft", ends=date(2026, 12, 15))
    over = add_agreement(db, partner_id, title="Over", ends=date(2026, 11, 30))
    last_day = add_agreement(db, partner_id, title="Ends today", ends=date(2026, 12, 1), end_reminded=datetime(
        2026, 11, 1, tzinfo=timezone.utc))
    at.set(datetime(2026, 12, 1, tzinfo=timezone.utc) + timedelta(hours=1))
    run_reminders(registry)
    maildir.deliver(registry)
    assert maildir.messages() == [] and notifications(db) == []
    assert agreement_row(db, over)["status"] == "expired", "its end has passed"
    assert agreement_row(db, last_day)["status"] == "in_force", "in force to the end of its last day"
