"""A speaker's page, /events/speakers/{id}: the person, linked to their member organisation, and every session
they speak at across the conferences the visitor may see (one person: the same name and organisation)."""
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import _, here_and_there, page, translate, translated

from .programme import ProgrammeSession, Speaker


def speaker_acl(speaker):
    """A speaker is seen where their session is."""
    return list(speaker.session.event.__acl__)


Speaker.__acl__ = property(speaker_acl)  # type: ignore[attr-defined]


def sessions_of_speaker(request, speaker):
    stmt = (select(ProgrammeSession).join(Speaker, Speaker.session_id == ProgrammeSession.id)
            .where(func.lower(Speaker.name) == speaker.name.lower())
            .order_by(ProgrammeSession.starts.desc(), ProgrammeSession.id))
    stmt = stmt.where(Speaker.member_id.is_(None) if speaker.member_id is None else Speaker.member_id == speaker.member_id)
    seen = []
    for session in request.dbsession.scalars(stmt).unique():
        if session not in seen and request.has_permission("view", session.event):
            seen.append(session)
    return seen


@view_config(route_name="conference_speaker", renderer="plugins.events:templates/conference_speaker.pt",
             permission="view")
def speaker_page(request):
    speaker = request.context
    rows = [{"title": s.title, "event": translated(request, s.event, "title"),
             "when": here_and_there(request, s.starts, s.event.timezone),
             "url": request.route_path("conference_programme", id=s.event_id, _anchor=f"session-{s.id}")}
            for s in sessions_of_speaker(request, speaker)]
    return page(request, translate(_("Speaker: ${name}", mapping={"name": speaker.name}), request),
                [(_("Events"), request.route_path("events"))], speaker=speaker, sessions=rows,
                member_url=request.route_path("member", id=speaker.member_id) if speaker.member_id else None)
