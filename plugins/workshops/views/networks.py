"""/networks and /networks/{id}: the collaborative networks, their member cities, advisory group and
action plan (the core's action tree pages, mounted on the network's routes under "edit_network")."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (ActionDeleteView, ActionFormView, ConfirmView, FormView, _, as_id, page, plan_values)

from ..models import Adviser, Network, NetworkCity
from ..networks import (JOIN_TITLES, STAGE_TITLES, accept, action_plan, decline, join_request, joined,
                        theme_label)
from ..deliverables import STATUS_TITLES, deliverables_of
from ..workshop_models import Workshop
from ..schemas import AdviserSchema, JoinSchema, NetworkSchema

LISTING = (_("Collaborative networks"), "networks")


def trail(request, network=None):
    crumbs = [(LISTING[0], request.route_url("networks"))]
    if network is not None:
        crumbs.append((network.title, request.route_url("network", id=network.id)))
    return crumbs


@view_config(route_name="networks", renderer="plugins.workshops:templates/networks.pt", permission="view")
def networks(request):
    rows = request.dbsession.scalars(select(Network).order_by(Network.title)).all()
    cards = [{"obj": n, "theme": theme_label(request, n.theme), "stage": STAGE_TITLES.get(n.stage),
              "cities": len(joined(n))} for n in rows]
    return page(request, LISTING[0], (), cards=cards,
                add_url=request.route_url("network_add") if request.has_permission("manage") else None)


@view_config(route_name="network", renderer="plugins.workshops:templates/network.pt", permission="view")
def network_page(request):
    network = request.context
    editor = request.has_permission("edit_network", network)
    routes = dict(edit_route="network_action_edit", add_route="network_action_add",
                  delete_route="network_action_delete") if editor else {}
    plan = plan_values(request, action_plan(request.dbsession, network), history_of=request.GET.get("history"),
                       id=network.id, **routes)
    user = request.user
    mine = next((c for c in network.cities if user is not None and c.member_id == user.member_id), None)
    may_join = (request.has_permission("join_network", network) and user.member_id
                and user.member_id != network.member_id and mine is None)
    cities = [c for c in network.cities if c.state == "accepted"
              or request.has_permission("accept_city", network) or c is mine]
    return page(request, network.title, trail(request), network=network, theme=theme_label(request, network.theme),
                stage=STAGE_TITLES.get(network.stage), cities=cities, join_titles=JOIN_TITLES, editor=editor,
                may_join=may_join, may_accept=request.has_permission("accept_city", network),
                plan_add_url=request.route_url("network_action_add", id=network.id) if editor else None,
                workshops=workshops_of(request.dbsession, network),
                deliverables=[d for d in deliverables_of(request.dbsession, network)
                              if request.has_permission("view", d)],
                deliverable_status=STATUS_TITLES, **plan)


def workshops_of(dbsession, network):
    return dbsession.scalars(select(Workshop).where(Workshop.network_id == network.id)
                             .order_by(Workshop.starts)).all()


class NetworkForm(FormView):
    schema = NetworkSchema

    def row(self):
        return self.context if isinstance(self.context, Network) else None

    def page_title(self):
        return _("Edit the network") if self.row() else _("New collaborative network")

    def trail(self):
        return trail(self.request, self.row())

    def appstruct(self):
        row = self.row()
        if row is None:
            return {"stage": "theme"}
        return {"title": row.title, "member_id": row.member_id, "theme": row.theme, "stage": row.stage,
                "description": row.description}

    def save_success(self, appstruct):
        row = self.row()
        if row is None:
            row = Network(**appstruct)
            self.request.dbsession.add(row)
        else:
            for name, value in appstruct.items():
                setattr(row, name, value)
        self.request.dbsession.flush()
        return self.done(_("Saved."), self.request.route_url("network", id=row.id))


@view_config(route_name="network_add", permission="manage")
class NetworkAdd(NetworkForm):
    pass


@view_config(route_name="network_edit", permission="edit_network")
class NetworkEdit(NetworkForm):
    pass


@view_config(route_name="network_join", permission="join_network")
class JoinView(FormView):
    schema = JoinSchema
    buttons = (("join", _("Ask to join")),)

    def page_title(self):
        return _("Join “${network}”", mapping={"network": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    @property
    def intro(self):
        return _("The pilot city and the secretariat both accept a member city into the network's work.")

    def join_success(self, appstruct):
        user, network = self.request.user, self.context
        if not user.member_id:
            return self.refuse(appstruct, _("Only the representative of a member city can ask to join."))
        if user.member_id == network.member_id:
            return self.refuse(appstruct, _("Your city is the pilot city of this network."))
        join_request(self.request.dbsession, network, user.member_id, appstruct["motivation"])
        return self.done(_("Your request is sent to the pilot city and the secretariat."),
                         self.request.route_url("network", id=network.id))


class CityDecision(ConfirmView):
    def city(self):
        row = self.request.dbsession.get(NetworkCity, as_id(self.request.matchdict["city"]) or 0)
        if row is None or row.network_id != self.context.id:
            raise HTTPNotFound()
        return row

    def trail(self):
        return trail(self.request, self.context)

    def cancel_url(self):
        return self.request.route_url("network", id=self.context.id)


@view_config(route_name="network_city_accept", permission="accept_city")
class AcceptCity(CityDecision):
    button = _("Accept")
    title = _("Accept the city into the network")

    @property
    def intro(self):
        return _("Accept ${city} into “${network}”?",
                 mapping={"city": self.city().member.name, "network": self.context.title})

    def confirm_success(self):
        row = self.city()
        as_pilot = self.request.user.member_id == self.context.member_id
        accept(row, as_pilot=as_pilot, as_secretariat=self.request.user.role == "secretariat")
        message = _("The city joined the network.") if row.state == "accepted" else \
            _("Accepted; the city joins once the other side accepts too.")
        return self.done(message, self.cancel_url())


@view_config(route_name="network_city_decline", permission="accept_city")
class DeclineCity(CityDecision):
    button = _("Decline")
    danger = True
    title = _("Decline the city's request")

    @property
    def intro(self):
        return _("Decline the request of ${city}?", mapping={"city": self.city().member.name})

    def confirm_success(self):
        decline(self.city())
        return self.done(_("Declined."), self.cancel_url())


@view_config(route_name="network_advisers", permission="edit_network")
class AdviserAdd(FormView):
    schema = AdviserSchema
    buttons = (("add", _("Add to the advisory group")),)

    def page_title(self):
        return _("Advisory group of “${network}”", mapping={"network": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    def add_success(self, appstruct):
        self.request.dbsession.add(Adviser(network_id=self.context.id, **appstruct))
        return self.done(_("Saved."), self.request.route_url("network", id=self.context.id, _anchor="advisers"))


class PlanPages:
    def get_tree(self):
        return action_plan(self.request.dbsession, self.context)

    def plan_url(self):
        return self.request.route_url("network", id=self.context.id, _anchor="plan")

    def trail(self):
        return trail(self.request, self.context)


@view_config(route_name="network_action_add", permission="edit_network")
@view_config(route_name="network_action_edit", permission="edit_network")
class NetworkActionForm(PlanPages, ActionFormView):
    pass


@view_config(route_name="network_action_delete", permission="edit_network")
class NetworkActionDelete(PlanPages, ActionDeleteView):
    pass
