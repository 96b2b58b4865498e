"""Newsletter: subscribers, issues in four languages, delivery that misses no one.

Everything the plugin brings is declared here; mail leaves through the core outbox and its worker."""
from functools import partial

from portal.api import _


def includeme(config):
    config.add_plugin("newsletter", requires=("experiences",))
    config.include(".subscriptions")
    config.include(".routes")
    config.add_menu_item("main", "newsletter", _("Newsletter"), route_name="newsletter", order=20, parent="news")
    config.add_menu_item("manage", "newsletter", _("Newsletter"), route_name="manage_newsletter", order=30,
                         permission="manage")
    from .subscriptions import EXPORT_COLUMNS, subscriber_rows
    config.add_export("newsletter-subscribers", _("Newsletter subscribers"), subscriber_rows,
                      columns=EXPORT_COLUMNS, permission="manage")
    from .importer import OPTIONAL, REQUIRED, import_rows
    config.add_import("subscribers", _("Newsletter subscribers"), import_rows, required=REQUIRED, optional=OPTIONAL,
                      lowercase=True, labels={"created": _("Subscribed"), "unchanged": _("Already subscribed")},
                      help=_("A CSV file (UTF-8) whose first line names the columns. Lists (regions, themes) are "
                             "joined with |. Rows without the date of consent are reported and skipped: only "
                             "people who agreed may receive the newsletter."))
    from . import campaign
    config.add_mail_hook("newsletter", refill=partial(campaign.refill, config.registry), check=campaign.check)
    from .dashboard import issues_to_send, my_subscription, subscribe_action
    config.add_dashboard_panel("newsletter", _("Newsletter"), my_subscription, order=60,
                               empty=_("You do not receive the newsletter."), action=subscribe_action)
    config.add_manage_tasks("newsletter:issues", issues_to_send, order=50)
    from .demo import create_demo_newsletter
    config.add_demo_data(create_demo_newsletter, order=80)
    config.add_static("static/newsletter.css")
    config.add_static("static/newsletter.js")
    config.scan(".views")
