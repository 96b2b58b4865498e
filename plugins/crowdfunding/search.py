"""What search keeps of a campaign: its title, summary, story and the action it funds; the core's type
facet names it "Campaign" (the content type's title). The date is its end."""
from pyramid.request import Request

from portal.api import SearchDocument, html_to_text

from .models import Campaign


def campaign_document(request: Request, obj: Campaign) -> SearchDocument:
    return {
        "title": obj.title,
        "text": "\n".join(filter(None, [obj.description, obj.action, html_to_text(obj.body)])),
        "url": request.route_path("campaign.view", id=obj.id),
        "date": obj.ends,
        "region": [],
    }


def is_published(obj: Campaign) -> bool:
    return obj.state == "published"
