"""The contexts of the plugin's routes and who may do what there.

A members-only group shows everyone its door (its page: name, purpose, coordinators; and asking to
join). Everything behind the door (pages, their history, files and comments, members, following,
editing) is not found, on every verb, for someone who may not read the group's pages: answering 403
to some verbs and 404 to others would tell which ids exist. Anonymous visitors are asked to log in."""
from portal.api import model_factory

from .models import GroupPage, WorkingGroup
from .permissions import WorkingGroupPermissions


class GroupsRoot:
    """The context of /groups and /groups/add: members of the network start groups."""

    def __init__(self, request):
        self.request = request

    __acl__ = WorkingGroupPermissions.ROOT


# the group itself, as everyone may see it (its page, asking to join)
group_door_factory = model_factory(WorkingGroup)
# the group, for what lies behind its door: hidden like its pages
group_factory = model_factory(WorkingGroup, hidden_unless_permitted="view_pages")
page_factory = model_factory(GroupPage, hidden_unless_permitted="view")
