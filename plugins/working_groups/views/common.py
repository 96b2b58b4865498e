"""What the plugin's pages share: their addresses and their breadcrumbs."""
from portal.api import _, translate

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
