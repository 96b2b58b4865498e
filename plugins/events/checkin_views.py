"""Checking in at a conference: each registration's QR code (an SVG of its code, on the person's page), the
check-in page where the secretariat types (or scans) the code, with the counts of who has arrived, and
those counts as JSON for a screen that follows them live."""
import colander
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import FormView, _, clock, here_and_there

from .conference import Registration
from .conference_views import event_trail
from .registration import new_code


def counts(request, event_id):
    registered, arrived = request.dbsession.execute(
        select(func.count(Registration.id), func.count(Registration.checked_in)).where(
            Registration.event_id == event_id, Registration.state == "registered")).one()
    return {"registered": registered, "checked_in": arrived}


@view_config(route_name="conference_registration_qr", permission="view")
def registration_qr(request):
    import segno
    from io import BytesIO
    out = BytesIO()
    segno.make(request.context.code, error="m").save(out, kind="svg", scale=6, border=2,
                                                     title=request.context.code)
    response = Response(out.getvalue(), content_type="image/svg+xml")
    response.cache_control.private = True
    return response


class CheckInSchema(colander.Schema):
    code = colander.SchemaNode(colander.String(), title=_("Registration code"), preparer=lambda v: (
        v.strip().lower().replace(" ", "") if isinstance(v, str) else v), validator=colander.Length(1, 64))


@view_config(route_name="conference_check_in", permission="edit")
class CheckInView(FormView):
    renderer = "plugins.events:templates/conference_checkin.pt"
    schema = CheckInSchema
    title = _("Check-in")
    buttons = (("check_in", _("Check in")),)

    def trail(self):
        return event_trail(self.request, self.context)

    def values(self):
        self.request.response.cache_control.private = True
        return {"event": self.context, "counts": counts(self.request, self.context.id)}

    def check_in_success(self, appstruct):
        found = self.request.dbsession.scalars(select(Registration).where(
            Registration.event_id == self.context.id, Registration.code == appstruct["code"])).first()
        if found is None:
            return self.refuse(appstruct, _("No registration of this conference has this code."), field="code")
        if found.state != "registered":
            return self.refuse(appstruct, _("${name} is not registered (on the waiting list or cancelled).",
                                            mapping={"name": found.name or found.email}), field="code")
        if found.checked_in is not None:
            message = _("${name} checked in already, at ${time}.", mapping={
                "name": found.name or found.email,
                "time": here_and_there(self.request, found.checked_in, self.context.timezone)})
        else:
            found.checked_in, found.certificate = clock.now(), new_code()
            message = _("Welcome, ${name}: checked in.", mapping={"name": found.name or found.email})
        return self.done(message, self.request.route_url("conference_check_in", id=self.context.id))


@view_config(route_name="conference_check_in_counts", renderer="json", permission="edit")
def check_in_counts(request):
    request.response.cache_control.no_store = True
    return counts(request, request.context.id)
