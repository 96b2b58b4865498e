"""Every route of the antennas: their pages under /antennas, the reach dashboard, the members'
badges and the embeddable list of experiences."""
from .views.antennas import antenna_factory
from .views.section import antenna_section_factory


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/antennas"):
        add("antennas", "", inherit_slash=True)
        add("antenna_add", "/add")
        config.add_routes("/{id:\\d+}", factory=antenna_factory, antenna="", antenna_edit="/edit",
                          antenna_delete="/delete")
        add("antenna_content_add", "/{id:\\d+}/add/{type}", factory=antenna_section_factory)
    config.add_routes("", reach="/reach", member_badge_svg="/members/{id:\\d+}/badge.svg",
                      member_badge="/members/{id:\\d+}/badge")
    with config.route_prefix_context("/embed"):
        add("embed_help", "", inherit_slash=True)
        add("embed_experiences", "/experiences")
