"""The network's presence on members' websites: the "Member of the network" badge (SVG, in the four
languages, linking to the member's profile) with its HTML snippet, and an embeddable list of the
latest experiences of a region or theme (plain HTML for an iframe, no script)."""
from xml.sax.saxutils import escape, quoteattr

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import REGIONS, country_name
from portal.api import LANGUAGES, _, translate, translate_to
from portal.api import Member
from portal.api import allow_framing, as_id
from portal.api import one_per_translation


def _language(request):
    lang = request.GET.get("lang") or request.locale_name
    if lang not in LANGUAGES:
        raise HTTPBadRequest(translate(_("Unknown language. Allowed: ${values}",
                                         mapping={"values": ", ".join(LANGUAGES)}), request))
    return lang


def _active_member(request):
    try:
        found = request.dbsession.get(Member, int(request.matchdict["id"]))
    except ValueError:
        found = None
    if found is None or found.status != "active":
        raise HTTPNotFound()
    return found


def badge_svg(request, member, lang):
    site = request.registry.settings.get("portal.site_name", "")
    label = translate_to(request, _("Member of the network"), lang)
    profile = request.route_url("member", id=member.id)
    name = member.name if len(member.name) <= 34 else member.name[:33] + "…"
    title = f"{label}: {site} — {member.name}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="72" viewBox="0 0 240 72" '
            f'role="img" aria-labelledby="badge-title" lang="{lang}">'
            f'<title id="badge-title">{escape(title)}</title>'
            f'<a href={quoteattr(profile)} target="_top">'
            f'<rect x="0.5" y="0.5" width="239" height="71" rx="8" fill="#ffffff" stroke="#1f5f8b"/>'
            f'<rect x="0.5" y="0.5" width="14" height="71" rx="4" fill="#1f5f8b"/>'
            f'<text x="24" y="22" font-family="sans-serif" font-size="12" fill="#1b1b1b">{escape(label)}</text>'
            f'<text x="24" y="42" font-family="sans-serif" font-size="15" font-weight="bold" fill="#16496b">'
            f'{escape(site)}</text>'
            f'<text x="24" y="60" font-family="sans-serif" font-size="11" fill="#4a4a4a">{escape(name)}</text>'
            f'</a></svg>')


@view_config(route_name="member_badge_svg", permission="view")
def badge(request):
    member = _active_member(request)
    lang = _language(request)
    allow_framing(request)
    response = Response(badge_svg(request, member, lang), content_type="image/svg+xml", charset="utf-8")
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def badge_snippet(request, member, lang):
    site = request.registry.settings.get("portal.site_name", "")
    alt = f"{translate_to(request, _('Member of the network'), lang)}: {site}"
    return (f'<a href="{escape(request.route_url("member", id=member.id))}">'
            f'<img src="{escape(request.route_url("member_badge_svg", id=member.id, _query={"lang": lang}))}" '
            f'alt={quoteattr(alt)} width="240" height="72"></a>')


@view_config(route_name="member_badge", renderer="plugins.antennas:templates/badge.pt", permission="view")
def badge_page(request):
    member = _active_member(request)
    snippets = [(code, name, badge_snippet(request, member, code)) for code, name in LANGUAGES.items()]
    title = translate(_("Badge of ${member}", mapping={"member": member.name}), request)
    return {"member": member, "snippets": snippets, "page_title": title,
            "page_description": translate(_("Show on your website that you are a member of the network."), request),
            "breadcrumbs": [(translate(_("Members"), request), request.route_path("members")),
                            (member.name, request.route_path("member", id=member.id)), (title, None)]}


# --- the embeddable list of experiences -----------------------------------------------------------

EMBED_LIMIT = 5


@view_config(route_name="embed_experiences", renderer="plugins.antennas:templates/embed.pt", permission="view")
def embed_experiences(request):
    Experience, Theme = request.resources["experience"], request.resources["theme"]
    lang = _language(request)
    # a translated experience once, in the embedding page's language when it has that version
    stmt = one_per_translation(select(Experience).where(Experience.state == "published"), Experience, lang)
    region, theme = request.GET.get("region", ""), request.GET.get("theme", "")
    heading = translate_to(request, _("Latest experiences"), lang)
    if region:
        if region not in REGIONS:
            raise HTTPBadRequest(translate(_("Unknown region. Allowed: ${values}",
                                             mapping={"values": ", ".join(REGIONS)}), request))
        stmt = stmt.where(Experience.region == region)
        heading = translate_to(request, _("Latest experiences: ${what}",
                                          mapping={"what": translate_to(request, REGIONS[region], lang)}), lang)
    found_theme = None
    if theme:
        found_theme = request.dbsession.scalar(select(Theme).where(Theme.slug == theme))
        if found_theme is None:
            slugs = request.dbsession.scalars(select(Theme.slug).order_by(Theme.slug)).all()
            raise HTTPBadRequest(translate(_("Unknown theme. Allowed: ${values}",
                                             mapping={"values": ", ".join(slugs)}), request))
        stmt = stmt.where(Experience.themes.any(Theme.id == found_theme.id))
        heading = translate_to(request, _("Latest experiences: ${what}",
                                          mapping={"what": found_theme.label(lang)}), lang)
    limit = as_id(request.GET.get("limit", str(EMBED_LIMIT)))
    if limit is None or limit > 20:
        raise HTTPBadRequest(translate(_("The number of items must be a whole number from 1 to 20."), request))
    items = request.dbsession.scalars(stmt.order_by(Experience.published.desc(), Experience.id.desc())
                                      .limit(limit)).all()
    more = request.route_url("experiences", _query={k: v for k, v in (("region", region), ("theme", theme)) if v})
    allow_framing(request)
    site = request.registry.settings.get("portal.site_name", "")
    return {"items": items, "heading": heading, "lang": lang, "more_url": more, "site": site,
            "more_label": translate_to(request, _("All the experiences on ${site}", mapping={"site": site}), lang),
            "empty_label": translate_to(request, _("No experience published yet."), lang),
            "country_name": country_name,
            "url": lambda e: request.route_url("experience.view", id=e.id)}


@view_config(route_name="embed_help", renderer="plugins.antennas:templates/embed_help.pt", permission="view")
def embed_help(request):
    """How to put the list of experiences on another site: choose, preview, copy the iframe."""
    Theme = request.resources["theme"]
    themes = request.dbsession.scalars(select(Theme).order_by(Theme.slug)).all()
    region, theme = request.GET.get("region", ""), request.GET.get("theme", "")
    lang = _language(request)
    if region and region not in REGIONS:
        raise HTTPBadRequest(translate(_("Unknown region. Allowed: ${values}",
                                         mapping={"values": ", ".join(REGIONS)}), request))
    if theme and theme not in {t.slug for t in themes}:
        raise HTTPBadRequest(translate(_("Unknown theme. Allowed: ${values}",
                                         mapping={"values": ", ".join(t.slug for t in themes)}), request))
    query = {k: v for k, v in (("region", region), ("theme", theme), ("lang", lang)) if v}
    src = request.route_url("embed_experiences", _query=query)
    title = translate(_("Experiences on your website"), request)
    snippet = (f'<iframe src="{escape(src)}" title={quoteattr(translate_to(request, _("Latest experiences"), lang))} '
               f'width="600" height="420" style="width:100%;max-width:600px;border:1px solid #ccc" '
               f'loading="lazy"></iframe>')
    return {"themes": themes, "regions": REGIONS, "region": region, "theme": theme, "lang": lang,
            "languages": LANGUAGES, "snippet": snippet, "src": src, "page_title": title,
            "breadcrumbs": [(title, None)]}


def includeme(config):
    config.scan(".public")
