"""The antennas' pages: antennas.py (the list, an antenna's page, the secretariat's forms) and
section.py (coordinators adding content to their antenna's section, whose own pages are the antenna's)."""
from .section import AntennaSection


def includeme(config):
    from .section import AntennaContentViews
    config.add_view(AntennaContentViews, attr="add", route_name="antenna_content_add", permission="edit",
                    request_method=("GET", "POST"), renderer="portal:templates/content_form.pt")
    config.add_view_predicate("antenna_section", AntennaSection)
    config.scan(".")
