"""Who may do what with campaigns: a campaign is a content item (the core's ACL: public once published)
written by the secretariat, or by an antenna's coordinators in the antenna's section (their local role
there); its pledges are the secretariat's alone."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from portal.api import Permissions


class CrowdfundingPermissions(Permissions):
    names = {
        "manage_pledges": "see a campaign's pledges, record their payments, export them (the secretariat)",
        "spend": "see a campaign's expenses and submit one with its receipts (its owners, the secretariat)",
        "decide_expense": "approve or reject an expense someone else submitted, record its payment (the secretariat)",
        "view_commitment": "download an organisation's commitment letter and invoice (its pledger, the secretariat)",
        "sign_commitment": "upload the signed commitment letter (its pledger, the secretariat)",
        "post_updates": "post a campaign's updates, mailed to its supporters (its owners, the secretariat)",
    }

    @staticmethod
    def campaign(content_acl, owners=()):
        """A campaign: the core's content ACL without the editors' rights: its budget, rewards and dates
        commit the network's money, so only the secretariat writes them, and the coordinators of the antenna
        whose section holds the campaign (their local role, kept in the ACL). Its owners (owner_principals)
        submit its expenses and post its updates."""
        acl = [ace for ace in content_acl if ace[1] != "role:editor"]
        spend = [(Allow, principal, ("spend", "post_updates")) for principal in owners]
        return acl[:-1] + spend + acl[-1:] if acl and acl[-1][0] == Deny else acl + spend

    @staticmethod
    def pledge(pledge):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        if pledge.user_id is not None:  # who pledged in the name of their organisation: its letters, its invoice
            acl.append((Allow, f"user:{pledge.user_id}", ("view_commitment", "sign_commitment")))
        return acl + [(Deny, Everyone, ALL_PERMISSIONS)]


# who owns a campaign besides its creator: the local role "owner"; the core's sharing form offers
# "contributor" and "reviewer", which let one edit the campaign anyway, so they count as owning it
OWNER_ROLES = ("owner", "contributor", "reviewer")


def owner_principals(campaign) -> list[str]:
    """The principals who own a campaign: its creator and those given an owner's local role on it."""
    found = [f"user:{campaign.creator_id}"] if campaign.creator_id else []
    return found + [local.principal for local in campaign.local_roles if local.role in OWNER_ROLES]
