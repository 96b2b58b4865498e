"""Crowdfunding: campaigns that fund the network's actions (a workshop, a study, an antenna, a
translation), with pledges never lost or counted twice.

Everything the plugin brings is declared here. A campaign is a content type (its title, summary and
story written in each language, its cover among its images); its rewards and pledges are the plugin's
own tables (migrations/)."""
from portal.api import _

EXAMPLE = {"action": "Work plan 2027, line 3.2", "currency": "EUR", "timezone": "Europe/Lisbon",
           "start_local": "2026-11-01T09:00", "end_local": "2027-03-01T18:00", "min_pledge_amount": "5"}


def includeme(config):
    config.add_plugin("crowdfunding", title=_("Crowdfunding"))
    from .demo import create_demo_campaigns
    from .demo_extras import create_demo_extras
    from .exports import PLEDGE_COLUMNS, SUPPORTER_COLUMNS, pledge_rows, supporter_rows
    from .models import Campaign
    from .permissions import CrowdfundingPermissions
    from .schemas import CampaignSchema
    from .search import campaign_document, is_published
    from .sections import open_campaigns, year_total
    from .timeline import TIMELINE_KINDS, campaign_timeline
    from .views.campaigns import view_values
    config.add_permissions(CrowdfundingPermissions)
    config.include(".mail")
    config.include(".routes")
    config.add_content_type(
        "campaign", Campaign, schema=CampaignSchema, title=_("Campaign"), plural=_("Campaigns"), path="/campaigns",
        listing=False, listing_route="campaigns", add_roles=("secretariat",),
        view_template="plugins.crowdfunding:templates/view.pt", view_values=view_values, example=EXAMPLE)
    config.add_search_index(Campaign, document=campaign_document, should_index=is_published, name="campaign")
    config.add_menu_item("main", "campaigns", _("Campaigns"), route_name="campaigns", order=40, parent="network")
    config.add_timeline("campaigns", campaign_timeline, order=60, kinds=TIMELINE_KINDS)
    config.add_year_figure("campaigns", _("Crowdfunding"), year_total, order=20)
    config.add_home_section("campaigns", _("Open campaigns"), open_campaigns, order=15)
    config.add_export("crowdfunding-pledges", _("Pledges to the campaigns"), pledge_rows, columns=PLEDGE_COLUMNS,
                      permission="manage")
    config.add_export("crowdfunding-supporters", _("Supporters of the campaigns (anonymous ones unnamed)"),
                      supporter_rows, columns=SUPPORTER_COLUMNS)
    config.add_static("static/crowdfunding.css")
    config.add_demo_data(create_demo_campaigns, order=70)
    config.add_demo_data(create_demo_extras, order=71)
    config.include(".views")
    from .closing import CHECK_EVERY, close_task
    # campaigns close at their end without anyone: the worker checks every minute
    config.add_periodic_task("crowdfunding:close", close_task, every=CHECK_EVERY,
                             title=_("Close the campaigns whose end has passed, start second rounds, warn owners"))
    # what a work plan's action may name as carrying it out (the core's action trees)
    config.register_resource("campaign", Campaign)
