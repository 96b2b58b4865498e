"""Award calls: the annual Good Practice Award in Citizen Participation, from the call to published
winners.

Everything the plugin brings is declared here. It builds on plugins.experiences (an entry is one of a
member's experiences); experiences knows nothing of awards: the badge and the "award" facet reach it
through the core's add_content_badges and add_search_facets."""
from portal.api import _

AWARD = _("Good Practice Award in Citizen Participation")


def includeme(config):
    config.add_plugin("awards", requires=("experiences",))
    config.include(".mail")
    # the jury's mails are the plugin's own (mail.py): the notification shows under the bell
    config.add_notification_kind("jury.assigned", _("Jury assignment"), default_mail=False)
    from .demo import create_demo_awards
    from .exports import ENTRY_COLUMNS, SCORE_COLUMNS, WINNER_COLUMNS, entry_rows, score_rows, winner_rows
    from .publication import CHECK_EVERY, publish_task
    from .models import AwardCall
    from .search import FACET_LABELS, FACET_VALUES, FACETS, award_badges, award_facets, call_document, hidden_from_jurors
    from .sections import TIMELINE_KINDS, award_timeline, member_awards, open_calls, region_awards
    from .steps import manage_tasks
    from .permissions import AwardPermissions
    config.add_permissions(AwardPermissions)
    config.include(".routes", route_prefix="/awards")
    config.include(".views")
    config.add_static("static/awards.css")
    config.add_home_section("awards", AWARD, open_calls, order=5)
    config.add_menu_item("main", "awards", _("Awards"), route_name="awards", order=60)
    config.add_search_facets("experience", award_facets, facets=FACETS, facet_values=FACET_VALUES,
                             facet_labels=FACET_LABELS)
    config.add_search_index(AwardCall, document=call_document, name="award_call", title=_("Award call"))
    config.add_search_exclusion("awards:blind-review", hidden_from_jurors)
    config.add_content_badges("awards", award_badges, types=("experience",))
    config.add_member_section("awards", AWARD, member_awards, order=40)
    config.add_timeline("awards", award_timeline, order=50, kinds=TIMELINE_KINDS)
    config.add_region_section("awards", _("Winners of the Good Practice Award in Citizen Participation"),
                              region_awards, order=40)
    config.add_manage_tasks("awards", manage_tasks, order=20)
    from .dashboard import my_award_entries, next_call
    config.add_dashboard_panel("awards", _("Your organisation's entries"), my_award_entries, order=40,
                               empty=_("Your organisation has not entered the award yet."), action=next_call)
    config.add_export("award-entries", _("Award entries"), entry_rows, columns=ENTRY_COLUMNS, permission="manage")
    config.add_export("award-scores", _("Award scores"), score_rows, columns=SCORE_COLUMNS, permission="manage")
    config.add_export("award-winners", _("Winners of the Good Practice Award in Citizen Participation"), winner_rows,
                      columns=WINNER_COLUMNS)
    config.add_demo_data(create_demo_awards, order=60)
    # results go out when their date passes, without anyone: the worker checks every minute
    config.add_periodic_task("awards:publish-results", publish_task, every=CHECK_EVERY,
                             title=_("Publish the award results whose date has passed"))
    # what a work plan's action may name as carrying it out (the core's action trees)
    config.register_resource("award_call", AwardCall, url=lambda request, call: request.route_path("award_call", call=call.id))
