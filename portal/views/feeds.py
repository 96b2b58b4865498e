"""Atom feed of news, and the open-data exports registered with add_export (streamed: portal/exports.py)."""
from xml.sax.saxutils import escape

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from ..exports import export_response
from ..i18n import _, translate
from ..models import News, utcnow


def atom_feed(request, title, self_url, entries):
    """entries: dicts with id, title, url, updated (datetime), summary."""
    updated = max((e["updated"] for e in entries), default=utcnow())
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{request.locale_name}">',
             f"<title>{escape(title)}</title>", f'<link rel="self" href="{escape(self_url)}"/>',
             f'<link href="{escape(request.route_url("home"))}"/>', f"<id>{escape(self_url)}</id>",
             f"<updated>{updated.isoformat()}</updated>"]
    for e in entries:
        parts += ["<entry>", f"<title>{escape(e['title'])}</title>", f'<link href="{escape(e["url"])}"/>',
                  f"<id>{escape(e['url'])}</id>", f"<updated>{e['updated'].isoformat()}</updated>",
                  f"<summary>{escape(e['summary'] or '')}</summary>", "</entry>"]
    parts.append("</feed>")
    return Response("\n".join(parts), content_type="application/atom+xml", charset="utf-8")


@view_config(route_name="news_feed", permission="view")
def news_feed(request):
    items = request.dbsession.scalars(select(News).where(News.state == "published")
                                      .order_by(News.published.desc()).limit(30)).all()
    entries = [{"title": n.title, "url": request.route_url("news.view", id=n.id),
                "updated": n.published or n.modified, "summary": n.description} for n in items]
    return atom_feed(request, translate(_("News"), request) + " · " + request.registry.settings["portal.site_name"],
                     request.route_url("news_feed"), entries)


@view_config(route_name="export", permission="view")
def export(request):
    found = request.registry.portal.exports.get(request.matchdict["name"])
    fmt = request.matchdict["format"]
    if found is None or fmt not in ("json", "csv"):
        raise HTTPNotFound()
    if found.permission and not request.has_permission(found.permission, request.site):
        raise HTTPForbidden()
    return export_response(request, found, fmt)
