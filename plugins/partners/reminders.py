"""Reminders to the secretariat: REMIND_DAYS before an agreement in force (or signed) ends, and before an
obligation not done is due, a mail and a notification to each account of the secretariat, once each (the
row keeps when it was reminded); an agreement in force whose end has passed becomes expired. A periodic
task of the worker, never a visitor's request."""
from datetime import timedelta

from sqlalchemy import select, update

from portal.api import User, _, clock, date_text, notify

from .models import Agreement, Obligation

REMIND_DAYS = 30
CHECK_EVERY = 3600
LIVE = ("signed", "in_force")


def includeme(config):
    config.add_notification_kind("partners.reminder", _("Agreements ending and obligations due"), default_mail=False)
    config.add_mail_template(
        "partners:agreement_ends", _("The agreement “${agreement}” ends on ${date}"),
        _("Hello ${name},\n\nThe agreement “${agreement}” with ${party} ends on ${date}.\n\nRenewal terms: "
          "${terms}\n\nThe agreement: ${url}"))
    config.add_mail_template(
        "partners:obligation_due", _("Due on ${date}: ${obligation}"),
        _("Hello ${name},\n\nUnder the agreement “${agreement}” with ${party}, “${obligation}” is due on "
          "${date} (responsible: ${owner}).\n\nThe agreement: ${url}"))
    config.add_periodic_task("partners:remind", remind_task, every=CHECK_EVERY,
                             title=_("Remind the secretariat of agreements ending and obligations due"))


def secretariat(request):
    return request.dbsession.scalars(select(User).where(User.role == "secretariat", User.active.is_(True))
                                     .order_by(User.id)).all()


def tell(request, users, template, message, url, day, **values):
    """The mail in each one's language, and the notification on the portal (mailed already: mail=False)."""
    for user in users:
        lang = user.language or "en"
        request.send_template(template, user, language=lang, date=date_text(lang, day), url=url, **values)
    notify(request, users, "partners.reminder", message, url, skip=None, mail=False)


def remind_task(request):
    now = clock.now()
    horizon = (now + timedelta(days=REMIND_DAYS)).date()
    today = now.date()
    request.dbsession.execute(update(Agreement).where(Agreement.status.in_(LIVE), Agreement.ends < today)
                              .values(status="expired"))
    users = secretariat(request)
    count = 0
    ending = select(Agreement).where(Agreement.status.in_(LIVE), Agreement.ends.is_not(None),
                                     Agreement.ends >= today, Agreement.ends <= horizon,
                                     Agreement.end_reminded.is_(None))
    for agreement in request.dbsession.scalars(ending):
        url = request.route_url("agreement", agreement=agreement.id)
        tell(request, users, "partners:agreement_ends",
             _("The agreement “${agreement}” ends on ${date}.",
               mapping={"agreement": agreement.title, "date": agreement.ends.isoformat()}), url,
             agreement.ends, agreement=agreement.title, party=agreement.party_name,
             terms=agreement.renewal_terms or "—")
        agreement.end_reminded = now
        count += 1
    due = (select(Obligation).join(Agreement, Agreement.id == Obligation.agreement_id)
           .where(Obligation.done.is_(False), Obligation.reminded.is_(None), Obligation.due >= today,
                  Obligation.due <= horizon, Agreement.status != "renewed"))
    for obligation in request.dbsession.scalars(due):
        agreement = obligation.agreement
        url = request.route_url("agreement", agreement=agreement.id)
        tell(request, users, "partners:obligation_due",
             _("Due on ${date}: ${obligation}", mapping={"date": obligation.due.isoformat(),
                                                          "obligation": obligation.what}), url,
             obligation.due, agreement=agreement.title, party=agreement.party_name,
             obligation=obligation.what, owner=obligation.owner or "—")
        obligation.reminded = now
        count += 1
    return count
