"""Every route of the antennas: their pages under /antennas, the reach dashboard, the members'
badges and the embeddable list of experiences."""
from .views.antennas import antenna_factory
from .views.section import antenna_section_factory


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/antennas"):
        add("antennas", "", inherit_slash=True)
        add("antenna_add", "/add")
        add("antenna", "/{id:\\d+}", factory=antenna_factory)
        add("antenna_edit", "/{id:\\d+}/edit", factory=antenna_factory)
        add("antenna_delete", "/{id:\\d+}/delete", factory=antenna_factory)
        add("antenna_content_add", "/{id:\\d+}/add/{type}", factory=antenna_section_factory)
    add("reach", "/reach")
    add("member_badge_svg", "/members/{id:\\d+}/badge.svg")
    add("member_badge", "/members/{id:\\d+}/badge")
    with config.route_prefix_context("/embed"):
        add("embed_help", "", inherit_slash=True)
        add("embed_experiences", "/experiences")
