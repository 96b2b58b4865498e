"""What search keeps of an event: its texts, its place in the four languages, and its kind as a facet.
The date is the start, so the core's year facet is the year the event takes place."""
from pyramid.request import Request

from portal.api import country_name
from portal.api import LANGUAGES, translate_to
from portal.api import SearchDocument, html_to_text

from .models import KINDS, Event
from .schemas import KIND_TITLES

FACET = "event_kind"


def event_document(request: Request, obj: Event) -> SearchDocument:
    countries = " ".join(country_name(obj.country, lang) for lang in LANGUAGES) if obj.country else ""
    kinds = " ".join(translate_to(request, KIND_TITLES[obj.kind], lang) for lang in LANGUAGES) \
        if obj.kind in KIND_TITLES else ""
    return {
        "title": obj.title,
        "text": "\n".join(filter(None, [obj.description, html_to_text(obj.body), obj.venue, obj.city,
                                        obj.organiser])),
        "extra": " ".join(filter(None, [countries, kinds, obj.member.name if obj.member else ""])),
        "url": request.route_path("event.view", id=obj.id),
        "date": obj.starts,
        "region": [obj.region] if obj.region else [],
        "facets": {FACET: [obj.kind]},
    }


FACET_VALUES = {FACET: set(KINDS)}
FACET_LABELS = {FACET: KIND_TITLES}
