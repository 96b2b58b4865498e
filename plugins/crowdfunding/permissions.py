"""Who may do what with campaigns: a campaign is a content item (the core's ACL: public once published)
written by the secretariat, or by an antenna's coordinators in the antenna's section (their local role
there); its pledges are the secretariat's alone."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class CrowdfundingPermissions(Permissions):
    names = {
        "manage_pledges": "see a campaign's pledges, record their payments, export them (the secretariat)",
    }

    @staticmethod
    def campaign(content_acl):
        """A campaign: the core's content ACL without the editors' rights: its budget, rewards and dates
        commit the network's money, so only the secretariat writes them, and the coordinators of the antenna
        whose section holds the campaign (their local role, kept in the ACL)."""
        return [ace for ace in content_acl if ace[1] != "role:editor"]

    @staticmethod
    def pledge(pledge):
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]
