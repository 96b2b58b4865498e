"""Every route of the experiences: the search under /experiences and the themes under /manage/themes.
The experiences' own pages (/experiences/{id}, /edit, ...) come with its content type."""


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/experiences"):
        add("experiences", "", inherit_slash=True)
        add("experiences_feed", "/feed.atom")
    with config.route_prefix_context("/manage/themes"):
        add("experience_themes", "", inherit_slash=True)
        config.add_routes("", experience_theme_add="/add", experience_theme="/{id:\\d+}")
