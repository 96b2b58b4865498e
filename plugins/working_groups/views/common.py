"""What the plugin's pages share: their addresses, their breadcrumbs and the base of their forms."""
from typing import Any

from portal.api import FormView
from portal.api import _, translate

from ..models import WorkingGroup

T = "plugins.working_groups:templates/"


def group_url(request, group, **kw):
    return request.route_path("working_group", id=group.id, **kw)


def page_url(request, page, **kw):
    return request.route_path("group_page.view", id=page.id, **kw)


def crumbs(request, group=None, page=None, last=None):
    """Working groups › the group › the pages above › the page › last; the current page is the last
    crumb, never a link to itself."""
    found = [(translate(_("Working groups"), request), request.route_path("working_groups"))]
    if group is not None:
        found.append((group.name, group_url(request, group)))
    if page is not None:
        parents, node, seen = [], page.parent, set()
        while node is not None and node.id not in seen and len(parents) < 10:
            seen.add(node.id)
            parents.insert(0, (node.title, request.route_path("group_page.view", id=node.id)))
            node = node.parent
        found += parents
        found.append((page.title, page_url(request, page)))
    if last:
        found.append((last, None))
    else:
        found[-1] = (found[-1][0], None)
    return found


class GroupForm(FormView):
    """A form of the groups' space: its trail leads through the working groups (and the group of the
    context, if any) to the form's title."""

    group: Any = None

    def __init__(self, context, request=None):
        super().__init__(context, request)
        if isinstance(self.context, WorkingGroup):
            self.group = self.context

    def page(self, **values):
        title = translate(self.page_title(), self.request)
        return dict(values, page_title=title, breadcrumbs=crumbs(self.request, self.group, last=title))
