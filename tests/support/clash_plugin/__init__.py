"""A plugin that claims names the sample plugin already uses: loading both must fail at start-up."""
from portal.i18n import _


def includeme(config):
    from sample_plugin import WorkshopSchema
    from sample_plugin.models import Workshop
    config.add_content_type("workshop", Workshop, schema=WorkshopSchema, title=_("Workshop"), path="/other")
    config.add_menu_item("main", "workshops", _("Workshops"), route_name="home")
