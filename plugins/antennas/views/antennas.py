"""The antennas: their list, an antenna's page (its one page: its section is part of it) and the
secretariat's forms."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import model_factory
from portal.api import REGIONS, country_name
from portal.api import ConfirmView, FormView
from portal.api import _, field_values, translate
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


class AntennaForm(FormView):
    schema = AntennaSchema

    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.antenna = getattr(self.context, "antenna", None)

    def page_title(self):
        return self.antenna.name if self.antenna is not None else _("Add an antenna")

    def page(self, **values):
        title = translate(self.page_title(), self.request)
        if self.antenna is None:
            trail = crumbs(self.request, None, (title, None))
        else:
            trail = crumbs(self.request, self.antenna, (translate(_("Edit"), self.request), None))
        return dict(values, page_title=title, breadcrumbs=trail)

    def appstruct(self):
        antenna = self.antenna
        if antenna is None:
            return {"status": "planned"}
        appstruct = {k: getattr(antenna, k) for k in ("name", "region", "seat_city", "seat_country",
                                                      "host_member_id", "opened", "status", "description",
                                                      "contacts") if getattr(antenna, k) not in (None, "")}
        appstruct.update({k: field_values(antenna, k, self.request) for k in antenna.__translatable__})
        appstruct["coordinators"] = "\n".join(u.email for u in antenna.coordinators(self.request.dbsession))
        return appstruct

    def save_success(self, appstruct):
        antenna = save_antenna(self.request, self.antenna, appstruct)
        return self.done(_("Changes saved."), self.request.route_url("antenna", id=antenna.id))


@view_config(route_name="antenna_add", permission="manage")
class AntennaAdd(AntennaForm):
    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.antenna = None


@view_config(route_name="antenna_edit", permission="manage")
class AntennaEdit(AntennaForm):
    pass


@view_config(route_name="antenna_delete", permission="manage")
class AntennaDelete(ConfirmView):
    button = _("Delete")
    danger = True
    name = "delete"
    intro = _("The antenna and its coordinators' rights go; the news, pages and events it published stay in its "
              "section.")

    def page_title(self):
        return _("Delete: ${title}", mapping={"title": self.context.antenna.name})

    def trail(self):
        return crumbs(self.request, self.context.antenna)

    def cancel_url(self):
        return self.request.route_path("antenna", id=self.context.antenna.id)

    def confirm_success(self):
        antenna = self.context.antenna
        antenna.set_coordinators(self.request.dbsession, [])
        self.request.dbsession.delete(antenna)
        return self.done(_("“${title}” was deleted.", mapping={"title": antenna.name}),
                         self.request.route_url("antennas"))
