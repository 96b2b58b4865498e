"""An antenna's section is part of the antenna: coordinators add news, pages and events there (a
local role on the section, and nowhere else), and the core's own pages of that section lead to the
antenna's: one page per antenna, whose name, text and state only the secretariat changes, through
the antenna's form."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.api import ContentViews
from portal.api import _, translate

from ..services import ANTENNA_TYPES, antenna_of_section
from .antennas import antenna_factory, crumbs


def antenna_section_factory(request):
    """The antenna's section: adding there needs "edit" on it, which a coordinator's local role gives."""
    antenna = antenna_factory(request).antenna
    if antenna.section is None:
        raise HTTPNotFound()
    request.antenna = antenna
    return antenna.section


class AntennaContentViews(ContentViews):
    """The core's add form of a type, for an item that goes into the antenna's section."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        info = request.registry.portal.content_types.get(request.matchdict["type"])
        if info is None or info.name not in ANTENNA_TYPES:
            raise HTTPNotFound()
        self.info = info
        self.workflow = request.registry.portal.workflows[info.workflow]

    @property
    def schema(self):
        schema = super().schema
        if "parent_id" in schema:  # the item goes into the antenna's section, whatever the form says
            del schema["parent_id"]
        return schema

    added_message = _("Saved as a draft in the antenna's section. Publish it when it is ready.")

    def create(self, appstruct, **attrs):
        return super().create(appstruct, parent=self.context, **attrs)

    def common(self, **values):
        title = translate(self.info.title, self.request)
        return dict(values, type_info=self.info, page_title=title,
                    breadcrumbs=crumbs(self.request, self.request.antenna, (title, None)))


class AntennaSection:
    """A view predicate: the context is the section of an antenna (the antenna is kept on the request)."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"antenna_section = {self.value}"

    phash = text

    def __call__(self, context, request):
        antenna = antenna_of_section(request.dbsession, context)
        if antenna is not None:
            request.antenna = antenna
        return (antenna is not None) == self.value


@view_config(route_name="section.view", request_method="GET", antenna_section=True, permission="view")
def section_page(request):
    return HTTPFound(request.route_url("antenna", id=request.antenna.id))


@view_config(route_name="section.edit", antenna_section=True, permission="manage")
def section_edit(request):
    return HTTPFound(request.route_url("antenna_edit", id=request.antenna.id))


@view_config(route_name="section.delete", antenna_section=True, permission="manage")
def section_delete(request):
    return HTTPFound(request.route_url("antenna_delete", id=request.antenna.id))


@view_config(route_name="section.transition", request_method="POST", antenna_section=True, permission="manage")
def section_transition(context, request):
    return ContentViews(context, request).transition()


@view_config(route_name="section.restore", request_method="POST", antenna_section=True, permission="manage")
def section_restore(context, request):
    return ContentViews(context, request).restore()
