"""/editor/links.json: what the editor's link dialog finds when the user types a few words.

The portal's search, with the user's principals (nobody is offered a title they may not read),
reduced to titles, addresses and the kind of each item."""
import dataclasses
import json

from pyramid.response import Response
from pyramid.view import view_config

from .search import facet_label, parse_query

LINKS_FOUND = 8


@view_config(route_name="editor_links", permission="view")
def editor_links(request):
    words = request.GET.get("q", "").strip()[:200]
    results = []
    if words:
        query = dataclasses.replace(parse_query(request, params={"q": words}), page_size=LINKS_FOUND, facets=())
        hits = request.registry["search"].search(query).hits
        results = [{"title": h.title, "url": h.url, "type": facet_label(request, "type", h.type)} for h in hits]
    response = Response(json.dumps({"results": results}, ensure_ascii=False), content_type="application/json",
                        charset="utf-8")
    response.cache_control = "private, no-store"
    return response
