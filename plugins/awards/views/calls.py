"""The list of calls, a call's page, and the call form (new, edited, or a copy of last year's)."""
import colander
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.db import get_or_404
from portal.forms import make_form, render_form, validate
from portal.i18n import _

from ..models import AwardCall, Juror
from ..schemas import CallSchema, unparse
from .common import call_crumb, is_secretariat, juror_of, my_entries, page

@view_config(route_name="awards", renderer="plugins.awards:templates/calls.pt", permission="view")
def calls(request):
    rows = request.dbsession.scalars(select(AwardCall).order_by(AwardCall.opens.desc())).all()
    user = request.user
    juror_calls = set()
    if user is not None:
        juror_calls = set(request.dbsession.scalars(select(Juror.call_id).where(Juror.user_id == user.id)))
    return page(request, _("Good Practice Award"), calls=rows, juror_calls=juror_calls,
                can_add=is_secretariat(request))


def _call_form(request, call, copy_of=None):
    form = make_form(request, CallSchema, [("save", _("Save"))])
    crumbs = [call_crumb(request, call)] if call is not None else []
    title = _("Edit the call") if call is not None else _("New award call")
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, title, crumbs, form=failed)
        if call is None:
            call = AwardCall()
            request.dbsession.add(call)
        for key, value in appstruct.items():
            setattr(call, key, value)
        request.dbsession.flush()
        request.flash(_("Changes saved."))
        return HTTPFound(request.route_url("award_call", call=call.id))
    source = call or copy_of
    values = colander.null
    if source is not None:
        values = {k: getattr(source, k) for k in ("edition", "title", "rules", "eligibility", "timezone",
                                                   "reviews_per_entry", "blind", "max_entries_per_member")}
        values.update(unparse(source))
        for name in ("opens", "closes", "evaluation_closes", "results_date"):
            local = source.local(getattr(source, name))
            if call is None:  # a copy of last year's: the same dates, a year on
                try:
                    local = local.replace(year=local.year + 1)
                except ValueError:  # 29 February
                    local = local.replace(year=local.year + 1, day=28)
            values[name] = local.replace(tzinfo=None)
        if call is None:
            values["edition"] = ""
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
    can_enter = bool(request.has_permission("enter", call)) and request.user is not None and request.user.member_id
    return page(request, f"{call.edition} {call.title}", call=call, entries=my_entries(request, call),
                can_enter=can_enter, juror=juror_of(request, call), manage=is_secretariat(request, call))
