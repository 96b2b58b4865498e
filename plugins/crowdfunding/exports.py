"""The pledges for accounting (CSV or JSON, the secretariat's) and the supporters (open to anyone,
anonymity kept): one row a pledge, ?campaign=ID for one campaign. Amounts are decimals in the campaign's
currency."""
from collections.abc import Iterator

from sqlalchemy import select

from portal.api import ExportRow, Request, _, in_batches, translate

from .models import COUNTED, Campaign, Pledge
from .money import plain

PLEDGE_COLUMNS = ("campaign", "campaign_title", "reference", "created", "state", "paid", "amount", "currency",
                  "reward", "method", "name", "anonymous", "email", "language", "message", "cancelled", "refund_amount")


def pledge_rows(request: Request) -> Iterator[ExportRow]:
    stmt = select(Pledge).order_by(Pledge.campaign_id, Pledge.id)
    wanted = request.GET.get("campaign", "")
    if wanted.isdigit():
        stmt = stmt.where(Pledge.campaign_id == int(wanted))
    for pledge in in_batches(request, stmt):
        campaign = pledge.campaign
        yield {"campaign": campaign.id, "campaign_title": campaign.title, "reference": pledge.reference,
               "created": pledge.created.isoformat(), "state": pledge.state,
               "paid": pledge.paid.isoformat() if pledge.paid else "",
               "amount": plain(pledge.amount, campaign.currency), "currency": campaign.currency,
               "reward": pledge.reward.description if pledge.reward else "", "method": pledge.method,
               "name": pledge.name, "anonymous": "yes" if pledge.anonymous else "no", "email": pledge.email,
               "language": pledge.language, "message": pledge.message,
               "cancelled": pledge.cancelled.isoformat() if pledge.cancelled else "",
               "refund_amount": plain(pledge.refund_amount, campaign.currency) if pledge.refund_amount else ""}


SUPPORTER_COLUMNS = ("campaign", "campaign_title", "supporter", "day", "amount", "currency", "reward")


def supporter_rows(request: Request) -> Iterator[ExportRow]:
    """The supporters of the published campaigns, open to anyone: the name only of those who gave it and
    did not ask to stay anonymous, never an e-mail address or a message; ?campaign=ID for one campaign."""
    anonymous = translate(_("Anonymous"), request)
    stmt = (select(Pledge).join(Campaign, Campaign.id == Pledge.campaign_id)
            .where(Campaign.state == "published", Pledge.state.in_(COUNTED)).order_by(Pledge.campaign_id, Pledge.id))
    wanted = request.GET.get("campaign", "")
    if wanted.isdigit():
        stmt = stmt.where(Pledge.campaign_id == int(wanted))
    for pledge in in_batches(request, stmt):
        campaign = pledge.campaign
        yield {"campaign": campaign.id, "campaign_title": campaign.title,
               "supporter": pledge.shown_name or anonymous, "day": pledge.created.date().isoformat(),
               "amount": plain(pledge.amount, campaign.currency), "currency": campaign.currency,
               "reward": pledge.reward.description if pledge.reward else ""}
