"""Workshops: the collaborative networks (a pilot city, its priority theme, the member cities that join,
an advisory group, a stage of the road map and an action plan on the core's action trees) and the
international workshops the secretariat offers them (../shared/seeds: the workshop guide).

Everything the plugin brings is declared here; its tables are its own (migrations/)."""
from portal.api import _


def includeme(config):
    config.add_plugin("networks", title=_("Collaborative networks and international workshops"))
    from .models import Network
    from .permissions import WorkshopsPermissions
    config.add_permissions(WorkshopsPermissions)
    config.include(".mail")
    config.include(".routes")
    config.register_resource("network", Network, title=lambda request, obj: obj.title,
                             url=lambda request, obj: request.route_url("network", id=obj.id))
    from .workshop_models import Workshop
    config.register_resource("international-workshop", Workshop, title=lambda request, obj: obj.title,
                             url=lambda request, obj: request.route_url("workshop", id=obj.id))
    config.add_menu_item("main", "networks", _("Collaborative networks"), route_name="networks", order=45,
                         parent="network")
    config.add_menu_item("main", "international-workshops", _("International workshops"), route_name="workshops",
                         order=46, parent="network")
    from .timeline import TIMELINE_KINDS, workshop_timeline
    config.add_timeline("international-workshops", workshop_timeline, order=65, kinds=TIMELINE_KINDS)
    from .publication import experience_badges, region_workshops
    config.add_content_badges("workshops", experience_badges, types=("experience",))
    config.add_region_section("international-workshops", _("International workshops"), region_workshops, order=60)
    from .demo import create_demo_networks
    config.add_demo_data(create_demo_networks, order=80)
    config.include(".views")
