"""A meeting's minutes: drafted by the portal (the secretariat asks for it, and again while a draft),
edited by the secretariat in each language, approved by a passed motion of a following meeting (or a
written procedure), then published to everyone as HTML and PDF in the reader's language."""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (ConfirmView, FormView, PdfDocument, _, clock, field_values, hidden_unless, html_to_text,
                        page, pdf_response, set_translated, translatable_node, translate, translated)

from ..meetings import meeting_of
from ..minutes import STATUS_TITLES, Minutes, draft, minutes_of
from ..models import Meeting, Motion
from ..votes import result_of
from .common import meeting_factory, meeting_trail


def minutes_factory(request):
    """The minutes of the route's meeting: not there (404) until drafted, and for the public until approved."""
    found = minutes_of(request.dbsession, meeting_factory(request).id)  # an id no row can have: 404
    if found is None:
        raise HTTPNotFound()
    hidden_unless(request, found, "view")
    return found


def trail(request, minutes):
    meeting = meeting_of(request.dbsession, minutes.meeting_id)
    if request.has_permission("take_part", meeting):
        return meeting_trail(request, meeting)
    return [(_("Minutes of the plenary meetings"), request.route_url("gov_minutes_list"))]


@view_config(route_name="gov_minutes_list", renderer="plugins.governance:templates/minutes_list.pt", permission="view")
def minutes_list(request):
    """The approved minutes, published to everyone, the latest meeting first."""
    rows = request.dbsession.execute(select(Minutes, Meeting).join(Meeting, Meeting.id == Minutes.meeting_id)
                                     .where(Minutes.status == "approved").order_by(Meeting.starts.desc())).all()
    return page(request, _("Minutes of the plenary meetings"), (),
                rows=[(translated(request, meeting, "title"), request.route_path("gov_minutes", id=meeting.id),
                       meeting.starts) for _minutes, meeting in rows])


def minutes_title(request, minutes):
    meeting = meeting_of(request.dbsession, minutes.meeting_id)
    return translate(_("Minutes: ${meeting}", mapping={"meeting": translated(request, meeting, "title")}), request)


@view_config(route_name="gov_minutes", renderer="plugins.governance:templates/minutes.pt", permission="view")
def minutes_page(request):
    minutes: Minutes = request.context
    run = bool(request.has_permission("run_plenary", minutes))
    if minutes.status != "approved" or run:
        request.response.cache_control.private = True
    motion = request.dbsession.get(Motion, minutes.motion_id) if minutes.motion_id else None
    return {"page_title": minutes_title(request, minutes), "breadcrumbs": [(translate(label, request), url)
                                                                           for label, url in trail(request, minutes)],
            "minutes": minutes, "body": translated(request, minutes, "body"), "run": run,
            "status": STATUS_TITLES[minutes.status],
            "motion": (translated(request, motion, "title"), request.route_path("gov_motion", motion=motion.id))
            if motion else None}


@view_config(route_name="gov_minutes_pdf", permission="view")
def minutes_pdf(request):
    minutes: Minutes = request.context
    doc = PdfDocument(minutes_title(request, minutes), author=translate(_("The technical secretariat"), request))
    doc.line(translate(STATUS_TITLES[minutes.status], request))
    for paragraph in html_to_text(translated(request, minutes, "body")).split("\n"):
        if paragraph.strip():
            doc.line(paragraph.strip())
    response = pdf_response(doc.bytes(), f"minutes-{minutes.meeting_id}-{request.locale_name}.pdf")
    return response


@view_config(route_name="gov_minutes_draft", permission="run_plenary")
class DraftMinutesView(ConfirmView):
    """The portal drafts the minutes (again, while a draft: what the secretariat wrote is replaced)."""
    button = _("Draft the minutes")
    intro = _("The portal writes the minutes from the agenda, the attendance, the quorum, the motions, their "
              "amendments and results. A draft written before is replaced; its translations are removed.")

    def page_title(self):
        return _("Minutes of “${meeting}”", mapping={"meeting": translated(self.request, self.context, "title")})

    def trail(self):
        return meeting_trail(self.request, self.context)

    def cancel_url(self):
        return self.request.route_url("gov_meeting", id=self.context.id)

    def confirm_success(self):
        meeting: Meeting = self.context
        session = self.request.dbsession
        minutes = minutes_of(session, meeting.id)
        url = self.request.route_url("gov_minutes", id=meeting.id)
        if minutes is not None and minutes.status == "approved":
            self.request.flash(_("These minutes are approved: they are no longer drafted again."))
            return self.done(None, url)
        if minutes is None:
            minutes = Minutes(meeting_id=meeting.id, status="draft", created=clock.now())
            session.add(minutes)
        minutes.body, minutes.translations, minutes.edited = draft(self.request, meeting), {}, None
        return self.done(_("The minutes are drafted: read them, then edit and translate them."), url)


class MinutesSchema(colander.Schema):
    body = translatable_node(_("Minutes"), rich=True)


@view_config(route_name="gov_minutes_edit", permission="run_plenary")
class EditMinutesView(FormView):
    schema = MinutesSchema
    buttons = (("save", _("Save the minutes")),)

    def page_title(self):
        return _("Edit the minutes")

    def trail(self):
        return trail(self.request, self.context)

    def values(self):
        return {"intro": _("Approved minutes no longer change.")} if self.context.status == "approved" else {}

    def appstruct(self):
        return {"body": field_values(self.context, "body", self.request)}

    def save_success(self, appstruct):
        minutes: Minutes = self.context
        if minutes.status == "approved":
            return self.refuse(appstruct, _("Approved minutes no longer change."))
        set_translated(minutes, "body", appstruct["body"])
        minutes.edited = clock.now()
        return self.done(_("Minutes saved."), self.request.route_url("gov_minutes", id=minutes.meeting_id))


def approving_motions(request, minutes):
    """The motions that may approve the minutes: closed, of a later meeting or a written procedure."""
    meeting = meeting_of(request.dbsession, minutes.meeting_id)
    later = select(Meeting.id).where(Meeting.starts > meeting.starts)
    rows = request.dbsession.scalars(select(Motion).where(
        Motion.closed.is_(True), Motion.options.is_(None),
        (Motion.meeting_id.in_(later)) | (Motion.meeting_id.is_(None))).order_by(Motion.id.desc())).all()
    return [m for m in rows if m.closes is None or m.closes >= meeting.starts]


@view_config(route_name="gov_minutes_approve", permission="run_plenary")
class ApproveMinutesView(FormView):
    """The minutes are approved by a motion passed at a following meeting: the link is kept."""
    buttons = (("approve", _("Approve the minutes")),)

    def get_schema(self):
        motions = approving_motions(self.request, self.context)
        schema = colander.Schema()
        schema.add(colander.SchemaNode(
            colander.Int(), name="motion", title=_("The approving motion"),
            description=_("A motion of a following meeting, or a written procedure, once its vote is closed."),
            validator=colander.OneOf([m.id for m in motions]),
            widget=deform.widget.SelectWidget(values=[("", "—")] + [
                (str(m.id), f"{m.id}. {translated(self.request, m, 'title')}") for m in motions])))
        return schema

    def page_title(self):
        return _("Approve the minutes")

    def trail(self):
        return trail(self.request, self.context)

    def approve_success(self, appstruct):
        minutes: Minutes = self.context
        if minutes.status == "approved":
            return self.refuse(appstruct, _("These minutes are already approved."))
        motion = self.request.dbsession.get(Motion, appstruct["motion"])
        if not result_of(motion).passed:
            return self.refuse(appstruct, _("This motion did not pass: it cannot approve the minutes."), field="motion")
        minutes.status, minutes.motion_id, minutes.approved = "approved", motion.id, clock.now()
        return self.done(_("The minutes are approved and published."),
                         self.request.route_url("gov_minutes", id=minutes.meeting_id))
