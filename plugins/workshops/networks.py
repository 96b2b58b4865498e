"""The collaborative networks' rules: the priority themes (read from the experiences' taxonomy through its
registered resource "theme", never by importing that plugin), a member city asking to join and being
accepted by both the pilot city and the secretariat, the network's action plan (the core's action tree)."""
from sqlalchemy import select

from portal.api import _, clock, tree_for

from .models import JOIN_STATES, Network, NetworkCity

STAGE_TITLES = {"theme": _("1. Thematic sheet and pilot city"), "network": _("2. Collaborative network constituted"),
                "workshop": _("3. International workshop"), "pilot": _("4. Pilot project"),
                "evaluation": _("5. Evaluation and sharing")}
JOIN_TITLES = {"asked": _("Asked to join"), "accepted": _("Member of the network"), "declined": _("Declined")}
assert set(JOIN_TITLES) == set(JOIN_STATES)


def theme_choices(request):
    """[(slug, label)] of the experiences' taxonomy in the reader's language; none when that plugin is off."""
    model = request.registry.portal.resources.get("theme")
    if model is None:
        return []
    rows = request.dbsession.scalars(select(model).order_by(model.slug)).all()
    return [(row.slug, row.label(request.locale_name)) for row in rows]


def theme_label(request, slug):
    return dict(theme_choices(request)).get(slug, slug)


def action_plan(dbsession, network):
    """The network's action plan: the core's action tree owned by ("network", id)."""
    return tree_for(dbsession, "network", network.id, title=network.title)


def join_request(dbsession, network, member_id, motivation=""):
    """A member city asks to join; asking again changes nothing (one request per city); the pilot city is
    already in. Returns the request, or None for the pilot city."""
    if member_id == network.member_id:
        return None
    found = dbsession.scalars(select(NetworkCity).where(NetworkCity.network_id == network.id,
                                                        NetworkCity.member_id == member_id)).first()
    if found is not None:
        return found
    row = NetworkCity(network_id=network.id, member_id=member_id, motivation=motivation, state="asked",
                      pilot_ok=False, secretariat_ok=False, asked=clock.now())
    dbsession.add(row)
    dbsession.flush()
    return row


def accept(row, as_pilot, as_secretariat):
    """The pilot city's and/or the secretariat's yes; the city joins when both said it."""
    row.pilot_ok = row.pilot_ok or as_pilot
    row.secretariat_ok = row.secretariat_ok or as_secretariat
    if row.pilot_ok and row.secretariat_ok:
        row.state = "accepted"


def decline(row):
    row.state = "declined"


def joined(network):
    return [row for row in network.cities if row.state == "accepted"]


def networks_of_member(dbsession, member_id):
    """The networks a member organisation pilots or joined."""
    piloted = select(Network.id).where(Network.member_id == member_id)
    joined_ids = select(NetworkCity.network_id).where(NetworkCity.member_id == member_id,
                                                      NetworkCity.state == "accepted")
    return dbsession.scalars(select(Network).where(Network.id.in_(piloted.union(joined_ids)))
                             .order_by(Network.title)).all()
