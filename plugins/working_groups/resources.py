"""The contexts of the plugin's routes and who may do what there.

A members-only group shows everyone its door (its page: name, purpose, coordinators; and asking to
join). Everything behind the door (pages, their history, files and comments, members, following,
editing) is not found, on every verb, for someone who may not read the group's pages: answering 403
to some verbs and 404 to others would tell which ids exist. Anonymous visitors are asked to log in."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.httpexceptions import HTTPNotFound

from portal.api import hidden_unless

from .models import GroupPage, WorkingGroup


class GroupsRoot:
    """The context of /groups and /groups/add: members of the network start groups."""

    def __init__(self, request):
        self.request = request

    __acl__ = [(Allow, "role:secretariat", ALL_PERMISSIONS),
               (Allow, "role:editor", "add_group"),
               (Allow, "role:member", "add_group"),
               (Allow, Everyone, "view"),
               (Deny, Everyone, ALL_PERMISSIONS)]


def route_id(request, key="id"):
    raw = request.matchdict[key]
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPNotFound()
    return int(raw)


def group_door_factory(request):
    """The group itself, as everyone may see it (its page, asking to join)."""
    group = request.dbsession.get(WorkingGroup, route_id(request))
    if group is None:
        raise HTTPNotFound()
    return group


def group_factory(request):
    """The group, for what lies behind its door: hidden like its pages."""
    group = group_door_factory(request)
    hidden_unless(request, group, "view_pages")
    return group


def page_factory(request):
    page = request.dbsession.get(GroupPage, route_id(request))
    if page is None:
        raise HTTPNotFound()
    hidden_unless(request, page)
    return page
