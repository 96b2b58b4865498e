"""The list of calls, a call's page (with the secretariat's steps), and the call form (new, edited, or
a copy of last year's)."""
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_or_404
from portal.api import FormView, render_form, validate
from portal.api import _, apply_translated

from .. import AWARD
from ..calls import copy_values, empty_values, typed_values
from ..models import AwardCall, Juror
from ..schemas import CallSchema
from ..steps import steps
from .common import call_crumb, call_name, is_secretariat, juror_of, my_entries, page


@view_config(route_name="awards", renderer="plugins.awards:templates/calls.pt", permission="view")
def calls(request):
    rows = request.dbsession.scalars(select(AwardCall).order_by(AwardCall.opens.desc())).all()
    user = request.user
    juror_calls = set()
    if user is not None:
        juror_calls = set(request.dbsession.scalars(select(Juror.call_id).where(Juror.user_id == user.id)))
    return page(request, AWARD, calls=rows, juror_calls=juror_calls, can_add=is_secretariat(request))


class CallForm(FormView):
    """The call form: new, edited, or a copy of last year's; "more rows" gives empty rows and keeps
    everything typed, saving nothing."""
    schema = CallSchema
    renderer = "plugins.awards:templates/form.pt"
    call = copy_of = None

    def bind(self):
        return {"call": self.call}

    def page_title(self):
        return _("Edit the call") if self.call is not None else _("New award call")

    def page(self, **values):
        crumbs = [call_crumb(self.request, self.call)] if self.call is not None else []
        return page(self.request, self.page_title(), crumbs, **values)

    def appstruct(self):
        source = self.call or self.copy_of
        return copy_values(source, same_call=self.call is not None) if source is not None else empty_values()

    def __call__(self):
        request = self.request
        if "more_rows" in request.POST:
            appstruct, failed = validate(self.form, request)
            if failed:
                return self.failure(failed)
            request.tm.doom()
            self._form = None  # a fresh form: its rows of their own count
            return self.show(render_form(self.form, typed_values(appstruct, request.POST["more_rows"])))
        return super().__call__()

    def save_success(self, appstruct):
        call = self.call
        if call is None:
            call = AwardCall()
            self.request.dbsession.add(call)
        for key, value in apply_translated(call, appstruct).items():
            setattr(call, key, value)
        call.ceremony = (call.ceremony or "").strip()
        self.request.dbsession.flush()
        return self.done(_("Changes saved."), self.request.route_url("award_call", call=call.id))


@view_config(route_name="award_call_add", permission="manage")
class CallAdd(CallForm):
    def __call__(self):
        if self.request.GET.get("copy"):
            self.copy_of = get_or_404(self.request.dbsession, AwardCall, self.request.GET["copy"])
        return super().__call__()


@view_config(route_name="award_call_edit", permission="manage")
class CallEdit(CallForm):
    def __call__(self):
        self.call = self.request.context
        return super().__call__()


@view_config(route_name="award_call", renderer="plugins.awards:templates/call.pt", permission="view")
def call_view(request):
    call = request.context
    manage = is_secretariat(request, call)
    can_enter = bool(request.has_permission("enter", call)) and request.user is not None and request.user.member_id
    juror = juror_of(request, call)
    return page(request, call_name(call), call=call, entries=my_entries(request, call), can_enter=can_enter,
                juror=juror, manage=manage, steps=steps(request, call) if manage else [],
                call_to_action=None if can_enter or manage or juror or not call.is_open else entry_cta(request))


def entry_cta(request):
    """What someone who cannot enter an open call needs to do: log in, or be a member's representative."""
    if request.user is None:
        return {"text": _("Member representatives: log in to apply."),
                "url": request.route_path("login", _query={"came_from": request.path_qs})}
    return {"text": _("Entries are submitted by the representatives of member organisations. If your local "
                      "government is a member, ask the technical secretariat to make your account its "
                      "representative; if it is not yet, it can join the network."),
            "url": request.route_path("apply"), "link": _("Join the network")}
