"""A collaborative network of the demo members, after the workshop guide (../shared/seeds): Dakar the pilot
city on citizen participation, Grenoble joined, Maputo asking, an advisory group and an action plan."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Member, User, add_action, clock, update_action

from .deliverables import ACTION_PLAN_KEY, add_comment, create_deliverable, save_section, section_of
from .models import Adviser, Network, NetworkCity
from .networks import action_plan, theme_choices

PLAN = [("Confirm the constitution of the network", 2, [("Constitution form signed by the member cities", 60),
                                                         ("Working rules of the network", 100)]),
        ("Identify the experiences done or under way", 1, [("Inventory of local good practices", 30)]),
        ("Prepare the international workshop", 1, [("Programme with the secretariat", 0)])]


def create_demo_networks(request):
    session = request.dbsession
    members = {m.name: m for m in session.scalars(select(Member))}
    pilot = members.get("Dakar")
    if pilot is None or session.scalars(select(Network)).first() is not None:
        return
    slugs = [slug for slug, _label in theme_choices(request)]
    theme = "participatory-budgeting" if "participatory-budgeting" in slugs else (slugs[0] if slugs else "")
    network = Network(title="Collaborative network on participatory budgeting in West Africa", member_id=pilot.id,
                      theme=theme, stage="network", created=clock.now() - timedelta(days=60),
                      description="Dakar, pilot city, and the member cities that share its priority theme work "
                                  "together towards a pilot project, with the secretariat's support.")
    session.add(network)
    session.flush()
    for name, state in (("Grenoble", "accepted"), ("Maputo", "asked")):
        if name in members:
            session.add(NetworkCity(network_id=network.id, member_id=members[name].id, state=state,
                                    pilot_ok=state == "accepted", secretariat_ok=state == "accepted",
                                    motivation="", asked=clock.now() - timedelta(days=30)))
    session.add_all([Adviser(network_id=network.id, name="Mamadou Ndiaye", affiliation="Université Cheikh Anta Diop"),
                     Adviser(network_id=network.id, name="Clara Fontaine", email="",
                             affiliation="Advisory group of the network")])
    by = session.scalars(select(User).where(User.role == "secretariat")).first()
    tree = action_plan(session, network)
    for title, weight, children in PLAN:
        line = add_action(session, tree, title, weight=weight, owner_member_id=pilot.id, by=by)
        for child, progress in children:
            leaf = add_action(session, tree, child, parent=line, by=by)
            if progress:
                update_action(session, leaf, by=by, progress=progress,
                              status="done" if progress == 100 else "in_progress", note="Demo update")
    session.flush()
    create_demo_workshop(request, network)
    create_demo_deliverables(request, network, by)
    create_demo_call(request, members)


def create_demo_call(request, members):
    """An open call for pilot cities, Maputo's application received."""
    from .call_models import PilotApplication, PilotCall
    today = clock.now().date()
    call = PilotCall(title="Call for pilot cities 2027", created=clock.now(), opens=today - timedelta(days=10),
                     closes=today + timedelta(days=50),
                     description="The secretariat supports two pilot cities and their collaborative networks.",
                     eligibility="Active member cities and local governments.")
    request.dbsession.add(call)
    request.dbsession.flush()
    if "Maputo" in members:
        request.dbsession.add(PilotApplication(call_id=call.id, member_id=members["Maputo"].id, state="submitted",
                                               theme="", motivation="Maputo wants to pilot participatory budgeting "
                                               "in its informal markets.", commitments="A meeting room.",
                                               reason="", submitted=clock.now()))


THEMATIC = {"context": "<p>Dakar has run a participatory budget in its communes since 2009.</p>",
            "theme": "<p>The network works on participatory budgeting with young people and the informal "
                     "economy.</p><p>Grenoble brings its youth budget.</p>"}
CONSTITUTION = {"members": "<p>Dakar, pilot city; Grenoble, member city.</p>",
                ACTION_PLAN_KEY: "<p>Inventory of local good practices | 50</p>"}


def create_demo_deliverables(request, network, by):
    """The thematic sheet signed off by Dakar, the constitution form in review with a comment."""
    for kind, texts, status in (("thematic", THEMATIC, "signed"), ("constitution", CONSTITUTION, "review")):
        deliverable = create_deliverable(request, network, kind, "en", by)
        for key, body in texts.items():
            section = section_of(deliverable, key)
            save_section(request.dbsession, section, body, section.revision, by, "Demo text")
        deliverable.status = status
        if status == "signed":
            deliverable.signed, deliverable.signed_by_id, deliverable.public = clock.now(), by.id if by else None, True
        else:
            add_comment(request.dbsession, section_of(deliverable, "members"), by,
                        "Shall we name the advisory group here too?")
    request.dbsession.flush()


def create_demo_workshop(request, network):
    """The network's workshop, three days in Dakar a few months ahead, its programme the guide's."""
    from .workshop_models import Workshop
    from .workshops import programme_of, sync_event, template_programme
    starts = (clock.now() + timedelta(days=120)).date()
    workshop = Workshop(network_id=network.id, title="International workshop of the collaborative network, Dakar",
                        starts=starts, ends=starts + timedelta(days=2), timezone="Africa/Dakar",
                        venue="Maison de la culture Douta Seck", city="Dakar", provides_room=True,
                        provides_meals=True, provides_other="Local transport to the site visit",
                        budget=600000, currency="EUR", programme=[])
    workshop.network = network
    workshop.programme = programme_of(template_programme(request), workshop.days)
    experiences = request.registry.portal.content_types.get("experience")
    if experiences is not None:  # the good practices presented: two experiences of the database
        workshop.practices = list(published_ids(request, experiences.factory))
    request.dbsession.add(workshop)
    request.dbsession.flush()
    sync_event(request, workshop)
    from .people_models import WorkshopPerson
    for kind, name, travel, lodging, spent in (
            ("expert", "Ana Souza", 95000, 42000, 0), ("expert", "Jean Tremblay", 110000, 42000, 0),
            ("expert", "Kim Min-jun", 160000, 42000, 0), ("adviser", "Mamadou Ndiaye", 30000, 28000, 58000)):
        request.dbsession.add(WorkshopPerson(
            workshop_id=workshop.id, kind=kind, name=name, email=f"{name.split()[0].lower()}@example.org",
            travel_planned=travel, lodging_planned=lodging, travel_spent=spent // 2, lodging_spent=spent - spent // 2,
            exception="", listed=True))
    request.dbsession.add(WorkshopPerson(workshop_id=workshop.id, kind="local", name="Fatou Sow",
                                         email="fatou@example.org", listed=True, exception="", travel_planned=0,
                                         lodging_planned=0, travel_spent=0, lodging_spent=0))


def published_ids(request, model, limit=2):
    return request.dbsession.scalars(select(model.id).where(model.state == "published").order_by(model.id)
                                     .limit(limit)).all()
