"""After the conference: the programme stays, each session with its slides and reports (files uploaded
through the core's upload field, capped and type-checked) and a summary of what was said; the secretariat
may publish a session's report to the experiences database. That database belongs to another plugin: its
content type is found by name ("experience"), never imported, and the draft made there goes through its
own review before anyone sees it."""
import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.api import (DOCUMENT_TYPES, ConfirmView, File, FormView, _, content_service, get_or_404, html_to_text,
                        send_file, store_kept, uploads_node)

from .conference_views import event_trail

EXPERIENCE = "experience"


def document_url(request, session, document):
    return request.route_path("conference_session_document", session=session.id, file=document["id"],
                              filename=document["filename"])


def documents_of(request, session):
    return [{"id": d["id"], "title": d["filename"], "url": document_url(request, session, d)}
            for d in session.documents or []]


@view_config(route_name="conference_session_document", permission="view")
def session_document(request):
    """A slide deck or report of a session: seen by whoever sees the conference."""
    number = request.matchdict["file"]
    if not any(str(d["id"]) == number for d in request.context.documents or []):
        raise HTTPNotFound()
    return send_file(request, get_or_404(request.dbsession, File, number),
                     public=request.context.event.state == "published")


def experience_type(request):
    return request.registry.portal.content_types.get(EXPERIENCE)


@view_config(route_name="conference_session_materials", permission="edit")
class MaterialsView(FormView):
    """/events/sessions/{session}/materials: the session's slides and reports, and its summary."""
    title = _("Slides and reports")

    def get_schema(self):
        schema = colander.Schema()
        schema.add(uploads_node("documents", _("Slides and reports"), files=documents_of(self.request, self.context),
                                accept=".pdf,.odp,.ppt,.pptx,.odt,.doc,.docx", allowed=DOCUMENT_TYPES,
                                description=_("PDF or office documents, shown with the session in the programme.")))
        schema.add(colander.SchemaNode(colander.String(), name="report", title=_("Report of the session"), missing="",
                                       validator=colander.Length(0, 20000), widget=deform.widget.TextAreaWidget(rows=8),
                                       description=_("What was presented and discussed; it can be published to the "
                                                     "experiences database.")))
        return schema

    def page_title(self):
        return _("Slides and reports of “${title}”", mapping={"title": self.context.title})

    def trail(self):
        return event_trail(self.request, self.context.event)

    def appstruct(self):
        return {"report": self.context.report or ""}

    def save_success(self, appstruct):
        session = self.context
        removed = set(appstruct["documents"]["remove"])
        files = store_kept(self.request, appstruct["documents"]["kept"], allowed=DOCUMENT_TYPES, owner=self.request.user)
        self.request.dbsession.flush()
        session.documents = [d for d in session.documents or [] if d["id"] not in removed] + [
            {"id": f.id, "filename": f.filename} for f in files]
        session.report = appstruct["report"].strip()
        return self.done(_("Saved."), self.request.route_url("conference_programme", id=session.event_id,
                                                             _anchor=f"session-{session.id}"))


@view_config(route_name="conference_session_publish", permission="edit")
class PublishReportView(ConfirmView):
    """A draft experience made of the session's report, in the conference's country and city, for the
    secretariat to complete and publish through the experiences' own review."""
    title = _("Publish the report to the experiences database?")
    button = _("Make a draft experience")

    def __call__(self):
        if experience_type(self.request) is None or not self.context.report:
            raise HTTPNotFound()
        if self.context.experience_id is not None:
            return HTTPFound(self.request.route_url(f"{EXPERIENCE}.view", id=self.context.experience_id))
        return super().__call__()

    @property
    def details(self):
        return _("A draft is made in the experiences database from the report, to complete and publish there.")

    def trail(self):
        return event_trail(self.request, self.context.event)

    def cancel_url(self):
        return self.request.route_path("conference_programme", id=self.context.event_id)

    def confirm_success(self):
        session, event = self.context, self.context.event
        paragraphs = "".join(f"<p>{html_escape(p)}</p>" for p in session.report.split("\n\n") if p.strip())
        values = {"title": session.title, "description": html_to_text(paragraphs)[:300], "body": paragraphs,
                  "language": event.language, "country": event.country or "", "city": event.city}
        experience = content_service.create(self.request, experience_type(self.request), values,
                                            fields=[k for k in values if k != "country" or values[k]])
        session.experience_id = experience.id
        return self.done(_("A draft experience is made from the report: complete it and send it for review."),
                         self.request.route_url(f"{EXPERIENCE}.edit", id=experience.id))


def html_escape(text):
    from markupsafe import escape
    return str(escape(text.strip())).replace("\n", "<br>")
