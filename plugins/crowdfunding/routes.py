"""Every route of the crowdfunding plugin. A campaign is a content type: its page /campaigns/{id}, its
add and edit forms are the core's content views (add_content_type, path /campaigns); these are the rest."""
from .views.common import campaign_factory, pledge_factory


def includeme(config):
    add = config.add_route
    add("campaigns", "/campaigns")
    add("campaign_pledge", "/campaigns/{id:\\d+}/pledge", factory=campaign_factory)
    add("campaign_thanks", "/campaigns/{id:\\d+}/thanks/{reference}", factory=campaign_factory)
    add("campaign_pledges", "/campaigns/{id:\\d+}/pledges", factory=campaign_factory)
    add("campaign_pledge_paid", "/pledges/{pledge:\\d+}/paid", factory=pledge_factory)
    add("campaign_matching", "/campaigns/{id:\\d+}/matching", factory=campaign_factory)
    add("campaign_updates", "/campaigns/{id:\\d+}/updates", factory=campaign_factory)
    add("campaign_returns", "/campaigns/{id:\\d+}/returns", factory=campaign_factory)
