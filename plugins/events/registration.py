"""Registering for a conference, never over its capacity: each registration, cancellation and offer
locks the conference's row (SELECT ... FOR UPDATE on PostgreSQL; SQLite writes one at a time anyway),
then counts the places held under the lock. Over capacity (or over the cap of one's member
organisation) a person joins the waiting list; a freed place is offered to the first person waiting
for the conference's offer_hours (the periodic task events:registrations expires offers, offers the
place to the next person and sends the reminders); every mail in the person's language."""
import secrets
from datetime import timedelta

from sqlalchemy import func, select

from portal.api import _, clock, datetime_text, text_in

from .conference import HELD, Conference, Registration

REMIND_BEFORE = timedelta(days=3)
CHECK_EVERY = timedelta(minutes=5)


def includeme(config):
    from .conference import ConferencePermissions
    config.add_permissions(ConferencePermissions)
    mail = config.add_mail_template
    mail("events:registered", _("Your registration for ${event}"),
         _("Hello ${name},\n\nYou are registered for ${event} (${when}, ${place}).\n\nYour registration, to "
           "see or cancel it: ${url}"))
    mail("events:waiting", _("You are on the waiting list of ${event}"),
         _("Hello ${name},\n\n${event} is full: you are number ${position} on its waiting list. When a place "
           "is freed it is offered to the first person waiting, by mail, for a limited time.\n\nYour "
           "registration, to see your position or leave the list: ${url}"))
    mail("events:offer", _("A place for ${event} is yours until ${until}"),
         _("Hello ${name},\n\nA place was freed at ${event} (${when}) and it is offered to you. Accept it "
           "before ${until}, or it goes to the next person waiting: ${url}"))
    mail("events:offer_expired", _("The place offered for ${event} went to the next person"),
         _("Hello ${name},\n\nThe place offered to you at ${event} was not accepted before ${until}: it is "
           "now offered to the next person waiting. You can register again if places remain: ${url}"))
    mail("events:reminder", _("${event} starts on ${when}"),
         _("Hello ${name},\n\nA reminder: ${event} starts on ${when}, ${place}. We look forward to seeing "
           "you.\n\nYour registration: ${url}"))
    mail("events:visa_approved", _("Your invitation letter for ${event}"),
         _("Hello ${name},\n\nThe secretariat approved your request: your visa invitation letter for ${event} is "
           "ready to download: ${url}"))
    mail("events:visa_refused", _("Your request of an invitation letter for ${event}"),
         _("Hello ${name},\n\nThe secretariat could not approve your request of a visa invitation letter for "
           "${event}: ${reason}\n\nYou can correct it and ask again: ${url}"))
    config.add_periodic_task("events:registrations", registrations_task, every=CHECK_EVERY,
                             title=_("Expire the conference places offered, offer them to the next person "
                                     "waiting, send the reminders"))


def new_code() -> str:
    return secrets.token_hex(12)


def lock(session, event_id):
    """The conference's row locked until the transaction ends: one registration change at a time."""
    session.execute(select(Conference.event_id).where(Conference.event_id == event_id).with_for_update())


def held(session, event_id, member_id=None) -> int:
    stmt = select(func.count(Registration.id)).where(Registration.event_id == event_id,
                                                     Registration.state.in_(HELD))
    if member_id is not None:
        stmt = stmt.where(Registration.member_id == member_id)
    return session.scalar(stmt) or 0


def member_full(session, conference, member_id) -> bool:
    return bool(member_id and conference.member_cap is not None
                and held(session, conference.event_id, member_id) >= conference.member_cap)


def find(session, event_id, email):
    return session.scalars(select(Registration).where(Registration.event_id == event_id,
                                                      Registration.email == email)).first()


def position(session, registration) -> int | None:
    """Where one stands on the waiting list (1: the next offered), None when not waiting."""
    if registration.state != "waiting":
        return None
    return 1 + (session.scalar(select(func.count(Registration.id)).where(
        Registration.event_id == registration.event_id, Registration.state == "waiting",
        Registration.id < registration.id)) or 0)


def register(request, conference, values) -> tuple[Registration, bool]:
    """(the registration, whether it is new): a second registration of one address gives the first.
    values: email, name, member_id, answers."""
    session = request.dbsession
    email = values["email"].strip().lower()
    lock(session, conference.event_id)
    first = find(session, conference.event_id, email)
    if first is not None:
        return first, False
    member_id = values.get("member_id")
    full = held(session, conference.event_id) >= conference.capacity or member_full(session, conference, member_id)
    registration = Registration(
        event_id=conference.event_id, code=new_code(), email=email, name=values.get("name", ""),
        language=request.locale_name or "en", user_id=request.user.id if request.user is not None else None,
        member_id=member_id, answers=values.get("answers") or {}, state="waiting" if full else "registered",
        created=clock.now())
    session.add(registration)
    session.flush()
    send(request, registration, "events:waiting" if full else "events:registered")
    return registration, True


def offer_next(request, conference) -> int:
    """Offer the free places to the first people waiting (those whose organisation is not at its cap);
    returns how many were offered."""
    session = request.dbsession
    lock(session, conference.event_id)
    offered, skipped = 0, set()
    while held(session, conference.event_id) < conference.capacity:
        waiting = session.scalars(select(Registration).where(
            Registration.event_id == conference.event_id, Registration.state == "waiting",
            Registration.id.notin_(skipped)).order_by(Registration.id).limit(1)).first()
        if waiting is None:
            break
        if member_full(session, conference, waiting.member_id):
            skipped.add(waiting.id)
            continue
        waiting.state = "offered"
        waiting.offered_until = clock.now() + timedelta(hours=conference.offer_hours)
        session.flush()
        send(request, waiting, "events:offer")
        offered += 1
    return offered


def cancel(request, registration):
    """Cancel a registration, leave the waiting list or decline an offer; a place freed is offered on."""
    session = request.dbsession
    lock(session, registration.event_id)
    freed = registration.state in HELD
    registration.state = "left" if registration.state == "waiting" else "cancelled"
    registration.offered_until = None
    from .seats import release_all
    release_all(session, registration)
    session.flush()
    if freed:
        offer_next(request, session.get(Conference, registration.event_id))


def accept(request, registration) -> bool:
    """The place offered taken, if the offer still runs."""
    lock(request.dbsession, registration.event_id)
    request.dbsession.refresh(registration)
    if registration.state != "offered" or registration.offered_until <= clock.now():
        return False
    registration.state, registration.offered_until = "registered", None
    send(request, registration, "events:registered")
    return True


def expire_offers(request) -> int:
    session = request.dbsession
    now = clock.now()
    expired = session.scalars(select(Registration).where(Registration.state == "offered",
                                                         Registration.offered_until <= now)
                              .order_by(Registration.id)).all()
    for registration in expired:
        until = registration.offered_until
        registration.state, registration.offered_until = "expired", None
        send(request, registration, "events:offer_expired", until=until)
    session.flush()
    for event_id in sorted({r.event_id for r in expired}):
        offer_next(request, session.get(Conference, event_id))
    return len(expired)


def send_reminders(request) -> int:
    from .models import Event
    now = clock.now()
    due = request.dbsession.scalars(select(Registration).join(Event, Event.id == Registration.event_id).where(
        Registration.state == "registered", Registration.reminded.is_(False), Event.starts > now,
        Event.starts <= now + REMIND_BEFORE)).all()
    for registration in due:
        registration.reminded = True
        send(request, registration, "events:reminder")
    return len(due)


def registrations_task(request):
    expired = expire_offers(request)
    return f"{expired} offers expired, {send_reminders(request)} reminders sent"


def send(request, registration, template, until=None):
    event, lang = registration.event, registration.language or "en"
    where = ", ".join(part for part in (event.venue, event.city) if part)
    until = until or registration.offered_until
    request.send_template(
        template, registration.email, language=lang, name=registration.name or registration.email,
        event=text_in(event, "title", lang) or event.title, when=datetime_text(lang, event.starts, event.timezone),
        place=where, position=position(request.dbsession, registration) or "",
        until=datetime_text(lang, until, event.timezone) if until else "",
        url=request.route_url("conference_registration", code=registration.code))
