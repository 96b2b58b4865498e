"""What search keeps of a partner: its texts in each language, its country, and its kind under the
"Partner" facet. Agreements are not indexed: a private one must not be found."""
from pyramid.request import Request

from portal.api import LANGUAGES, SearchDocument, country_name, html_to_text, translate_to

from .models import PARTNER_KINDS, Partner
from .schemas import KIND_TITLES

FACET = "partner_kind"
FACET_VALUES = {FACET: set(PARTNER_KINDS)}
FACET_LABELS = {FACET: KIND_TITLES}


def partner_document(request: Request, obj: Partner) -> SearchDocument:
    countries = " ".join(country_name(obj.country, lang) for lang in LANGUAGES) if obj.country else ""
    kinds = " ".join(translate_to(request, KIND_TITLES[obj.kind], lang) for lang in LANGUAGES) \
        if obj.kind in KIND_TITLES else ""
    others = " ".join(v for texts in (obj.translations or {}).values() for v in texts.values() if isinstance(v, str))
    return {
        "title": obj.title,
        "text": "\n".join(filter(None, [obj.description, html_to_text(obj.body), obj.relation])),
        "extra": " ".join(filter(None, [countries, kinds, html_to_text(others)])),
        "url": request.route_path("partner.view", id=obj.id),
        "date": obj.published or obj.created,
        "region": [obj.region] if obj.region else [],
        "facets": {FACET: [obj.kind]},
    }


def is_published(obj):
    return obj.state == "published"
