"""Who may do what with campaigns: a campaign is a content item (the core's ACL: public once published)
written by the secretariat alone; its pledges are the secretariat's alone."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class CrowdfundingPermissions(Permissions):
    names = {
        "manage_pledges": "see a campaign's pledges, record their payments, export them (the secretariat)",
        "view_commitment": "download an organisation's commitment letter and invoice (its pledger, the secretariat)",
        "sign_commitment": "upload the signed commitment letter (its pledger, the secretariat)",
    }

    @staticmethod
    def campaign(content_acl):
        """A campaign: the core's content ACL without the editors' rights: its budget, rewards and dates
        commit the network's money, so only the secretariat writes them."""
        return [ace for ace in content_acl if ace[1] != "role:editor"]

    @staticmethod
    def pledge(pledge):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        if pledge.user_id is not None:  # who pledged in the name of their organisation: its letters, its invoice
            acl.append((Allow, f"user:{pledge.user_id}", ("view_commitment", "sign_commitment")))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]
