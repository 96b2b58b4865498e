"""Who may do what in the governance plugin: the secretariat runs the meetings and the votes; the
representatives of member organisations (role member) see the meetings, check in, give proxies, vote
for their organisation and the ones whose proxy it holds (checked per ballot in votes.py)."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class GovernancePermissions(Permissions):
    names = {
        "run_plenary": "convene plenary meetings, record attendance, check proxies, open and close votes "
                       "(the secretariat)",
        "take_part": "see a plenary's page, check in, give a proxy, vote (the member organisations' "
                     "representatives, the secretariat)",
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
