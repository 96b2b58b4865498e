"""Campaigns on a member organisation's timeline: those it led (the campaign names it), from the day
they opened, and those it supported in its own name (a commitment), on the day it committed."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import TimelineEntry, _, clock, keep_for, translated

from .commitments import Commitment
from .models import COUNTED, Campaign, Pledge
from .money import money
from .pledges import totals

TIMELINE_KINDS = {"campaign-led": (_("Campaign led"), _("Campaigns led")),
                  "campaign-supported": (_("Campaign supported"), _("Campaigns supported"))}


def campaign_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    keep_for(request, 300)  # a campaign enters the history when it opens, without anything being saved
    session, lang = request.dbsession, request.locale_name
    led = session.scalars(select(Campaign).where(Campaign.member_id == member.id, Campaign.state == "published",
                                                 Campaign.starts <= clock.now())).all()
    raised = totals(session, [c.id for c in led])
    for campaign in led:
        note = _("${raised} raised of ${minimum}", mapping={
            "raised": money(raised[campaign.id][0], campaign.currency, lang),
            "minimum": money(campaign.minimum, campaign.currency, lang)})
        yield TimelineEntry(when=campaign.starts, kind="campaign-led", title=translated(request, campaign, "title"),
                            url=request.route_path("campaign.view", id=campaign.id), note=note)
    supported = session.execute(
        select(Pledge, Campaign).join(Commitment, Commitment.pledge_id == Pledge.id)
        .join(Campaign, Campaign.id == Pledge.campaign_id)
        .where(Commitment.member_id == member.id, Pledge.state.in_(COUNTED), Campaign.state == "published")).all()
    for pledge, campaign in supported:
        yield TimelineEntry(when=pledge.created, kind="campaign-supported",
                            title=translated(request, campaign, "title"),
                            url=request.route_path("campaign.view", id=campaign.id),
                            note=money(pledge.amount, campaign.currency, lang))
