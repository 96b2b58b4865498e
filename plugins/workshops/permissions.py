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
        "write_deliverable": "write a deliverable of a collaborative network, section by section, and comment on it "
                             "(the pilot city, the member cities that joined, the secretariat)",
        "sign_deliverable": "sign a deliverable off (the pilot city)",
        "edit_templates": "edit the templates of the deliverables (the secretariat)",
        "apply_pilot_call": "apply to a call for pilot cities for one's member organisation (a member's "
                            "representative; the call checks its eligibility)",
    }

    @staticmethod
    def network(network):
        pilot = f"member:{network.member_id}"
        return [(Allow, "role:secretariat", ALL_PERMISSIONS),
                (Allow, pilot, ("view", "edit_network", "accept_city")),
                (Allow, "role:member", ("view", "join_network")),
                (Allow, Everyone, ("view", "register_workshop")),
                (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def deliverable(deliverable):
        """Written by the network's cities (the pilot city and those that joined), signed off by the pilot city;
        read by the network's members, and by everyone once marked public."""
        network = deliverable.network
        writers = [f"member:{network.member_id}"] + [f"member:{c.member_id}" for c in network.cities
                                                       if c.state == "accepted"]
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS),
               (Allow, f"member:{network.member_id}", "sign_deliverable")]
        acl += [(Allow, writer, ("view", "write_deliverable")) for writer in writers]
        acl.append((Allow, "role:member", "view"))
        if deliverable.public:
            acl.append((Allow, Everyone, "view"))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]
