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
