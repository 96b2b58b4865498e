"""/networks/calls: the calls for pilot cities, a member organisation's application (eligibility checked, one
application each) and the secretariat's selection with its reason."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from portal.api import FormView, _, as_id, clock, page

from .. import calls as service
from ..call_models import PilotApplication, PilotCall
from ..call_schemas import ApplicationSchema, CallSchema, SelectionSchema
from ..networks import theme_label

T = "plugins.workshops:templates/"
LISTING = _("Calls for pilot cities")


def trail(request, call=None):
    crumbs = [(LISTING, request.route_url("pilot_calls"))]
    if call is not None:
        crumbs.append((call.title, request.route_url("pilot_call", id=call.id)))
    return crumbs


@view_config(route_name="pilot_calls", renderer=T + "calls.pt", permission="view")
def calls_page(request):
    return page(request, LISTING, (), calls=service.open_calls(request.dbsession), is_open=service.is_open,
                add_url=request.route_url("pilot_call_add") if request.has_permission("manage") else None)


@view_config(route_name="pilot_call", renderer=T + "call.pt", permission="view")
def call_page(request):
    call, user = request.context, request.user
    manager = bool(request.has_permission("manage", call))
    mine = service.application_of(request.dbsession, call, user.member_id) \
        if user is not None and user.member_id else None
    request.response.cache_control.private = True
    return page(request, call.title, trail(request), call=call, open=service.is_open(call), mine=mine,
                applications=call.applications if manager else [], manager=manager,
                may_apply=bool(request.has_permission("apply_pilot_call", call)) and service.is_open(call),
                states=service.APPLICATION_TITLES, theme_label=lambda slug: theme_label(request, slug))


class CallForm(FormView):
    schema = CallSchema

    def row(self):
        return self.context if isinstance(self.context, PilotCall) else None

    def page_title(self):
        return _("Edit the call") if self.row() else _("New call for pilot cities")

    def trail(self):
        return trail(self.request, self.row())

    def appstruct(self):
        row = self.row()
        if row is None:
            return {}
        return {name: getattr(row, name) for name in ("title", "description", "eligibility", "opens", "closes")}

    def save_success(self, appstruct):
        row = self.row()
        if row is None:
            row = PilotCall(created=clock.now())
            self.request.dbsession.add(row)
        for name, value in appstruct.items():
            setattr(row, name, value)
        self.request.dbsession.flush()
        return self.done(_("Saved."), self.request.route_url("pilot_call", id=row.id))


@view_config(route_name="pilot_call_add", permission="manage")
class CallAdd(CallForm):
    pass


@view_config(route_name="pilot_call_edit", permission="manage")
class CallEdit(CallForm):
    pass


@view_config(route_name="pilot_call_apply", permission="apply_pilot_call")
class ApplyView(FormView):
    schema = ApplicationSchema
    buttons = (("apply", _("Send the application")),)

    def page_title(self):
        return _("Apply: ${call}", mapping={"call": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    @property
    def intro(self):
        return self.context.eligibility or None

    def appstruct(self):
        user = self.request.user
        mine = service.application_of(self.request.dbsession, self.context, user.member_id) if user.member_id else None
        if mine is None:
            return {}
        return {"theme": mine.theme, "motivation": mine.motivation, "commitments": mine.commitments}

    def apply_success(self, appstruct):
        session, call, user = self.request.dbsession, self.context, self.request.user
        refused = service.ineligible(session, call, user)
        if refused is not None:
            return self.refuse(appstruct, refused)
        service.apply(session, call, user, appstruct)
        return self.done(_("Your application is received. The secretariat tells you of its selection."),
                         self.request.route_url("pilot_call", id=call.id))


@view_config(route_name="pilot_call_select", permission="manage")
class SelectView(FormView):
    schema = SelectionSchema
    buttons = (("select", _("Select this city")),)

    def application(self):
        row = self.request.dbsession.get(PilotApplication, as_id(self.request.matchdict["application"]) or 0)
        if row is None or row.call_id != self.context.id:
            raise HTTPNotFound()
        return row

    def page_title(self):
        return _("Select ${city}", mapping={"city": self.application().member.name})

    def trail(self):
        return trail(self.request, self.context)

    @property
    def intro(self):
        return _("The city becomes the pilot city of a new collaborative network on its priority theme; the other "
                 "applications are not selected.")

    def select_success(self, appstruct):
        network = service.select_application(self.request.dbsession, self.application(), appstruct["reason"])
        return self.done(_("Selected: the collaborative network is made."),
                         self.request.route_url("network", id=network.id))
