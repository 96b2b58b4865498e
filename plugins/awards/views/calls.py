"""The list of calls, a call's page (with the secretariat's steps), and the call form (new, edited, or
a copy of last year's)."""
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_or_404
from portal.api import make_form, render_form, validate
from portal.api import _

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


def _call_form(request, call, copy_of=None):
    form = make_form(request, CallSchema, [("save", _("Save"))], call=call)
    crumbs = [call_crumb(request, call)] if call is not None else []
    title = _("Edit the call") if call is not None else _("New award call")
    if "more_rows" in request.POST:
        # more empty rows, with everything typed kept; nothing is saved
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, title, crumbs, form=failed)
        request.tm.doom()
        fresh = make_form(request, CallSchema, [("save", _("Save"))], call=call)  # rows of its own count
        return page(request, title, crumbs, form=render_form(fresh, typed_values(appstruct, request.POST["more_rows"])))
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, title, crumbs, form=failed)
        if call is None:
            call = AwardCall()
            request.dbsession.add(call)
        for key, value in appstruct.items():
            setattr(call, key, value)
        call.ceremony = (call.ceremony or "").strip()
        request.dbsession.flush()
        request.flash(_("Changes saved."))
        return HTTPFound(request.route_url("award_call", call=call.id))
    source = call or copy_of
    values = copy_values(source, same_call=call is not None) if source is not None else empty_values()
    return page(request, title, crumbs, form=render_form(form, values))


@view_config(route_name="award_call_add", renderer="plugins.awards:templates/form.pt", permission="manage")
def call_add(request):
    copy_of = None
    if request.GET.get("copy"):
        copy_of = get_or_404(request.dbsession, AwardCall, request.GET["copy"])
    return _call_form(request, None, copy_of)


@view_config(route_name="award_call_edit", renderer="plugins.awards:templates/form.pt", permission="manage")
def call_edit(request):
    return _call_form(request, request.context)


@view_config(route_name="award_call", renderer="plugins.awards:templates/call.pt", permission="view")
def call_view(request):
    call = request.context
    manage = is_secretariat(request, call)
    can_enter = bool(request.has_permission("enter", call)) and request.user is not None and request.user.member_id
    return page(request, call_name(call), call=call, entries=my_entries(request, call), can_enter=can_enter,
                juror=juror_of(request, call), manage=manage, steps=steps(request, call) if manage else [])
