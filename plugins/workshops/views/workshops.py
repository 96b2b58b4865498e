"""/international-workshops and /international-workshops/{id} (/workshops is the test-only sample
plugin's): a network's workshops, their form (at most 3 days, the programme prefilled from the guide)
and their page, with the event of the calendar and its iCal file when the events plugin is on."""
from decimal import Decimal

from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, page, translate

from ..networks import theme_label
from ..call_schemas import PhotosSchema, PracticesSchema
from ..publication import add_photos, album_of, experience_ids, experience_type, practices_of, public_deliverables
from ..people import people_of, to_minor
from ..schemas import workshop_schema
from ..workshop_models import Workshop
from ..workshops import HALF_TITLES, programme_fields, programme_of, sync_event, template_programme
from .networks import trail as network_trail

LISTING = _("International workshops")


def event_links(request, workshop):
    """The calendar's page and iCal file of the workshop's event (None: the events plugin is off)."""
    info = request.registry.portal.content_types.get("event")
    if info is None or not workshop.event_id or request.dbsession.get(info.factory, workshop.event_id) is None:
        return None
    return {"page": request.route_url("event.view", id=workshop.event_id),
            "ics": request.route_url("event_ics", id=workshop.event_id)}


def listed_people(dbsession, workshop_id):
    """The participants the public page names: those who consented to be listed."""
    return [p for p in people_of(dbsession, workshop_id) if p.listed]


@view_config(route_name="workshops", renderer="plugins.workshops:templates/workshops.pt", permission="view")
def workshops(request):
    rows = request.dbsession.scalars(select(Workshop).order_by(Workshop.starts.desc())).all()
    return page(request, LISTING, (), workshops=rows)


@view_config(route_name="workshop", renderer="plugins.workshops:templates/workshop.pt", permission="view")
def workshop_page(request):
    workshop = request.context
    by_day = {}
    for slot in workshop.programme:
        by_day.setdefault(slot["day"], []).append((translate(HALF_TITLES[slot["half"]], request), slot["text"]))
    network = workshop.network
    return page(request, workshop.title, network_trail(request, network), workshop=workshop, network=network,
                theme=theme_label(request, network.theme), programme=sorted(by_day.items()),
                event=event_links(request, workshop),
                edit_url=request.route_url("workshop_edit", id=workshop.id)
                if request.has_permission("edit_network", workshop) else None,
                people_url=request.route_url("workshop_people", id=workshop.id)
                if request.has_permission("edit_network", workshop) else None,
                register_url=request.route_url("workshop_register", id=workshop.id),
                participants=listed_people(request.dbsession, workshop.id),
                deliverables=public_deliverables(request, network), practices=practices_of(request, workshop),
                practices_url=request.route_url("workshop_practices", id=workshop.id)
                if request.has_permission("edit_network", workshop) and experience_type(request) else None,
                photos=album.images if (album := album_of(request.dbsession, workshop)) is not None else [],
                photos_url=request.route_url("workshop_photos", id=workshop.id)
                if request.has_permission("edit_network", workshop) else None)


class WorkshopForm(FormView):
    def get_schema(self):
        return workshop_schema()

    def network(self):
        return self.context if self.workshop() is None else self.context.network

    def workshop(self):
        return self.context if isinstance(self.context, Workshop) else None

    def page_title(self):
        return _("Edit the workshop") if self.workshop() else _("New international workshop")

    def trail(self):
        return network_trail(self.request, self.network())

    def appstruct(self):
        row = self.workshop()
        if row is None:
            network = self.network()
            return {"title": translate(_("International workshop of ${network}", mapping={"network": network.title}),
                                       self.request), "city": network.pilot.name, **template_programme(self.request)}
        return {"title": row.title, "starts": row.starts, "ends": row.ends, "timezone": row.timezone,
                "venue": row.venue, "city": row.city, "provides_room": row.provides_room,
                "provides_meals": row.provides_meals, "provides_other": row.provides_other,
                "budget": Decimal(row.budget) / 100,
                **programme_fields(row)}

    def save_success(self, appstruct):
        row = self.workshop()
        if row is None:
            row = Workshop(network_id=self.network().id)
            row.network = self.network()
            self.request.dbsession.add(row)
        for name in ("title", "starts", "ends", "timezone", "venue", "city", "provides_room", "provides_meals",
                     "provides_other"):
            setattr(row, name, appstruct[name])
        row.programme = programme_of(appstruct, row.days)
        row.budget = to_minor(appstruct["budget"])
        self.request.dbsession.flush()
        sync_event(self.request, row)
        return self.done(_("Saved."), self.request.route_url("workshop", id=row.id))


@view_config(route_name="workshop_add", permission="edit_network")
class WorkshopAdd(WorkshopForm):
    pass


@view_config(route_name="workshop_edit", permission="edit_network")
class WorkshopEdit(WorkshopForm):
    pass


class AfterTheEvent(FormView):
    def trail(self):
        return [*network_trail(self.request, self.context.network),
                (self.context.title, self.request.route_url("workshop", id=self.context.id))]


@view_config(route_name="workshop_photos", permission="edit_network")
class PhotosView(AfterTheEvent):
    schema = PhotosSchema
    buttons = (("save", _("Add the photos")),)

    def page_title(self):
        return _("Photos of “${workshop}”", mapping={"workshop": self.context.title})

    def save_success(self, appstruct):
        if not appstruct["photos"]["kept"]:
            return self.refuse(appstruct, _("Choose at least one photo."), field="photos")
        add_photos(self.request, self.context, appstruct["photos"]["kept"], appstruct["caption"], appstruct["alt"])
        return self.done(_("Photos added."), self.request.route_url("workshop", id=self.context.id, _anchor="photos"))


@view_config(route_name="workshop_practices", permission="edit_network")
class PracticesView(AfterTheEvent):
    """The good practices the workshop presents: experiences of the database, named by their address."""
    schema = PracticesSchema

    def page_title(self):
        return _("Good practices of “${workshop}”", mapping={"workshop": self.context.title})

    def appstruct(self):
        return {"practices": "\n".join(url for _title, url in practices_of(self.request, self.context))}

    def save_success(self, appstruct):
        ids, unknown = experience_ids(self.request, appstruct["practices"])
        if unknown:
            return self.refuse(appstruct, _("No experience of the database at: ${lines}",
                                            mapping={"lines": ", ".join(unknown)}), field="practices")
        self.context.practices = ids
        return self.done(_("Saved."), self.request.route_url("workshop", id=self.context.id, _anchor="practices"))


@view_config(route_name="ws_workshop_album.view", permission="view")
def album_view(context, request):
    """A workshop's photos are shown on its page."""
    from pyramid.httpexceptions import HTTPFound
    return HTTPFound(request.route_url("workshop", id=context.workshop_id, _anchor="photos"))
