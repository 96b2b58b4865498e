"""The member directory, member pages, public profiles and the membership application form."""
from datetime import datetime

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, select

from ..countries import COUNTRY_CODES, REGIONS, country_choices, country_name
from ..forms import country_node
from ..formview import FormView
from ..nodes import email_node
from ..pagination import paginate
from ..i18n import _, translate
from ..maps import world_map
from ..callbacks import TimelineEntry
from ..models import MEMBER_KINDS, Member, MembershipApplication, User

KIND_TITLES = {
    "city": _("City"),
    "local-government": _("Local government"),
    "organisation": _("Organisation"),
    "university": _("University"),
    "network": _("Network"),
}
STATUS_TITLES = {"active": _("Active"), "suspended": _("Suspended"), "former": _("Former member")}


@colander.deferred
def deferred_kind_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[(k, translate(v, request)) for k, v in KIND_TITLES.items()])


def kind_node():
    return colander.SchemaNode(colander.String(), name="kind", title=_("Type of organisation"),
                               validator=colander.OneOf(MEMBER_KINDS), widget=deferred_kind_widget)


def with_scheme(value):
    """"www.city.example" would be a link relative to the portal: give it the scheme it lacks."""
    if isinstance(value, str) and value.strip() and "://" not in value:
        return "https://" + value.strip()
    return value


def website_node():
    return colander.SchemaNode(colander.String(), name="website", title=_("Website"), missing="",
                               preparer=with_scheme, validator=colander.url, widget=deform.widget.TextInputWidget(
                                   attributes={"type": "url", "placeholder": "https://"}))


class ApplicationSchema(colander.Schema):
    organisation = colander.SchemaNode(colander.String(), title=_("Organisation"), validator=colander.Length(2, 200))
    kind = kind_node()
    country = country_node()
    website = website_node()
    contact_name = colander.SchemaNode(colander.String(), title=_("Your name"), validator=colander.Length(1, 200))
    email = email_node(title=_("Your email"))
    motivation = colander.SchemaNode(colander.String(), title=_("Why do you want to join?"), missing="",
                                     validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=6))


@view_config(route_name="apply", permission="view")
class ApplyView(FormView):
    schema = ApplicationSchema
    buttons = (("apply", _("Send the application")),)
    title = _("Join the network")
    intro = _("Local governments, organisations, universities and networks working on participatory "
              "democracy can apply. The technical secretariat reviews each application and answers by mail.")

    def apply_success(self, appstruct):
        request = self.request
        application = MembershipApplication(language=request.locale_name, **appstruct)
        request.dbsession.add(application)
        request.dbsession.flush()
        for admin in request.dbsession.scalars(select(User).where(User.role == "secretariat", User.active)):
            request.send_template("application-received", admin, organisation=application.organisation,
                                  country=application.country, name=application.contact_name,
                                  email=application.email, motivation=application.motivation,
                                  link=request.route_url("manage_application", id=application.id))
        return self.done(_("Thank you. The technical secretariat will review your application and write to you."),
                         request.route_url("home"))


PAGE_SIZE = 24


def allowed_value(request, name, allowed, unknown, upper=False):
    """A filter's value from the query string ("" when not given); one not in `allowed` is a 400 whose
    translated message `unknown` lists them (${values})."""
    value = (request.GET.get(name) or "").strip()
    value = value.upper() if upper else value
    if value and value not in allowed:
        raise HTTPBadRequest(translate(unknown, request, {"values": ", ".join(allowed)}))
    return value


@view_config(route_name="members", renderer="portal:templates/members.pt", permission="view")
def members(request):
    """The directory: active members, filtered by region, country and type, searched by name, in pages."""
    kept = [Member.status == "active"]  # every filter but the country's: the map counts what they keep
    region = allowed_value(request, "region", REGIONS, _("Unknown region. Allowed: ${values}"))
    if region:
        kept.append(Member.region == region)
    kind = allowed_value(request, "kind", MEMBER_KINDS, _("Unknown type of organisation. Allowed: ${values}"))
    if kind:
        kept.append(Member.kind == kind)
    country = allowed_value(request, "country", COUNTRY_CODES,
                            _("Unknown country. Allowed: ISO 3166-1 codes such as ${values}"), upper=True)
    q = (request.GET.get("q") or "").strip()[:200]
    if q:
        kept.append(func.lower(Member.name).contains(q.lower(), autoescape=True))
    stmt = select(Member).where(*kept, *([Member.country == country] if country else []))
    pager = paginate(request, stmt.order_by(Member.name, Member.id), size=PAGE_SIZE)
    found, total = pager.items, pager.total
    used = set(request.dbsession.scalars(select(Member.country).where(Member.status == "active").distinct()))
    countries = [(code, name) for code, name in country_choices(request.locale_name) if code in used]
    filters = {k: v for k, v in (("region", region), ("kind", kind), ("country", country), ("q", q)) if v}
    title = translate(_("Members"), request)
    others = [(k, v) for k, v in request.GET.items() if v and k not in ("country", "page")]
    world = members_map(request, kept, others, selected=country or None)
    return {"members": found, "world_map": world, "regions": REGIONS, "kinds": KIND_TITLES, "countries": countries,
            "region": region, "kind": kind, "country": country, "q": q, "total": total, "pager": pager,
            "filtered": bool(filters),
            "country_name": country_name, "page_title": title, "breadcrumbs": [(title, None)],
            "page_description": translate(_("The member organisations of the network: cities, local governments, "
                                            "organisations, universities and networks."), request)}


def members_map(request, conditions=(Member.status == "active",), keep=(), selected=None, map_id="members-map"):
    """The world map of the member organisations that meet conditions (the active ones), per
    country; each country leads to the directory filtered by it, with the parameters of keep."""
    per_country = dict(request.dbsession.execute(
        select(Member.country, func.count()).where(*conditions).group_by(Member.country)).all())
    return world_map(request, per_country,
                     lambda code: request.route_path("members", _query=[*keep, ("country", code)]),
                     title=_("Member organisations by country"),
                     count_label=(_("${count} member organisation"), _("${count} member organisations")),
                     column=_("Member organisations"), selected=selected, map_id=map_id)


@view_config(route_name="member", renderer="portal:templates/member.pt", permission="view")
def member(request):
    found = request.dbsession.get(Member, int(request.matchdict["id"]))
    if found is None or (found.status != "active" and not request.has_permission("manage", request.site)):
        raise HTTPNotFound()
    reps = [u for u in found.representatives if u.public_profile and u.active]
    logo = found.logo
    history = member_history(request, found)
    return {"member": found, "representatives": reps, "country_name": country_name, "regions": REGIONS,
            "sections": request.registry.portal.sections("member", request, found), "history": history,
            "show_email": request.authenticated_userid is not None,
            "kinds": KIND_TITLES, "statuses": STATUS_TITLES, "page_title": found.name,
            "page_description": found.description[:300] if found.description else None,
            "page_image": request.route_url("file", id=logo.id, filename=logo.filename) if logo else None,
            "breadcrumbs": [(translate(_("Members"), request), request.route_path("members")), (found.name, None)]}


def member_history(request, member):
    """The profile's counts and its timeline (add_timeline): every entry the visitor may see, grouped by
    year in the reader's zone, newest first; ?kind=... keeps the entries of one kind."""
    from ..timezones import date_text, zone_info
    portal = request.registry.portal
    kinds = {kind: labels for timeline in sorted(portal.timelines.values(), key=lambda t: (t.order, t.name))
             for kind, labels in timeline.kinds.items()}  # in the timelines' order, for the counts and the filter
    chosen = request.GET.get("kind") or None
    if chosen is not None and kinds.get(chosen, (None, None))[1] is None:
        counted = [k for k, (_label, plural) in kinds.items() if plural is not None]
        raise HTTPBadRequest(translate(_("Unknown kind of entry in the history. Allowed: ${values}",
                                         mapping={"values": ", ".join(counted)}), request))
    entries = portal.timeline(request, member)
    counts = {}
    for entry in entries:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    zone = request.reader_zone
    years = []
    for entry in entries:
        if chosen is not None and entry.kind != chosen:
            continue
        when = entry.when
        local = when.astimezone(zone_info(zone)).date() if isinstance(when, datetime) and when.tzinfo else when
        day = local.date() if isinstance(local, datetime) else local
        if not years or years[-1][0] != day.year:
            years.append((day.year, []))
        years[-1][1].append({"kind": entry.kind, "label": translate(kinds[entry.kind][0], request),
                             "iso": day.isoformat(), "date": date_text(request.locale_name, day),
                             "title": translate(entry.title, request), "url": entry.url,
                             "note": translate(entry.note, request) if entry.note else None})
    per_kind = [{"kind": kind, "title": translate(plural, request), "count": counts.get(kind, 0),
                 "url": request.route_path("member", id=member.id, _query={"kind": kind}, _anchor="history"),
                 "current": kind == chosen}
                for kind, (_label, plural) in kinds.items() if plural is not None]
    everything = {"kind": None, "title": translate(_("Everything"), request), "count": len(entries),
                  "url": request.route_path("member", id=member.id, _anchor="history"), "current": chosen is None}
    return {"years": years, "chosen": chosen, "counts": per_kind,
            "filters": [everything] + [f for f in per_kind if f["count"] or f["current"]]}


def joined_entries(request, member):
    """The core's moment of every member's history: the day it joined the network."""
    if member.member_since:
        yield TimelineEntry(when=member.member_since, kind="joined", title=_("Joined the network"))


@view_config(route_name="person", renderer="portal:templates/person.pt", permission="view")
def person(request):
    found = request.dbsession.get(User, int(request.matchdict["id"]))
    if found is None or not found.active or not (found.public_profile or request.has_permission("manage", request.site)):
        raise HTTPNotFound()
    return {"person": found, "page_title": found.name, "breadcrumbs": [(found.name, None)]}


def member_rows(request):
    from ..exports import in_batches
    for m in in_batches(request, select(Member).where(Member.status == "active").order_by(Member.name, Member.id)):
        yield {"id": m.id, "name": m.name, "kind": m.kind, "country": m.country, "region": m.region,
               "website": m.website, "member_since": m.member_since.isoformat() if m.member_since else "",
               "url": request.route_url("member", id=m.id)}


def person_document(request, user):
    return {"title": user.name, "text": user.bio, "url": request.route_path("person", id=user.id),
            "date": user.created, "language": user.language,
            "region": [user.member.region] if user.member else [], "allowed": ["system.Everyone"]}


def includeme(config):
    config.add_timeline("network", joined_entries, order=0, kinds={"joined": _("Membership")})
    config.add_export("members", _("Members"), member_rows,
                      columns=("id", "name", "kind", "country", "region", "website", "member_since", "url"))
    config.add_search_index(User, document=person_document, name="person",
                            should_index=lambda u: bool(u.public_profile and u.active))


