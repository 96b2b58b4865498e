"""Who may do what with campaigns: a campaign is a content item (the core's ACL: public once published,
written by the secretariat); its pledges are the secretariat's alone."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class CrowdfundingPermissions(Permissions):
    names = {
        "manage_pledges": "see a campaign's pledges, record their payments, export them (the secretariat)",
    }

    @staticmethod
    def pledge(pledge):
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]
