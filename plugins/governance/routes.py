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
