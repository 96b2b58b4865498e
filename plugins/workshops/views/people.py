"""A workshop's people: the funded experts and advisory-group member with their costs against the budget
(/international-workshops/{id}/people, the network's editors), and the registration of local experts and
member-city participants (/international-workshops/{id}/register, anyone)."""
from decimal import Decimal

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from portal.api import FormView, _, as_id

from ..people import KIND_TITLES, amount, budget_summary, count_refusal, find, people_of, register, to_minor
from ..people_models import WorkshopPerson
from ..schemas import CostsSchema, FundedSchema, RegistrationSchema
from .networks import trail as network_trail

COSTS = ("travel_planned", "lodging_planned", "travel_spent", "lodging_spent")


def trail(request, workshop):
    return [*network_trail(request, workshop.network), (workshop.title, request.route_url("workshop", id=workshop.id))]


@view_config(route_name="workshop_people", permission="edit_network")
class PeopleView(FormView):
    schema = FundedSchema
    buttons = (("invite", _("Add the funded person")),)
    renderer = "plugins.workshops:templates/people.pt"

    def page_title(self):
        return _("People and budget of “${workshop}”", mapping={"workshop": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    def values(self):
        self.request.response.cache_control.private = True
        workshop = self.context
        people = people_of(self.request.dbsession, workshop.id)
        return {"workshop": workshop, "summary": budget_summary(workshop, people), "kind_titles": KIND_TITLES,
                "registered": [p for p in people if not p.funded],
                "money": lambda minor: amount(minor, workshop.currency)}

    def invite_success(self, appstruct):
        session, workshop = self.request.dbsession, self.context
        refused = count_refusal(session, workshop.id, appstruct["kind"])
        if refused is not None:
            return self.refuse(appstruct, refused, field="kind")
        if find(session, workshop.id, appstruct["email"]) is not None:
            return self.refuse(appstruct, _("This person is already among the workshop's people."), field="email")
        session.add(WorkshopPerson(workshop_id=workshop.id, kind=appstruct["kind"], name=appstruct["name"].strip(),
                                   email=appstruct["email"].strip().lower(), listed=False, exception="",
                                   **{name: to_minor(appstruct[name]) for name in COSTS}))
        return self.done(_("Saved."), self.request.route_url("workshop_people", id=workshop.id))


@view_config(route_name="workshop_costs", permission="edit_network")
class CostsView(FormView):
    schema = CostsSchema

    def person(self):
        row = self.request.dbsession.get(WorkshopPerson, as_id(self.request.matchdict["person"]) or 0)
        if row is None or row.workshop_id != self.context.id or not row.funded:
            raise HTTPNotFound()
        return row

    def page_title(self):
        return _("Travel and lodging of ${name}", mapping={"name": self.person().name})

    def trail(self):
        return trail(self.request, self.context)

    def appstruct(self):
        row = self.person()
        return {name: Decimal(getattr(row, name)) / 100 for name in COSTS}

    def save_success(self, appstruct):
        row = self.person()
        for name in COSTS:
            setattr(row, name, to_minor(appstruct[name]))
        return self.done(_("Saved."), self.request.route_url("workshop_people", id=self.context.id))


@view_config(route_name="workshop_register", permission="register_workshop")
class RegisterView(FormView):
    schema = RegistrationSchema
    buttons = (("register", _("Register")),)

    def page_title(self):
        return _("Register for “${workshop}”", mapping={"workshop": self.context.title})

    def trail(self):
        return trail(self.request, self.context)

    @property
    def intro(self):
        return _("Local experts and participants of the member cities take part at their own expense, unless an "
                 "exception is agreed with the pilot city and the secretariat.")

    def appstruct(self):
        user = self.request.user
        return {"name": user.name, "email": user.email, "member_id": user.member_id} if user else {}

    def register_success(self, appstruct):
        if appstruct["kind"] == "member_city" and not appstruct["member_id"]:
            return self.refuse(appstruct, _("Choose your member city."), field="member_id")
        _person, new = register(self.request, self.context, appstruct["name"], appstruct["email"], appstruct["kind"],
                                appstruct["member_id"], appstruct["listed"])
        message = _("You are registered; a confirmation is mailed to you.") if new else \
            _("You were already registered: your registration is kept, once.")
        return self.done(message, self.request.route_url("workshop", id=self.context.id))
