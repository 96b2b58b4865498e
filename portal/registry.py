"""The directives plugins call. Each records with config.action (a discriminator, so two plugins
claiming one name fail at start-up) and an introspectable, which `portal plugins` lists."""
from dataclasses import dataclass, field
from typing import Any, Callable

from pyramid.interfaces import PHASE1_CONFIG

from .callbacks import request_first

CATEGORIES = {
    "portal content types": "content type",
    "portal search indexes": "search index",
    "portal menu items": "menu item",
    "portal workflows": "workflow",
    "portal demo data": "demo data",
    "portal exports": "export",
    "portal plugin settings": "settings",
    "portal member sections": "member section",
    "portal timelines": "timeline",
    "portal region sections": "region section",
    "portal home sections": "home section",
    "portal home figures": "home figure",
    "portal year figures": "year figure",
    "portal search facets": "search facets",
    "portal content badges": "content badges",
    "portal item sections": "item sections",
    "portal manage tasks": "manage tasks",
    "portal dashboard panels": "dashboard panel",
    "portal search exclusions": "search exclusions",
    "portal upload routes": "upload route",
    "portal plugins": "plugin",
    "portal resources": "resource",
    "portal static assets": "static asset",
    "portal periodic tasks": "periodic task",
    "portal mail templates": "mail template",
    "portal imports": "import",
    "portal permissions": "permission",
    "portal notification kinds": "notification kind",
    "portal followables": "followable",
}


@dataclass
class ContentType:
    name: str
    factory: type
    schema: Any
    title: Any
    plural: Any
    workflow: str
    path: str
    add_roles: tuple
    view_template: str
    listing: bool
    plugin: str
    view_values: Callable | None = None
    example: dict = field(default_factory=dict)
    listing_route: str | None = None
    addable_to: tuple | None = None  # the types of the items it may be placed in; None: any, or the top level
    views: type | None = None  # a ContentViews subclass; None: portal.content.views.ContentViews
    merge: bool = False  # concurrent edits merged (portal.content.service.update)

    @property
    def add_permission(self):
        return f"add:{self.name}"


@dataclass
class SearchIndex:
    name: str
    factory: type
    document: Callable
    should_index: Callable
    facets: dict
    plugin: str
    load: tuple = ()  # loader options for `portal reindex` (relationships the document reads)
    title: Any = None  # the type facet's label of an index that is not a content type ("Award call")


@dataclass
class MenuItem:
    menu: str
    name: str
    title: Any
    route_name: str
    order: int
    permission: str | None
    plugin: str
    parent: str | None = None
    visitors_only: bool = False


@dataclass
class Plugin:
    name: str
    package: str
    requires: tuple
    title: Any


@dataclass
class DemoData:
    name: str
    create: Callable
    order: int
    plugin: str


@dataclass
class Export:
    name: str
    title: Any
    rows: Callable
    columns: tuple
    permission: str | None
    plugin: str


@dataclass
class PluginSettings:
    name: str
    schema: Any
    title: Any
    plugin: str
    defaults: dict = field(default_factory=dict)


@dataclass
class Figure:
    """A figure of the network on the home page: count(request) -> int, in one query."""
    name: str
    title: Any
    count: Callable
    order: int
    plugin: str


@dataclass
class Section:
    """A block a plugin adds to a member organisation's profile or to a region's pages."""
    name: str
    title: Any
    items: Callable
    order: int
    plugin: str


@dataclass
class Timeline:
    """The moments of a member organisation's history a plugin adds to its profile (add_timeline)."""
    name: str
    entries: Callable
    order: int
    kinds: dict  # kind -> (label of one entry, plural for the counts and the filter; None: not counted)
    plugin: str


@dataclass
class SearchFacets:
    """Facet values a plugin adds to the documents of another plugin's search index."""
    name: str
    index: str
    extend: Callable
    facets: dict
    plugin: str


@dataclass
class Badges:
    """Badges a plugin shows on the pages of content items (of any type, or of the types named)."""
    name: str
    badges: Callable
    types: tuple
    plugin: str


@dataclass
class ItemSection:
    """A box a plugin adds to the pages of other plugins' items ("Co-organised with" on an event's page)."""
    name: str
    title: Any
    items: Callable
    resources: tuple
    order: int
    plugin: str


@dataclass
class ManageTasks:
    """Work a plugin waits for from the people who manage the site, listed on /manage."""
    name: str
    tasks: Callable
    order: int
    plugin: str


@dataclass
class DashboardPanel:
    """A block of a logged-in person's own page, /my ("My space"): what a plugin holds for them."""
    name: str
    title: Any
    items: Callable
    order: int
    plugin: str
    empty: Any = None  # said when items() is an empty list: what to do next
    action: Callable | None = None  # action(request) -> {"title", "url"} or None: the next step offered


@dataclass
class SearchExclusion:
    """Documents a plugin hides from one visitor's searches (e.g. from the jurors of a blind review)."""
    name: str
    hidden: Callable
    plugin: str


class PortalRegistry:
    """What the plugins registered, kept on config.registry.portal."""

    def __init__(self):
        self.content_types = {}
        self.search_indexes = {}
        self.menus = {}
        self.workflows = {}
        self.demo_data = {}
        self.exports = {}
        self.permissions = {}  # name -> the Permissions class declaring it (portal.permissions)
        self.imports = {}  # name -> Import, from add_import (portal.importing)
        self.plugin_settings = {}
        self.member_sections = {}
        self.region_sections = {}
        self.home_sections = {}
        self.home_figures = {}
        self.year_figures = {}
        self.timelines = {}  # name -> Timeline, from add_timeline
        self.timeline_kinds = {}  # kind -> (label, plural or None), of every timeline
        self.facets = {}  # name -> title, from every search index
        self.facet_values = {}  # name -> allowed values (set or callable(request)) for 400 on unknown
        self.facet_labels = {}  # name -> {value: label} or callable(request, value)
        self.search_facets = {}  # index name -> {name: SearchFacets}, from add_search_facets
        self.index_facets = {}  # index name -> {facet: title} that other plugins add to that index
        self.badges = {}  # name -> Badges, from add_content_badges
        self.item_sections = {}  # name -> ItemSection, from add_item_section
        self.manage_tasks = {}  # name -> ManageTasks, from add_manage_tasks
        self.dashboard_panels = {}  # name -> DashboardPanel, from add_dashboard_panel
        self.search_exclusions = {}  # name -> SearchExclusion, from add_search_exclusion
        self.plugins = {}  # name -> Plugin, from add_plugin
        self.resources = {}  # name -> model class, from register_resource
        self.resource_links = {}  # name -> (title, url) callbacks of register_resource (portal.actions)
        self.assets = {}  # asset spec -> "css" or "js", from add_static, in the order declared
        self.periodic_tasks = {}  # name -> PeriodicTask, from add_periodic_task (portal.tasks)
        self.mail_templates = {}  # name -> MailTemplate, from add_mail_template (portal.mail)
        self.static_packages = set()  # the packages whose static/ folder is served
        self.notification_kinds = {}  # name -> NotificationKind, from add_notification_kind (portal.notifications)
        self.followables = {}  # name -> Followable, from add_followable (portal.notifications)

    def resource(self, name):
        """The model class another plugin offers as `name` (register_resource): a plugin that uses another's
        objects asks for them by name and declares that plugin in its requires, it imports nothing of it."""
        try:
            return self.resources[name]
        except KeyError:
            raise LookupError(f"no enabled plugin offers the resource '{name}'") from None

    def check_requirements(self):
        """One line naming the first plugin whose requirement is not enabled (SettingError)."""
        from .settings import SettingError
        for plugin in self.plugins.values():
            for needed in plugin.requires:
                if needed not in self.plugins:
                    raise SettingError(f"setting 'portal.plugins': {plugin.package} requires the plugin "
                                       f"'{needed}', which is not enabled")

    def plugin_depth(self, package):
        """0 for the core, 1 for a plugin that requires none, 1 + the deepest requirement otherwise."""
        plugin = next((p for p in self.plugins.values()
                       if package == p.package or package.startswith(p.package + ".")), None)
        if plugin is None:
            return 0 if package == "portal" or package.startswith("portal.") else 1
        return self._depth(plugin.name, ())

    def _depth(self, name, path):
        if name in path or name not in self.plugins:  # a cycle, or a requirement check_requirements reports
            return 0
        return 1 + max((self._depth(r, path + (name,)) for r in self.plugins[name].requires), default=0)

    def content_type_of(self, obj):
        for cls in type(obj).__mro__:
            for info in self.content_types.values():
                if info.factory is cls:
                    return info
        return None

    def index_for(self, obj):
        for cls in type(obj).__mro__:
            found = self.search_indexes.get(cls)
            if found:
                return found
        return None

    def extra_facets(self, request, index_name, obj):
        """{facet: [values]} the plugins extending `index_name` add to obj's search document."""
        found = {}
        for ext in sorted(self.search_facets.get(index_name, {}).values(), key=lambda e: e.name):
            for facet, values in (ext.extend(request, obj) or {}).items():
                found.setdefault(facet, []).extend(str(v) for v in values)
        return found

    def content_badges(self, request, obj):
        """[{"title", "url"?, "note"?}] the plugins show on obj's page."""
        info = self.content_type_of(obj)
        found = []
        for item in sorted(self.badges.values(), key=lambda b: b.name):
            if item.types and (info is None or info.name not in item.types):
                continue
            found.extend(item.badges(request, obj) or [])
        return found

    def names_of(self, obj):
        """The names obj goes by: its content type's and those of the resources registered for its class."""
        info = self.content_type_of(obj)
        names = [info.name] if info is not None else []
        mro = type(obj).__mro__
        return names + [name for name, model in self.resources.items() if model in mro and name not in names]

    def sections_of_item(self, request, obj, limit=12):
        """[(section, items)] the plugins add to obj's page (add_item_section), in order, the empty ones left
        out; each section's items(request, obj, name) is asked under the first of obj's names it covers."""
        names = self.names_of(obj)
        found = []
        for section in sorted(self.item_sections.values(), key=lambda s: (s.order, s.name)):
            name = next((n for n in names if not section.resources or n in section.resources), None)
            items = list(section.items(request, obj, name) or [])[:limit] if name is not None else []
            if items:
                found.append((section, items))
        return found

    def waiting_tasks(self, request):
        """[{"title", "url", "step"?, "note"?}] of the work the plugins wait for from this visitor."""
        found = []
        for item in sorted(self.manage_tasks.values(), key=lambda t: (t.order, t.name)):
            found.extend(item.tasks(request) or [])
        return found

    def dashboard(self, request):
        """[(panel, items, action)] of the panels shown to this visitor on /my, in order; a panel whose
        items(request) is None is left out, one with an empty list shows its `empty` text."""
        found = []
        for panel in sorted(self.dashboard_panels.values(), key=lambda p: (p.order, p.name)):
            items = panel.items(request)
            if items is None:
                continue
            action = panel.action(request) if panel.action is not None else None
            found.append((panel, list(items), action))
        return found

    def hidden_documents(self, request):
        """The keys of the search documents this visitor's searches must not find, asked of the plugins once
        per request (the search and the content filter of portal.db both use them)."""
        found = request.__dict__.get("_portal_hidden_documents")
        if found is None:
            keys = set()
            for item in self.search_exclusions.values():
                keys.update(item.hidden(request) or ())
            found = request.__dict__["_portal_hidden_documents"] = frozenset(keys)
        return found

    def menu(self, name):
        return sorted(self.menus.get(name, {}).values(), key=lambda item: (item.order, item.name))

    def sections(self, kind, request, key, limit=10):
        """[(section, items)] of the member or region sections that have something to show."""
        found = []
        for section in sorted(getattr(self, f"{kind}_sections").values(), key=lambda s: (s.order, s.name)):
            items = list(section.items(request, key, limit))
            if items:
                found.append((section, items))
        return found

    def figures(self, request):
        """[(figure, value)] of the home page's figures, in their order (zeros included: a young network
        still shows what it counts)."""
        return [(f, f.count(request) or 0)
                for f in sorted(self.home_figures.values(), key=lambda f: (f.order, f.name))]

    def year_figures_of(self, request, year):
        """[(title, text)] of what the plugins say of a year of the network (the work plan shows them):
        those that have something to say, in their order."""
        found = []
        for f in sorted(self.year_figures.values(), key=lambda f: (f.order, f.name)):
            text = f.count(request, year)
            if text:
                found.append((f.title, text))
        return found

    def timeline(self, request, member, kinds=None):
        """The member's history as this visitor may see it (each plugin checks what it shows), newest
        first; entries of one day keep the timelines' order. kinds: only the entries of those kinds."""
        from datetime import datetime, timezone
        found = []
        for timeline in sorted(self.timelines.values(), key=lambda t: (t.order, t.name)):
            for entry in timeline.entries(request, member) or ():
                if entry.kind not in timeline.kinds:
                    raise LookupError(f"timeline {timeline.name!r} gave an entry of the kind {entry.kind!r}, "
                                      f"which it did not declare (add_timeline kinds: {', '.join(timeline.kinds)})")
                if kinds is None or entry.kind in kinds:
                    found.append(entry)

        def moment(entry):
            when = entry.when
            if isinstance(when, datetime):
                return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
            return datetime(when.year, when.month, when.day, 12, tzinfo=timezone.utc)  # a day: its middle

        return sorted(found, key=moment, reverse=True)  # reverse keeps ties in order (a stable sort)

    def workflow_for(self, obj):
        info = self.content_type_of(obj)
        return self.workflows[info.workflow] if info else None


def _register(config, category, discriminator, title, store, **details):
    intr = config.introspectable(category, discriminator, title, CATEGORIES[category])
    intr["plugin"] = config.package_name
    for key, value in details.items():
        intr[key] = value
    config.action(("portal", category, discriminator), store, introspectables=(intr,), order=PHASE1_CONFIG)


def _keep(config, category, table, name, item, **details):
    """Register `item` as `name` of the registry's `table` (a dict of PortalRegistry) when the
    configuration is committed, introspectable under `category`."""
    portal = config.registry.portal

    def store():
        getattr(portal, table)[name] = item

    _register(config, category, name, name, store, **details)


def add_content_type(config, name, factory, schema, title, plural=None, workflow="publication", path=None,
                     add_roles=("editor",), view_template="portal:templates/content_view.pt", listing=True,
                     view_values=None, example=None, listing_route=None, addable_to=None, views=None, merge=False):
    """A content type with its add / view / edit / delete / workflow / history views under `path`.
    view_values(request, obj) adds what the type's own view template needs; example gives form values
    (besides title and text) that make a valid item, used by the contract test every type must pass.
    addable_to: the types of the items it may be placed in (the move rule refuses others); views: the
    ContentViews subclass serving it; merge: concurrent edits are merged rather than saved over."""
    info = ContentType(name=name, factory=factory, schema=schema, title=title, plural=plural or title,
                       workflow=workflow, path=path or f"/{name}", add_roles=tuple(add_roles),
                       view_template=view_template, listing=listing, plugin=config.package_name,
                       view_values=view_values, example=dict(example or {}),
                       listing_route=listing_route or (f"{name}.listing" if listing else None),
                       addable_to=tuple(addable_to) if addable_to is not None else None, views=views,
                       merge=bool(merge))
    portal = config.registry.portal

    def store():
        portal.content_types[name] = info

    _register(config, "portal content types", name, name, store, factory=factory.__name__,
              workflow=workflow, path=info.path, addable_to=", ".join(info.addable_to or ()) or "anywhere",
              views=f"{(views or _base_views()).__module__}.{(views or _base_views()).__name__}", merge=info.merge)
    from .content.views import add_content_views
    add_content_views(config, info)


def _base_views():
    from .content.views import ContentViews
    return ContentViews


def add_search_index(config, factory, document, should_index=lambda obj: True, name=None, facets=None,
                     facet_values=None, facet_labels=None, load=(), title=None):
    """Index instances of `factory`: document(request, obj) returns the fields (see portal.search).
    facets: {name: title} of the plugin's own facets; facet_values / facet_labels: per facet, the
    allowed values (a 400 names them) and how to show a value; load: SQLAlchemy loader options for the
    relationships document() reads (e.g. selectinload(Experience.themes)), so `portal reindex` loads
    them for all items at once, not one query per item (content items' local roles are loaded so);
    title: how the type facet names these documents when they are not a content type."""
    from sqlalchemy.orm import selectinload
    from .models import Content
    request_first(document, f"add_search_index({name or factory.__name__}) document")
    _own_facets(facets or {})
    name = name or factory.__name__.lower()
    if issubclass(factory, Content):
        load = (selectinload(factory.local_roles), *load)
    info = SearchIndex(name=name, factory=factory, document=document, should_index=should_index,
                       facets=dict(facets or {}), plugin=config.package_name, load=tuple(load), title=title)
    portal = config.registry.portal

    def store():
        portal.search_indexes[factory] = info
        portal.facets.update(info.facets)
        portal.facet_values.update(facet_values or {})
        portal.facet_labels.update(facet_labels or {})

    _register(config, "portal search indexes", name, name, store, factory=factory.__name__,
              facets=", ".join(info.facets))


def _own_facets(facets):
    """A plugin's facets may not take the name of one the core gives every document."""
    from pyramid.exceptions import ConfigurationError
    from .search import CORE_FACETS
    taken = sorted(set(facets) & set(CORE_FACETS))
    if taken:
        raise ConfigurationError(f"facet names {', '.join(taken)} are the core's ({', '.join(CORE_FACETS)}); "
                                 "give the plugin's facets names of their own")


def add_search_facets(config, index, extend, facets, name=None, facet_values=None, facet_labels=None):
    """Add facet values to the documents of another plugin's search index (named `index`, e.g.
    "experience"): extend(request, obj) -> {facet: [values]}. facets: {name: title} of the facets added,
    shown by /search and by the listing of that index; facet_values / facet_labels as add_search_index.
    The plugin reindexes the items concerned (portal.search.reindex_later) when their values change."""
    request_first(extend, f"add_search_facets({index})")
    _own_facets(facets)
    name = name or f"{config.package_name}:{index}"
    item = SearchFacets(name=name, index=index, extend=extend, facets=dict(facets), plugin=config.package_name)
    portal = config.registry.portal

    def store():
        portal.search_facets.setdefault(index, {})[name] = item
        portal.index_facets.setdefault(index, {}).update(item.facets)
        portal.facets.update(item.facets)
        portal.facet_values.update(facet_values or {})
        portal.facet_labels.update(facet_labels or {})

    _register(config, "portal search facets", name, name, store, index=index, facets=", ".join(item.facets))


def add_content_badges(config, name, badges, types=()):
    """badges(request, obj) -> [{"title", "url"?, "note"?}] shown on the page of a content item (of the
    content types named in `types`, or of every type); a view template renders them with the
    content_macros "badges" macro."""
    request_first(badges, f"add_content_badges({name})")
    item = Badges(name=name, badges=badges, types=tuple(types), plugin=config.package_name)
    _keep(config, "portal content badges", "badges", name, item, types=", ".join(item.types))


def add_item_section(config, name, title, items, resources=(), order=50):
    """A box on the pages of other plugins' items: items(request, obj, name) -> [{"title", "url"?, "note"?,
    "image"?}] for obj, an item of the resource or content type `name` (one of `resources`, or any when
    empty); "image" is a File row (an image) shown beside the title. Neither the core nor the plugin whose
    page it is knows the plugin adding it: the item pages render them with the content_macros
    "item_sections" macro. An empty list shows nothing."""
    request_first(items, f"add_item_section({name})")
    item = ItemSection(name=name, title=title, items=items, resources=tuple(resources), order=order,
                       plugin=config.package_name)
    _keep(config, "portal item sections", "item_sections", name, item, resources=", ".join(item.resources), order=order)


def add_menu_item(config, menu, name, title, route_name=None, order=50, permission=None, parent=None,
                  visitors_only=False):
    """An entry of a menu ("main", "manage"). parent names another entry of the same menu: the entry is
    then in that one's sub-menu (the main menu keeps one line at 1280 px in every language by grouping).
    An entry with no route_name only groups the entries that name it as their parent. visitors_only: an
    invitation for people who are not logged in ("Join the network"), left out for those who are."""
    from pyramid.exceptions import ConfigurationError
    if route_name is None and parent is not None:
        raise ConfigurationError(f"add_menu_item({menu!r}, {name!r}): an entry in a sub-menu needs a route_name")
    item = MenuItem(menu=menu, name=name, title=title, route_name=route_name, order=order,
                    permission=permission, plugin=config.package_name, parent=parent, visitors_only=visitors_only)
    portal = config.registry.portal

    def store():
        portal.menus.setdefault(menu, {})[name] = item

    _register(config, "portal menu items", f"{menu}:{name}", f"{menu}: {name}", store, route=route_name or "",
              parent=parent or "")


def add_workflow(config, workflow):
    portal = config.registry.portal

    def store():
        portal.workflows[workflow.name] = workflow

    _register(config, "portal workflows", workflow.name, workflow.name, store,
              states=", ".join(workflow.states))


def add_plugin(config, name, requires=(), title=None):
    """Who the plugin is and the plugins it builds on: a site that enables it without them stops at start-up
    with one line naming the missing one; its demo data runs after theirs; it may use their resources."""
    item = Plugin(name=name, package=config.package_name, requires=tuple(requires), title=title or name)
    _keep(config, "portal plugins", "plugins", name, item, requires=", ".join(item.requires))


def register_resource(config, name, model, title=None, url=None):
    """Offer a kind of object to the other plugins by name (as Decidim's register_resource): awards asks
    the request for "experience" (request.resources["experience"]) instead of importing a model.
    title/url(request, obj): how a link to one of them reads and where it goes (an action tree's "carried
    out by"); without them a content item links to its page, anything else reads its title or name."""
    portal = config.registry.portal

    def store():
        portal.resources[name] = model
        portal.resource_links[name] = (title, url)

    _register(config, "portal resources", name, name, store, model=f"{model.__module__}.{model.__name__}")


def add_static(config, path):
    """A stylesheet (.css) or script (.js) of the plugin, a path under its package's static/ folder, linked
    from the head of every page after the core's own (scripts deferred, under the CSP's script-src 'self').
    The folder is served at /<plugin>-static/ with a cache lifetime; a plugin's templates may also use
    request.static_path("<package>:static/...") for its images."""
    package = config.package_name
    if not path.startswith("static/") or path.rsplit(".", 1)[-1] not in ("css", "js"):
        raise ValueError(f"add_static({path!r}): a .css or .js file under the plugin's static/ folder")
    portal = config.registry.portal
    if package not in portal.static_packages:
        portal.static_packages.add(package)
        config.add_static_view(f"{package.rsplit('.', 1)[-1]}-static", f"{package}:static", cache_max_age=3600)
    spec = f"{package}:{path}"

    def store():
        portal.assets[spec] = path.rsplit(".", 1)[-1]

    _register(config, "portal static assets", spec, spec, store)


class Resources:
    """request.resources["experience"]: the model another plugin offers by that name (register_resource)."""

    def __init__(self, portal):
        self._portal = portal

    def __getitem__(self, name):
        return self._portal.resource(name)

    def __contains__(self, name):
        return name in self._portal.resources


def page_assets(request, kind):
    """The addresses of the plugins' stylesheets or scripts, for the layout's head."""
    return [request.static_path(spec) for spec, found in request.registry.portal.assets.items() if found == kind]


def add_demo_data(config, create, order=50, name=None):
    """create(request) fills an empty site with realistic content; run by `portal demo`, after the demo data
    of the plugins this one requires (add_plugin); `order` only orders the demo data of one plugin."""
    request_first(create, "add_demo_data")
    name = name or f"{config.package_name}:{create.__name__}"
    item = DemoData(name=name, create=create, order=order, plugin=config.package_name)
    _keep(config, "portal demo data", "demo_data", name, item)


def add_export(config, name, title, rows, columns, permission=None):
    """rows(request) yields dicts; served as /export/NAME.json and /export/NAME.csv."""
    request_first(rows, f"add_export({name})")
    item = Export(name=name, title=title, rows=rows, columns=tuple(columns), permission=permission,
                  plugin=config.package_name)
    _keep(config, "portal exports", "exports", name, item, columns=", ".join(columns))


def add_plugin_settings(config, name, schema, title):
    """A colander schema edited in the control panel; read with request.plugin_settings(name)."""
    item = PluginSettings(name=name, schema=schema, title=title, plugin=config.package_name)
    _keep(config, "portal plugin settings", "plugin_settings", name, item)


def _add_section(config, kind, name, title, items, order):
    request_first(items, f"add_{kind}_section({name})")
    item = Section(name=name, title=title, items=items, order=order, plugin=config.package_name)
    portal = config.registry.portal

    def store():
        getattr(portal, f"{kind}_sections")[name] = item

    _register(config, f"portal {kind} sections", name, name, store)


def add_member_section(config, name, title, items, order=50):
    """items(request, member, limit) -> [{"title", "url", "note"?, "badge"?}] shown on the member's profile."""
    _add_section(config, "member", name, title, items, order)


def add_timeline(config, name, entries, order=50, kinds=None):
    """entries(request, member) -> iterable of portal.api.TimelineEntry: the moments of a member
    organisation's history the plugin knows (an experience shared, a prize...), only those the visitor may
    see, shown on its profile newest first, grouped by year. kinds: {kind: label} or {kind: (label,
    plural)} of the entries it gives; a plural puts the kind in the profile's counts and in the timeline's
    filter. Two timelines may not declare one kind."""
    from pyramid.exceptions import ConfigurationError
    request_first(entries, f"add_timeline({name})")
    declared = {}
    for kind, labels in (kinds or {name: name}).items():
        declared[kind] = tuple(labels) if isinstance(labels, (tuple, list)) else (labels, None)
    item = Timeline(name=name, entries=entries, order=order, kinds=declared, plugin=config.package_name)
    portal = config.registry.portal

    def store():
        for kind in declared:
            if kind in portal.timeline_kinds:
                owner = next(t.name for t in portal.timelines.values() if kind in t.kinds)
                raise ConfigurationError(f"add_timeline({name!r}): the kind {kind!r} is already the timeline "
                                         f"{owner!r}'s")
        portal.timelines[name] = item
        portal.timeline_kinds.update(declared)

    _register(config, "portal timelines", name, name, store, kinds=", ".join(declared), order=order)


def add_region_section(config, name, title, items, order=50):
    """items(request, region, limit) -> [{"title", "url", "note"?, "badge"?}] for pages about a region
    (an antenna's page gathers them)."""
    _add_section(config, "region", name, title, items, order)


def add_home_section(config, name, title, items, order=50):
    """items(request, None, limit) -> [{"title", "url", "note"?, "badge"?, "cover"?}] on the home page (what
    is new or coming: latest experiences, upcoming events, open calls), as cards: "cover" (a content id)
    shows that item's cover image, else the card shows the drawing of the section's name (card-<name>.svg)."""
    _add_section(config, "home", name, title, items, order)


def add_home_figure(config, name, title, count, order=50):
    """count(request) -> int: a figure of the network on the home page ("Experiences shared: 42"), beside
    the core's members and countries (orders 10 and 20); one query, cached with the page."""
    request_first(count, f"add_home_figure({name})")
    item = Figure(name=name, title=title, count=count, order=order, plugin=config.package_name)
    _keep(config, "portal home figures", "home_figures", name, item)


def add_year_figure(config, name, title, text, order=50):
    """text(request, year) -> str or None: what the plugin says of a year of the network ("€12,300 raised
    by 3 campaigns, €4,100 spent"), shown beside that year's work plan; None: nothing that year."""
    request_first(text, f"add_year_figure({name})")
    item = Figure(name=name, title=title, count=text, order=order, plugin=config.package_name)
    _keep(config, "portal year figures", "year_figures", name, item)


def add_manage_tasks(config, name, tasks, order=50):
    """tasks(request) -> [{"title", "url", "step"?, "note"?}]: the work waiting for this visitor, listed
    under "Waiting for you" on /manage (the callback checks the visitor's permissions)."""
    request_first(tasks, f"add_manage_tasks({name})")
    item = ManageTasks(name=name, tasks=tasks, order=order, plugin=config.package_name)
    _keep(config, "portal manage tasks", "manage_tasks", name, item)


def add_dashboard_panel(config, name, title, items, order=50, empty=None, action=None):
    """items(request) -> [{"title", "url", "note"?, "state"?}] shown to the logged-in visitor on /my
    ("My space") under `title`, or None to hide the panel (e.g. from someone with no organisation). An
    empty list shows `empty` (say what to do next: "You are in no working group."); action(request) ->
    {"title", "url"} or None, the next step offered under the panel ("Browse the working groups").
    The panel named "follows" is kept for what the visitor follows (FOLLOWS_PANEL)."""
    request_first(items, f"add_dashboard_panel({name}) items")
    if action is not None:
        request_first(action, f"add_dashboard_panel({name}) action")
    item = DashboardPanel(name=name, title=title, items=items, order=order, plugin=config.package_name,
                          empty=empty, action=action)
    _keep(config, "portal dashboard panels", "dashboard_panels", name, item, order=order)


FOLLOWS_PANEL = "follows"  # the dashboard panel of what a person follows, given by the follows feature


def add_search_exclusion(config, name, hidden):
    """hidden(request) -> iterable of search document keys ("experience:12") that this visitor's searches
    (/search, /search.json and the listings built on portal.views.search.parse_query) must not find, with
    both backends; for a logged-in visitor, the content items among them are also left out of every query
    of the request (listings, feeds, exports, their own pages: portal.db.hidden_content_ids). Called once
    per search and once per request of a logged-in visitor, so it must be cheap."""
    request_first(hidden, f"add_search_exclusion({name})")
    item = SearchExclusion(name=name, hidden=hidden, plugin=config.package_name)
    _keep(config, "portal search exclusions", "search_exclusions", name, item)


def add_routes(config, prefix="", routes=None, factory=None, **patterns):
    """Routes that share the start of their pattern and, usually, a factory (the item their views work on):
    name=pattern for each, added in the order given (Pyramid tries routes in the order they are added);
    `routes`, a dict, for names that are not identifiers ("governance.workplan").

        config.add_routes("/{call:\\d+}", factory=call_factory, award_call="", award_call_edit="/edit")
    """
    for name, pattern in {**(routes or {}), **patterns}.items():
        config.add_route(name, prefix + pattern, factory=factory)


def includeme(config):
    config.registry.portal = PortalRegistry()
    for directive in (add_content_type, add_search_index, add_menu_item, add_workflow, add_demo_data,
                      add_export, add_plugin_settings, add_member_section, add_region_section,
                      add_home_section, add_home_figure, add_year_figure, add_timeline,
                      add_search_facets, add_content_badges, add_item_section, add_manage_tasks, add_dashboard_panel,
                      add_search_exclusion,
                      add_plugin, register_resource, add_static, add_routes):
        config.add_directive(directive.__name__, directive)
    config.add_request_method(page_assets, "page_assets")
    config.add_request_method(lambda request: Resources(request.registry.portal), "resources", reify=True)
    from .tasks import add_periodic_task
    config.add_directive("add_periodic_task", add_periodic_task)
    from .importing import add_import
    config.add_directive("add_import", add_import)
