"""Antennas: the list, an antenna's page, the secretariat's form, and coordinators adding content
inside their antenna's section (local roles: nowhere else)."""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.countries import REGIONS, country_name
from portal.forms import ContentViews, make_form, render_form, validate, apply_appstruct, record_revision
from portal.i18n import _, translate
from portal.models import Content, Member, Section, User, utcnow
from portal.sanitize import html_to_text

from .models import Antenna
from .schemas import STATUS_TITLES, AntennaSchema, email_lines

# The content types a coordinator may add in an antenna's section, those that are registered.
ANTENNA_TYPES = ("news", "page", "event")


def antenna_types(request):
    types = request.registry.portal.content_types
    return [types[name] for name in ANTENNA_TYPES if name in types]


class AntennaContext:
    """An antenna as a route's context: public to read, the secretariat's to change."""

    __acl__ = [(Allow, "role:secretariat", ALL_PERMISSIONS), (Allow, Everyone, "view"),
               (Deny, Everyone, ALL_PERMISSIONS)]

    def __init__(self, antenna):
        self.antenna = antenna


def antenna_factory(request):
    try:
        found = request.dbsession.get(Antenna, int(request.matchdict["id"]))
    except ValueError:
        found = None
    if found is None:
        raise HTTPNotFound()
    return AntennaContext(found)


def antenna_section_factory(request):
    """The antenna's section: adding there needs "edit" on it, which a coordinator's local role gives."""
    antenna = antenna_factory(request).antenna
    if antenna.section is None:
        raise HTTPNotFound()
    request.antenna = antenna
    return antenna.section


def _crumbs(request, antenna=None, *more):
    crumbs = [(translate(_("Antennas"), request), request.route_path("antennas"))]
    if antenna is not None:
        crumbs.append((antenna.name, request.route_path("antenna", id=antenna.id)))
    return crumbs + list(more)


@view_config(route_name="antennas", renderer="plugins.antennas:templates/antennas.pt", permission="view")
def antennas(request):
    rows = request.dbsession.scalars(select(Antenna).order_by(Antenna.status, Antenna.name)).all()
    counts = dict(request.dbsession.execute(select(Member.region, func.count()).where(Member.status == "active")
                                            .group_by(Member.region)).all())
    title = translate(_("Regional antennas"), request)
    return {"antennas": rows, "regions": REGIONS, "statuses": STATUS_TITLES, "counts": counts,
            "country_name": country_name, "page_title": title,
            "page_description": translate(_("The network's regional offices, experts of their territory."), request),
            "breadcrumbs": [(translate(_("Antennas"), request), None)],
            "can_manage": bool(request.has_permission("manage", request.site))}


def section_content(request, antenna):
    """The antenna's own news, pages and events: published ones for everyone, and for those who can
    change them, the drafts too."""
    if antenna.section_id is None:
        return [], []
    types = [info.name for info in antenna_types(request)]
    rows = request.dbsession.scalars(select(Content).where(Content.parent_id == antenna.section_id,
                                                           Content.type.in_(types))
                                     .order_by(func.coalesce(Content.published, Content.created).desc())
                                     .limit(200)).all()
    published = [c for c in rows if c.state == "published"]
    drafts = [] if request.user is None else [c for c in rows if c.state != "published"
                                             and request.has_permission("edit", c)]
    return published, drafts


@view_config(route_name="antenna", renderer="plugins.antennas:templates/antenna.pt", permission="view")
def antenna_view(context, request):
    antenna = context.antenna
    published, drafts = section_content(request, antenna)
    by_type = {}
    for item in published:
        by_type.setdefault(item.type, []).append(item)
    can_add = request.user is not None and antenna.section is not None \
        and bool(request.has_permission("edit", antenna.section))
    members_count = request.dbsession.scalar(select(func.count()).select_from(Member).where(
        Member.status == "active", Member.region == antenna.region))
    return {"antenna": antenna, "by_type": by_type, "drafts": drafts, "types": antenna_types(request),
            "can_add": can_add, "coordinators": antenna.coordinators(request.dbsession),
            "sections": request.registry.portal.sections("region", request, antenna.region),
            "members_count": members_count, "regions": REGIONS, "statuses": STATUS_TITLES,
            "country_name": country_name, "page_title": antenna.name,
            "page_description": html_to_text(antenna.description)[:300] or translate(REGIONS[antenna.region], request),
            "can_manage": bool(request.has_permission("manage", context)),
            "breadcrumbs": _crumbs(request, None, (antenna.name, None))}


def _antenna_form(request, antenna):
    form = make_form(request, AntennaSchema, [("save", _("Save"))])
    if antenna is None:
        title = translate(_("Add an antenna"), request)
        crumbs = _crumbs(request, None, (title, None))
    else:
        title = antenna.name
        crumbs = _crumbs(request, antenna, (translate(_("Edit"), request), None))
    values = {"page_title": title, "breadcrumbs": crumbs, "intro": None}
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return dict(values, form=failed)
        emails = email_lines(appstruct.pop("coordinators"))
        coordinators = request.dbsession.scalars(select(User.id).where(User.email.in_(emails))).all() if emails else []
        if antenna is None:
            antenna = Antenna()
            request.dbsession.add(antenna)
        for key, value in appstruct.items():
            setattr(antenna, key, value)
        if antenna.section is None:
            antenna.section = Section(title=antenna.name, description="", body="", language=request.locale_name,
                                      state="published", published=utcnow(), creator_id=request.user.id)
            request.dbsession.add(antenna.section)
        antenna.section.title = antenna.name
        antenna.section.description = html_to_text(antenna.description)[:1000]
        request.dbsession.flush()
        antenna.set_coordinators(request.dbsession, coordinators)
        request.flash(_("Changes saved."))
        return HTTPFound(request.route_url("antenna", id=antenna.id))
    if antenna is None:
        appstruct = {"status": "planned"}
    else:
        appstruct = {k: getattr(antenna, k) for k in ("name", "region", "seat_city", "seat_country",
                                                      "host_member_id", "opened", "status", "description",
                                                      "contacts") if getattr(antenna, k) not in (None, "")}
        appstruct["coordinators"] = "\n".join(u.email for u in antenna.coordinators(request.dbsession))
    return dict(values, form=render_form(form, appstruct))


@view_config(route_name="antenna_add", renderer="portal:templates/form_page.pt", permission="manage")
def antenna_add(request):
    return _antenna_form(request, None)


@view_config(route_name="antenna_edit", renderer="portal:templates/form_page.pt", permission="manage")
def antenna_edit(context, request):
    return _antenna_form(request, context.antenna)


@view_config(route_name="antenna_delete", renderer="plugins.antennas:templates/delete.pt", permission="manage")
def antenna_delete(context, request):
    antenna = context.antenna
    if "delete" in request.POST:
        antenna.set_coordinators(request.dbsession, [])
        request.dbsession.delete(antenna)
        request.flash(_("“${title}” was deleted.", mapping={"title": antenna.name}))
        return HTTPFound(request.route_url("antennas"))
    return {"antenna": antenna, "page_title": antenna.name,
            "breadcrumbs": _crumbs(request, antenna, (translate(_("Delete"), request), None))}


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

    def add(self):
        antenna = self.request.antenna
        form = self.form()
        crumbs = _crumbs(self.request, antenna, (translate(self.info.title, self.request), None))
        values = {"title": self.info.title, "type_info": self.info, "breadcrumbs": crumbs,
                  "page_title": translate(self.info.title, self.request)}
        if "save" in self.request.POST:
            appstruct, error = validate(form, self.request)
            if error:
                return dict(values, form=error)
            obj = self.info.factory(state=self.workflow.initial, creator_id=self.request.user.id,
                                    parent_id=self.context.id)
            with self.request.dbsession.no_autoflush:
                self.request.dbsession.add(obj)
                apply_appstruct(obj, appstruct, self.schema, self.request)
            self.request.dbsession.flush()
            record_revision(self.request, self.schema, obj, translate(_("Created"), self.request))
            self.request.flash(_("Saved as a draft in the antenna's section. Publish it when it is ready."))
            return HTTPFound(self.url(obj))
        return dict(values, form=render_form(form, self.initial()))


def guard_moves(session, flush_context, instances):
    """A coordinator edits a page of the antenna, whose form offers every section: moving an item
    into a section needs the right to edit that section, so nobody places content where they may not
    publish (the core's sections, another antenna's)."""
    request = session.info.get("request")
    if request is None or getattr(request, "user", None) is None:
        return
    from sqlalchemy import inspect
    for obj in session.dirty:
        if not isinstance(obj, Content):
            continue
        history = inspect(obj).attrs.parent_id.history
        if not history.has_changes() or obj.parent_id is None:
            continue
        parent = session.get(Content, obj.parent_id)
        # The section the item lands in, however deep (a page under another antenna's page is in that
        # antenna); items outside any section (working-group pages...) keep their own plugin's rules.
        section, seen = parent, set()
        while section is not None and section.type != "section" and section.id not in seen:
            seen.add(section.id)
            section = section.parent
        if section is not None and section.type == "section" and not request.has_permission("edit", section):
            raise HTTPForbidden()
    # The antenna's own section is the antenna: it changes through the antenna's form (secretariat),
    # not through the section's edit form, which its coordinators' local role would otherwise open.
    if not request.has_permission("manage", request.site):
        from .models import Antenna
        for obj in (*session.dirty, *session.deleted):
            changed = obj in session.deleted or session.is_modified(obj, include_collections=False)
            if isinstance(obj, Content) and obj.type == "section" and changed and \
                    session.scalar(select(Antenna.id).where(Antenna.section_id == obj.id)) is not None:
                raise HTTPForbidden()


def includeme(config):
    config.add_route("antennas", "/antennas")
    config.add_route("antenna_add", "/antennas/add")
    config.add_route("antenna", "/antennas/{id:\\d+}", factory=antenna_factory)
    config.add_route("antenna_edit", "/antennas/{id:\\d+}/edit", factory=antenna_factory)
    config.add_route("antenna_delete", "/antennas/{id:\\d+}/delete", factory=antenna_factory)
    config.add_route("antenna_content_add", "/antennas/{id:\\d+}/add/{type}", factory=antenna_section_factory)
    config.add_view(AntennaContentViews, attr="add", route_name="antenna_content_add", permission="edit",
                    request_method=("GET", "POST"), renderer="portal:templates/content_form.pt")
    config.scan(".views")
