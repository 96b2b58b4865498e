"""Governance: the network governed by its member organisations: the plenary meetings (agenda,
convocation, seats, attendance, proxies) and the motions voted there or by written procedure, with the
quorum and the majority of the statutes and verifiable secret ballots (the voter is a member
organisation); the secretariat's yearly work plan on the core's action trees; the yearly call for the
presidency seat. Everything the plugin brings is declared here."""
from portal.api import _


def includeme(config):
    config.add_plugin("governance", title=_("Governance"))
    from .meetings_demo import create_demo_plenary, create_demo_upcoming
    from .permissions import GovernancePermissions
    from .settings import GovernanceSettings
    from .votes_timeline import TIMELINE_KINDS, governance_timeline
    config.add_permissions(GovernancePermissions)
    config.add_plugin_settings("governance", GovernanceSettings, title=_("Statutes: quorum and proxies"))
    config.include(".meetings_mail")
    config.include(".routes")
    config.add_menu_item("main", "plenaries", _("Plenary meetings"), route_name="gov_meetings", order=45,
                         parent="network")
    config.add_timeline("governance", governance_timeline, order=70, kinds=TIMELINE_KINDS)
    from .closing import CHECK_EVERY, close_task
    config.add_periodic_task("governance:close-procedures", close_task, every=CHECK_EVERY,
                             title=_("Close the written procedures whose end has passed, announce their results"))
    config.add_demo_data(create_demo_plenary, order=80)
    config.add_demo_data(create_demo_upcoming, order=81)
    config.include(".views")
    config.add_static("static/governance.css")
    # a work plan's approval and a presidency call's result name the motion that decided them
    from .models import Motion
    def motion_url(request, motion):
        return request.route_path("gov_motion", motion=motion.id)
    config.register_resource("motion", Motion, url=motion_url)
    config.register_resource("vote", Motion, url=motion_url)
    # --- work plan
    from .workplan_demo import create_demo_work_plan
    config.add_menu_item("main", "work-plan", _("Work plan"), route_name="governance.workplans", order=70,
                         parent="network")
    config.add_demo_data(create_demo_work_plan, order=80)
    # --- presidency
    from .presidency_demo import create_demo_presidency_call
    from .presidency_timeline import TIMELINE_KINDS as PRESIDENCY_KINDS
    from .presidency_timeline import presidency_timeline
    config.include(".presidency_mail")
    config.add_timeline("presidency", presidency_timeline, order=71, kinds=PRESIDENCY_KINDS)
    config.add_demo_data(create_demo_presidency_call, order=81)
    config.add_menu_item("main", "presidency", _("Presidency"), route_name="governance.presidency.calls", order=71,
                         parent="network")
