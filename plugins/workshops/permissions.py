"""Who may do what with the collaborative networks and their workshops: the secretariat everything; the
pilot city's representatives (principal member:{id}) run their network; a member city's representative
asks to join; everyone reads."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class WorkshopsPermissions(Permissions):
    names = {
        "edit_network": "edit a collaborative network, its advisory group and action plan (the pilot city, the "
                        "secretariat)",
        "accept_city": "accept a member city into a collaborative network (the pilot city, the secretariat)",
        "register_workshop": "register for an international workshop at one's own expense (anyone)",
        "join_network": "ask that one's member city join a collaborative network (a member's representative)",
    }

    @staticmethod
    def network(network):
        pilot = f"member:{network.member_id}"
        return [(Allow, "role:secretariat", ALL_PERMISSIONS),
                (Allow, pilot, ("view", "edit_network", "accept_city")),
                (Allow, "role:member", ("view", "join_network")),
                (Allow, Everyone, ("view", "register_workshop")),
                (Deny, Everyone, ALL_PERMISSIONS)]
