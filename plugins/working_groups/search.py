"""What search keeps of a group page: its text, its group (a facet) and who may read it. A members-only
page is stored with the principal of the group's members, and the backends filter on the visitor's
principals inside the query, so it never reaches anyone else's results, counts or facets."""
from pyramid.request import Request
from sqlalchemy import select

from portal.api import _
from portal.api import SearchDocument, html_to_text

from .models import GroupPage, WorkingGroup

FACETS = {"group": _("Working group")}


def page_document(request: Request, page: GroupPage) -> SearchDocument:
    group = page.group
    if group.is_public:
        allowed = ["system.Everyone"]
    else:
        allowed = ["role:secretariat"] + ([group.principal] if group.principal else [])
    return {
        "title": page.title,
        "text": html_to_text(page.body),
        "url": request.route_path("group_page.view", id=page.id),
        "date": page.modified or page.created,
        "allowed": allowed,
        "facets": {"group": [str(group.id)]},
    }


def group_values(request):
    return {str(i) for i in request.dbsession.scalars(select(WorkingGroup.id))}


def group_label(request, value):
    group = request.dbsession.get(WorkingGroup, int(value)) if str(value).isdigit() else None
    return group.name if group is not None else None


def type_label(request, value):
    return _("Working group page") if value == "group_page" else None


FACET_VALUES = {"group": group_values}
FACET_LABELS = {"group": group_label}
