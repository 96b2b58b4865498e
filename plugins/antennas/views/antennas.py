"""The antennas: their list, an antenna's page (its one page: its section is part of it) and the
secretariat's forms."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import model_factory
from portal.api import REGIONS, country_name
from portal.api import make_form, render_form, validate
from portal.api import _, translate
from portal.api import Member
from portal.api import html_to_text

from ..models import Antenna
from ..schemas import STATUS_TITLES, AntennaSchema
from ..services import antenna_types, save_antenna, section_content

T = "plugins.antennas:templates/"


class AntennaContext:
    """An antenna as a route's context: public to read, the secretariat's to change."""

    __acl__ = [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, Everyone, "view"),
               (Deny, Everyone, ALL_PERMISSIONS)]

    def __init__(self, antenna):
        self.antenna = antenna


antenna_factory = model_factory(Antenna, context=AntennaContext)


def crumbs(request, antenna=None, *more):
    """The trail to the current page, which itself is the last crumb, never a link."""
    found = [(translate(_("Antennas"), request), request.route_path("antennas"))]
    if antenna is not None:
        found.append((antenna.name, request.route_path("antenna", id=antenna.id)))
    return found + list(more)


@view_config(route_name="antennas", renderer=T + "antennas.pt", permission="view")
def antennas(request):
    rows = request.dbsession.scalars(select(Antenna).order_by(Antenna.status, Antenna.name)).all()
    counts = dict(request.dbsession.execute(select(Member.region, func.count()).where(Member.status == "active")
                                            .group_by(Member.region)).all())
    title = translate(_("Regional antennas"), request)
    return {"antennas": rows, "regions": REGIONS, "statuses": STATUS_TITLES, "counts": counts,
            "country_name": country_name, "page_title": title,
            "page_description": translate(_("The network's regional offices, experts of their territory."), request),
            "breadcrumbs": [(translate(_("Antennas"), request), None)],
            "can_manage": bool(request.has_permission("manage", request.site))}


@view_config(route_name="antenna", renderer=T + "antenna.pt", permission="view")
def antenna_view(context, request):
    antenna = context.antenna
    published, drafts = section_content(request, antenna)
    by_type = {}
    for item in published:
        by_type.setdefault(item.type, []).append(item)
    can_add = request.user is not None and antenna.section is not None \
        and bool(request.has_permission("edit", antenna.section))
    members_count = request.dbsession.scalar(select(func.count()).select_from(Member).where(
        Member.status == "active", Member.region == antenna.region))
    return {"antenna": antenna, "by_type": by_type, "drafts": drafts, "types": antenna_types(request),
            "can_add": can_add, "coordinators": antenna.coordinators(request.dbsession),
            "sections": request.registry.portal.sections("region", request, antenna.region),
            "members_count": members_count, "regions": REGIONS, "statuses": STATUS_TITLES,
            "country_name": country_name, "page_title": antenna.name,
            "page_description": html_to_text(antenna.description)[:300] or translate(REGIONS[antenna.region], request),
            "can_manage": bool(request.has_permission("manage", context)),
            "breadcrumbs": crumbs(request, None, (antenna.name, None))}


def _antenna_form(request, antenna):
    form = make_form(request, AntennaSchema, [("save", _("Save"))])
    if antenna is None:
        title = translate(_("Add an antenna"), request)
        trail = crumbs(request, None, (title, None))
    else:
        title = antenna.name
        trail = crumbs(request, antenna, (translate(_("Edit"), request), None))
    values = {"page_title": title, "breadcrumbs": trail, "intro": None}
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return dict(values, form=failed)
        antenna = save_antenna(request, antenna, appstruct)
        request.flash(_("Changes saved."))
        return HTTPFound(request.route_url("antenna", id=antenna.id))
    if antenna is None:
        appstruct = {"status": "planned"}
    else:
        appstruct = {k: getattr(antenna, k) for k in ("name", "region", "seat_city", "seat_country",
                                                      "host_member_id", "opened", "status", "description",
                                                      "contacts") if getattr(antenna, k) not in (None, "")}
        appstruct["coordinators"] = "\n".join(u.email for u in antenna.coordinators(request.dbsession))
    return dict(values, form=render_form(form, appstruct))


@view_config(route_name="antenna_add", renderer="portal:templates/form_page.pt", permission="manage")
def antenna_add(request):
    return _antenna_form(request, None)


@view_config(route_name="antenna_edit", renderer="portal:templates/form_page.pt", permission="manage")
def antenna_edit(context, request):
    return _antenna_form(request, context.antenna)


@view_config(route_name="antenna_delete", renderer=T + "delete.pt", permission="manage")
def antenna_delete(context, request):
    antenna = context.antenna
    if "delete" in request.POST:
        antenna.set_coordinators(request.dbsession, [])
        request.dbsession.delete(antenna)
        request.flash(_("“${title}” was deleted.", mapping={"title": antenna.name}))
        return HTTPFound(request.route_url("antennas"))
    return {"antenna": antenna, "page_title": antenna.name,
            "breadcrumbs": crumbs(request, antenna, (translate(_("Delete"), request), None))}
