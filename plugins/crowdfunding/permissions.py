"""Who may do what with campaigns: a campaign is a content item (the core's ACL: public once published)
written by the secretariat alone; its pledges are the secretariat's alone."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class CrowdfundingPermissions(Permissions):
    names = {
        "manage_pledges": "see a campaign's pledges, record their payments, export them (the secretariat)",
        "post_updates": "post a campaign's updates, mailed to its supporters (the secretariat, the campaign's author)",
    }

    @staticmethod
    def campaign(content_acl, creator_id=None):
        """A campaign: the core's content ACL without the editors' rights: its budget, rewards and dates
        commit the network's money, so only the secretariat writes them. Its author may post its updates."""
        author = [(Allow, f"user:{creator_id}", "post_updates")] if creator_id else []
        return author + [ace for ace in content_acl if ace[1] != "role:editor"]

    @staticmethod
    def pledge(pledge):
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]
