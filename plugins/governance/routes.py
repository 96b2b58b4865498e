"""Every route of the governance plugin (under /governance)."""


def includeme(config):
    add = config.add_route
    # --- work plan
    from .views.workplan_common import WorkPlanRoot
    add("governance.workplans", "/work-plan", factory=WorkPlanRoot)
    add("governance.workplan", "/work-plan/{year:\\d{4}}", factory=WorkPlanRoot)
    add("governance.workplan.settings", "/work-plan/{year:\\d{4}}/settings", factory=WorkPlanRoot)
    add("governance.workplan.add", "/work-plan/{year:\\d{4}}/add", factory=WorkPlanRoot)
    add("governance.workplan.edit", "/work-plan/{year:\\d{4}}/{action:\\d+}/edit", factory=WorkPlanRoot)
    add("governance.workplan.delete", "/work-plan/{year:\\d{4}}/{action:\\d+}/delete", factory=WorkPlanRoot)
    add("governance.workplan.report", "/work-plan/{year:\\d{4}}/report", factory=WorkPlanRoot)
    add("governance.workplan.pdf", "/work-plan/{year:\\d{4}}/report.pdf", factory=WorkPlanRoot)
    # --- presidency
    from .views.presidency_common import call_factory, candidacy_factory, document_factory
    add("governance.presidency.calls", "/presidency", factory=WorkPlanRoot)
    add("governance.presidency.add", "/presidency/add", factory=WorkPlanRoot)
    add("governance.presidency", "/presidency/{year:\\d{4}}", factory=call_factory)
    add("governance.presidency.edit", "/presidency/{year:\\d{4}}/edit", factory=call_factory)
    add("governance.presidency.apply", "/presidency/{year:\\d{4}}/candidacy", factory=call_factory)
    add("governance.presidency.announce", "/presidency/{year:\\d{4}}/result", factory=call_factory)
    add("governance.candidacy", "/candidacies/{candidacy:\\d+}", factory=candidacy_factory)
    add("governance.candidacy.check", "/candidacies/{candidacy:\\d+}/eligibility", factory=candidacy_factory)
    add("governance.candidacy.document", "/candidacies/{candidacy:\\d+}/documents/{document:\\d+}",
        factory=document_factory)
