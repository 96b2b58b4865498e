"""The workshop's people and budget rules: the count of funded people (refused past the guide's limits),
the budget planned and spent per person against the secretariat's budget (warnings past it), and the
registrations of local experts and member-city participants (one per e-mail, with a confirmation mail)."""
from decimal import Decimal

from sqlalchemy import func, select

from portal.api import _, send_template

from .people_models import FUNDED_LIMITS, WorkshopPerson

COUNT_REFUSED = {"expert": _("The secretariat funds at most 3 international experts per workshop (the workshop "
                             "guide): this one would be the fourth."),
                 "adviser": _("The secretariat funds the costs of one member of the advisory group per workshop "
                              "(the workshop guide): one is already funded.")}
KIND_TITLES = {"expert": _("International expert (funded)"), "adviser": _("Advisory group member (funded)"),
               "local": _("Local expert"), "member_city": _("Member city participant")}


def to_minor(value: Decimal | None) -> int:
    return int((value or Decimal(0)) * 100)


def amount(minor: int, currency: str) -> str:
    return f"{minor / 100:,.2f} {currency}"


def funded_count(dbsession, workshop_id, kind):
    return dbsession.scalar(select(func.count()).select_from(WorkshopPerson)
                            .where(WorkshopPerson.workshop_id == workshop_id, WorkshopPerson.kind == kind)) or 0


def count_refusal(dbsession, workshop_id, kind):
    """The guide's rule broken by one more funded person of that kind, or None."""
    limit = FUNDED_LIMITS.get(kind)
    if limit is not None and funded_count(dbsession, workshop_id, kind) >= limit:
        return COUNT_REFUSED[kind]
    return None


def find(dbsession, workshop_id, email):
    return dbsession.scalars(select(WorkshopPerson).where(WorkshopPerson.workshop_id == workshop_id,
                                                          WorkshopPerson.email == email.strip().lower())).first()


def people_of(dbsession, workshop_id):
    return dbsession.scalars(select(WorkshopPerson).where(WorkshopPerson.workshop_id == workshop_id)
                             .order_by(WorkshopPerson.kind, WorkshopPerson.name)).all()


def budget_summary(workshop, people):
    """Planned and spent against the budget, with the warnings: a budget exceeded, a person over their plan."""
    funded = [p for p in people if p.funded]
    planned, spent = sum(p.planned for p in funded), sum(p.spent for p in funded)
    warnings = []
    if planned > workshop.budget:
        warnings.append(_("The planned costs (${planned}) are over the budget of ${budget}.",
                          mapping={"planned": amount(planned, workshop.currency),
                                   "budget": amount(workshop.budget, workshop.currency)}))
    if spent > workshop.budget:
        warnings.append(_("The costs spent (${spent}) are over the budget of ${budget}.",
                          mapping={"spent": amount(spent, workshop.currency),
                                   "budget": amount(workshop.budget, workshop.currency)}))
    for person in funded:
        if person.spent > person.planned:
            warnings.append(_("${name} spent ${spent}, more than the ${planned} planned.",
                              mapping={"name": person.name, "spent": amount(person.spent, workshop.currency),
                                       "planned": amount(person.planned, workshop.currency)}))
    return {"funded": funded, "planned": planned, "spent": spent, "left": workshop.budget - spent,
            "warnings": warnings}


def register(request, workshop, name, email, kind, member_id=None, listed=False):
    """A local expert or member-city participant registers, at their own expense; the same address twice is
    one registration (the first kept, its consent updated). Returns (person, new)."""
    session = request.dbsession
    found = find(session, workshop.id, email)
    if found is not None:
        found.listed = listed
        return found, False
    person = WorkshopPerson(workshop_id=workshop.id, kind=kind, name=name.strip(), email=email.strip().lower(),
                            member_id=member_id, listed=listed, travel_planned=0, lodging_planned=0,
                            travel_spent=0, lodging_spent=0, exception="")
    session.add(person)
    session.flush()
    send_template(request, "workshops:registered", person.email, language=request.locale_name, name=person.name,
                  workshop=workshop.title, dates=f"{workshop.starts.isoformat()} – {workshop.ends.isoformat()}",
                  url=request.route_url("workshop", id=workshop.id))
    return person, True
