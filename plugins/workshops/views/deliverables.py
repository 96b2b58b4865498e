"""A network's deliverables: a new one from its template, its page (sections, guidance, comments, co-authors,
status, versions), its co-authors, the moves of its status (in review, back to draft, signed off by the pilot
city), a new version after sign-off, the PDF, and the secretariat's templates."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, FormView, Member, PdfDocument, _, html_to_text, page, pdf_response
from portal.api import translate, translate_to

from .. import deliverables as service
from .. import publication
from ..deliverable_models import KINDS
from ..deliverable_schemas import AuthorsSchema, NewDeliverableSchema, TemplateSchema
from ..networks import joined
from .networks import trail as network_trail

T = "plugins.workshops:templates/"


def trail(request, deliverable):
    return [*network_trail(request, deliverable.network),
            (deliverable_title(request, deliverable), request.route_url("deliverable", id=deliverable.id))]


def deliverable_title(request, deliverable):
    return translate(_("${title}, version ${version}", mapping={"title": deliverable.title,
                                                                 "version": deliverable.version}), request)


@view_config(route_name="network_deliverable_add", permission="edit_network")
class DeliverableAdd(FormView):
    schema = NewDeliverableSchema
    buttons = (("create", _("Start the deliverable")),)

    def page_title(self):
        return _("New deliverable of “${network}”", mapping={"network": self.context.title})

    def trail(self):
        return network_trail(self.request, self.context)

    @property
    def intro(self):
        return _("It starts from the secretariat's template: its sections and the guidance of each.")

    def appstruct(self):
        return {"language": self.request.locale_name}

    def create_success(self, appstruct):
        row = service.create_deliverable(self.request, self.context, appstruct["kind"], appstruct["language"],
                                         self.request.user)
        return self.done(_("Deliverable started."), self.request.route_url("deliverable", id=row.id))


@view_config(route_name="deliverable", renderer=T + "deliverable.pt", permission="view")
def deliverable_page(request):
    deliverable = request.context
    session = request.dbsession
    request.response.cache_control.private = True
    writer = bool(request.has_permission("write_deliverable", deliverable))
    comments = service.comments_of(session, deliverable)
    members = session.scalars(select(Member).where(Member.id.in_(deliverable.author_members or []))
                              .order_by(Member.name)).all() if deliverable.author_members else []
    latest = service.latest_version(session, deliverable)
    return page(request, deliverable_title(request, deliverable), network_trail(request, deliverable.network),
                deliverable=deliverable, writer=writer, comments=comments, author_members=members,
                may_sign=deliverable.status == "review" and bool(request.has_permission("sign_deliverable",
                                                                                       deliverable)),
                status_title=service.STATUS_TITLES[deliverable.status], status_titles=service.STATUS_TITLES,
                versions=service.versions(session, deliverable), latest=latest,
                experience=publication.experience_of(request, deliverable),
                may_publish=publication.may_publish(request, deliverable)
                and bool(request.has_permission("sign_deliverable", deliverable)),
                signed_by=request.dbsession.get(Member, deliverable.network.member_id) if deliverable.signed else None)


@view_config(route_name="deliverable_authors", permission="write_deliverable")
class AuthorsView(FormView):
    schema = AuthorsSchema

    def page_title(self):
        return _("Co-authors of “${title}”", mapping={"title": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    def bind(self):
        network = self.context.network
        members = [network.pilot] + [c.member for c in joined(network)]
        return {"organisations": [(str(m.id), m.name) for m in members]}

    def appstruct(self):
        row = self.context
        return {"members": {str(i) for i in row.author_members or []}, "people": row.author_people,
                "public": row.public}

    def save_success(self, appstruct):
        row = self.context
        row.author_members = sorted(int(i) for i in appstruct["members"])
        row.author_people = "\n".join(line.strip() for line in appstruct["people"].splitlines() if line.strip())
        row.public = appstruct["public"]
        return self.done(_("Saved."), self.request.route_url("deliverable", id=row.id))


class DeliverableConfirm(ConfirmView):
    def trail(self):
        return trail(self.request, self.context)

    def cancel_url(self):
        return self.request.route_url("deliverable", id=self.context.id)


class StatusChange(DeliverableConfirm):
    status = ""

    def confirm_success(self):
        if not service.set_status(self.request.dbsession, self.context, self.status, self.request.user):
            self.request.flash(_("The deliverable is not in a state for that."), "error")
            return HTTPFound(self.cancel_url())
        return self.done(self.message, self.cancel_url())


@view_config(route_name="deliverable_review", permission="write_deliverable")
class SubmitForReview(StatusChange):
    status, title, button = "review", _("Submit for review"), _("Submit for review")
    intro = _("The co-authors and the pilot city review it; the pilot city signs it off.")
    message = _("The deliverable is in review.")


@view_config(route_name="deliverable_draft", permission="write_deliverable")
class BackToDraft(StatusChange):
    status, title, button = "draft", _("Back to draft"), _("Back to draft")
    message = _("The deliverable is a draft again.")


@view_config(route_name="deliverable_sign", permission="sign_deliverable")
class SignOff(StatusChange):
    status, title, button = "signed", _("Sign off"), _("Sign off")
    intro = _("Signed off, this version is kept as it is and can be cited; a later change makes a new version.")
    message = _("Signed off. This version is kept as it is.")


@view_config(route_name="deliverable_new_version", permission="write_deliverable")
class NewVersion(DeliverableConfirm):
    title, button = _("Start a new version"), _("Start a new version")
    intro = _("The signed-off version is kept as it is, at its own address; the new version starts from it.")

    def confirm_success(self):
        row = service.new_version(self.request.dbsession, self.context, self.request.user)
        return self.done(_("Version ${version} started.", mapping={"version": row.version}),
                         self.request.route_url("deliverable", id=row.id))


@view_config(route_name="deliverable_publish", permission="sign_deliverable")
class PublishExperience(DeliverableConfirm):
    title, button = _("Publish into the experiences database"), _("Publish as an experience")
    intro = _("A draft experience of the pilot city is made from the signed-off thematic sheet: you complete it "
              "and send it for review; the sheet and the experience link to each other.")

    def confirm_success(self):
        if not publication.may_publish(self.request, self.context):
            self.request.flash(_("Only a signed-off thematic sheet not yet published can be published."), "error")
            return HTTPFound(self.cancel_url())
        experience = publication.publish_thematic_sheet(self.request, self.context)
        self.request.dbsession.flush()
        return self.done(_("The experience is prefilled from the thematic sheet: complete it, then send it for review."),
                         self.request.route_url(f"{publication.EXPERIENCE}.edit", id=experience.id))


@view_config(route_name="deliverable_pdf", permission="view")
def deliverable_pdf(request):
    """The deliverable on paper, in the language it was written in (its headings too)."""
    row = request.context
    language = row.language

    def say(term, **mapping):
        return translate_to(request, term, language, mapping=mapping or None)
    doc = PdfDocument(f"{row.title}, {say(_('version ${version}'), version=row.version)}",
                      author=row.network.pilot.name)
    doc.line(row.network.title, size=12)
    doc.line(f"{say(_('Status'))}: {say(service.STATUS_TITLES[row.status])}")
    names = [m.name for m in request.dbsession.scalars(select(Member).where(
        Member.id.in_(row.author_members or [0])).order_by(Member.name))] + row.people
    if names:
        doc.line(f"{say(_('Co-authors'))}: {', '.join(names)}", space=6)
    for section in row.sections:
        doc.heading(section.title)
        doc.line(html_to_text(section.body or "") or "—")
    return pdf_response(doc.bytes(), f"{row.title}-v{row.version}.pdf")


@view_config(route_name="deliverable_templates", renderer=T + "templates.pt", permission="edit_templates")
def templates_page(request):
    rows = [{"kind": kind, "title": service.KIND_TITLES[kind],
             "template": service.template_for(request, kind)} for kind in KINDS]
    return page(request, _("Templates of the deliverables"), (), rows=rows)


@view_config(route_name="deliverable_template", permission="edit_templates")
class TemplateEdit(FormView):
    schema = TemplateSchema

    def kind(self):
        kind = self.request.matchdict["kind"]
        if kind not in KINDS:
            raise HTTPNotFound()
        return kind

    def page_title(self):
        return _("Template: ${kind}", mapping={"kind": translate(service.KIND_TITLES[self.kind()], self.request)})

    def trail(self):
        return [(_("Templates of the deliverables"), self.request.route_url("deliverable_templates"))]

    def appstruct(self):
        template = service.template_for(self.request, self.kind())
        return {"title": template["title"], "sections": [dict(s, section_id=s["key"]) for s in template["sections"]]}

    def save_success(self, appstruct):
        service.save_template(self.request.dbsession, self.kind(), appstruct["title"], appstruct["sections"])
        return self.done(_("Template saved: new deliverables start from it."),
                         self.request.route_url("deliverable_templates"))
