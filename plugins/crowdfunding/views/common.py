"""What the campaign pages share: their contexts, the figures of a campaign (raised, supporters, the
progress towards the minimum and the optimum, the time left) and how amounts and rewards read."""
import math

from portal.api import _, here_and_there, keep_for, model_factory, translate, translated

from ..models import Campaign, Pledge
from ..matching import matched_totals
from ..money import money
from ..pledges import totals

campaign_factory = model_factory(Campaign, "id")
pledge_factory = model_factory(Pledge, "pledge")


def trail(request, campaign):
    return [(_("Campaigns"), request.route_path("campaigns")),
            (str(translated(request, campaign, "title")), request.route_path("campaign.view", id=campaign.id))]


class OfCampaign:
    """A page of one campaign (the route's context), whose trail leads back to the campaign's page."""

    @property
    def campaign(self):
        return self.context

    def trail(self):
        return trail(self.request, self.campaign)


class OfPledge:
    """A step on one pledge (the route's context), taken from the campaign's pledges and leading back there."""

    @property
    def pledge(self):
        return self.context

    def cancel_url(self):
        return self.request.route_path("campaign_pledges", id=self.pledge.campaign_id)

    def trail(self):
        return trail(self.request, self.pledge.campaign) + [(_("Pledges"), self.cancel_url())]


def depends_on_the_clock(request):
    # days left and open or not change with time, not with a committed change: a minute in the page cache
    keep_for(request, 60)


def amount_text(request, campaign, minor):
    return money(minor, campaign.currency, request.locale_name)


def percent(part, whole):
    return min(100, math.floor(part * 100 / whole)) if whole else 100


def figures(request, campaign, raised=None, supporters=None, matched=None):
    """What a campaign's card and page show of its progress; the bars and "funded" count what the
    supporters gave and what the matchfunding pots add to it (shown apart)."""
    if raised is None:
        raised, supporters = totals(request.dbsession, [campaign.id])[campaign.id]
    if matched is None:
        matched = matched_totals(request.dbsession, [campaign.id])[campaign.id]
    counted = raised + matched
    now_phase = campaign.phase()
    seconds = (campaign.final_end - request_now()).total_seconds()
    return {
        "raised": raised, "raised_text": amount_text(request, campaign, raised), "supporters": supporters,
        "minimum": campaign.minimum, "minimum_text": amount_text(request, campaign, campaign.minimum),
        "optimum": campaign.optimum, "optimum_text": amount_text(request, campaign, campaign.optimum),
        "minimum_percent": percent(counted, campaign.minimum), "optimum_percent": percent(counted, campaign.optimum),
        "funded": counted >= campaign.minimum, "phase": now_phase,
        "days_left": max(0, math.ceil(seconds / 86400)) if now_phase == "open" else 0,
        "ends_text": here_and_there(request, campaign.final_end, campaign.timezone),
        "starts_text": here_and_there(request, campaign.starts, campaign.timezone),
        "matched": matched, "matched_text": amount_text(request, campaign, matched),
        "counted_text": amount_text(request, campaign, counted),
    }


def request_now():
    from portal.api import clock
    return clock.now()


def reward_left_text(request, reward):
    if reward.quantity is None:
        return translate(_("Unlimited"), request)
    if reward.left == 0:
        return translate(_("Sold out"), request)
    return translate(_("${left} of ${quantity} left", mapping={"left": reward.left, "quantity": reward.quantity}),
                     request)


def reward_choice(request, campaign, reward):
    """A reward as the pledge form offers it: from how much, what, how many are left."""
    return translate(_("From ${amount}: ${reward} (${left})", mapping={
        "amount": amount_text(request, campaign, reward.amount), "reward": reward.description,
        "left": reward_left_text(request, reward)}), request)


def can_manage(request, campaign):
    return bool(request.has_permission("manage_pledges", campaign))
