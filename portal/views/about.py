"""/about: the page that presents the network (who we are, the secretariat, statutes, contact). It is
the section the secretariat chooses in the control panel (Settings: About the network), shown in the
reader's language where it has a translation; one canonical page, so /about redirects to it."""
import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from ..guard import as_id
from ..i18n import _
from ..models import Content, Section
from ..models.content import one_per_translation

SETTINGS = "about"


@colander.deferred
def section_choices(node, kw):
    request = kw["request"]
    sections = request.dbsession.scalars(select(Section).where(Section.parent_id.is_(None))
                                         .order_by(Section.title)).all()
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(s.id), f"{s.title} ({s.language})")
                                                            for s in sections])


class AboutSettings(colander.MappingSchema):
    section = colander.SchemaNode(
        colander.String(), title=_("The section that presents the network"), missing="",
        description=_("The main menu's “About the network” leads to it, in the reader's language when the "
                      "section has a translation."),
        widget=section_choices)


def about_section(request):
    """The chosen section, in the reader's language if it has a published translation; else the first
    published top-level section (the oldest); None on a site with none."""
    db = request.dbsession
    chosen = as_id(request.plugin_settings(SETTINGS).get("section") or "")
    item = db.get(Content, chosen) if chosen is not None else None
    stmt = select(Section).where(Section.state == "published")
    if item is not None:
        stmt = stmt.where(Section.translation_group == item.translation_group)
    else:
        stmt = stmt.where(Section.parent_id.is_(None))
    return db.scalars(one_per_translation(stmt, Section, request.locale_name).order_by(Section.id).limit(1)).first()


@view_config(route_name="about", permission="view")
def about(request):
    section = about_section(request)
    if section is None or not request.has_permission("view", section):
        return HTTPFound(request.route_url("section.listing"))
    return HTTPFound(request.route_url("section.view", id=section.id))


def includeme(config):
    config.add_route("about", "/about")
    config.add_plugin_settings(SETTINGS, AboutSettings, title=_("About the network"))
