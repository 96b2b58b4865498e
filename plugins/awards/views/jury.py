"""The jury of a call: jurors invited or picked, and the entries assigned to them."""
from collections import Counter

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.countries import country_name
from portal.forms import make_form, render_form, validate
from portal.i18n import _

from .. import clock
from ..jury import assign, progress
from ..models import Review
from ..schemas import JurorSchema
from ..services import invite_juror, tell_juror
from .common import call_crumb, page

@view_config(route_name="award_jury", renderer="plugins.awards:templates/jury.pt", permission="manage")
def jury(request):
    call = request.context
    form = make_form(request, JurorSchema, [("add", _("Add to the jury"))])
    rendered = None
    if "add" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            rendered = failed
        else:
            juror = invite_juror(request, call, appstruct)
            if juror is None:
                request.flash(_("This person is already on the jury."), "error")
            else:
                request.flash(_("${name} is on the jury; an invitation is on its way by mail.",
                                mapping={"name": juror.user.name}))
            return HTTPFound(request.route_url("award_jury", call=call.id))
    if "remove" in request.POST:
        juror = next((j for j in call.jurors if str(j.id) == request.POST["remove"]), None)
        if juror is None:
            raise HTTPNotFound()
        if any(r.juror_id == juror.id for e in call.entries for r in e.reviews):
            request.flash(_("This juror has entries assigned and stays on the jury."), "error")
        else:
            call.jurors.remove(juror)
            request.flash(_("Removed from the jury."))
        return HTTPFound(request.route_url("award_jury", call=call.id))
    rows, done, due = progress(call)
    return page(request, _("Jury"), [call_crumb(request, call)], call=call, form=rendered or render_form(form),
                progress=rows, done=done, due=due, country_name=lambda c: country_name(c, request.locale_name))


@view_config(route_name="award_assign", request_method="POST", permission="manage")
def assign_view(request):
    call = request.context
    if call.is_open or call.state == "upcoming":
        request.flash(_("Entries are assigned once the call has closed."), "error")
        return HTTPFound(request.route_url("award_jury", call=call.id))
    short = assign(request.dbsession, call)
    # the reviews this assignment created, not yet flushed: each juror is told how many are theirs
    added = Counter(r.juror for r in request.dbsession.new if isinstance(r, Review))
    call.assigned = call.assigned or clock.now()
    for juror, count in added.items():
        tell_juror(request, call, juror, count)
    if short:
        request.flash(_("Assigned. ${count} entries lack jurors free of conflicts: add jurors and assign again.",
                        mapping={"count": len(short)}), "error")
    else:
        request.flash(_("Every eligible entry has its reviews assigned."))
    return HTTPFound(request.route_url("award_jury", call=call.id))

