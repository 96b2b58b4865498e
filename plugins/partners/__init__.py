"""Partners and agreements: the organisations the network works with that are not members (networks,
universities, agencies, foundations, governments), the agreements that keep it running (the hosting of
the technical secretariat, collaborations, internships, studies, funding), their obligations and
reminders, the internships under a university agreement, and what the network did with each partner.

Everything the plugin brings is declared here. A partner is a content type (its name, summary and
description written in each language, its logo among its images); agreements, obligations, internships
and joint activities are the plugin's own tables (migrations/)."""
from portal.api import _

EXAMPLE = {"kind": "network", "website": "https://www.uclg.org", "country": "ES",
           "relation": "Hosts the technical secretariat."}


def includeme(config):
    config.add_plugin("partners", title=_("Partners"))
    from .demo import create_demo_partners
    from .exports import AGREEMENT_COLUMNS, PARTNER_COLUMNS, agreement_rows, partner_rows
    from .models import Agreement, Partner
    from .permissions import PartnerPermissions
    from .schemas import PartnerSchema
    from .search import FACET, FACET_LABELS, FACET_VALUES, is_published, partner_document
    from .views.partners import view_values
    config.add_permissions(PartnerPermissions)
    config.include(".routes")
    config.include(".reminders")
    config.add_content_type(
        "partner", Partner, schema=PartnerSchema, title=_("Partner"), plural=_("Partners"), path="/partners",
        listing=False, listing_route="partners", add_roles=("secretariat",),
        view_template="plugins.partners:templates/view.pt", view_values=view_values, example=EXAMPLE)
    config.register_resource("partner", Partner)
    config.register_resource("agreement", Agreement,
                             url=lambda request, obj: request.route_url("agreement", agreement=obj.id))
    from .activities import ITEM_RESOURCES, co_organisers
    config.add_item_section("partners-co-organisers", _("Co-organised with"), co_organisers,
                            resources=ITEM_RESOURCES, order=40)
    config.add_search_index(Partner, document=partner_document, should_index=is_published, name="partner",
                            facets={FACET: _("Partner")}, facet_values=FACET_VALUES, facet_labels=FACET_LABELS)
    config.add_menu_item("main", "partners", _("Partners"), route_name="partners", order=45, parent="network")
    config.add_menu_item("manage", "agreements", _("Agreements"), route_name="agreements", order=45,
                         permission="manage_agreements")
    config.add_export("partners", _("Partners of the network"), partner_rows, columns=PARTNER_COLUMNS)
    config.add_export("partners-agreements", _("Public agreements with partners and members"), agreement_rows,
                      columns=AGREEMENT_COLUMNS)
    config.add_static("static/partners.css")
    config.add_demo_data(create_demo_partners, order=80)
    config.include(".views")
