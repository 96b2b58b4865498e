"""Every route of the newsletter: the subscriber's pages and the archive under /newsletter, the
editors' under /manage/newsletter."""


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/newsletter"):
        add("newsletter", "", inherit_slash=True)
        config.add_routes("", newsletter_thanks="/check-your-mailbox", newsletter_confirm="/confirm/{token}",
                          newsletter_preferences="/preferences/{token}", newsletter_unsubscribe="/unsubscribe/{token}",
                          newsletter_archive="/archive", newsletter_feed="/feed.atom",
                          newsletter_issue="/archive/{id:\\d+}/{lang}")
    with config.route_prefix_context("/manage/newsletter"):
        add("manage_newsletter", "", inherit_slash=True)
        config.add_routes("", newsletter_issue_add="/issues/add", newsletter_issue_edit="/issues/{id:\\d+}",
                          newsletter_issue_details="/issues/{id:\\d+}/details",
                          newsletter_issue_items="/issues/{id:\\d+}/items",
                          newsletter_issue_editorial="/issues/{id:\\d+}/editorial",
                          newsletter_issue_send="/issues/{id:\\d+}/send",
                          newsletter_issue_preview="/issues/{id:\\d+}/preview/{lang}",
                          newsletter_subscribers="/subscribers", newsletter_import="/import")
