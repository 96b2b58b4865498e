"""An intern's record, changed as the internship goes (its report written at its end), and the report that
describes a case sent to the experiences database: a draft experience (the content type "experience", by
name: this plugin imports nothing of another), which the secretariat completes and publishes there."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from portal.api import ConfirmView, FormView, _, content_service

from ..schemas import InternshipSchema

FIELDS = ("intern", "host_member_id", "starts", "ends", "supervisor", "subject", "report")


@view_config(route_name="internship_edit", permission="manage_agreements")
class InternshipEdit(FormView):
    schema = InternshipSchema
    title = _("Change the internship")
    buttons = (("save", _("Save")),)

    def trail(self):
        agreement = self.context.agreement
        return [(_("Agreements"), self.request.route_path("agreements")),
                (agreement.title, self.request.route_path("agreement", agreement=agreement.id))]

    def appstruct(self):
        return {name: getattr(self.context, name) for name in FIELDS}

    def save_success(self, appstruct):
        for name in FIELDS:
            setattr(self.context, name, appstruct[name])
        return self.done(_("Saved."), self.request.route_path("agreement", agreement=self.context.agreement_id,
                                                              _anchor="internships"))

SECRETARIAT_COUNTRY = "ES"  # the technical secretariat works in Barcelona: an intern it hosts, a case there


@view_config(route_name="internship_publish", permission="manage_agreements")
class PublishReport(ConfirmView):
    button = _("Send to the experiences database")
    title = _("Publish the report as an experience")
    intro = _("A draft experience is made of the intern's report; complete it and publish it there.")

    def cancel_url(self):
        return self.request.route_path("agreement", agreement=self.context.agreement_id)

    def confirm_success(self):
        request, internship = self.request, self.context
        info = request.registry.portal.content_types.get("experience")
        if info is None or not internship.report:
            raise HTTPNotFound()
        if internship.experience_id is not None:
            return self.done(None, request.route_path("experience.view", id=internship.experience_id))
        host = internship.host
        values = {"title": internship.subject or internship.intern, "body": internship.report,
                  "description": _report_summary(internship),
                  "city": getattr(host, "city", "") or "Barcelona",
                  "country": getattr(host, "country", None) or SECRETARIAT_COUNTRY,
                  "member_id": host.id if host is not None else None}
        values = {k: v for k, v in values.items() if k in {n.name for n in info.schema().children}}
        made = content_service.create(request, info, values, state="draft")
        internship.experience_id = made.id
        return self.done(_("The draft experience is made."), request.route_path("experience.view", id=made.id))


def _report_summary(internship):
    return f"{internship.intern} — {internship.supervisor}"[:1000]
