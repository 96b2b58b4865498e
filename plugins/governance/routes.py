"""Every route of the governance plugin."""
from .views.common import meeting_factory, meetings_root, motion_factory, proxy_factory


def includeme(config):
    add = config.add_route
    config.add_routes("/governance/meetings", factory=meetings_root, gov_meetings="", gov_meeting_add="/add")
    config.add_routes("/governance/meetings/{id:\\d+}", factory=meeting_factory, gov_meeting="",
                      gov_meeting_convene="/convene", gov_meeting_checkin="/check-in",
                      gov_meeting_attendance="/attendance", gov_seat="/seats/{seat:\\d+}")
    from .views.minutes import minutes_factory
    from .views.workplan_common import WorkPlanRoot
    add("gov_minutes_list", "/governance/minutes", factory=WorkPlanRoot)
    config.add_routes("/governance/meetings/{id:\\d+}", factory=minutes_factory, gov_minutes="/minutes",
                      gov_minutes_pdf="/minutes.pdf")
    add("gov_minutes_draft", "/governance/meetings/{id:\\d+}/minutes/draft", factory=meeting_factory)
    config.add_routes("/governance/meetings/{id:\\d+}/minutes", factory=minutes_factory, gov_minutes_edit="/edit",
                      gov_minutes_approve="/approve")
    add("gov_proxy_give", "/governance/meetings/{id:\\d+}/proxy", factory=meeting_factory)
    config.add_routes("/governance/proxies/{proxy:\\d+}", factory=proxy_factory, gov_proxy_letter="/letter.pdf",
                      gov_proxy_signed="/signed", gov_proxy_check="/check")
    add("gov_motion_add", "/governance/meetings/{id:\\d+}/motions/add", factory=meeting_factory)
    add("gov_procedure_add", "/governance/procedures/add", factory=meetings_root)
    config.add_routes("/governance/motions/{motion:\\d+}", factory=motion_factory, gov_motion="",
                      gov_motion_amend="/amend", gov_motion_open="/open", gov_motion_close="/close",
                      gov_motion_vote="/vote")
    # --- work plan
    from .views.workplan_common import WorkPlanRoot
    add("governance.workplans", "/governance/work-plan", factory=WorkPlanRoot)
    config.add_routes("/governance/work-plan/{year:\\d{4}}", {
        "governance.workplan": "", "governance.workplan.settings": "/settings", "governance.workplan.add": "/add",
        "governance.workplan.edit": "/{action:\\d+}/edit", "governance.workplan.delete": "/{action:\\d+}/delete",
        "governance.workplan.report": "/report", "governance.workplan.pdf": "/report.pdf"}, factory=WorkPlanRoot)
    # --- presidency
    from .views.presidency_common import call_factory, candidacy_factory, document_factory
    config.add_routes("/governance/presidency", {"governance.presidency.calls": "", "governance.presidency.add": "/add"},
                      factory=WorkPlanRoot)
    config.add_routes("/governance/presidency/{year:\\d{4}}", {
        "governance.presidency": "", "governance.presidency.edit": "/edit", "governance.presidency.apply": "/candidacy",
        "governance.presidency.vote": "/vote", "governance.presidency.announce": "/result"}, factory=call_factory)
    config.add_routes("/governance/candidacies/{candidacy:\\d+}", {
        "governance.candidacy": "", "governance.candidacy.check": "/eligibility"}, factory=candidacy_factory)
    add("governance.candidacy.document", "/governance/candidacies/{candidacy:\\d+}/documents/{document:\\d+}",
        factory=document_factory)

