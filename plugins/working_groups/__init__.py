"""Working groups: group spaces with collaborative pages that never lose an edit.

A group has coordinators and members (joined on request or by invitation) and is public or
members-only. Its pages are content items (revisions, diff, restore, files) whose concurrent edits
are merged (merge.py); members comment and follow the group through e-mail digests (digest.py: the
core's follows and their digests' task, and `portal working-groups-digest`). Everything the plugin brings is declared here."""
from portal.api import _

from .models import GroupPage


def includeme(config):
    config.add_plugin("working_groups")
    config.include(".mail")
    config.include(".notifications")
    from .permissions import WorkingGroupPermissions
    config.add_permissions(WorkingGroupPermissions)
    from .search import FACET_LABELS, FACET_VALUES, FACETS, page_document, type_label
    config.add_search_index(GroupPage, document=page_document, name="group_page", facets=FACETS,
                            facet_values=FACET_VALUES, facet_labels=dict(FACET_LABELS, type=type_label))
    config.add_menu_item("main", "working-groups", _("Working groups"), route_name="working_groups", order=60)
    from .sections import TIMELINE_KINDS, group_timeline, member_groups, region_groups
    config.add_member_section("working-groups", _("Working groups"), member_groups, order=40)
    config.add_region_section("working-groups", _("Members in working groups"), region_groups, order=40)
    config.add_timeline("working-groups", group_timeline, order=40, kinds=TIMELINE_KINDS)
    from .dashboard import browse_groups, join_requests_waiting, my_groups
    config.add_dashboard_panel("working-groups", _("Your working groups"), my_groups, order=50,
                               empty=_("You are in no working group yet."), action=browse_groups)
    config.add_manage_tasks("working-groups:requests", join_requests_waiting, order=40)
    from .demo import create_demo_groups
    config.add_demo_data(create_demo_groups, order=60)
    config.include(".routes", route_prefix="/groups")
    config.include(".views")
    # what a work plan's action may name as carrying it out (the core's action trees)
    from .models import WorkingGroup
    config.register_resource("working_group", WorkingGroup)
