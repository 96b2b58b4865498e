"""/search and /search.json: one query object, the visitor's principals filtering inside the backend."""
import json

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.interfaces import ISecurityPolicy
from pyramid.response import Response
from pyramid.view import view_config

from ..countries import REGIONS
from ..forms import page_number
from ..i18n import LANGUAGES, _, translate
from ..search import CORE_FACETS, SORTS, SearchQuery
from ..search.query import MAX_WORDS, parse_text

RESERVED = {"q", "sort", "page", "_LOCALE_"}


def bad(request, message):
    raise HTTPBadRequest(translate(message, request))


def parse_query(request, params=None, facet_names=None, fixed=None, sorts=None):
    """The SearchQuery of a request; 400 with the allowed values for an unknown sort, filter or value.

    A plugin's own listing passes its facet names, filters it fixes (e.g. {"type": ["experience"]})
    and the sorts it offers, by their public names ({"newest": "date"})."""
    portal = request.registry.portal
    params = request.GET if params is None else params
    if facet_names is None:
        facet_names = list(CORE_FACETS) + [f for f in portal.facets if f not in CORE_FACETS]
    sorts = sorts or {name: name for name in SORTS}
    sort = params.get("sort", next(iter(sorts)))
    if sort not in sorts:
        bad(request, _("Unknown sort '${value}'. Allowed: ${allowed}",
                       mapping={"value": sort, "allowed": ", ".join(sorts)}))
    page = page_number(request, params)
    types = {info.name for info in portal.search_indexes.values()}
    known_values = {"type": types, "language": set(LANGUAGES), "region": set(REGIONS)}
    for name in portal.facets:
        values = portal.facet_values.get(name)
        if values is not None:
            known_values[name] = values(request) if callable(values) else set(values)
    filters = {}
    for name in set(params) - RESERVED:
        if name not in facet_names:
            bad(request, _("Unknown filter '${value}'. Allowed: ${allowed}",
                           mapping={"value": name, "allowed": ", ".join(facet_names)}))
        values = [v for v in params.getall(name) if v != ""]
        if not values:
            continue
        allowed = known_values.get(name)
        if name == "year":
            if not all(v.isascii() and v.isdigit() and len(v) == 4 for v in values):
                bad(request, _("A year is written with four digits, such as 2024."))
        elif allowed is not None:
            wrong = [v for v in values if v not in allowed]
            if wrong:
                bad(request, _("Unknown value '${value}' for '${name}'. Allowed: ${allowed}",
                              mapping={"value": wrong[0], "name": name, "allowed": ", ".join(sorted(allowed))}))
        filters[name] = values
    principals = tuple(request.registry.getUtility(ISecurityPolicy).effective_principals(request))
    filters.update(fixed or {})
    return SearchQuery(text=params.get("q", "")[:500], filters=filters, principals=principals, sort=sorts[sort],
                       page=page, facets=tuple(facet_names), exclude=frozenset(portal.hidden_documents(request)),
                       language=request.locale_name)


def facet_label(request, name, value):
    portal = request.registry.portal
    if name == "type":
        for info in portal.content_types.values():
            if info.name == value:
                return translate(info.title, request)
        if value == "person":
            return translate(_("Person"), request)
        for index in portal.search_indexes.values():
            if index.name == value and index.title is not None:
                return translate(index.title, request)
    if name == "language":
        return LANGUAGES.get(value, value)
    if name == "region":
        return translate(REGIONS.get(value, value), request)
    labels = portal.facet_labels.get(name)
    if labels is not None:
        found = labels(request, value) if callable(labels) else labels.get(value)
        if found:
            return translate(found, request)
    return value


FACET_TITLES = {"type": _("Type"), "language": _("Language"), "region": _("Region"), "year": _("Year")}


def facet_links(request, query, results, route_name, titles=None):
    """Each facet with its values, counts and the address that adds or removes that filter."""
    portal = request.registry.portal
    facets = []
    for name, counts in results.facets.items():
        if not counts:
            continue
        selected = set(query.filters.get(name, []))
        options = []
        for value, count in counts[:100]:
            params = [(k, v) for k, v in request.GET.items() if k not in ("page",)]
            if value in selected:
                params = [(k, v) for k, v in params if not (k == name and v == value)]
            else:
                params.append((name, value))
            options.append({"value": value, "label": facet_label(request, name, value), "count": count,
                            "selected": value in selected, "url": request.route_path(route_name, _query=params)})
        title = (titles or {}).get(name) or FACET_TITLES.get(name) or portal.facets.get(name, name)
        facets.append({"name": name, "title": translate(title, request), "options": options})
    return facets


def paging_links(request, route_name, results):
    """The pager of a page of search results (portal.pagination.Page, shown by content_macros' `pager`)
    and sort_url(sort), both keeping the query's other parameters."""
    from ..pagination import Page

    def page_url(number):
        params = [(k, v) for k, v in request.GET.items() if k != "page"] + ([("page", str(number))] if number > 1 else [])
        return request.route_path(route_name, _query=params)

    def sort_url(sort):
        params = [(k, v) for k, v in request.GET.items() if k not in ("sort", "page")] + [("sort", sort)]
        return request.route_path(route_name, _query=params)
    pager = Page(items=results.hits, number=results.page, total=results.total, size=results.page_size, url=page_url)
    return pager, sort_url


@view_config(route_name="search", renderer="portal:templates/search.pt", permission="view")
def search(request):
    query = parse_query(request)
    results = request.registry["search"].search(query)
    facets = facet_links(request, query, results, "search")
    pager, sort_url = paging_links(request, "search", results)
    labels = {h.key: facet_label(request, "type", h.type) for h in results.hits}
    title = translate(_("Search"), request)
    notice = None
    if parse_text(query.text).truncated:
        notice = translate(_("Only the first ${count} words were searched.", mapping={"count": MAX_WORDS}), request)
    return {"query": query, "results": results, "facets": facets, "pager": pager, "sort_url": sort_url,
            "type_labels": labels, "page_title": title, "breadcrumbs": [(title, None)], "notice": notice,
            "max_words": MAX_WORDS}


@view_config(route_name="search_json", permission="view")
def search_json(request):
    query = parse_query(request)
    results = request.registry["search"].search(query)
    body = {"total": results.total, "page": results.page, "pages": results.pages,
            "results": [hit.as_json() for hit in results.hits],
            "facets": {name: dict(counts) for name, counts in results.facets.items()}}
    for hit in body["results"]:
        hit["url"] = request.application_url + hit["url"]
    return Response(json.dumps(body, ensure_ascii=False), content_type="application/json", charset="utf-8")
