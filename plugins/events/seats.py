"""Seats in a conference's sessions with limited places (a workshop, a site visit): a person registered for
the conference reserves one from their registration's page, never over the session's capacity. As the
conference's registrations, each reservation locks the session's row (SELECT ... FOR UPDATE on PostgreSQL;
SQLite writes one at a time anyway) and counts the seats under the lock; a full session is said so."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import delete, func, select

from portal.api import ConfirmView, _, clock, here_and_there

from .conference_views import event_trail
from .programme import ProgrammeSession, SessionSeat


def lock(session, session_id):
    session.execute(select(ProgrammeSession.id).where(ProgrammeSession.id == session_id).with_for_update())


def seats_taken(dbsession, session_ids) -> dict[int, int]:
    """{session id: seats reserved} for the sessions given, in one query."""
    if not session_ids:
        return {}
    return dict(dbsession.execute(select(SessionSeat.session_id, func.count(SessionSeat.id)).where(
        SessionSeat.session_id.in_(list(session_ids))).group_by(SessionSeat.session_id)).tuples().all())


def seat_of(dbsession, programme_session, registration):
    return dbsession.scalars(select(SessionSeat).where(SessionSeat.session_id == programme_session.id,
                                                SessionSeat.registration_id == registration.id)).first()


def reserve(request, programme_session, registration) -> str:
    """"seated", "already" (it held one), "full" or "not registered" (waiting, cancelled...)."""
    dbsession = request.dbsession
    lock(dbsession, programme_session.id)
    if registration.state != "registered":
        return "not registered"
    if seat_of(dbsession, programme_session, registration) is not None:
        return "already"
    if seats_taken(dbsession, [programme_session.id]).get(programme_session.id, 0) >= programme_session.capacity:
        return "full"
    dbsession.add(SessionSeat(session_id=programme_session.id, registration_id=registration.id, created=clock.now()))
    dbsession.flush()
    return "seated"


def release(request, programme_session, registration) -> None:
    lock(request.dbsession, programme_session.id)
    found = seat_of(request.dbsession, programme_session, registration)
    if found is not None:
        request.dbsession.delete(found)
        request.dbsession.flush()


def release_all(dbsession, registration) -> None:
    """A cancelled registration gives its seats back."""
    dbsession.execute(delete(SessionSeat).where(SessionSeat.registration_id == registration.id))


def limited_sessions(request, registration):
    """The sessions of the registration's conference with limited places, for its page: [{id, title, when,
    left, seated}]."""
    dbsession = request.dbsession
    sessions = dbsession.scalars(select(ProgrammeSession).where(
        ProgrammeSession.event_id == registration.event_id, ProgrammeSession.capacity.is_not(None))
        .order_by(ProgrammeSession.starts, ProgrammeSession.id)).all()
    taken = seats_taken(dbsession, [s.id for s in sessions])
    mine = set(dbsession.scalars(select(SessionSeat.session_id).where(SessionSeat.registration_id == registration.id)))
    zone = registration.event.timezone
    return [{"id": s.id, "title": s.title, "when": here_and_there(request, s.starts, zone),
             "left": max(0, s.capacity - taken.get(s.id, 0)), "seated": s.id in mine} for s in sessions]


@view_config(route_name="conference_seat", permission="view")
class SeatView(ConfirmView):
    """/events/registrations/{code}/sessions/{session}/seat: reserve a seat, or give it back."""

    @property
    def programme_session(self):
        found = self.request.dbsession.get(ProgrammeSession, int(self.request.matchdict["session"]))
        if found is None or found.event_id != self.context.event_id or found.capacity is None:
            raise HTTPNotFound()
        return found

    @property
    def seated(self):
        return seat_of(self.request.dbsession, self.programme_session, self.context) is not None

    @property
    def title(self):
        if self.seated:
            return _("Give back your seat in “${title}”?", mapping={"title": self.programme_session.title})
        return _("Reserve a seat in “${title}”?", mapping={"title": self.programme_session.title})

    @property
    def button(self):
        return _("Give back my seat") if self.seated else _("Reserve a seat")

    def __call__(self):
        self.request.response.cache_control.private = True
        if self.context.state != "registered":
            raise HTTPNotFound()
        return super().__call__()

    def trail(self):
        return event_trail(self.request, self.context.event)

    def cancel_url(self):
        return self.request.route_path("conference_registration", code=self.context.code)

    def confirm_success(self):
        session = self.programme_session
        if self.seated:
            release(self.request, session, self.context)
            return self.done(_("Your seat is given back."), self.cancel_url())
        outcome = reserve(self.request, session, self.context)
        if outcome == "full":
            self.request.response.status = 409
            self.intro = _("“${title}” is full: no seat is left. A seat given back can be reserved again.",
                           mapping={"title": session.title})
            return self.ask()
        return self.done(_("Your seat is reserved.") if outcome == "seated" else _("You hold a seat already."),
                         self.cancel_url())
