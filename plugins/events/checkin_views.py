"""Checking in at a conference: each registration's QR code (an SVG of its code, on the person's page); the
check-in page, per day and per session, where the secretariat scans the code with the phone's camera
(checkin.js, the browser's BarcodeDetector) or types it; the list of registrations that page downloads
beforehand, the batch of check-ins it recorded while offline sent back (idempotent), and the live counts."""
import json

import colander
import deform
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, bad, clock, here_and_there

from .checkin import MAX_BATCH, SCOPE_HINT, check_in, checked_scopes, counts, current_scope, scopes, sync
from .conference import Registration
from .conference_views import event_trail


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


def clean_code(value):
    return value.strip().lower().replace(" ", "") if isinstance(value, str) else value


@view_config(route_name="conference_check_in", permission="edit")
class CheckInView(FormView):
    renderer = "plugins.events:templates/conference_checkin.pt"
    title = _("Check-in")
    buttons = (("check_in", _("Check in")),)

    @property
    def choices(self):
        if not hasattr(self, "_choices"):
            self._choices = scopes(self.request, self.context)
        return self._choices

    def get_schema(self):
        schema = colander.Schema()
        schema.add(colander.SchemaNode(
            colander.String(), name="scope", title=_("Where"), description=SCOPE_HINT,
            validator=colander.OneOf([value for value, _label in self.choices]),
            widget=deform.widget.SelectWidget(values=self.choices)))
        schema.add(colander.SchemaNode(colander.String(), name="code", title=_("Registration code"),
                                       preparer=clean_code, validator=colander.Length(1, 64),
                                       widget=deform.widget.TextInputWidget(attributes={
                                           "autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"})))
        return schema

    def scope(self):
        asked = self.request.params.get("scope")
        return asked if asked in dict(self.choices) else current_scope(self.context, self.choices)

    def appstruct(self):
        return {"scope": self.scope()}

    def trail(self):
        return event_trail(self.request, self.context)

    def values(self):
        self.request.response.cache_control.private = True
        # the page scans QR codes with the camera; every other page keeps it off
        self.request.response.headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
        event, scope = self.context, self.scope()
        route = self.request.route_path
        return {"event": event, "counts": counts(self.request, event.id, scope), "scope_label": dict(self.choices)[scope],
                "urls": {"list": route("conference_check_in_list", id=event.id),
                         "sync": route("conference_check_in_sync", id=event.id),
                         "counts": route("conference_check_in_counts", id=event.id)}}

    def check_in_success(self, appstruct):
        found = self.request.dbsession.scalars(select(Registration).where(
            Registration.event_id == self.context.id, Registration.code == appstruct["code"])).first()
        if found is None:
            return self.refuse(appstruct, _("No registration of this conference has this code."), field="code")
        name = found.name or found.email
        outcome = check_in(self.request, found, appstruct["scope"])
        if outcome == "not registered":
            return self.refuse(appstruct, _("${name} is not registered (on the waiting list or cancelled).",
                                            mapping={"name": name}), field="code")
        if outcome == "already":
            message = _("${name} checked in already, at ${time}.", mapping={
                "name": name, "time": here_and_there(self.request, found.checked_in, self.context.timezone)})
        else:
            message = _("Welcome, ${name}: checked in.", mapping={"name": name})
        return self.done(message, self.request.route_url("conference_check_in", id=self.context.id,
                                                         _query={"scope": appstruct["scope"]}))


def no_store(request):
    request.response.cache_control.private = True
    request.response.cache_control.no_store = True


def refused(request, message):
    """A bad request told on the portal's own page (400), as every refusal: the page's script only sends
    what it made, so a person reads this only after sending something by hand."""
    bad(request, message)


@view_config(route_name="conference_check_in_counts", renderer="json", permission="edit")
def check_in_counts(request):
    no_store(request)
    scope = request.params.get("scope")
    if scope is not None and scope not in dict(scopes(request, request.context)):
        refused(request, _("Unknown day or session."))
    return counts(request, request.context.id, scope)


@view_config(route_name="conference_check_in_list", renderer="json", permission="edit")
def check_in_list(request):
    """What the check-in page keeps on the phone before the doors open: each registered person's code and
    name, and where they checked in already."""
    event = request.context
    no_store(request)
    checked = checked_scopes(request, event.id)
    rows = request.dbsession.scalars(select(Registration).where(
        Registration.event_id == event.id, Registration.state == "registered").order_by(Registration.id)).all()
    return {"event": event.id, "at": clock.now().isoformat(),
            "scopes": [{"value": v, "label": label} for v, label in scopes(request, event)],
            "registrations": [{"code": r.code, "name": r.name or r.email, "checked": checked.get(r.id, [])}
                              for r in rows]}


@view_config(route_name="conference_check_in_sync", request_method="POST", renderer="json", permission="edit")
def check_in_sync(request):
    """POST {"check_ins": [{"code", "scope", "at"}]} (the X-CSRF-Token header carries the token): each
    check-in's outcome, and the counts after them."""
    no_store(request)
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        refused(request, _("The check-ins sent are not JSON."))
    items = body.get("check_ins") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        refused(request, _("Send {\"check_ins\": [{\"code\", \"scope\", \"at\"}]}."))
    if len(items) > MAX_BATCH:
        refused(request, _("At most ${count} check-ins at a time.", mapping={"count": MAX_BATCH}))
    results = sync(request, request.context, items)
    return {"results": results, "counts": counts(request, request.context.id)}
