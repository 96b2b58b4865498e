"""The work plan's pages: the years, a year's plan (the core's action tree with its weighted roll-up,
each action linked to what carries it out), its actions' forms (the core's, on these routes, with the
secretariat's permission), its approval and publication, and the yearly report (HTML and PDF)."""
import colander
import deform
from pyramid.view import view_config

from portal.api import (ActionDeleteView, ActionFormView, FormView, PdfDocument, _, action_links, date_text, page,
                        pdf_response, plan_values, translate, translated)

from ..workplan import WorkPlanYear, done_by_line, ensure_year, year_record, year_tree, years
from .workplan_common import approval_link, can_edit, route_year, shown_year, trail, year_plan


@view_config(route_name="governance.workplans", renderer="plugins.governance:templates/workplan_years.pt",
             permission="view")
def work_plans(request):
    editor = can_edit(request)
    rows = [(record, year_plan(request, record.year).percent()) for record in years(request.dbsession, not editor)]
    return page(request, _("Work plan"), (), rows=rows, editor=editor)


@view_config(route_name="governance.workplan", renderer="plugins.governance:templates/workplan.pt", permission="view")
def work_plan(request):
    year, record = shown_year(request)
    editor = can_edit(request)
    routes = dict(edit_route="governance.workplan.edit", add_route="governance.workplan.add",
                  delete_route="governance.workplan.delete") if editor else {}
    values = plan_values(request, year_tree(request.dbsession, year), year=year, **routes)
    if editor:
        request.response.cache_control.private = True
    return page(request, translate(_("Work plan ${year}", mapping={"year": year}), request), trail(request),
                year=year, record=record, editor=editor, motion=approval_link(request, record),
                figures=request.registry.portal.year_figures_of(request, year), **values)


class WorkPlanPages:
    """The year's tree for the core's action pages; the first action written makes the year's record."""

    def get_tree(self):
        return year_tree(self.request.dbsession, route_year(self.request))

    def plan_url(self):
        return self.request.route_url("governance.workplan", year=route_year(self.request))

    def trail(self):
        return trail(self.request, route_year(self.request))


@view_config(route_name="governance.workplan.add", permission="edit_work_plan")
@view_config(route_name="governance.workplan.edit", permission="edit_work_plan")
class WorkPlanActionForm(WorkPlanPages, ActionFormView):
    def save_success(self, appstruct):
        ensure_year(self.request.dbsession, route_year(self.request))
        return super().save_success(appstruct)


@view_config(route_name="governance.workplan.delete", permission="edit_work_plan")
class WorkPlanActionDelete(WorkPlanPages, ActionDeleteView):
    pass


class ApprovalSchema(colander.Schema):
    approved_on = colander.SchemaNode(colander.Date(), title=_("Approved on"), missing=None,
                                      widget=deform.widget.TextInputWidget(attributes={"type": "date"}))
    approved_by = colander.SchemaNode(colander.String(), title=_("Approved by"), missing="",
                                      validator=colander.Length(0, 300),
                                      description=_("For instance: the internal session of members in Cascais."))
    motion_id = colander.SchemaNode(colander.Integer(), title=_("The approving motion's number"), missing=None,
                                    validator=colander.Range(1, 2**31 - 1),
                                    description=_("Once the plenary's motions are on the portal."))
    published = colander.SchemaNode(colander.Boolean(), title=_("Published: everyone reads this year's plan"),
                                    missing=False)


@view_config(route_name="governance.workplan.settings", permission="edit_work_plan")
class WorkPlanSettings(WorkPlanPages, FormView):
    """The year's approval by the plenary and its publication."""
    schema = ApprovalSchema

    def page_title(self):
        return _("Approval and publication")

    def appstruct(self):
        record = year_record(self.request.dbsession, route_year(self.request))
        if record is None:
            return {"published": False}
        return {"approved_on": record.approved_on, "approved_by": record.approved_by, "motion_id": record.motion_id,
                "published": record.published}

    def save_success(self, appstruct):
        motion = appstruct["motion_id"]
        if motion is not None:
            model = self.request.resources["motion"] if "motion" in self.request.resources else None
            if model is None:
                return self.refuse(appstruct, _("Motions are not on the portal yet: write the approval as a text."),
                                   field="motion_id")
            if self.request.dbsession.get(model, motion) is None:
                return self.refuse(appstruct, _("There is no motion with this number."), field="motion_id")
        record: WorkPlanYear = ensure_year(self.request.dbsession, route_year(self.request))
        record.approved_on, record.approved_by = appstruct["approved_on"], appstruct["approved_by"].strip()
        record.motion_id, record.published = motion, appstruct["published"]
        return self.done(_("Saved."), self.plan_url())


def report_values(request):
    year, record = shown_year(request)
    plan = year_plan(request, year)
    lines = done_by_line(plan)
    links = action_links(request, [a for _line, _pct, done in lines for a in done])
    return year, record, plan, lines, links


@view_config(route_name="governance.workplan.report", renderer="plugins.governance:templates/workplan_report.pt",
             permission="view")
def work_plan_report(request):
    year, record, plan, lines, links = report_values(request)
    return page(request, translate(_("What was done in ${year}", mapping={"year": year}), request),
                trail(request, year), year=year, record=record, plan=plan, lines=lines, links=links,
                motion=approval_link(request, record))


@view_config(route_name="governance.workplan.pdf", permission="view")
def work_plan_pdf(request):
    year, record, plan, lines, links = report_values(request)
    title = translate(_("What was done in ${year}", mapping={"year": year}), request)
    doc = PdfDocument(title, author=translate(_("The technical secretariat"), request))
    total = plan.percent()
    if total is not None:
        doc.line(translate(_("Progress of the whole plan: ${percent}%", mapping={"percent": total}), request))
    if record is not None and record.approved_on:
        doc.line(translate(_("Approved on ${date} by ${who}", mapping={
            "date": date_text(request.locale_name, record.approved_on), "who": record.approved_by or "—"}), request))
    for line, percent, done in lines:
        doc.heading(f"{translated(request, line, 'title')} — {percent if percent is not None else '—'}%")
        if not done:
            doc.line(translate(_("Nothing done yet."), request))
        for action in done:
            link = links.get(action.id)
            text = f"• {translated(request, action, 'title')}"
            if link is not None:
                text += " — " + translate(_("carried out by ${what}", mapping={"what": link.title}), request)
            doc.line(text)
    return pdf_response(doc.bytes(), f"work-plan-{year}-report.pdf")
