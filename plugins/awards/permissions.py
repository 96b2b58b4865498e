"""Who may do what in the award: the plugin's permissions class (its models' ACLs are built here)."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class AwardPermissions(Permissions):
    names = {
        "enter": "enter an experience of one's organisation in an open call (members)",
        "jury": "see a call's entries as its juror, and the review desk",
        "view_entry": "see an entry and its documents (its organisation)",
        "edit_entry": "change an entry while the call is open (its organisation)",
        "review": "score one entry (the juror it is assigned to)",
    }

    @staticmethod
    def call(call):
        """A call: public to read; members enter it; its jurors judge it."""
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, "role:member", ("view", "enter"))]
        acl += [(Allow, f"user:{j.user_id}", ("view", "jury")) for j in call.jurors]
        return acl + [(Allow, Everyone, "view"), (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def entry(entry):
        """An entry: its organisation's (and the secretariat's) only."""
        return [(Allow, "role:secretariat", ALL_PERMISSIONS),
                (Allow, f"member:{entry.member_id}", ("view_entry", "edit_entry")),
                (Deny, Everyone, ALL_PERMISSIONS)]

    @staticmethod
    def review(review):
        """A review: its juror's (and the secretariat's) only."""
        return [(Allow, "role:secretariat", ALL_PERMISSIONS),
                (Allow, f"user:{review.juror.user_id}", ("review",)),
                (Deny, Everyone, ALL_PERMISSIONS)]
