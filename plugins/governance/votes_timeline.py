"""A member organisation's timeline: the plenaries it attended, the votes it cast ("voted", without the
choice when the ballot was secret) and the proxies it gave and held."""
from sqlalchemy import or_, select

from portal.api import Member, TimelineEntry, _, translate, translated

from .models import Attendance, Meeting, Motion, Proxy, Voted
from .votes import choice_titles

TIMELINE_KINDS = {"plenary_attended": (_("Plenary attended"), _("Plenaries attended")),
                  "voted": (_("Vote cast"), _("Votes cast")), "proxy": (_("Proxy"), _("Proxies"))}


def governance_timeline(request, member):
    session = request.dbsession
    for row, meeting in session.execute(select(Attendance, Meeting).join(Meeting, Meeting.id == Attendance.meeting_id)
                                        .where(Attendance.member_id == member.id)):
        yield TimelineEntry(when=meeting.starts, kind="plenary_attended", title=translated(request, meeting, "title"),
                            url=request.route_url("gov_meeting", id=meeting.id),
                            note=_("attended online") if row.mode == "online" else _("attended on site"))
    for vote, motion in session.execute(select(Voted, Motion).join(Motion, Motion.id == Voted.motion_id)
                                        .where(Voted.member_id == member.id)):
        note = _("voted") if motion.secret else _("voted ${choice}", mapping={"choice": translate(choice_titles(motion).get(vote.choice, vote.choice), request).lower()})
        yield TimelineEntry(when=vote.cast, kind="voted", title=translated(request, motion, "title"),
                            url=request.route_url("gov_motion", motion=motion.id), note=note)
    names = {m.id: m.name for m in session.scalars(select(Member))}
    for proxy in session.scalars(select(Proxy).where(or_(Proxy.giver_id == member.id, Proxy.holder_id == member.id),
                                                     Proxy.state.in_(("given", "signed", "checked")))):
        if proxy.giver_id == member.id:
            title = _("Proxy given to ${holder}", mapping={"holder": names.get(proxy.holder_id)})
        else:
            title = _("Proxy held for ${giver}", mapping={"giver": names.get(proxy.giver_id)})
        yield TimelineEntry(when=proxy.created, kind="proxy", title=title,
                            url=request.route_url("gov_meeting", id=proxy.meeting_id))
