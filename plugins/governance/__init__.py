"""Governance: the plenary meetings of the member organisations (agenda, convocation, seats,
attendance, proxies) and the motions voted there or by written procedure, with the quorum and the
majority of the statutes and verifiable secret ballots. The voter is a member organisation."""
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
    config.add_demo_data(create_demo_plenary, order=80)
    config.add_demo_data(create_demo_upcoming, order=81)
    config.include(".views")
