"""What every page template of the core and the plugins is given: its title and its breadcrumb trail, in
the reader's language. The trail leads from the site to the page; the page itself is its last crumb,
never a link (layout.pt shows it).

    return page(request, _("Jury"), [(AWARD, request.route_path("awards")), call_crumb], call=call)"""
from .i18n import translate


def page(request, title, trail=(), **values):
    """values with page_title and breadcrumbs; a title or crumb label that is a translation string is
    translated, a name (an organisation's, a call's) is shown as it is."""
    title = translate(title, request)
    values["page_title"] = title
    values["breadcrumbs"] = [(translate(label, request), url) for label, url in trail] + [(title, None)]
    return values
