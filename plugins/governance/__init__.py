"""Governance: the network governed by its member organisations: plenary meetings and their votes
(part A), the secretariat's yearly work plan on the core's action trees and the yearly call for the
presidency seat. Everything the plugin brings is declared here."""
from portal.api import _


def includeme(config):
    config.add_plugin("governance", title=_("Governance"))
    from .permissions import GovernancePermissions
    config.add_permissions(GovernancePermissions)
    config.include(".routes", route_prefix="/governance")
    config.include(".views")
    # --- work plan
    from .workplan_demo import create_demo_work_plan
    config.add_menu_item("main", "work-plan", _("Work plan"), route_name="governance.workplans", order=70,
                         parent="network")
    config.add_demo_data(create_demo_work_plan, order=80)
    # --- presidency
    from .presidency_demo import create_demo_presidency_call
    from .presidency_timeline import TIMELINE_KINDS, presidency_timeline
    config.include(".presidency_mail")
    config.add_timeline("presidency", presidency_timeline, order=70, kinds=TIMELINE_KINDS)
    config.add_demo_data(create_demo_presidency_call, order=81)
    config.add_menu_item("main", "presidency", _("Presidency"), route_name="governance.presidency.calls", order=71,
                         parent="network")
