"""/governance/meetings: the plenary meetings; a meeting's page (agenda and documents, seats,
attendance, proxies, motions, the quorum live); its convocation, check-in and attendance forms."""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (DOCUMENT_TYPES, get_row_or_404, ConfirmView, RowsWidget, clock, FormView, Member, _, datetime_node, here_and_there,
                        local_moments, member_node, store_kept, timezone_node, translatable_node, translate,
                        translated, uploads_node)

from ..meetings import check_in, convene, ensure_seats, new_code, representatives
from ..models import MODES, Meeting, Motion, Seat
from ..proxies import history
from ..minutes import minutes_of
from ..votes import meeting_quorum
from .common import meeting_trail, own_member_id

MODE_TITLES = {"on_site": _("On site"), "online": _("Online")}
STATE_TITLES = {"given": _("given, letter to sign"), "signed": _("signed letter uploaded"),
                "checked": _("checked by the secretariat"), "refused": _("refused"), "withdrawn": _("withdrawn")}


@view_config(route_name="gov_meetings", renderer="plugins.governance:templates/meetings.pt", permission="take_part")
def meetings(request):
    request.response.cache_control.private = True
    found = request.dbsession.scalars(select(Meeting).order_by(Meeting.starts.desc())).all()
    now = clock.now()
    return {"page_title": translate(_("Plenary meetings"), request), "breadcrumbs": [],
            "meetings": [{"title": translated(request, m, "title"), "url": request.route_path("gov_meeting", id=m.id),
                          "when": here_and_there(request, m.starts, m.timezone), "place": m.place or _("Online")}
                         for m in found],
            "procedures": [(translated(request, m, "title"), request.route_path("gov_motion", motion=m.id),
                            request.route_path("gov_motion_vote", motion=m.id)
                            if m.is_open(now) and own_member_id(request) else None,
                            request.route_path("gov_motion_close", motion=m.id)
                            if m.is_open(now) and request.has_permission("run_plenary") else None)
                           for m in request.dbsession.scalars(select(Motion).where(Motion.meeting_id.is_(None))
                                                              .order_by(Motion.id.desc()))],
            "add": request.route_path("gov_meeting_add") if request.has_permission("run_plenary") else None,
            "procedure": request.route_path("gov_procedure_add") if request.has_permission("run_plenary") else None}


class AgendaItemSchema(colander.Schema):
    title = translatable_node(_("Agenda item"), max_length=300)
    documents = uploads_node("documents", _("Documents"), allowed=DOCUMENT_TYPES)


class AgendaSchema(colander.SequenceSchema):
    item = AgendaItemSchema(title=_("Agenda item"))


class MeetingSchema(colander.Schema):
    title = translatable_node(_("Title"), max_length=300)
    timezone = timezone_node()
    start_local = datetime_node("start_local", _("Starts (local time)"))
    place = colander.SchemaNode(colander.String(), title=_("Place"), missing="", validator=colander.Length(0, 300),
                                description=_("Empty for a meeting held online only."))
    online_url = colander.SchemaNode(colander.String(), title=_("Online meeting link"), missing="",
                                     validator=colander.url, description=_("For who attends online."))
    items = AgendaSchema(title=_("Agenda"), widget=RowsWidget(),
                         description=_("Leave a row empty to remove it."))

    def validator(self, node, value):
        local_moments("start_local", to_utc=False)(node, value)
        if not value.get("place") and not value.get("online_url"):
            raise colander.Invalid(node["place"], _("Give a place, an online meeting link, or both."))


@view_config(route_name="gov_meeting_add", permission="run_plenary")
class AddMeetingView(FormView):
    schema = MeetingSchema
    title = _("New plenary meeting")
    buttons = (("save", _("Create the meeting")),)

    def appstruct(self):
        return {"items": [colander.null]}

    def save_success(self, appstruct):
        from portal.api import set_translated
        from ..models import AgendaItem
        meeting = Meeting(title="", checkin_code=new_code(), place=appstruct["place"], online_url=appstruct["online_url"],
                          timezone=appstruct["timezone"])
        set_translated(meeting, "title", appstruct["title"])
        meeting.start_local = appstruct["start_local"]
        for position, item in enumerate(appstruct["items"]):
            row = AgendaItem(title="", position=position)
            set_translated(row, "title", item["title"])
            files = store_kept(self.request, item["documents"]["kept"], allowed=DOCUMENT_TYPES, owner=self.request.user)
            self.request.dbsession.flush()
            row.documents = [{"id": f.id, "filename": f.filename} for f in files]
            meeting.items.append(row)
        self.request.dbsession.add(meeting)
        self.request.dbsession.flush()
        return self.done(_("Meeting created."), self.request.route_url("gov_meeting", id=meeting.id))


@view_config(route_name="gov_meeting", renderer="plugins.governance:templates/meeting.pt", permission="take_part")
def meeting_page(request):
    request.response.cache_control.private = True
    meeting, session = request.context, request.dbsession
    members = {m.id: m.name for m in session.scalars(select(Member))}
    people = {u.id: u.name or u.email for u in representatives(session)}
    motions = session.scalars(select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.id)).all()
    run = request.has_permission("run_plenary", meeting)
    return {"page_title": translated(request, meeting, "title"), "meeting": meeting, "run": run,
            "breadcrumbs": [(translate(label, request), url) for label, url in meeting_trail(request, meeting)[:1]],
            "when": here_and_there(request, meeting.starts, meeting.timezone), "members": members,
            "items": [(translated(request, item, "title"), item.documents) for item in meeting.items],
            "seats": meeting.seats, "attendance": sorted(meeting.attendance, key=lambda a: members.get(a.member_id, "")),
            "mode_titles": MODE_TITLES, "state_titles": STATE_TITLES, "proxies": history(session, meeting.id),
            "quorum": meeting_quorum(request, meeting.id), "minutes": minutes_of(session, meeting.id),
            "motions": [(m, translated(request, m, "title")) for m in motions if m.amends_id is None],
            "mine": own_member_id(request), "translated": translated, "people": people}


@view_config(route_name="gov_meeting_convene", permission="run_plenary")
class ConveneView(ConfirmView):
    button = _("Mail the convocation")
    intro = _("The convocation, with the agenda and this page's address, is mailed to every representative of "
              "every member organisation, each in their language.")

    def page_title(self):
        return _("Convene “${meeting}”", mapping={"meeting": translated(self.request, self.context, "title")})

    def cancel_url(self):
        return self.request.route_url("gov_meeting", id=self.context.id)

    def confirm_success(self):
        sent = convene(self.request, self.context)
        return self.done(_("Convocation mailed to ${count} representatives.", mapping={"count": sent}),
                         self.cancel_url())


def mode_node():
    return colander.SchemaNode(colander.String(), name="mode", title=_("Attending"),
                               widget=deform.widget.SelectWidget(values=[(m, MODE_TITLES[m]) for m in MODES]),
                               validator=colander.OneOf(MODES), default="on_site")


def attendee_node():
    return colander.SchemaNode(colander.String(), name="attendee", title=_("Who attends"),
                               validator=colander.Length(1, 200))


@view_config(route_name="gov_meeting_checkin", permission="take_part")
class CheckInView(FormView):
    """A representative checks their organisation in with the code shown in the room (or sent online)."""
    buttons = (("check_in", _("Check in"),),)

    def get_schema(self):
        schema = colander.Schema()
        schema.add(colander.SchemaNode(colander.String(), name="code", title=_("Check-in code"),
                                       validator=colander.Length(1, 20)))
        schema.add(mode_node())
        schema.add(attendee_node())
        return schema

    def page_title(self):
        return _("Check in at “${meeting}”", mapping={"meeting": translated(self.request, self.context, "title")})

    def trail(self):
        return meeting_trail(self.request, self.context)

    def appstruct(self):
        return {"attendee": self.request.user.name if self.request.user else ""}

    def check_in_success(self, appstruct):
        member_id = own_member_id(self.request)
        if member_id is None:
            return self.refuse(appstruct, _("Only a representative of a member organisation checks in here."),
                               status=403)
        if appstruct["code"].strip().upper() != self.context.checkin_code.upper():
            return self.refuse(appstruct, _("This is not the meeting's check-in code."), field="code")
        check_in(self.request.dbsession, self.context, member_id, appstruct["mode"], appstruct["attendee"].strip(),
                 user_id=self.request.user.id)
        return self.done(_("Your organisation is checked in."), self.request.route_url("gov_meeting", id=self.context.id))


@view_config(route_name="gov_meeting_attendance", permission="run_plenary")
class AttendanceView(CheckInView):
    """The secretariat records an organisation's attendance (at the door, or for who cannot check in)."""
    buttons = (("record", _("Record the attendance")),)

    def get_schema(self):
        schema = colander.Schema()
        schema.add(member_node(missing=colander.required))
        schema.add(mode_node())
        schema.add(attendee_node())
        return schema

    def page_title(self):
        return _("Attendance at “${meeting}”", mapping={"meeting": translated(self.request, self.context, "title")})

    def appstruct(self):
        ensure_seats(self.request.dbsession, self.context)
        return colander.null

    def record_success(self, appstruct):
        check_in(self.request.dbsession, self.context, appstruct["member_id"], appstruct["mode"],
                 appstruct["attendee"].strip(), by_secretariat=True)
        return self.done(_("Attendance recorded."), self.request.route_url("gov_meeting", id=self.context.id))


@view_config(route_name="gov_seat", permission="run_plenary")
class SeatView(FormView):
    """The secretariat changes who holds a member organisation's seat at the meeting, and who substitutes:
    representatives of that organisation only."""
    buttons = (("save", _("Save the seat")),)

    @property
    def seat(self):
        seat = get_row_or_404(self.request, Seat, "seat")
        if seat.meeting_id != self.context.id:
            raise HTTPNotFound()
        return seat

    def get_schema(self):
        people = [(str(u.id), u.name or u.email) for u in representatives(self.request.dbsession, self.seat.member_id)]
        ids = [int(i) for i, _name in people]
        schema = colander.Schema()
        schema.add(colander.SchemaNode(colander.Int(), name="representative", title=_("Representative"),
                                       validator=colander.OneOf(ids),
                                       widget=deform.widget.SelectWidget(values=[("", "—")] + people)))
        schema.add(colander.SchemaNode(colander.Int(), name="substitute", title=_("Substitute"), missing=None,
                                       validator=colander.OneOf(ids),
                                       widget=deform.widget.SelectWidget(values=[("", "—")] + people)))
        return schema

    def page_title(self):
        name = self.request.dbsession.get(Member, self.seat.member_id).name
        return _("The seat of ${member}", mapping={"member": name})

    def trail(self):
        return meeting_trail(self.request, self.context)

    def appstruct(self):
        seat = self.seat
        return {"representative": seat.representative_id or colander.null, "substitute": seat.substitute_id}

    def save_success(self, appstruct):
        if appstruct["substitute"] == appstruct["representative"]:
            return self.refuse(appstruct, _("The substitute is another person than the representative."),
                               field="substitute")
        seat = self.seat
        seat.representative_id, seat.substitute_id = appstruct["representative"], appstruct["substitute"]
        return self.done(_("Seat saved."), self.request.route_url("gov_meeting", id=self.context.id) + "#seats")
