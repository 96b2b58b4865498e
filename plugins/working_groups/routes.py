"""Every route of the working groups, under /groups (included with that route_prefix by the manifest).
The group's door is for everyone; what lies behind it is hidden from who may not read its pages
(group_factory, page_factory: see resources.py)."""
from .resources import GroupsRoot, group_door_factory, group_factory, page_factory


def includeme(config):
    add = config.add_route
    add("working_groups", "", factory=GroupsRoot, inherit_slash=True)
    add("working_group_add", "/add", factory=GroupsRoot)
    add("working_group_invitation", "/invitations/{token}")
    config.add_routes("/{id:\\d+}", factory=group_door_factory, working_group="", working_group_join="/join")
    config.add_routes("/{id:\\d+}", factory=group_factory, working_group_edit="/edit", working_group_leave="/leave",
                      working_group_follow="/follow", working_group_members="/members",
                      working_group_member="/members/{user:\\d+}", working_group_request="/requests/{request:\\d+}",
                      working_group_invitation_revoke="/invitations/{invitation:\\d+}/withdraw",
                      group_page_add="/pages/add")
    add("group_page.view", "/pages/{id:\\d+}", factory=page_factory)
    add("group_page.edit", "/pages/{id:\\d+}/edit", factory=page_factory)
    add("group_page.history", "/pages/{id:\\d+}/history", factory=page_factory)
    add("group_page.restore", "/pages/{id:\\d+}/restore", factory=page_factory)
    add("group_page.comment", "/pages/{id:\\d+}/comments", factory=page_factory)
    add("group_page.delete", "/pages/{id:\\d+}/delete", factory=page_factory)
