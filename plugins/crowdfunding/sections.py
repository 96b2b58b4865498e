"""The home page's open campaigns: how much is raised towards the minimum, and until when."""
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import SectionItem, _, clock, keep_for, translate, translated

from .models import Campaign
from .money import money
from .pledges import totals


def open_campaigns(request: Request, _key: Any, limit: int) -> list[SectionItem]:
    keep_for(request, 300)
    now = clock.now()
    rows = request.dbsession.scalars(select(Campaign).where(Campaign.state == "published", Campaign.starts <= now,
                                                            Campaign.ends > now)
                                     .order_by(Campaign.ends).limit(limit)).all()
    found = totals(request.dbsession, [c.id for c in rows])
    items: list[SectionItem] = []
    for campaign in rows:
        raised, _supporters = found[campaign.id]
        note = translate(_("${raised} raised of ${minimum}", mapping={
            "raised": money(raised, campaign.currency, request.locale_name),
            "minimum": money(campaign.minimum, campaign.currency, request.locale_name)}), request)
        items.append({"title": str(translated(request, campaign, "title")),
                      "url": request.route_path("campaign.view", id=campaign.id), "note": note})
    return items


def year_total(request: Request, year: int) -> str | None:
    """What the campaigns that opened in `year` raised (pledges that count) and spent (approved and paid
    expenses), per currency, for the work plan of that year; None when no campaign opened then."""
    from datetime import datetime, timezone

    from sqlalchemy import func

    from .expenses import SPENT, Expense
    start, end = datetime(year, 1, 1, tzinfo=timezone.utc), datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    rows = request.dbsession.scalars(select(Campaign).where(Campaign.state == "published", Campaign.starts >= start,
                                                            Campaign.starts < end)).all()
    if not rows:
        return None
    raised = totals(request.dbsession, [c.id for c in rows])
    spent = dict(request.dbsession.execute(
        select(Expense.campaign_id, func.sum(Expense.amount)).where(Expense.campaign_id.in_([c.id for c in rows]),
                                                                    Expense.state.in_(SPENT))
        .group_by(Expense.campaign_id)).all())
    by_currency: dict[str, list[int]] = {}
    for campaign in rows:
        sums = by_currency.setdefault(campaign.currency, [0, 0, 0])
        sums[0] += raised[campaign.id][0]
        sums[1] += int(spent.get(campaign.id) or 0)
        sums[2] += 1
    lang = request.locale_name
    return "; ".join(translate(_("${raised} raised by ${count} campaigns, ${spent} spent", mapping={
        "raised": money(r, currency, lang), "spent": money(s, currency, lang), "count": n}), request)
        for currency, (r, s, n) in sorted(by_currency.items()))
