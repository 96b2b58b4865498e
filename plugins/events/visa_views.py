"""The pages of visa invitation letters: asking for one from one's registration, downloading it once
approved, and the secretariat's list of the requests of a conference where each is approved or refused."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, country_name, page, pdf_response, translate

from .conference import Registration
from .conference_views import event_trail
from .visa import DecisionSchema, VisaRequest, VisaSchema, ask, decide, letter

STATE_TEXTS = {"requested": _("Your request is being checked by the secretariat."),
               "approved": _("Your invitation letter is ready."),
               "refused": _("Your request was refused.")}


def visa_of(request, registration):
    return request.dbsession.scalars(select(VisaRequest).where(VisaRequest.registration_id == registration.id)).first()


def private(request):
    request.response.cache_control.private = True
    request.response.cache_control.no_store = True


@view_config(route_name="conference_visa", permission="view")
class VisaView(FormView):
    """/events/registrations/{code}/visa: the form while nothing is asked (or after a refusal), else where the
    request stands."""
    renderer = "plugins.events:templates/conference_visa.pt"
    schema = VisaSchema
    title = _("Visa invitation letter")
    buttons = (("ask", _("Ask for the letter")),)

    def __call__(self):
        if self.context.state != "registered":
            raise HTTPNotFound()
        private(self.request)
        return super().__call__()

    @property
    def visa(self):
        return visa_of(self.request, self.context)

    def trail(self):
        return event_trail(self.request, self.context.event)

    def values(self):
        visa = self.visa
        return {"visa": visa, "registration": self.context, "state_text": STATE_TEXTS[visa.state] if visa else None,
                "asking": visa is None or visa.state == "refused"}

    def appstruct(self):
        visa = self.visa
        if visa is None:
            return {"passport_name": self.context.name}
        return {"passport_name": visa.passport_name, "nationality": visa.nationality, "consulate": visa.consulate}

    def ask_success(self, appstruct):
        visa = self.visa
        if visa is not None and visa.state != "refused":
            return self.done(None, self.request.route_url("conference_visa", code=self.context.code))
        ask(self.request, self.context, appstruct)
        return self.done(_("Your request is sent: the secretariat checks it and you will be told by mail."),
                         self.request.route_url("conference_visa", code=self.context.code))


@view_config(route_name="conference_visa_pdf", permission="view")
def visa_pdf(request):
    visa = visa_of(request, request.context)
    if visa is None or visa.state != "approved" or request.context.state != "registered":
        raise HTTPNotFound()
    return pdf_response(letter(request, visa), f"invitation-letter-{request.context.event_id}.pdf")


def request_rows(request, event):
    return request.dbsession.scalars(select(VisaRequest).join(Registration).where(
        Registration.event_id == event.id).order_by(VisaRequest.id)).all()


@view_config(route_name="conference_visa_requests", renderer="plugins.events:templates/conference_visa_requests.pt",
             permission="check_visa")
def visa_requests(request):
    event = request.context
    if event.kind != "conference":
        raise HTTPNotFound()
    private(request)
    return page(request, translate(_("Visa invitation letters"), request), event_trail(request, event), event=event,
                rows=request_rows(request, event), states=STATE_TEXTS,
                country=lambda code: country_name(code, request.locale_name))


@view_config(route_name="conference_visa_decide", permission="check_visa")
class DecideView(FormView):
    """/events/visa-requests/{id}/decide: the secretariat approves the request, or refuses it with a reason."""
    renderer = "plugins.events:templates/conference_visa_decide.pt"
    schema = DecisionSchema
    title = _("Check a visa request")
    buttons = (("approve", _("Approve and make the letter")), ("refuse", _("Refuse")))

    def __call__(self):
        private(self.request)
        return super().__call__()

    def trail(self):
        event = self.context.registration.event
        return event_trail(self.request, event, (_("Visa invitation letters"),
                                                 self.request.route_path("conference_visa_requests", id=event.id)))

    def values(self):
        return {"visa": self.context, "country": country_name(self.context.nationality, self.request.locale_name),
                "state_text": STATE_TEXTS[self.context.state]}

    def listing(self):
        return self.request.route_url("conference_visa_requests", id=self.context.registration.event_id)

    def approve_success(self, appstruct):
        decide(self.request, self.context, True, appstruct["reason"])
        return self.done(_("Approved: the letter is ready and the person is told."), self.listing())

    def refuse_success(self, appstruct):
        if not appstruct["reason"].strip():
            return self.refuse(appstruct, _("Say why the request is refused: the person is told."), field="reason")
        decide(self.request, self.context, False, appstruct["reason"].strip())
        return self.done(_("Refused: the person is told why."), self.listing())
