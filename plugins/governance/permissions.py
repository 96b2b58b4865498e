"""Who may do what in governance: the secretariat writes the work plan and runs the presidency call;
everyone reads published years and calls; a member organisation's representative submits its
candidacy and edits it while the call is open."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class GovernancePermissions(Permissions):
    names = {
        # --- work plan
        "edit_work_plan": "write the yearly work plan, its actions, its approval and publication (the secretariat)",
        # --- presidency
        "run_presidency_call": "write a presidency call, announce its result (the secretariat)",
        "submit_candidacy": "submit one's member organisation's candidacy to a presidency call (its representative)",
        "edit_candidacy": "change one's organisation's candidacy while the call is open (its representatives)",
        "check_eligibility": "decide whether a candidacy is eligible, with the reason (the secretariat)",
    }

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
