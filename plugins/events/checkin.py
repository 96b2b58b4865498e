"""Check-ins at a conference, per day and per session (a scope: "day:2027-07-02" or "session:12"): one row
per person and scope, so a code scanned twice, or sent twice by a phone that was offline, counts once.
The first check-in of a person marks their registration's arrival and draws their certificate's key."""
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import _, Base, UTCDateTime, clock, date_text

from .conference import Registration


class CheckIn(Base):
    __tablename__ = "event_check_ins"
    __table_args__ = (UniqueConstraint("registration_id", "scope", name="uq_event_check_ins_registration_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"),
                                                 index=True)
    scope: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


def scopes(request, event) -> list[tuple[str, str]]:
    """[(scope, label)]: each day of the conference in its zone, then each session of its programme."""
    from .programme import ProgrammeSession
    first, last = event.starts.astimezone(event.tz).date(), event.ends.astimezone(event.tz).date()
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)][:31]
    found = [(f"day:{d.isoformat()}", date_text(request.locale_name, d, length="full")) for d in days]
    sessions = request.dbsession.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)
                                         .order_by(ProgrammeSession.starts, ProgrammeSession.id)).all()
    return found + [(f"session:{s.id}", s.title) for s in sessions]


def current_scope(event, choices) -> str:
    """Today in the conference's zone when it is one of its days, else its first day."""
    today = f"day:{clock.now().astimezone(event.tz).date().isoformat()}"
    values = [value for value, _label in choices]
    return today if today in values else values[0]


def counts(request, event_id, scope=None) -> dict:
    registered, arrived = request.dbsession.execute(
        select(func.count(Registration.id), func.count(Registration.checked_in)).where(
            Registration.event_id == event_id, Registration.state == "registered")).one()
    found = {"registered": registered, "checked_in": arrived}
    if scope is not None:
        found["scope"] = scope
        found["here"] = request.dbsession.scalar(select(func.count(CheckIn.id)).where(
            CheckIn.event_id == event_id, CheckIn.scope == scope)) or 0
    return found


def check_in(request, registration, scope, at=None) -> str:
    """"checked in", "already" (in this scope) or "not registered"."""
    from .registration import new_code
    if registration.state != "registered":
        return "not registered"
    dbsession = request.dbsession
    found = dbsession.scalars(select(CheckIn).where(CheckIn.registration_id == registration.id,
                                                    CheckIn.scope == scope)).first()
    if found is not None:
        return "already"
    now = clock.now()
    at = min(at or now, now)  # a phone's clock ahead of the server's records no arrival in the future
    dbsession.add(CheckIn(event_id=registration.event_id, registration_id=registration.id, scope=scope, at=at))
    if registration.checked_in is None:
        registration.checked_in, registration.certificate = at, new_code()
    dbsession.flush()
    return "checked in"


def by_code(request, event_id, codes):
    return {r.code: r for r in request.dbsession.scalars(select(Registration).where(
        Registration.event_id == event_id, Registration.code.in_(list(codes))))}


OUTCOMES = {"checked in": "checked_in", "already": "already", "not registered": "not_registered"}
MAX_BATCH = 2000


def sync(request, event, items) -> list[dict]:
    """A phone's check-ins recorded offline: [{"code", "scope", "at"?}] -> one outcome each, in order
    ("checked_in", "already", "unknown", "not_registered", "bad_scope"); sending a batch again changes nothing."""
    valid = {value for value, _label in scopes(request, event)}
    registrations = by_code(request, event.id, {str(i.get("code", "")).strip().lower() for i in items})
    results = []
    for item in items:
        code, scope = str(item.get("code", "")).strip().lower(), str(item.get("scope", ""))
        registration = registrations.get(code)
        if scope not in valid:
            outcome = "bad_scope"
        elif registration is None:
            outcome = "unknown"
        else:
            outcome = OUTCOMES[check_in(request, registration, scope, moment(item.get("at")))]
        results.append({"code": code, "scope": scope, "outcome": outcome})
    return results


def moment(value):
    from datetime import timezone
    try:
        found = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found.astimezone(timezone.utc) if found.tzinfo else None


def checked_scopes(request, event_id) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for registration_id, scope in request.dbsession.execute(select(CheckIn.registration_id, CheckIn.scope).where(
            CheckIn.event_id == event_id)):
        found.setdefault(registration_id, []).append(scope)
    return found


SCOPE_HINT = _("A day of the conference, or one of its sessions.")
