"""Who may do what in the governance plugin: the secretariat runs the meetings and the votes, writes
the work plan and runs the presidency call; the representatives of member organisations (role member)
see the meetings, check in, give proxies, vote for their organisation and the ones whose proxy it holds
(checked per ballot in votes.py), and submit their organisation's candidacy; everyone reads published
work plans and calls."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class GovernancePermissions(Permissions):
    names = {
        "run_plenary": "convene plenary meetings, record attendance, check proxies, open and close votes "
                       "(the secretariat)",
        "take_part": "see a plenary's page, check in, give a proxy, vote (the member organisations' "
                     "representatives, the secretariat)",
        # --- work plan
        "edit_work_plan": "write the yearly work plan, its actions, its approval and publication (the secretariat)",
        # --- presidency
        "run_presidency_call": "write a presidency call, announce its result (the secretariat)",
        "submit_candidacy": "submit one's member organisation's candidacy to a presidency call (its representative)",
        "edit_candidacy": "change one's organisation's candidacy while the call is open (its representatives)",
        "check_eligibility": "decide whether a candidacy is eligible, with the reason (the secretariat)",
    }

    @staticmethod
    def meeting():
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, "role:member", ("view", "take_part")),
                (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def motion():
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, "role:member", ("view", "take_part")),
                (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def proxy(proxy):
        """A proxy's letter: the secretariat, and the representatives of the organisation giving it."""
        return [(Allow, "role:secretariat", ALL_PERMISSIONS),
                (Allow, f"member:{proxy.giver_id}", ("view", "take_part")), (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def minutes(minutes):
        """Draft minutes: the secretariat and the representatives (who approve them at the next meeting);
        approved minutes are published to everyone."""
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, "role:member", "view")]
        if minutes.status == "approved":
            acl.append((Allow, Everyone, "view"))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    # the work plan's pages and the list of calls: everyone reads, the secretariat writes
    ROOT = [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, Everyone, "view"), (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def call(call):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        if call.published:
            acl += [(Allow, Everyone, "view"), (Allow, "role:member", "submit_candidacy")]
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def candidacy(candidacy):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        own = f"member:{candidacy.member_id}"
        acl.append((Allow, own, ("view", "edit_candidacy")))
        if candidacy.eligibility == "eligible" and candidacy.call.published:
            acl.append((Allow, Everyone, "view"))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]
