"""The core's pages. Each view names its permission; the public ones are listed in PUBLIC_VIEWS."""
import base64
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import quote, urlencode

from babel.numbers import format_decimal
from pyramid.events import BeforeRender, NewRequest, NewResponse
from pyramid.renderers import get_renderer

from ..i18n import LANGUAGES, _, translate
from ..images import cover_images, image_attrs, og_image_url
from ..timezones import datetime_text, machine_time, place_of, reader_zone, same_clock
from ..translatable import missing_note, site_name, translated

STATIC = Path(__file__).resolve().parent.parent.parent / "static"
FLASH_COOKIE = "portal_flash"

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def canonical_address(event):
    """With portal.url set, every address the portal writes (pages, mail, feeds) uses it, whatever
    Host header a client sent: a forged Host cannot put a password-reset link on another site."""
    url = event.request.registry.settings.get("portal.url")
    if not url:
        return
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    environ = event.request.environ
    environ["wsgi.url_scheme"] = parts.scheme
    environ["HTTP_HOST"] = parts.netloc
    environ["SCRIPT_NAME"] = parts.path.rstrip("/")


FRAMING = "portal.allow_framing"


def allow_framing(request):
    """This response may be shown in other sites' frames (a badge, an embeddable list): a view calls
    it explicitly; every other page keeps frame-ancestors 'none' and X-Frame-Options: DENY."""
    request.environ[FRAMING] = True


def security_headers(event):
    headers = event.response.headers
    framed = event.request.environ.get(FRAMING)
    for name, value in SECURITY_HEADERS.items():
        if framed and name == "X-Frame-Options":
            continue
        if framed and name == "Content-Security-Policy":
            value = value.replace("frame-ancestors 'none'", "frame-ancestors *")
        headers.setdefault(name, value)
    if event.request.user is not None or event.request.method != "GET":
        headers.setdefault("Cache-Control", "private, no-store")


def _sign(request, payload):
    key = request.registry.settings["portal.secret"].encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()[:32]


def flash(request, message, kind="info"):
    """A message shown on the next page (after a redirect), in the visitor's language."""
    pending = request.__dict__.setdefault("_flash_out", [])
    pending.append({"text": translate(message, request), "kind": kind})


def pop_flash(request):
    raw = request.cookies.get(FLASH_COOKIE)
    messages = list(request.__dict__.pop("_flash_out", []))
    if raw and "." in raw:
        payload, signature = raw.rsplit(".", 1)
        try:
            data = base64.urlsafe_b64decode(payload.encode())
            if hmac.compare_digest(signature, _sign(request, data)):
                messages = json.loads(data) + messages
        except ValueError:
            pass
        request.__dict__["_flash_clear"] = True
    return messages


def flash_cookie(event):
    request, response = event.request, event.response
    pending = request.__dict__.get("_flash_out")
    if pending:
        data = json.dumps(pending).encode()
        value = base64.urlsafe_b64encode(data).decode() + "." + _sign(request, data)
        response.set_cookie(FLASH_COOKIE, value, httponly=True, samesite="Lax", path="/",
                            secure=request.scheme == "https")
    elif request.__dict__.get("_flash_clear"):
        response.delete_cookie(FLASH_COOKIE, path="/")


def language_links(request):
    return [{"code": code, "name": name, "url": request.current_route_path(_query=dict(request.GET, _LOCALE_=code))
             if request.matched_route else request.route_path("home", _query={"_LOCALE_": code}),
             "current": code == request.locale_name} for code, name in LANGUAGES.items()]


def date_text(request, value):
    """A date as the reader writes it ("22 nov. 2026", "Nov 22, 2026"), a moment's date in the reader's
    zone; the ISO form stays for machines in <time datetime>."""
    from ..timezones import date_text as text
    return text(request.locale_name, value, zone=request.reader_zone)


def here_and_there(request, moment, zone):
    """A moment that belongs to a place (a call's deadline, an event's start) in that place's zone and, when the
    reader's clock reads otherwise, in theirs too: "Dec 15, 2026, 11:59 PM in São Paulo, Dec 16, 2026,
    3:59 AM in Dakar", in the reader's language."""
    if moment is None:
        return ""
    zones = [zone] + ([] if same_clock(moment, zone, request.reader_zone) else [request.reader_zone])
    return ", ".join(in_zone(request, moment, z) for z in zones)


def your_time(request, moment, zone):
    """That moment on the reader's clock ("3:59 AM in Dakar" with its date), or "" when it reads as the
    place's: for a page that already shows the place's time."""
    if moment is None or same_clock(moment, zone, request.reader_zone):
        return ""
    return in_zone(request, moment, request.reader_zone)


def in_zone(request, moment, zone):
    if zone == "UTC":  # "11:00 AM UTC": no place to name
        return f"{datetime_text(request.locale_name, moment, zone)} UTC"
    return translate(_("${time} in ${place}", mapping={
        "time": datetime_text(request.locale_name, moment, zone), "place": place_of(zone, request.locale_name)}),
        request)


def language_name(request, code):
    """A language's name in the reader's language ("Portuguese", "portugués"), for the "Also in:" links."""
    from babel import Locale
    try:
        name = Locale.parse(code).get_language_name(request.locale_name)
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:] if name else code


def template_globals(event):
    request = event.get("request")
    if request is None:
        return
    event.setdefault("layout", get_renderer("portal:templates/layout.pt").implementation())
    # the actions, files and translations blocks of an item, for the view templates of plugins
    event.setdefault("content_macros", get_renderer("portal:templates/content_macros.pt").implementation())
    # an action tree and an action's history (portal.actionviews.plan_values)
    event.setdefault("action_macros", get_renderer("portal:templates/action_macros.pt").implementation())
    event.setdefault("t", lambda term, **mapping: translate(term, request, mapping or None))
    event.setdefault("date_text", lambda value: date_text(request, value))
    event.setdefault("machine_time", machine_time)  # <time datetime="${machine_time(value)}">
    # a moment in the reader's zone (their account's, else their browser's), or in the zone given
    event.setdefault("datetime_text", lambda value, zone=None, **kw: datetime_text(request.locale_name, value,
                                                                                 zone or request.reader_zone, **kw))
    # a call's or event's moment in its own zone, and in the reader's when their clock differs
    event.setdefault("here_and_there", lambda value, zone: here_and_there(request, value, zone))
    event.setdefault("your_time", lambda value, zone: your_time(request, value, zone))
    event.setdefault("language_name", lambda code: language_name(request, code))
    # a translatable field in the reader's language (or the original, with .note saying so)
    event.setdefault("translated", lambda obj, field: translated(request, obj, field))
    event.setdefault("missing_note", lambda obj, *fields: missing_note(request, obj, *fields))
    event.setdefault("site_name_text", lambda: site_name(request))
    event["portal"] = request.registry.portal
    event.setdefault("_", _)
    event.setdefault("breadcrumbs", [])
    event.setdefault("number", lambda value: format_decimal(value, locale=request.locale_name))
    event.setdefault("page_title", None)
    event.setdefault("share_query", lambda **values: urlencode(values, quote_via=quote))
    event.setdefault("img_attrs", lambda row, sizes="100vw": image_attrs(request, row, sizes))
    event.setdefault("og_image_url", lambda row: og_image_url(request, row))


def menu_items(request, menu="main"):
    """The entries of a menu the user may see, in order: {title, url, current, children}; an entry with
    children is a group (its url, if any, comes first in the group); a group with no entry left is
    left out. `current` is true on the entry of this page and on the group that holds it."""
    entries = [item for item in request.registry.portal.menu(menu)
               if (not item.permission or request.has_permission(item.permission, request.site))
               and not (item.visitors_only and request.user is not None)]

    def entry(item):
        url = request.route_path(item.route_name) if item.route_name else None
        current = bool(url) and (request.path == url or request.path.startswith(url.rstrip("/") + "/"))
        return {"name": item.name, "title": translate(item.title, request), "url": url, "current": current,
                "children": []}

    top = {item.name: entry(item) for item in entries if not item.parent}
    for item in entries:
        if item.parent in top:
            top[item.parent]["children"].append(entry(item))
    items = []
    for group in top.values():
        if group["children"] or group["url"]:
            group["current"] = group["current"] or any(child["current"] for child in group["children"])
            items.append(group)
    return items


def asset_url(request, path):
    return request.static_path(str(STATIC / path))


def includeme(config):
    config.add_static_view("static", str(STATIC), cache_max_age=3600)
    config.add_subscriber(canonical_address, NewRequest)
    config.add_subscriber(security_headers, NewResponse)
    config.add_subscriber(flash_cookie, NewResponse)
    config.add_subscriber(template_globals, BeforeRender)
    config.add_request_method(flash, "flash")
    config.add_request_method(cover_images, "cover_images")
    config.add_request_method(pop_flash, "flash_messages", reify=True)
    config.add_request_method(language_links, "language_links", reify=True)
    config.add_request_method(menu_items, "menu_items")
    config.add_request_method(reader_zone, "reader_zone", reify=True)
    config.add_request_method(asset_url, "asset_url")
    config.include(".routes")
    config.include(".about")
    config.include(".files")
    config.scan(".")
