"""What the work plan's pages share: their context (everyone reads, the secretariat writes), the year
of the route and whether the reader may see it (a year not published is not found but for the
secretariat), the approval's link to its motion."""
from types import SimpleNamespace

from pyramid.httpexceptions import HTTPNotFound

from portal.api import _, action_links, load_plan

from ..permissions import GovernancePermissions
from ..workplan import WorkPlanYear, year_record, year_tree

FIRST_YEAR, LAST_YEAR = 2000, 2100


class WorkPlanRoot:
    """The context of /governance/work-plan/... and of the list of presidency calls."""

    __acl__ = GovernancePermissions.ROOT

    def __init__(self, request):
        self.request = request


def route_year(request) -> int:
    year = int(request.matchdict["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HTTPNotFound()
    return year


def can_edit(request) -> bool:
    return bool(request.has_permission("edit_work_plan"))


def shown_year(request) -> tuple[int, WorkPlanYear | None]:
    """The route's year and its record; a year nobody published is not found, except for the secretariat
    (who sees an empty plan of a new year, written with its first action)."""
    year = route_year(request)
    record = year_record(request.dbsession, year)
    if not can_edit(request) and (record is None or not record.published):
        raise HTTPNotFound()
    return year, record


def approval_link(request, record: WorkPlanYear | None):
    """The motion that approved the plan, as the core links a resource (None: none recorded)."""
    if record is None or record.motion_id is None:
        return None
    holder = SimpleNamespace(id=0, resource_kind="motion", resource_id=record.motion_id)
    return action_links(request, [holder]).get(0)


def year_plan(request, year: int):
    return load_plan(request.dbsession, year_tree(request.dbsession, year))


def trail(request, year: int | None = None):
    crumbs = [(_("Work plan"), request.route_url("governance.workplans"))]
    if year is not None:
        crumbs.append((_("Work plan ${year}", mapping={"year": year}), request.route_url("governance.workplan", year=year)))
    return crumbs
