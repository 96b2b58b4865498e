"""Who earns a certificate of attendance: whoever checked in, unless the conference sets a rule: at least N
sessions attended, and/or every mandatory session attended (a session counts when its check-in recorded
the person, checkin.py's "session:ID" scope). Shown on the person's space (/my) and, as the number of
certificates its people earned, on their member organisation's timeline."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import or_, select

from portal.api import DashboardItem, TimelineEntry, _, translate, translated

from .checkin import CheckIn
from .conference import Conference, Registration
from .programme import ProgrammeSession

TIMELINE_KINDS = {"certificate": (_("Certificate of attendance"), _("Certificates of attendance"))}


def attended_sessions(dbsession, registration) -> set[int]:
    scopes = dbsession.scalars(select(CheckIn.scope).where(CheckIn.registration_id == registration.id,
                                                           CheckIn.scope.like("session:%")))
    return {int(scope.split(":", 1)[1]) for scope in scopes}


def mandatory_sessions(dbsession, event_id) -> set[int]:
    return set(dbsession.scalars(select(ProgrammeSession.id).where(ProgrammeSession.event_id == event_id,
                                                                   ProgrammeSession.mandatory.is_(True))))


def missing(dbsession, registration, conference=None) -> Any:
    """What the person still lacks for the certificate (a translation string), None when they earned it."""
    if registration.state != "registered" or registration.checked_in is None or not registration.certificate:
        return _("The certificate of attendance comes after the check-in at the conference.")
    conference = conference or dbsession.get(Conference, registration.event_id)
    if conference is None or not (conference.certificate_sessions or conference.certificate_mandatory):
        return None
    seen = attended_sessions(dbsession, registration)
    if conference.certificate_sessions and len(seen) < conference.certificate_sessions:
        return _("The certificate of attendance needs ${count} sessions attended; you attended ${seen}.",
                 mapping={"count": conference.certificate_sessions, "seen": len(seen)})
    if conference.certificate_mandatory and not mandatory_sessions(dbsession, registration.event_id) <= seen:
        return _("The certificate of attendance needs every mandatory session attended.")
    return None


def certified(dbsession, registration) -> bool:
    return missing(dbsession, registration) is None


def rule_text(conference) -> Any:
    if conference.certificate_sessions and conference.certificate_mandatory:
        return _("Certificates of attendance go to those who attended at least ${count} sessions, every mandatory "
                 "session among them.", mapping={"count": conference.certificate_sessions})
    if conference.certificate_sessions:
        return _("Certificates of attendance go to those who attended at least ${count} sessions.",
                 mapping={"count": conference.certificate_sessions})
    if conference.certificate_mandatory:
        return _("Certificates of attendance go to those who attended every mandatory session.")
    return _("Certificates of attendance go to everyone who checked in.")


def checked_in_rows(dbsession, *conditions):
    return dbsession.scalars(select(Registration).where(
        Registration.state == "registered", Registration.checked_in.is_not(None), Registration.certificate.is_not(None),
        *conditions).order_by(Registration.id)).all()


def member_certificates(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """One entry per published conference where the organisation's people earned certificates: how many (no
    names: a person's attendance is theirs to show)."""
    from .models import Event
    earned: dict[int, int] = {}
    for registration in checked_in_rows(request.dbsession, Registration.member_id == member.id):
        if certified(request.dbsession, registration):
            earned[registration.event_id] = earned.get(registration.event_id, 0) + 1
    for event_id, count in earned.items():
        event = request.dbsession.get(Event, event_id)
        if event is None or event.state != "published":
            continue
        yield TimelineEntry(when=event.ends, kind="certificate", title=translated(request, event, "title"),
                            url=request.route_path("event.view", id=event.id),
                            note=_("${count} certificates of attendance", mapping={"count": count}))


def my_registrations(request: Request) -> list[DashboardItem] | None:
    """The person's conference registrations (by their account or address), each certificate earned with them."""
    user = request.user
    rows = request.dbsession.scalars(select(Registration).where(or_(
        Registration.user_id == user.id, Registration.email == user.email.lower())).order_by(
        Registration.id.desc()).limit(20)).all()
    if not rows:
        return None
    from .conference_views import STATE_TEXTS
    items: list[DashboardItem] = []
    for registration in rows:
        title = translated(request, registration.event, "title")
        items.append({"title": title, "state": translate(STATE_TEXTS[registration.state], request),
                      "url": request.route_path("conference_registration", code=registration.code)})
        if certified(request.dbsession, registration):
            items.append({"title": translate(_("Certificate of attendance: ${event}", mapping={"event": str(title)}),
                                             request),
                          "url": request.route_path("conference_certificate", code=registration.code)})
    return items
