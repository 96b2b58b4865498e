"""What search keeps of an experience: its texts, and every label of its themes in the four
languages, so "presupuesto participativo" finds an English experience filed under that theme."""
from pyramid.request import Request
from sqlalchemy import select

from portal.api import COUNTRY_CODES, country_name
from portal.api import LANGUAGES, _
from portal.api import SearchDocument, html_to_text

from .models import MECHANISMS, SCALES, SDGS, Experience, Theme
from .schemas import MECHANISM_TITLES, SCALE_TITLES, SDG_TITLES

FACETS = {"theme": _("Theme"), "country": _("Country"), "mechanism": _("Participatory mechanism"),
          "scale": _("Scale"), "start_year": _("Start year"), "sdg": _("Sustainable Development Goal")}


def experience_document(request: Request, obj: Experience) -> SearchDocument:
    themes = obj.themes
    countries = " ".join(country_name(obj.country, lang) for lang in LANGUAGES)
    return {
        "title": obj.title,
        "text": "\n".join(filter(None, [obj.description, html_to_text(obj.body), obj.city,
                                        html_to_text(obj.results), html_to_text(obj.lessons)])),
        "extra": " ".join([label for theme in themes for label in theme.labels] + [obj.city, countries]),
        "url": request.route_path("experience.view", id=obj.id),
        "date": obj.published or obj.created,
        "region": [obj.region],
        "facets": {"theme": [t.slug for t in themes], "country": [obj.country], "mechanism": [obj.mechanism],
                   "scale": [obj.scale], "start_year": [str(obj.start_year)] if obj.start_year else [],
                   "sdg": [str(n) for n in obj.sdgs or []]},
    }


def themes_by_slug(request) -> dict:
    """{slug: theme} of the whole taxonomy, read once per request (a listing labels each facet value)."""
    found = request.__dict__.get("_experience_themes")
    if found is None:
        found = request.__dict__["_experience_themes"] = {t.slug: t for t in request.dbsession.scalars(select(Theme))}
    return found


def theme_slugs(request):
    return set(themes_by_slug(request))


def theme_label(request, slug):
    found = themes_by_slug(request).get(slug)
    return found.label(request.locale_name) if found is not None else slug


FACET_VALUES = {
    "theme": theme_slugs,
    "country": set(COUNTRY_CODES),
    "mechanism": set(MECHANISMS),
    "scale": set(SCALES),
    "sdg": {str(n) for n in SDGS},
    "start_year": {str(y) for y in range(1900, 2101)},
}
FACET_LABELS = {
    "theme": theme_label,
    "country": lambda request, code: country_name(code, request.locale_name),
    "mechanism": MECHANISM_TITLES,
    "scale": SCALE_TITLES,
    "sdg": lambda request, n: f"{n}. {request.localizer.translate(SDG_TITLES[int(n)])}" if n.isdigit() and int(n) in SDG_TITLES else n,
}
