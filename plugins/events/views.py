"""/events (upcoming and past, filtered by kind, region and year), each event's page and calendar file,
the feeds, and adding an event inside a section by those a local role lets work there."""
import json
from datetime import datetime, timezone

from babel.dates import format_date
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import model_factory
from portal.api import keep_for, machine_time
from portal.api import one_per_translation
from portal.api import bad
from portal.api import REGIONS, country_name
from portal.api import page_number, paginate
from portal.api import ContentViews
from portal.api import LANGUAGES, _, translate, translated
from portal.api import Content, Section
from portal.api import atom_feed

from portal.api import clock
from .dates import month_heading, short_when, when, zone_place
from .ical import calendar
from .models import KINDS, Event
from .schemas import KIND_PLURALS, KIND_TITLES, sections_for

PAGE_SIZE = 20
FILTERS = ("kind", "region", "year")
FEED_SIZE = 50


def depends_on_the_clock(request, response=None):
    """What is upcoming changes with time, not only with a committed change: the core's page cache keeps
    these pages a minute at most. (Not a browser cache header: the same address shows another language
    or another visitor's view after a switch or a log-in.)"""
    keep_for(request, 60)
    return response


def published():
    return select(Event).where(Event.state == "published")


def upcoming_query(now=None, language=None):
    """Published events not over yet (those under way included), the soonest first."""
    now = now or clock.now()
    stmt = published().where(Event.ends >= now).order_by(Event.starts, Event.id)
    return one_per_translation(stmt, Event, language) if language else stmt


def past_query(now=None, language=None):
    now = now or clock.now()
    stmt = published().where(Event.ends < now).order_by(Event.starts.desc(), Event.id.desc())
    return one_per_translation(stmt, Event, language) if language else stmt


def other_languages(request, events):
    """{event id: [language names]} of the other published versions of these events."""
    groups = {e.translation_group for e in events}
    if not groups:
        return {}
    found = {}
    for group, language in request.dbsession.execute(
            select(Content.translation_group, Content.language).where(
                Content.translation_group.in_(groups), Content.state == "published")):
        found.setdefault(group, set()).add(language)
    return {e.id: [LANGUAGES[lang] for lang in sorted(found.get(e.translation_group, ())) if lang != e.language
                   and lang in LANGUAGES] for e in events}


def parse_filters(request):
    """{kind, region, year} from the address; 400 naming the allowed values for anything else."""
    unknown = [name for name in request.GET if name not in FILTERS + ("page", "_LOCALE_")]
    if unknown:
        bad(request, _("Unknown filter '${value}'. Allowed: ${allowed}",
                       mapping={"value": unknown[0], "allowed": ", ".join(FILTERS)}))
    found = {}
    allowed = {"kind": KINDS, "region": tuple(REGIONS)}
    for name in FILTERS:
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        if name == "year":
            if not (value.isascii() and value.isdigit() and len(value) == 4):
                bad(request, _("A year is written with four digits, such as 2024."))
            found[name] = int(value)
        elif value not in allowed[name]:
            bad(request, _("Unknown value '${value}' for '${name}'. Allowed: ${allowed}",
                           mapping={"value": value, "name": name, "allowed": ", ".join(allowed[name])}))
        else:
            found[name] = value
    return found, page_number(request)


def apply_filters(stmt, filters):
    if "kind" in filters:
        stmt = stmt.where(Event.kind == filters["kind"])
    if "region" in filters:
        stmt = stmt.where(Event.region == filters["region"])
    if "year" in filters:
        year = filters["year"]
        stmt = stmt.where(Event.starts >= datetime(year, 1, 1, tzinfo=timezone.utc),
                          Event.starts < datetime(year + 1, 1, 1, tzinfo=timezone.utc))
    return stmt


def place(request, event):
    parts = [event.city, country_name(event.country, request.locale_name) if event.country else ""]
    text = ", ".join(p for p in parts if p)
    if event.online_url:
        online = translate(_("Online"), request)
        text = f"{text} · {online}" if text else online
    return text


def summary(request, event):
    return {"id": event.id, "title": translated(request, event, "title"), "url": request.route_path("event.view", id=event.id),
            "language": event.language, "description": event.description, "kind": event.kind,
            "kind_title": translate(KIND_TITLES.get(event.kind, event.kind), request),
            "when": short_when(event, request.locale_name), "zone": zone_place(event, request.locale_name),
            "place": place(request, event),
            "start_iso": machine_time(event.starts), "ongoing": event.ongoing}


def _listing(request, past):
    filters, _page = parse_filters(request)
    depends_on_the_clock(request)
    now = clock.now()
    base = (past_query if past else upcoming_query)(now, request.locale_name)
    stmt = apply_filters(base, filters)
    pager = paginate(request, stmt, size=PAGE_SIZE)
    events, total = pager.items, pager.total
    groups = []
    also = other_languages(request, events)
    for event in events:
        heading = month_heading(event.starts.astimezone(event.tz), request.locale_name)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(dict(summary(request, event), also=also.get(event.id, [])))
    # the years from the first event to the last, found by the database rather than by loading every event
    first, last = request.dbsession.execute(
        select(func.min(Event.starts), func.max(Event.starts)).where(
            Event.state == "published", Event.ends < now if past else Event.ends >= now)).one()
    years = sorted(range(first.year, last.year + 1), reverse=past) if first and last else []
    if filters.get("year") and filters["year"] not in years:
        years = sorted(set(years) | {filters["year"]}, reverse=past)
    route = "events_past" if past else "events"
    title = translate(_("Past events") if past else _("Upcoming events"), request)
    can_add = bool(request.has_permission("add:event", request.site))
    return {
        "unpublished": unpublished(request) if not past else [],
        "page_title": title, "breadcrumbs": [(translate(_("Events"), request), request.route_path("events")),
                                             (title, None)] if past else [(translate(_("Events"), request), None)],
        "past": past, "groups": groups, "total": total, "pager": pager, "covers": request.cover_images(events),
        "filters": filters, "route": route,
        "kinds": [(k, translate(KIND_PLURALS[k], request)) for k in KINDS],
        "regions": [(k, translate(v, request)) for k, v in REGIONS.items()], "years": years,
        "can_add": can_add,
        # a contributor of sections (an antenna's coordinator) adds events there
        "add_in": [] if can_add or request.user is None else [
            (s.title, request.route_path("event_add_in_section", id=s.id)) for s in sections_for(request)[:10]],
        "filter_query": [(k, v) for k, v in request.GET.items() if k in FILTERS and v],
        "conferences": {} if past else {e.id: conference_links(request, e) for e in events if e.kind == "conference"},
    }


def unpublished(request, limit=20):
    """Drafts and events waiting for review that the user may change: an editor sees every one, an
    antenna's coordinator those of the antenna's section, an author their own."""
    if request.user is None:
        return []
    states = request.registry.portal.workflows["publication"].states
    stmt = (select(Event).where(Event.state.in_(("draft", "pending"))).order_by(Event.starts, Event.id)
            .limit(200))
    found = [e for e in request.dbsession.scalars(stmt) if request.has_permission("edit", e)][:limit]
    return [dict(summary(request, e), state=e.state, state_title=translate(states[e.state].title, request))
            for e in found]


@view_config(route_name="events", renderer="plugins.events:templates/listing.pt", permission="view")
def upcoming(request):
    return _listing(request, past=False)


@view_config(route_name="events_past", renderer="plugins.events:templates/listing.pt", permission="view")
def past(request):
    return _listing(request, past=True)


def structured_data(request, obj):
    """schema.org Event as JSON-LD, for search engines and calendars that read it; "</" is escaped so
    the text cannot close the script element."""
    data = {"@context": "https://schema.org", "@type": "Event", "name": obj.title,
            "description": obj.description or None, "inLanguage": obj.language,
            "startDate": obj.starts.astimezone(obj.tz).isoformat(), "endDate": obj.ends.astimezone(obj.tz).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "url": request.route_url("event.view", id=obj.id)}
    places = []
    if obj.city or obj.venue:
        places.append({"@type": "Place", "name": obj.venue or obj.city, "address": {
            "@type": "PostalAddress", "addressLocality": obj.city or None, "addressCountry": obj.country or None}})
    if obj.online_url:
        places.append({"@type": "VirtualLocation", "url": obj.online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    data["eventAttendanceMode"] = "https://schema.org/" + (
        "MixedEventAttendanceMode" if len(places) == 2 else
        "OnlineEventAttendanceMode" if obj.online_url else "OfflineEventAttendanceMode")
    organiser = obj.organiser or (obj.member.name if obj.member else "")
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def view_values(request, obj):
    depends_on_the_clock(request)
    lang = request.locale_name
    return {"when": when(obj, lang), "kind_title": translate(KIND_TITLES.get(obj.kind, obj.kind), request),
            "country": country_name(obj.country, lang) if obj.country else "",
            "region_title": translate(REGIONS[obj.region], request) if obj.region in REGIONS else "",
            "structured_data": structured_data(request, obj),
            "deadline": format_date(obj.registration_deadline, "long", locale=lang) if obj.registration_deadline else "",
            "conference": conference_links(request, obj)}


def conference_links(request, obj):
    from .conference_views import conference_links as links
    return links(request, obj)


@view_config(route_name="event_ics", permission="view")
def event_ics(request):
    event = request.context
    body = calendar(request, [event], event.title, event.modified or clock.now())
    return Response(body, content_type="text/calendar", charset="utf-8",
                    content_disposition=f'attachment; filename="event-{event.id}.ics"')


@view_config(route_name="events_ics", permission="view")
def events_ics(request):
    filters, _page = parse_filters(request)  # a region's calendar: /events/calendar.ics?region=africa
    events = request.dbsession.scalars(apply_filters(upcoming_query(language=request.locale_name), filters)
                                       .limit(500)).all()
    name = translate(_("Upcoming events"), request) + " · " + request.registry.settings.get("portal.site_name", "")
    body = calendar(request, events, name, clock.now())
    return depends_on_the_clock(request, Response(body, content_type="text/calendar", charset="utf-8",
                                                  content_disposition='inline; filename="events.ics"'))


@view_config(route_name="events_feed", permission="view")
def events_feed(request):
    filters, _page = parse_filters(request)
    events = request.dbsession.scalars(apply_filters(upcoming_query(language=request.locale_name), filters)
                                       .limit(FEED_SIZE)).all()
    entries = []
    for e in events:
        moment = when(e, request.locale_name)
        entries.append({"title": e.title, "url": request.route_url("event.view", id=e.id),
                        "updated": e.modified or e.published or e.created,
                        "summary": " · ".join(p for p in (moment["dates"], moment["times"], place(request, e),
                                                          e.description) if p)})
    title = translate(_("Upcoming events"), request) + " · " + request.registry.settings.get("portal.site_name", "")
    # a filtered feed is a feed of its own: its filters are in its self link and id
    self_url = request.route_url("events_feed", _query=sorted(filters.items()))
    return depends_on_the_clock(request, atom_feed(request, title, self_url, entries))


event_factory = model_factory(Event)
section_factory = model_factory(Section)


class SectionEventViews(ContentViews):
    """Adding an event inside a section. The permission is checked on the section, so a local role there
    (an antenna's coordinators as contributors of its section) is enough, as for editing its pages."""

    def __init__(self, context, request):
        self.section = context
        self.context = None
        self.request = request
        self.info = request.registry.portal.content_types["event"]
        self.workflow = request.registry.portal.workflows[self.info.workflow]

    def initial(self):
        found = super().initial()
        found["parent_id"] = self.section.id
        return found

    def common(self, **values):
        values.setdefault("type_info", self.info)
        values["page_title"] = translate(_("Add an event to this section"), self.request)
        values["breadcrumbs"] = [(self.section.title, self.request.route_path("section.view", id=self.section.id)),
                                 (values["page_title"], None)]
        return values


@view_config(route_name="event_add_in_section", renderer="portal:templates/content_form.pt",
             request_method=("GET", "POST"), permission="edit")
def add_in_section(request):
    return SectionEventViews(request.context, request).add()
