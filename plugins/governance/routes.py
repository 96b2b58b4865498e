"""Every route of the governance plugin."""
from .views.common import meeting_factory, meetings_root, motion_factory, proxy_factory


def includeme(config):
    add = config.add_route
    add("gov_meetings", "/governance/meetings", factory=meetings_root)
    add("gov_meeting_add", "/governance/meetings/add", factory=meetings_root)
    add("gov_meeting", "/governance/meetings/{id:\\d+}", factory=meeting_factory)
    add("gov_meeting_convene", "/governance/meetings/{id:\\d+}/convene", factory=meeting_factory)
    add("gov_meeting_checkin", "/governance/meetings/{id:\\d+}/check-in", factory=meeting_factory)
    add("gov_meeting_attendance", "/governance/meetings/{id:\\d+}/attendance", factory=meeting_factory)
    add("gov_seat", "/governance/meetings/{id:\\d+}/seats/{seat:\\d+}", factory=meeting_factory)
    from .views.minutes import minutes_factory
    from .views.workplan_common import WorkPlanRoot
    add("gov_minutes_list", "/governance/minutes", factory=WorkPlanRoot)
    add("gov_minutes", "/governance/meetings/{id:\\d+}/minutes", factory=minutes_factory)
    add("gov_minutes_pdf", "/governance/meetings/{id:\\d+}/minutes.pdf", factory=minutes_factory)
    add("gov_minutes_draft", "/governance/meetings/{id:\\d+}/minutes/draft", factory=meeting_factory)
    add("gov_minutes_edit", "/governance/meetings/{id:\\d+}/minutes/edit", factory=minutes_factory)
    add("gov_minutes_approve", "/governance/meetings/{id:\\d+}/minutes/approve", factory=minutes_factory)
    add("gov_proxy_give", "/governance/meetings/{id:\\d+}/proxy", factory=meeting_factory)
    add("gov_proxy_letter", "/governance/proxies/{proxy:\\d+}/letter.pdf", factory=proxy_factory)
    add("gov_proxy_signed", "/governance/proxies/{proxy:\\d+}/signed", factory=proxy_factory)
    add("gov_proxy_check", "/governance/proxies/{proxy:\\d+}/check", factory=proxy_factory)
    add("gov_motion_add", "/governance/meetings/{id:\\d+}/motions/add", factory=meeting_factory)
    add("gov_procedure_add", "/governance/procedures/add", factory=meetings_root)
    add("gov_motion", "/governance/motions/{motion:\\d+}", factory=motion_factory)
    add("gov_motion_amend", "/governance/motions/{motion:\\d+}/amend", factory=motion_factory)
    add("gov_motion_open", "/governance/motions/{motion:\\d+}/open", factory=motion_factory)
    add("gov_motion_close", "/governance/motions/{motion:\\d+}/close", factory=motion_factory)
    add("gov_motion_vote", "/governance/motions/{motion:\\d+}/vote", factory=motion_factory)
    # --- work plan
    from .views.workplan_common import WorkPlanRoot
    add("governance.workplans", "/governance/work-plan", factory=WorkPlanRoot)
    add("governance.workplan", "/governance/work-plan/{year:\\d{4}}", factory=WorkPlanRoot)
    add("governance.workplan.settings", "/governance/work-plan/{year:\\d{4}}/settings", factory=WorkPlanRoot)
    add("governance.workplan.add", "/governance/work-plan/{year:\\d{4}}/add", factory=WorkPlanRoot)
    add("governance.workplan.edit", "/governance/work-plan/{year:\\d{4}}/{action:\\d+}/edit", factory=WorkPlanRoot)
    add("governance.workplan.delete", "/governance/work-plan/{year:\\d{4}}/{action:\\d+}/delete", factory=WorkPlanRoot)
    add("governance.workplan.report", "/governance/work-plan/{year:\\d{4}}/report", factory=WorkPlanRoot)
    add("governance.workplan.pdf", "/governance/work-plan/{year:\\d{4}}/report.pdf", factory=WorkPlanRoot)
    # --- presidency
    from .views.presidency_common import call_factory, candidacy_factory, document_factory
    add("governance.presidency.calls", "/governance/presidency", factory=WorkPlanRoot)
    add("governance.presidency.add", "/governance/presidency/add", factory=WorkPlanRoot)
    add("governance.presidency", "/governance/presidency/{year:\\d{4}}", factory=call_factory)
    add("governance.presidency.edit", "/governance/presidency/{year:\\d{4}}/edit", factory=call_factory)
    add("governance.presidency.apply", "/governance/presidency/{year:\\d{4}}/candidacy", factory=call_factory)
    add("governance.presidency.vote", "/governance/presidency/{year:\\d{4}}/vote", factory=call_factory)
    add("governance.presidency.announce", "/governance/presidency/{year:\\d{4}}/result", factory=call_factory)
    add("governance.candidacy", "/governance/candidacies/{candidacy:\\d+}", factory=candidacy_factory)
    add("governance.candidacy.check", "/governance/candidacies/{candidacy:\\d+}/eligibility", factory=candidacy_factory)
    add("governance.candidacy.document", "/governance/candidacies/{candidacy:\\d+}/documents/{document:\\d+}",
        factory=document_factory)
