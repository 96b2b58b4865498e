"""/groups: the working groups (groups.py), their members, requests and invitations (membership.py,
invitations.py), their pages with revisions and merges of concurrent edits (pages.py), comments
(comments.py). The contexts and who may do what there are in ../resources.py."""
from ..resources import GroupsRoot, group_door_factory, group_factory, page_factory

GROUP_ROUTES = (("working_group_edit", "/edit"), ("working_group_leave", "/leave"),
                ("working_group_follow", "/follow"), ("working_group_members", "/members"),
                ("working_group_member", "/members/{user:\\d+}"), ("working_group_request", "/requests/{request:\\d+}"),
                ("working_group_invitation_revoke", "/invitations/{invitation:\\d+}/withdraw"),
                ("group_page_add", "/pages/add"))
PAGE_ROUTES = (("view", ""), ("edit", "/edit"), ("history", "/history"), ("restore", "/restore"),
               ("comment", "/comments"), ("delete", "/delete"))


def includeme(config):
    add = config.add_route
    add("working_groups", "/groups", factory=GroupsRoot)
    add("working_group_add", "/groups/add", factory=GroupsRoot)
    add("working_group_invitation", "/groups/invitations/{token}")
    # the group's door, for everyone; what lies behind it is hidden from who may not read its pages
    add("working_group", "/groups/{id:\\d+}", factory=group_door_factory)
    add("working_group_join", "/groups/{id:\\d+}/join", factory=group_door_factory)
    for name, suffix in GROUP_ROUTES:
        add(name, "/groups/{id:\\d+}" + suffix, factory=group_factory)
    for view, suffix in PAGE_ROUTES:
        add(f"group_page.{view}", "/groups/pages/{id:\\d+}" + suffix, factory=page_factory)
    config.scan(".")
