"""Regional antennas, the member directory's additions and the network's reach.

Antennas are the network's offices in a region; each owns a core Section where its coordinators
(a local role on that section) publish news, pages and events, and nowhere else. An antenna's page
gathers its own content and the region sections of every plugin. The reach dashboard draws the
membership per region and type as server-side SVG with tables and a CSV export; members show the
network's badge on their websites, and any site can frame a list of the latest experiences."""
from portal.api import _


def includeme(config):
    config.add_plugin("antennas", requires=("experiences",))
    from .reach import REACH_COLUMNS, reach_rows
    from .schemas import ReachSettings
    from .sections import TIMELINE_KINDS, antenna_timeline, member_antennas, member_presence, region_members
    config.add_menu_item("main", "antennas", _("Antennas"), route_name="antennas", order=30, parent="network")
    config.add_menu_item("manage", "antennas", _("Antennas"), route_name="antennas", order=40,
                         permission="manage")
    config.add_menu_item("manage", "reach", _("Reach of the network"), route_name="reach", order=41,
                         permission="manage")
    config.add_plugin_settings("antennas", ReachSettings, title=_("Target share of each region"))
    config.add_export("reach", _("Reach of the network"), reach_rows, columns=REACH_COLUMNS)
    config.add_region_section("members", _("Member organisations"), region_members, order=5)
    config.add_member_section("antennas", _("Regional antenna"), member_antennas, order=90)
    config.add_member_section("presence", _("Badge of the network"), member_presence, order=95)
    config.add_timeline("antennas", antenna_timeline, order=90, kinds=TIMELINE_KINDS)
    from .dashboard import all_antennas, my_antennas
    config.add_dashboard_panel("antennas", _("Your regional antenna"), my_antennas, order=70,
                               empty=_("No regional antenna serves your region yet."), action=all_antennas)
    from .demo import create_demo_antennas
    config.add_demo_data(create_demo_antennas, order=60)
    config.add_static("static/antennas.css")
    config.include(".routes")
    config.include(".views")
    config.include(".public")
    config.scan(".reach")
