"""The jury of a call: jurors invited or picked, the entries assigned to them, their progress."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.api import country_name
from portal.api import FormView, make_form, render_form
from portal.api import _

from ..jury import AssignmentRefused, assign_entries, invite_juror, progress
from ..schemas import JurorSchema
from ..steps import steps
from .common import call_crumb, page


def _jury_page(request, call, form, error=None):
    rows, done, due = progress(call)
    assign = next(s for s in steps(request, call) if s.name == "assign")
    return page(request, _("Jury"), [call_crumb(request, call)], call=call, form=form, progress=rows, done=done,
                due=due, assign=assign, error=error, country_name=lambda c: country_name(c, request.locale_name))


@view_config(route_name="award_jury", permission="manage")
class JuryView(FormView):
    """The jury's page: its form adds a juror (invited by mail when new to the portal)."""
    schema = JurorSchema
    buttons = (("add", _("Add to the jury")),)
    renderer = "plugins.awards:templates/jury.pt"

    def page(self, **values):
        return _jury_page(self.request, self.context, values["form"])

    def __call__(self):
        if "remove" in self.request.POST:
            return self.remove()
        return super().__call__()

    def add_success(self, appstruct):
        call, request = self.context, self.request
        juror = invite_juror(request, call, appstruct["email"], appstruct["name"], appstruct.get("country") or "")
        if juror is None:
            request.flash(_("This person is already on the jury."), "error")
        else:
            request.flash(_("${name} is on the jury; an invitation is on its way by mail.",
                            mapping={"name": juror.user.name}))
        return HTTPFound(request.route_url("award_jury", call=call.id))

    def remove(self):
        call, request = self.context, self.request
        juror = next((j for j in call.jurors if str(j.id) == request.POST["remove"]), None)
        if juror is None:
            raise HTTPNotFound()
        if any(r.juror_id == juror.id for e in call.entries for r in e.reviews):
            request.flash(_("This juror has entries assigned and stays on the jury."), "error")
        else:
            call.jurors.remove(juror)
            request.flash(_("Removed from the jury."))
        return HTTPFound(request.route_url("award_jury", call=call.id))


@view_config(route_name="award_assign", request_method="POST", renderer="plugins.awards:templates/jury.pt",
             permission="manage")
def assign_view(request):
    """Assign the entries, all or none: what is missing is said on the jury's page, and nothing changes."""
    call = request.context
    try:
        added = assign_entries(request, call)
    except AssignmentRefused as exc:
        request.tm.doom()
        request.response.status = 400
        form = make_form(request, JurorSchema, [("add", _("Add to the jury"))],
                         action=request.route_path("award_jury", call=call.id))
        return _jury_page(request, call, render_form(form), error=exc.message)
    request.flash(_("Assigned: ${count} reviews to ${jurors} jurors, each told by mail.",
                    mapping={"count": sum(added.values()), "jurors": len(added)}))
    return HTTPFound(request.route_url("award_jury", call=call.id))
