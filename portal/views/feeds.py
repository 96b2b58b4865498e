"""Atom feed of news, and the open-data exports registered with add_export (streamed: portal/exports.py)."""
import re
from datetime import timezone
from xml.sax.saxutils import escape

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from ..exports import export_response
from ..i18n import _, translate
from ..models import News, utcnow
from ..models.content import one_per_translation
from ..translatable import site_name


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    """Text for an XML element or attribute: escaped, without the characters XML 1.0 forbids."""
    return escape(_NOT_XML.sub("", str(value or "")), {'"': "&quot;"})


def _when(value) -> str:
    """An RFC 3339 date-time in UTC, as RFC 4287 requires."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(request, title, self_url, entries):
    """An Atom feed (RFC 4287). entries: dicts with title, url, updated (datetime), summary, and
    optionally author. self_url is the feed's own address with its filters (?kind=...&region=...):
    it is also the feed's id, so each filtered feed is a feed of its own. The site is the feed's
    author (RFC 4287 wants one on the feed, or on every entry)."""
    updated = max((e["updated"] for e in entries), default=utcnow())
    site = site_name(request)
    home = request.route_url("home")
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_text(request.locale_name)}">',
             f"<id>{_text(self_url)}</id>", f"<title>{_text(title)}</title>", f"<updated>{_when(updated)}</updated>",
             f'<link rel="self" type="application/atom+xml" href="{_text(self_url)}"/>',
             f'<link rel="alternate" type="text/html" href="{_text(home)}"/>',
             f"<author><name>{_text(site or home)}</name><uri>{_text(home)}</uri></author>"]
    for e in entries:
        parts += ["<entry>", f"<id>{_text(e['url'])}</id>", f"<title>{_text(e['title'])}</title>",
                  f"<updated>{_when(e['updated'])}</updated>",
                  f'<link rel="alternate" type="text/html" href="{_text(e["url"])}"/>']
        if e.get("author"):
            parts.append(f"<author><name>{_text(e['author'])}</name></author>")
        parts += [f"<summary>{_text(e.get('summary'))}</summary>", "</entry>"]
    parts.append("</feed>")
    return Response("\n".join(parts), content_type="application/atom+xml", charset="utf-8")


@view_config(route_name="news_feed", permission="view")
def news_feed(request):
    stmt = one_per_translation(select(News).where(News.state == "published"), News, request.locale_name)
    items = request.dbsession.scalars(stmt.order_by(News.published.desc()).limit(30)).all()
    entries = [{"title": n.title, "url": request.route_url("news.view", id=n.id),
                "updated": n.published or n.modified, "summary": n.description} for n in items]
    return atom_feed(request, translate(_("News"), request) + " · " + site_name(request),
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
