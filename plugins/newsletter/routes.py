"""Every route of the newsletter: the subscriber's pages and the archive under /newsletter, the
editors' under /manage/newsletter."""


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/newsletter"):
        add("newsletter", "", inherit_slash=True)
        add("newsletter_thanks", "/check-your-mailbox")
        add("newsletter_confirm", "/confirm/{token}")
        add("newsletter_preferences", "/preferences/{token}")
        add("newsletter_unsubscribe", "/unsubscribe/{token}")
        add("newsletter_archive", "/archive")
        add("newsletter_feed", "/feed.atom")
        add("newsletter_issue", "/archive/{id:\\d+}/{lang}")
    with config.route_prefix_context("/manage/newsletter"):
        add("manage_newsletter", "", inherit_slash=True)
        add("newsletter_issue_add", "/issues/add")
        add("newsletter_issue_edit", "/issues/{id:\\d+}")
        add("newsletter_issue_details", "/issues/{id:\\d+}/details")
        add("newsletter_issue_items", "/issues/{id:\\d+}/items")
        add("newsletter_issue_editorial", "/issues/{id:\\d+}/editorial")
        add("newsletter_issue_send", "/issues/{id:\\d+}/send")
        add("newsletter_issue_preview", "/issues/{id:\\d+}/preview/{lang}")
        add("newsletter_subscribers", "/subscribers")
        add("newsletter_import", "/import")
