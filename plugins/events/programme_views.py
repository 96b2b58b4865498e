"""A conference's programme /events/{id}/programme (by day and by track, times in the conference's zone
and the reader's), adding a session (who may edit the event), starring a session, and one's personal
agenda with its iCal file."""
from collections import OrderedDict
from datetime import date

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, FormView, _, bad, clock, here_and_there, page, translate

from .conference_views import event_trail
from .ical import escape_text, fold, utc
from .materials import document_url
from .programme import SESSION_KINDS, ProgrammeSession, Star
from .session_forms import check_speaker_rows, check_times, content_nodes, new_session, placing_nodes
from .seats import seats_taken


def sessions_of(request, event):
    return request.dbsession.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)
                                     .order_by(ProgrammeSession.starts, ProgrammeSession.id)).all()


def starred_ids(request, event):
    if request.user is None:
        return set()
    return set(request.dbsession.scalars(select(Star.session_id).join(
        ProgrammeSession, ProgrammeSession.id == Star.session_id).where(
        Star.user_id == request.user.id, ProgrammeSession.event_id == event.id)))


def local_day(event, moment) -> date:
    return moment.astimezone(event.tz).date()


def session_row(request, event, session, starred, taken):
    return {"mandatory": session.mandatory, "report": session.report, "experience_id": session.experience_id,
            "documents": [(d["filename"], document_url(request, session, d)) for d in session.documents or []], "left": None if session.capacity is None else max(0, session.capacity - taken.get(session.id, 0)),
            "id": session.id, "title": session.title, "description": session.description,
            "kind": translate(SESSION_KINDS.get(session.kind, session.kind), request), "track": session.track,
            "room": session.room, "starts": session.starts, "when": here_and_there(request, session.starts, event.timezone),
            "until": session.ends.astimezone(event.tz).strftime("%H:%M"), "starred": session.id in starred,
            "speakers": [(s.name, request.route_path("member", id=s.member_id) if s.member_id else None,
                          s.member.name if s.member else "", request.route_path("conference_speaker", id=s.id))
                         for s in session.speakers]}


@view_config(route_name="conference_programme", renderer="plugins.events:templates/conference_programme.pt",
             permission="view")
def programme(request):
    event = request.context
    unknown = [name for name in request.GET if name not in ("day", "track", "_LOCALE_")]
    if unknown:
        bad(request, _("Unknown filter '${value}'. Allowed: ${allowed}",
                       mapping={"value": unknown[0], "allowed": "day, track"}))
    sessions = sessions_of(request, event)
    days = sorted({local_day(event, s.starts) for s in sessions})
    tracks = sorted({s.track for s in sessions if s.track})
    day, track = request.GET.get("day"), request.GET.get("track")
    if day is not None and day not in {d.isoformat() for d in days}:
        bad(request, _("The conference has no day ${day}.", mapping={"day": day}))
    if track is not None and track not in tracks:
        bad(request, _("The conference has no track “${track}”.", mapping={"track": track}))
    shown = [s for s in sessions if (day is None or local_day(event, s.starts).isoformat() == day)
             and (track is None or s.track == track)]
    starred = starred_ids(request, event)
    taken = seats_taken(request.dbsession, [s.id for s in shown if s.capacity is not None])
    grouped: OrderedDict = OrderedDict()
    for session in shown:
        grouped.setdefault(local_day(event, session.starts), []).append(
            session_row(request, event, session, starred, taken))
    request.response.cache_control.private = True
    from babel.dates import format_date
    return page(request, translate(_("Programme"), request), event_trail(request, event), event=event,
                groups=[(format_date(d, "full", locale=request.locale_name), rows) for d, rows in grouped.items()],
                days=[(d.isoformat(), format_date(d, "medium", locale=request.locale_name)) for d in days],
                agenda=False, tracks=tracks, day=day, track=track, can_edit=bool(request.has_permission("edit", event)),
                **call_links(request, event))


def call_links(request, event):
    from .proposal_views import call_open
    return {"propose_url": request.route_path("conference_propose", id=event.id)
            if request.user is not None and call_open(request, event) else None,
            "proposals_url": request.route_path("conference_proposals", id=event.id)
            if request.has_permission("select_sessions", event) else None,
            "publish_reports": "experience" in request.registry.portal.content_types}


@view_config(route_name="conference_session_add", permission="edit")
class SessionAddView(FormView):
    title = _("Add a session")
    buttons = (("add", _("Add")),)

    def get_schema(self):
        schema = content_nodes(colander.Schema(validator=self.check))
        return placing_nodes(schema, self.context.timezone)

    def check(self, form, value):
        error = colander.Invalid(form)
        check_times(value, error)
        check_speaker_rows(self.request.dbsession, value, error)
        if error.children:
            raise error

    def trail(self):
        return event_trail(self.request, self.context)

    def add_success(self, appstruct):
        new_session(self.request.dbsession, self.context.id, appstruct, appstruct["speaker_rows"])
        return self.done(_("Session added."), self.request.route_url("conference_programme", id=self.context.id))


@view_config(route_name="conference_star", permission="star_session")
class StarView(ConfirmView):
    @property
    def starred(self):
        return self.request.dbsession.scalars(select(Star).where(
            Star.user_id == self.request.user.id, Star.session_id == self.context.id)).first()

    @property
    def title(self):
        return _("Remove “${title}” from my agenda?", mapping={"title": self.context.title}) if self.starred else \
            _("Add “${title}” to my agenda?", mapping={"title": self.context.title})

    @property
    def button(self):
        return _("Remove from my agenda") if self.starred else _("Add to my agenda")

    def trail(self):
        return event_trail(self.request, self.context.event)

    def cancel_url(self):
        return self.request.route_path("conference_programme", id=self.context.event_id)

    def confirm_success(self):
        found = self.starred
        if found is not None:
            self.request.dbsession.delete(found)
        else:
            self.request.dbsession.add(Star(user_id=self.request.user.id, session_id=self.context.id))
        return HTTPFound(self.request.route_url("conference_programme", id=self.context.event_id,
                                                _anchor=f"session-{self.context.id}"))


def agenda_sessions(request, event):
    if request.user is None:
        raise HTTPForbidden()
    starred = starred_ids(request, event)
    return [s for s in sessions_of(request, event) if s.id in starred]


@view_config(route_name="conference_agenda", renderer="plugins.events:templates/conference_programme.pt",
             permission="view")
def agenda(request):
    event = request.context
    sessions = agenda_sessions(request, event)
    taken = seats_taken(request.dbsession, [s.id for s in sessions if s.capacity is not None])
    grouped: OrderedDict = OrderedDict()
    for session in sessions:
        grouped.setdefault(local_day(event, session.starts), []).append(
            session_row(request, event, session, {s.id for s in sessions}, taken))
    request.response.cache_control.private = True
    from babel.dates import format_date
    return page(request, translate(_("My agenda"), request), event_trail(request, event), event=event, agenda=True,
                groups=[(format_date(d, "full", locale=request.locale_name), rows) for d, rows in grouped.items()],
                days=[], tracks=[], day=None, track=None, can_edit=False, propose_url=None, proposals_url=None,
                publish_reports=False)


@view_config(route_name="conference_agenda_ics", permission="view")
def agenda_ics(request):
    event = request.context
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Portal//Conference agenda//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(event.title)}"]
    for session in agenda_sessions(request, event):
        where = ", ".join(p for p in (session.room, event.venue, event.city) if p)
        speakers = ", ".join(s.name for s in session.speakers)
        lines += ["BEGIN:VEVENT", f"UID:session-{session.id}@{request.domain or 'portal'}",
                  f"DTSTAMP:{utc(clock.now())}", f"DTSTART:{utc(session.starts)}", f"DTEND:{utc(session.ends)}",
                  f"SUMMARY:{escape_text(session.title)}",
                  f"DESCRIPTION:{escape_text(chr(10).join(p for p in (session.description, speakers) if p))}",
                  f"LOCATION:{escape_text(where)}",
                  f"URL:{request.route_url('conference_programme', id=event.id, _anchor=f'session-{session.id}')}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    response = Response("".join(fold(line) + "\r\n" for line in lines), content_type="text/calendar", charset="utf-8",
                        content_disposition=f'attachment; filename="agenda-{event.id}.ics"')
    response.cache_control.private = True
    return response
