"""/experiences: the faceted listing, its map, its feed, the control panel's themes, related experiences."""
import dataclasses

import colander
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import REGIONS, country_name
from portal.api import get_or_404
from portal.api import FormView, reindex_later
from portal.api import _, translate
from portal.api import SearchQuery, world_map
from portal.api import atom_feed, one_per_translation, shared_value
from portal.api import facet_label, facet_links, paging_links, parse_query

from .models import Experience, Theme
from .schemas import MECHANISM_TITLES, SCALE_TITLES, SDG_TITLES, ThemeSchema
from .search import FACETS

LISTING_FACETS = ("theme", "region", "country", "mechanism", "scale", "start_year", "language", "sdg")
SORTS = {"relevance": "relevance", "newest": "date", "title": "title"}


@view_config(route_name="experiences", renderer="plugins.experiences:templates/listing.pt", permission="view")
def listing(request):
    added = request.registry.portal.index_facets.get("experience", {})  # facets other plugins add
    query = parse_query(request, facet_names=LISTING_FACETS + tuple(added), fixed={"type": ["experience"]},
                        sorts=SORTS)
    if not query.text.strip() and "sort" not in request.GET:
        query.sort = "date"
    results = request.registry["search"].search(query)
    facets = facet_links(request, query, results, "experiences", titles={**added, **FACETS})
    pager, sort_url = paging_links(request, "experiences", results)
    active = [(name, value, facet_label(request, name, value),
               request.route_path("experiences", _query=[(k, v) for k, v in request.GET.items()
                                                         if not (k == name and v == value) and k != "page"]))
              for name, values in query.filters.items() if name != "type" for value in values]
    title = translate(_("Experiences"), request)
    world = country_map(request, query, results)
    can_add = bool(request.has_permission("add:experience", request.site))
    return {"query": query, "results": results, "facets": facets, "pager": pager, "sort_url": sort_url,
            "active": active, "sorts": SORTS, "current_sort": request.GET.get("sort", "relevance" if query.text else "newest"),
            "page_title": title, "breadcrumbs": [(title, None)], "can_add": can_add, "facet_label": facet_label,
            "added_facets": tuple(added), "world_map": world}


def country_map(request, query, results):
    """The map of the experiences the other filters keep, per country (an experience and its
    translations count once, as in the facets); a country leads to the listing filtered by it."""
    counts = results.facets.get("country", [])
    if query.filters.get("country"):  # facet counts are of the matches: ask again without the country
        wider = dataclasses.replace(query, filters={k: v for k, v in query.filters.items() if k != "country"},
                                    page=1, page_size=1)
        counts = request.registry["search"].search(wider).facets.get("country", [])
    others = [(k, v) for k, v in request.GET.items() if v and k not in ("country", "page")]
    chosen = query.filters.get("country", [])
    return world_map(request, dict(counts),
                     lambda code: request.route_path("experiences", _query=[*others, ("country", code)]),
                     title=_("Experiences by country"), count_label=(_("${count} experience"), _("${count} experiences")),
                     column=_("Experiences"), selected=chosen[0] if len(chosen) == 1 else None,
                     map_id="experiences-map")


@view_config(route_name="experiences_feed", permission="view")
def feed(request):
    # a translated experience once, in the reader's language when it has one
    stmt = one_per_translation(select(Experience).where(Experience.state == "published"), Experience,
                               request.locale_name)
    items = request.dbsession.scalars(stmt.order_by(Experience.published.desc()).limit(30)).all()
    entries = [{"title": e.title, "url": request.route_url("experience.view", id=e.id),
                "updated": e.published or e.modified, "summary": e.description} for e in items]
    return atom_feed(request, translate(_("New experiences"), request), request.route_url("experiences_feed"), entries)


def related(request, obj, limit=4):
    """Published experiences sharing a theme, the closest in wording first."""
    slugs = [t.slug for t in obj.themes]
    if not slugs:
        return []
    principals = ("system.Everyone",)
    words = " OR ".join(w for w in obj.title.split() if len(w) > 3)[:300]
    query = SearchQuery(text=words, filters={"type": ["experience"], "theme": slugs}, principals=principals,
                        sort="relevance", page=1, page_size=limit + 1, facets=(), language=request.locale_name,
                        exclude=frozenset(f"experience:{i}" for i in request.dbsession.scalars(  # its translations
                            select(Experience.id).where(Experience.translation_group == obj.translation_group))))
    hits = [h for h in request.registry["search"].search(query).hits if h.key != f"experience:{obj.id}"]
    if len(hits) < limit:
        query.text, query.sort = "", "date"
        seen = {h.key for h in hits}
        hits += [h for h in request.registry["search"].search(query).hits
                 if h.key != f"experience:{obj.id}" and h.key not in seen]
    return hits[:limit]


def view_values(request, obj):
    lang = request.locale_name
    # the same for every reader of a language until something is saved (a search each time otherwise)
    return {"related": shared_value(request, f"experiences:related:{obj.id}", lambda: related(request, obj)),
            "country": country_name(obj.country, lang),
            "region_title": translate(REGIONS.get(obj.region, obj.region), request),
            "themes": [(t.slug, t.label(lang)) for t in obj.themes],
            "mechanism": translate(MECHANISM_TITLES.get(obj.mechanism, obj.mechanism), request),
            "scale": translate(SCALE_TITLES.get(obj.scale, obj.scale), request),
            "sdgs": [(n, translate(SDG_TITLES[n], request)) for n in obj.sdgs or [] if n in SDG_TITLES],
            "contact_address": contact_address(obj.contact)}


def contact_address(contact):
    """The e-mail address in an experience's contact text ("Ana Ruiz, participa@rosario.gob.ar"), if any."""
    import re
    found = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", contact or "")
    return found.group(0) if found else None


# --- themes, in the control panel -----------------------------------------------------------------

@view_config(route_name="experience_themes", renderer="plugins.experiences:templates/themes.pt", permission="manage")
def themes(request):
    rows = request.dbsession.scalars(select(Theme).order_by(Theme.slug)).all()
    title = translate(_("Themes"), request)
    return {"themes": rows, "page_title": title,
            "breadcrumbs": [(translate(_("Manage"), request), request.route_path("manage")), (title, None)]}


class ThemeForm(FormView):
    """Adding a theme or changing one: its short name stays unique, the experiences it labels are reindexed."""
    schema = ThemeSchema
    theme: Theme | None = None

    def page_title(self):
        return self.theme.slug if self.theme is not None else _("Add a theme")

    def trail(self):
        return [(_("Manage"), self.request.route_path("manage")),
                (_("Themes"), self.request.route_path("experience_themes"))]

    def appstruct(self):
        if self.theme is None:
            return colander.null
        return {k: getattr(self.theme, k) for k in ("slug", "label_en", "label_es", "label_fr", "label_pt")}

    def save_success(self, appstruct):
        db = self.request.dbsession
        theme = self.theme
        clash = db.scalar(select(Theme).where(Theme.slug == appstruct["slug"]))
        if clash is not None and clash is not theme:
            return self.refuse(appstruct, _("This short name is taken."))
        if theme is None:
            theme = Theme()
            db.add(theme)
        for key, value in appstruct.items():
            setattr(theme, key, value)
        db.flush()
        for exp in db.scalars(select(Experience).where(Experience.themes.contains(theme))):
            reindex_later(db, exp)  # its labels are in each experience's document
        return self.done(_("Changes saved."), self.request.route_url("experience_themes"))


@view_config(route_name="experience_theme_add", permission="manage")
class ThemeAdd(ThemeForm):
    pass


@view_config(route_name="experience_theme", permission="manage")
class ThemeEdit(ThemeForm):
    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.theme = get_or_404(self.request.dbsession, Theme, self.request.matchdict["id"])
