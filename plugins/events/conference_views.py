"""A conference's pages: its registration settings and the list of registrations (who may edit the
event), the registration form (anyone), and each person's registration at its secret address: their
state, their place on the waiting list, the place offered to accept, cancelling or leaving the list."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, FormView, _, here_and_there, page, translate, translated

from .conference import Conference, Registration
from .conference_schemas import SettingsSchema, fields_text, parse_fields, registration_schema
from .registration import accept, cancel, held, position, register


def registration_factory(request):
    found = request.dbsession.scalars(select(Registration).where(
        Registration.code == request.matchdict["code"])).first()
    if found is None:
        raise HTTPNotFound()
    return found


# what it loads, and by which column (tests reach a real registration through them, as model_factory's)
registration_factory.model, registration_factory.key, registration_factory.column = (  # type: ignore[attr-defined]
    Registration, "code", "code")


def conference_of(request, event):
    return request.dbsession.get(Conference, event.id)


def conference_links(request, event):
    """What an event's page links to of its conference: registering (while open), the registrations and the
    settings (who may edit the event)."""
    if event.kind != "conference":
        return None
    found = conference_of(request, event)
    can_edit = bool(request.has_permission("edit", event))
    from .programme import ProgrammeSession
    has_programme = request.dbsession.scalar(select(ProgrammeSession.id).where(
        ProgrammeSession.event_id == event.id).limit(1)) is not None
    if found is None and not can_edit and not has_programme:
        return None
    return {"programme": request.route_path("conference_programme", id=event.id) if has_programme or can_edit
            else None,
            "register": request.route_path("conference_register", id=event.id)
            if found is not None and found.open and event.upcoming and event.state == "published" else None,
            "manage": request.route_path("conference_registrations", id=event.id) if can_edit else None,
            "settings": request.route_path("conference_settings", id=event.id) if can_edit else None}


def event_trail(request, event, *more):
    """Events > the event (> more crumbs: (title, url) pairs)."""
    return [(_("Events"), request.route_path("events")),
            (str(translated(request, event, "title")), request.route_path("event.view", id=event.id)), *more]


@view_config(route_name="conference_settings", permission="edit")
class SettingsView(FormView):
    schema = SettingsSchema
    title = _("Registration for the conference")

    def __call__(self):
        if self.context.kind != "conference":
            raise HTTPNotFound()
        return super().__call__()

    def trail(self):
        return event_trail(self.request, self.context)

    def appstruct(self):
        found = conference_of(self.request, self.context)
        if found is None:
            return {"capacity": 100, "offer_hours": 48, "open": True}
        return {"capacity": found.capacity, "member_cap": found.member_cap, "offer_hours": found.offer_hours,
                "open": found.open, "call_open": found.call_open, "fields": fields_text(found.fields or []),
                "certificate_sessions": found.certificate_sessions, "certificate_mandatory": found.certificate_mandatory}

    def save_success(self, appstruct):
        found = conference_of(self.request, self.context)
        if found is None:
            found = Conference(event_id=self.context.id, fields=[])
            self.request.dbsession.add(found)
        found.fields = parse_fields(appstruct["fields"], found.fields or [])
        for name in ("capacity", "member_cap", "offer_hours", "open", "call_open", "certificate_sessions",
                     "certificate_mandatory"):
            setattr(found, name, appstruct[name])
        return self.done(_("Saved."), self.request.route_url("conference_registrations", id=self.context.id))


@view_config(route_name="conference_register", permission="view")
class RegisterView(FormView):
    buttons = (("register", _("Register")),)

    @property
    def conference(self):
        return conference_of(self.request, self.context)

    def __call__(self):
        if self.conference is None or self.context.state != "published":
            raise HTTPNotFound()
        self.request.response.cache_control.private = True
        if not self.conference.open or not self.context.upcoming:
            self.request.response.status = 400 if self.pressed() else 200
            return self.show(None, intro=_("Registration for this conference is closed."))
        return super().__call__()

    def get_schema(self):
        return registration_schema(self.conference.fields or [])

    def page_title(self):
        return _("Register for “${event}”", mapping={"event": translated(self.request, self.context, "title")})

    def trail(self):
        return event_trail(self.request, self.context)

    def values(self):
        left = self.conference.capacity - held(self.request.dbsession, self.context.id)
        when = here_and_there(self.request, self.context.starts, self.context.timezone)
        if left > 0:
            return {"intro": _("${when}. ${left} places left.", mapping={"when": when, "left": left})}
        return {"intro": _("${when}. The conference is full: registering puts you on the waiting list, and a "
                           "place freed is offered by mail to the first person waiting.", mapping={"when": when})}

    def appstruct(self):
        user = self.request.user
        return {"name": user.name, "email": user.email} if user is not None else {}

    def register_success(self, appstruct):
        keys = [f["key"] for f in self.conference.fields or []]
        values = dict(appstruct, answers={key: appstruct.get(key) for key in keys})
        registration, new = register(self.request, self.conference, values)
        if new:
            message = (_("You are registered.") if registration.state == "registered" else
                       _("The conference is full: you are number ${position} on the waiting list.",
                         mapping={"position": position(self.request.dbsession, registration)}))
            return self.done(message, self.request.route_url("conference_registration", code=registration.code))
        return self.already(registration)

    def already(self, registration):
        """A second registration of one address: its holder sees the first; anyone else is told it was mailed."""
        user = self.request.user
        if user is not None and (registration.user_id == user.id or registration.email == user.email.lower()):
            return self.done(_("You registered already: here is your registration."),
                             self.request.route_url("conference_registration", code=registration.code))
        from .registration import send
        send(self.request, registration, "events:registered" if registration.state == "registered"
             else "events:waiting")
        return self.done(_("This address is registered already: we mailed the link to its registration to it "
                           "again."), self.request.route_url("event.view", id=self.context.id))


STATE_TEXTS = {
    "registered": _("You are registered."),
    "waiting": _("You are on the waiting list."),
    "offered": _("A place was freed and it is offered to you."),
    "cancelled": _("This registration is cancelled."),
    "left": _("You left the waiting list."),
    "expired": _("The place offered to you was not accepted in time: it went to the next person waiting."),
}


def answer_text(request, value):
    if isinstance(value, bool):
        return translate(_("Yes") if value else _("No"), request)
    return "—" if value in (None, "") else str(value)


@view_config(route_name="conference_registration", renderer="plugins.events:templates/conference_registration.pt",
             permission="view")
def registration_page(request):
    registration = request.context
    event = registration.event
    request.response.cache_control.private = True
    conference = conference_of(request, event)
    fields = [(f["label"], answer_text(request, registration.answers.get(f["key"])))
              for f in (conference.fields if conference else [])]
    from .certificates import missing
    from .seats import limited_sessions
    lacking = missing(request.dbsession, registration, conference) if registration.checked_in else None
    return page(request, translate(_("Your registration"), request), event_trail(request, event),
                seats=limited_sessions(request, registration) if registration.state == "registered" else [],
                certified=registration.checked_in is not None and lacking is None, lacking=lacking,
                registration=registration, event=event, state_text=STATE_TEXTS[registration.state],
                position=position(request.dbsession, registration), answers=fields,
                when=here_and_there(request, event.starts, event.timezone),
                until=here_and_there(request, registration.offered_until, event.timezone)
                if registration.offered_until else None)


class RegistrationAction(ConfirmView):
    def trail(self):
        return event_trail(self.request, self.context.event)

    def cancel_url(self):
        return self.request.route_path("conference_registration", code=self.context.code)


@view_config(route_name="conference_cancel", permission="view")
class CancelView(RegistrationAction):
    danger = True

    @property
    def title(self):
        if self.context.state == "waiting":
            return _("Leave the waiting list?")
        return _("Cancel your registration?")

    @property
    def button(self):
        return _("Leave the list") if self.context.state == "waiting" else _("Cancel my registration")

    def __call__(self):
        if self.context.state not in ("registered", "waiting", "offered"):
            return HTTPFound(self.cancel_url())
        return super().__call__()

    def confirm_success(self):
        left = self.context.state == "waiting"
        cancel(self.request, self.context)
        return self.done(_("You left the waiting list.") if left else _("Your registration is cancelled."),
                         self.cancel_url())


@view_config(route_name="conference_accept", permission="view")
class AcceptView(RegistrationAction):
    title = _("Accept the place offered?")
    button = _("Accept the place")

    def confirm_success(self):
        if accept(self.request, self.context):
            return self.done(_("You are registered."), self.cancel_url())
        return self.done(_("This offer has ended."), self.cancel_url())


@view_config(route_name="conference_registrations", renderer="plugins.events:templates/conference_registrations.pt",
             permission="edit")
def registrations_list(request):
    event = request.context
    conference = conference_of(request, event)
    if conference is None:
        return HTTPFound(request.route_url("conference_settings", id=event.id))
    rows = request.dbsession.scalars(select(Registration).where(Registration.event_id == event.id)
                                     .order_by(Registration.id)).all()
    waiting = [r for r in rows if r.state == "waiting"]
    request.response.cache_control.private = True
    from .certificates import rule_text
    return page(request, translate(_("Registrations"), request), event_trail(request, event), event=event,
                conference=conference, rule=rule_text(conference), rows=rows, held=held(request.dbsession, event.id),
                positions={r.id: n for n, r in enumerate(waiting, 1)}, states=STATE_TEXTS,
                answer=lambda value: answer_text(request, value))

