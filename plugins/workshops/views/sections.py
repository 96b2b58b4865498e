"""A deliverable's section: written by its co-authors (concurrent edits merged by the core, or shown side by
side when they overlap; saving a signed-off version's section makes a new version), its history with the
differences and restore, its comments."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from sqlalchemy import select

from portal.api import FormView, Revision, _, as_id, conflict_values, page, revision_diff, translate

from .. import deliverables as service
from ..deliverable_schemas import CommentSchema, SectionSchema
from .deliverables import trail as deliverable_trail

T = "plugins.workshops:templates/"
TITLES = {"body": _("Text of the section")}


def section_url(request, section):
    return request.route_url("deliverable", id=section.deliverable_id, _anchor=f"section-{section.key}")


@view_config(route_name="ws_deliverable_section.view", permission="view")
def section_view(context, request):
    """A section is read where it stands: on its deliverable's page."""
    return HTTPFound(request.route_url("deliverable", id=context.deliverable_id, _anchor=f"section-{context.key}"))


@view_config(route_name="deliverable_section_edit", permission="write_deliverable")
class SectionEdit(FormView):
    schema = SectionSchema
    renderer = T + "section_form.pt"

    def page_title(self):
        return _("Edit: ${section}", mapping={"section": self.context.title})

    def trail(self):
        return deliverable_trail(self.request, self.context.deliverable)

    @property
    def intro(self):
        if self.context.deliverable.status == "signed":
            return _("This version is signed off: saving makes a new version of the deliverable, and the signed "
                     "one is kept as it is.")
        return None

    def values(self):
        return {"section": self.context, "conflicts": []}

    def action(self):
        return self.request.route_path("deliverable_section_edit", id=self.context.id)

    def appstruct(self):
        section = self.context
        return {"body": section.body, "base_revision": section.revision}

    def save_success(self, appstruct):
        request, section = self.request, self.context
        base = appstruct["base_revision"]
        deliverable = section.deliverable
        if deliverable.status == "signed":  # the signed version stays as it is: the change goes to the next one
            newer = service.new_version(request.dbsession, deliverable, request.user)
            section = service.section_of(newer, section.key)
            if section is None:
                raise HTTPNotFound()
            base = 1  # each section of a new version starts as the signed text, its revision 1
        saved = service.save_section(request.dbsession, section, appstruct["body"], base, request.user,
                                     appstruct["comment"])
        if saved.status == "conflict":
            shown = {"body": saved.result["body"], "comment": appstruct["comment"], "base_revision": saved.current}
            self.context, self._form = section, None  # the form again, on the section that was saved to
            return self.refuse(shown, status=409, **conflict_values(request, section, saved, base, TITLES))
        if saved.status == "busy":
            request.flash(_("The section is being saved by others right now; your text is kept below: save again."),
                          "error")
            return self.refuse(appstruct, status=409)
        if saved.status == "merged":
            names = ", ".join(sorted({r.author.name if r.author else "—" for r in saved.merged_with}))
            return self.done(_("While you were editing, ${names} saved this section. Your changes and theirs did "
                               "not overlap: both were kept.", mapping={"names": names}), section_url(request, section))
        if section.deliverable is not deliverable:
            return self.done(_("Saved in version ${version}; the signed-off version is kept as it is.",
                               mapping={"version": section.deliverable.version}), section_url(request, section))
        return self.done(_("Changes saved."), section_url(request, section))


@view_config(route_name="deliverable_section_history", renderer=T + "section_history.pt", permission="view")
def section_history(request):
    section = request.context
    revisions = request.dbsession.scalars(select(Revision).where(Revision.content_id == section.id)
                                          .order_by(Revision.number.desc())).all()
    a, b = as_id(request.GET.get("a", "")), as_id(request.GET.get("b", ""))
    diff = None
    if a and b:
        by_number = {r.number: r for r in revisions}
        if a not in by_number or b not in by_number:
            raise HTTPNotFound()
        diff = [row for _name, rows in revision_diff(by_number[a].data, by_number[b].data) for row in rows]
    title = translate(_("History: ${section}", mapping={"section": section.title}), request)
    return page(request, title, deliverable_trail(request, section.deliverable), section=section,
                revisions=revisions, diff=diff, a=a, b=b,
                can_restore=section.deliverable.status != "signed"
                and bool(request.has_permission("write_deliverable", section)))


@view_config(route_name="deliverable_section_restore", request_method="POST", permission="write_deliverable")
def section_restore(request):
    section = request.context
    if section.deliverable.status == "signed":
        raise HTTPNotFound()
    rev = request.dbsession.scalar(select(Revision).where(Revision.content_id == section.id,
                                                          Revision.number == (as_id(request.POST.get("revision", ""))
                                                                              or -1)))
    if rev is None:
        raise HTTPNotFound()
    comment = translate(_("Restored revision ${number}", mapping={"number": rev.number}), request)
    if not service.restore_section(request.dbsession, section, rev, request.user, comment):
        request.flash(_("Someone saved the section at the same moment: look at the history and restore again."),
                      "error")
        return HTTPFound(request.route_path("deliverable_section_history", id=section.id))
    request.flash(_("Revision ${number} restored.", mapping={"number": rev.number}))
    return HTTPFound(section_url(request, section))


@view_config(route_name="deliverable_section_comment", permission="write_deliverable")
class SectionComment(FormView):
    schema = CommentSchema
    buttons = (("comment", _("Add the comment")),)

    def page_title(self):
        return _("Comment on “${section}”", mapping={"section": self.context.title})

    def trail(self):
        return deliverable_trail(self.request, self.context.deliverable)

    def comment_success(self, appstruct):
        service.add_comment(self.request.dbsession, self.context, self.request.user, appstruct["text"])
        return self.done(_("Comment added."), section_url(self.request, self.context))
