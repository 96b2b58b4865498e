"""The plugin contract seen from the outside: a plugin's registrations reach every part of the portal
without a change in the core, and two plugins claiming one name stop the start."""
import pytest
from pyramid.exceptions import ConfigurationConflictError

from portal.testing import login, plugin_alone


def test_conflicting_registrations_fail_at_start(settings):
    from portal import main
    with pytest.raises(ConfigurationConflictError) as raised:
        main({}, **dict(settings, **{"portal.plugins": "sample_plugin clash_plugin"}))
    message = str(raised.value)
    assert "portal content types" in message and "workshop" in message


def test_plugin_registrations_show_up(testapp, registry):
    portal = registry.portal
    assert "workshop" in portal.content_types
    assert portal.content_types["workshop"].plugin == "sample_plugin"
    home = testapp.get("/")
    assert 'href="/workshops"' in home.text  # its menu item
    assert testapp.get("/export/workshops.json").json == []
    assert "city" in testapp.get("/search.json").json["facets"]


def test_plugin_settings_in_the_control_panel(testapp, make_user, registry, db):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    assert "/manage/settings/workshops" in testapp.get("/manage").text
    form = testapp.get("/manage/settings/workshops").forms["deform"]
    assert form["max_participants"].value == "40"  # the schema's default
    form["max_participants"] = "lots"
    res = form.submit("save", status=400)
    assert "lots" in res.text  # what was typed is still there, with the error
    form = res.forms["deform"]
    form["max_participants"] = "120"
    form.submit("save", status=302)
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    request = env["request"]
    request.dbsession = registry["dbsession_factory"]()
    assert request.plugin_settings("workshops")["max_participants"] == 120
    request.dbsession.close()
    env["closer"]()
    testapp.get("/manage/settings/nothing", status=404)


def test_plugin_demo_data_runs_with_the_core(registry, app):
    from pyramid.scripting import prepare
    from sqlalchemy import select
    from portal.demo import load_demo
    from sample_plugin.models import Workshop
    env = prepare(registry=registry)
    request = env["request"]
    with request.tm:
        request.dbsession = registry["dbsession_factory"]()
        import zope.sqlalchemy
        zope.sqlalchemy.register(request.dbsession, transaction_manager=request.tm)
        assert load_demo(request)["email"] == "admin@example.org"
    session = registry["dbsession_factory"]()
    assert session.scalars(select(Workshop)).all()[0].city == "Grenoble"
    session.close()
    env["closer"]()


def test_csv_exports_do_not_hand_formulas_to_a_spreadsheet(testapp, db):
    """Exports carry what people typed; a cell starting like a formula is written as text."""
    import csv
    import io
    from datetime import date
    from sample_plugin.models import Workshop
    from portal.models import utcnow
    with db() as s:
        s.add(Workshop(title='=HYPERLINK("http://evil.example","Click")', city="-Dakar", starts=date(2027, 5, 1),
                       language="en", state="published", published=utcnow()))
    [row] = list(csv.DictReader(io.StringIO(testapp.get("/export/workshops.csv").text)))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")' and row["city"] == "'-Dakar"
    [item] = testapp.get("/export/workshops.json").json
    assert item["title"].startswith("=HYPERLINK"), "JSON is data for programs: unchanged"


def test_a_plugin_facet_may_not_take_a_core_facet_name(settings, tmp_path, monkeypatch):
    """type, language, year and region are on every search document; a plugin facet of the same name would mix
    its values with the core's in one backend and not in the other, so the start stops and says why."""
    from portal import main
    (tmp_path / "region_plugin.py").write_text(
        "def includeme(config):\n"
        "    config.add_search_facets('experience', lambda request, obj: {}, facets={'region': 'Region'})\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(Exception) as raised:
        main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " region_plugin"}))
    assert "facet names region are the core's" in str(raised.value)


def test_a_plugin_without_the_plugins_it_requires_stops_the_start_with_one_line(settings):
    from portal import main
    from portal.settings import SettingError
    with pytest.raises(SettingError) as raised:
        main({}, **dict(settings, **{"portal.plugins": "plugins.events plugins.awards"}))
    assert str(raised.value) == ("setting 'portal.plugins': plugins.awards requires the plugin 'experiences', "
                                 "which is not enabled")
    main({}, **dict(settings, **{"portal.plugins": "plugins.awards plugins.experiences"}))  # in any order


def test_demo_data_runs_after_the_demo_data_of_the_plugins_required(registry):
    from portal.demo import demo_in_order
    portal = registry.portal
    order = [d.plugin.split(".")[1] if d.plugin.startswith("plugins.") else d.plugin for d in demo_in_order(portal)]
    assert order[0] == "portal"
    for plugin in portal.plugins.values():
        for needed in plugin.requires:
            assert order.index(needed) < order.index(plugin.name), (plugin.name, needed, order)


def test_a_plugin_asks_for_another_plugin_s_objects_by_name(registry):
    """register_resource: awards, antennas and the newsletter use experiences and themes without importing
    the experiences plugin; an unknown name says so."""
    portal = registry.portal
    assert portal.resource("experience") is portal.content_types["experience"].factory
    assert portal.resource("theme").__tablename__ == "experience_theme_labels"
    with pytest.raises(LookupError, match="no enabled plugin offers the resource 'crowdfunding'"):
        portal.resource("crowdfunding")
    listed = {(i["introspectable"].category_name, i["introspectable"].title)
              for category in ("portal plugins", "portal resources")
              for i in registry.introspector.get_category(category)}
    assert {("portal plugins", "awards"), ("portal resources", "experience")} <= listed


def test_a_plugin_s_stylesheets_and_scripts_are_linked_from_every_page_and_served(testapp, registry):
    """add_static: no plugin styles live in the core's portal.css, and no template links them by hand."""
    portal = registry.portal
    css = [spec for spec, kind in portal.assets.items() if kind == "css"]
    assert "plugins.experiences:static/experiences.css" in css
    page = testapp.get("/").html
    linked = [link["href"] for link in page.select('head link[rel="stylesheet"]')]
    scripts = [script["src"] for script in page.select("head script[src]")]
    assert linked[0].startswith("/static/css/portal.css")
    for spec, kind in portal.assets.items():
        url = [u for u in (linked if kind == "css" else scripts) if u.endswith(spec.split("static/", 1)[1])]
        assert url, spec
        res = testapp.get(url[0])
        assert res.content_type == ("text/css" if kind == "css" else "text/javascript") and res.body
    assert ".experience-" not in testapp.get(linked[0]).text


def test_each_plugin_alone_with_what_it_requires_migrates_starts_and_serves_its_demo(registry, tmp_path):
    """The manifest is the whole plugin: with only the plugins it requires, its migrations run, the site
    starts, its demo data loads and its menu pages answer; nothing of the other plugins is needed."""
    import webtest
    from pyramid.scripting import prepare
    from sqlalchemy import create_engine, inspect
    from portal import main
    from portal.demo import load_demo
    from portal.migrations import upgrade
    from portal.testing import base_settings
    from portal.models import Base
    portal = registry.portal
    project = [p for p in portal.plugins.values() if p.package.startswith("plugins.")]
    assert len(project) >= 6
    owned = {p.package: set() for p in project}  # the tables of each plugin's models
    for mapper in Base.registry.mappers:
        package = ".".join(mapper.class_.__module__.split(".")[:2])
        if package in owned and mapper.local_table is not None:
            owned[package].add(mapper.local_table.name)
    for plugin in project:
        packages = plugin_alone(portal, plugin.name)
        folder = tmp_path / plugin.name
        folder.mkdir()
        url = f"sqlite:///{folder}/site.sqlite"
        settings = base_settings(folder, url, plugins=" ".join(packages))
        upgrade(settings)
        engine = create_engine(url)
        tables = set(inspect(engine).get_table_names())
        engine.dispose()
        assert tables & owned[plugin.package], plugin.name
        others = set().union(*(owned[p.package] for p in project if p.package not in packages))
        assert not tables & others, (plugin.name, sorted(tables & others))
        app = main({}, **settings)
        env = prepare(registry=app.registry)
        with env["request"].tm:
            assert load_demo(env["request"]) is not None, plugin.name
        env["closer"]()
        browser = webtest.TestApp(app, extra_environ={"HTTP_HOST": "portal.test"})
        assert browser.get("/").status_int == 200
        for item in (i for i in app.registry.portal.menu("main") if i.route_name):  # (a group has no page)
            assert browser.get("/" + browser.app.registry.introspector.get("routes", item.route_name)["pattern"].lstrip("/"),
                               status="*").status_int in (200, 302), (plugin.name, item.route_name)
        assert {p.package for p in app.registry.portal.plugins.values()} == set(packages)


def test_model_factory_finds_the_row_or_answers_404(registry, db):
    """The one get-or-404 route factory: an unknown id, one beyond the id columns or not a number is a 404."""
    from pyramid.httpexceptions import HTTPNotFound
    from pyramid.scripting import prepare
    from portal.db import model_factory
    from portal.models import Group
    from sqlalchemy import select
    with db() as s:
        s.add(Group(name="budget", title="Budget"))
        s.flush()
        gid = s.scalar(select(Group.id))
    factory = model_factory(Group, "group", context=lambda g: ("wrapped", g.name))
    env = prepare(registry=registry)
    request = env["request"]
    request.tm.begin()
    try:
        request.matchdict = {"group": str(gid)}
        assert factory(request) == ("wrapped", "budget")
        for bad in ("999999", str(10 ** 30), "x1", "²"):
            request.matchdict = {"group": bad}
            with pytest.raises(HTTPNotFound):
                factory(request)
    finally:
        request.tm.abort()
        env["closer"]()
    assert factory.model is Group


def test_a_view_asks_the_request_for_another_plugin_s_objects(testapp, registry):
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    try:
        resources = env["request"].resources
        assert resources["experience"] is registry.portal.content_types["experience"].factory
        assert "theme" in resources and "crowdfunding" not in resources
    finally:
        env["closer"]()


def test_every_route_of_a_plugin_is_declared_in_its_routes_module(registry):
    """A plugin's addresses read in one place, plugins/P/routes.py (its content types' pages come from the
    core's add_content_type): a route added anywhere else in a plugin is found here."""
    from pathlib import Path
    plugins_dir = (Path(__file__).resolve().parents[2] / "plugins").resolve()
    content_routes = {f"{name}.{view}" for name in registry.portal.content_types
                      for view in ("add", "view", "edit", "delete", "transition", "history", "restore", "listing")}
    found, elsewhere = set(), []
    for intr in registry.introspector.get_category("routes"):
        route = intr["introspectable"]
        if route["name"] in content_routes or route["name"].startswith("__"):  # add_content_type, add_static
            continue
        source = Path(route.action_info.file).resolve()
        if plugins_dir in source.parents:
            found.add(source.relative_to(plugins_dir).parts[0])
            if source.name != "routes.py" or source.parent.parent != plugins_dir:
                elsewhere.append(f"{route['name']} in {source.relative_to(plugins_dir)}:{route.action_info.line}")
    assert elsewhere == []
    assert {"events", "experiences", "newsletter", "antennas", "awards", "working_groups"} <= found
