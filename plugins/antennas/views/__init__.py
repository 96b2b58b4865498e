"""The antennas' pages: antennas.py (the list, an antenna's page, the secretariat's forms) and
section.py (coordinators adding content to their antenna's section, whose own pages are the antenna's)."""
from .section import AntennaSection


def includeme(config):
    config.add_route("antennas", "/antennas")
    config.add_route("antenna_add", "/antennas/add")
    from .antennas import antenna_factory
    from .section import AntennaContentViews, antenna_section_factory
    config.add_route("antenna", "/antennas/{id:\\d+}", factory=antenna_factory)
    config.add_route("antenna_edit", "/antennas/{id:\\d+}/edit", factory=antenna_factory)
    config.add_route("antenna_delete", "/antennas/{id:\\d+}/delete", factory=antenna_factory)
    config.add_route("antenna_content_add", "/antennas/{id:\\d+}/add/{type}", factory=antenna_section_factory)
    config.add_view(AntennaContentViews, attr="add", route_name="antenna_content_add", permission="edit",
                    request_method=("GET", "POST"), renderer="portal:templates/content_form.pt")
    config.add_view_predicate("antenna_section", AntennaSection)
    config.scan(".")
