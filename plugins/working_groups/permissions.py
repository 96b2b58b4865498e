"""Who may do what in the working groups: the plugin's permissions class (its models' and its
routes' ACLs are built here)."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Authenticated, Deny, Everyone

from portal.api import Permissions


class WorkingGroupPermissions(Permissions):
    names = {
        "add_group": "start a working group (members and editors)",
        "join": "ask to join a group (anyone logged in)",
        "view_pages": "read a group's pages, their history, files and comments (members; anyone for a public group)",
        "edit_pages": "write and restore a group's pages (members)",
        "comment": "comment on a group's pages (members)",
        "follow": "receive a group's digest (members; anyone for a public group)",
        "leave": "leave a group (members)",
        "manage_group": "change a group, its members, invitations and requests (coordinators)",
    }
    # what a member may do in the group's space; coordinators may also manage it
    MEMBER = ("view", "view_pages", "edit_pages", "comment", "follow", "leave")
    COORDINATOR = MEMBER + ("manage_group",)

    ROOT = [(Allow, "role:secretariat", ALL_PERMISSIONS),
            (Allow, "role:editor", "add_group"),
            (Allow, "role:member", "add_group"),
            (Allow, Everyone, "view"),
            (Deny, Everyone, ALL_PERMISSIONS)]

    @classmethod
    def group(cls, group):
        """A group: everyone sees its door; members work behind it; coordinators manage it."""
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        for user_id in group.coordinator_ids():
            acl.append((Allow, f"user:{user_id}", cls.COORDINATOR))
        if group.principal:
            acl.append((Allow, group.principal, cls.MEMBER))
        acl.append((Allow, Everyone, "view"))
        if group.is_public:
            acl.append((Allow, Everyone, "view_pages"))
        acl.append((Allow, Authenticated, "join"))
        acl.append((Deny, Everyone, ALL_PERMISSIONS))
        return acl

    @staticmethod
    def page(page):
        """A group's page: its group's members write it, its coordinators may also delete it."""
        group = page.group
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS)]
        if group.is_public:
            acl.append((Allow, Everyone, "view"))
        for user_id in group.coordinator_ids():
            acl.append((Allow, f"user:{user_id}", ("view", "edit", "history", "comment", "delete")))
        if group.principal:
            acl.append((Allow, group.principal, ("view", "edit", "history", "comment")))
        acl.append((Deny, Everyone, ALL_PERMISSIONS))
        return acl
