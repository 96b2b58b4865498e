"""Atom feed of news, and the open-data exports registered with add_export."""
import csv
import io
import json
from xml.sax.saxutils import escape

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from ..i18n import _, translate
from ..models import News, utcnow


def spreadsheet_safe(value):
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
    exports carry what applicants and subscribers typed, and the secretariat opens them in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


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
    rows = list(found.rows(request))
    name = found.name
    if fmt == "json":
        return Response(json.dumps(rows, ensure_ascii=False, indent=1, default=str), content_type="application/json",
                        charset="utf-8", content_disposition=f'inline; filename="{name}.json"')
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(found.columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe("|".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
                         for k, v in row.items()})
    return Response(out.getvalue(), content_type="text/csv", charset="utf-8",
                    content_disposition=f'attachment; filename="{name}.csv"')
