"""The contract every registered content type keeps, whichever plugin brought it: added through its
form, viewed, edited, published, found by search once published, invisible to anonymous visitors
(page and search) while private, deleted and gone from search. It holds with every plugin enabled, and
with each plugin alone (only the plugins it requires), on a database its migrations alone built."""
import functools
import tempfile
from pathlib import Path

import pytest

from portal.testing import DB, base_settings, csrf, database_baseline, login, plugin_alone, reset_database


@functools.lru_cache(maxsize=4)
def collected(plugins):
    """The plugin registry of the app with these plugins, built once at collection."""
    from portal import main
    tmp = Path(tempfile.mkdtemp())
    return main({}, **base_settings(tmp, f"sqlite:///{tmp}/collect.sqlite", plugins=plugins)).registry.portal


def registered_types(plugins):
    return sorted(collected(plugins).content_types)


def each_plugin_alone(plugins):
    """(plugin, content type) for each project plugin: the types it brings, and the core's page (a plugin
    that brings none must not break the core's)."""
    portal = collected(plugins)
    return [(plugin.name, name) for plugin in sorted(portal.plugins.values(), key=lambda p: p.name)
            if plugin.package.startswith("plugins.")
            for name in sorted(n for n, i in portal.content_types.items() if i.plugin == plugin.package) + ["page"]]


def pytest_generate_tests(metafunc):
    if "type_name" in metafunc.fixturenames:
        metafunc.parametrize("type_name", registered_types(metafunc.config.portal_plugins))
    if "alone" in metafunc.fixturenames:
        pairs = each_plugin_alone(metafunc.config.portal_plugins)
        metafunc.parametrize("alone", pairs, ids=[f"{plugin}-{name}" for plugin, name in pairs])


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


def fill(form, info, title):
    form["title"] = title
    form["body"] = f"<p>{title}: the body of the item.</p>"
    for name, value in info.example.items():
        if isinstance(value, (list, tuple)):  # deform names every box of a checkbox group "checkbox"
            for box in form.fields.get("checkbox", []):
                if box._value in value:
                    box.checked = True
        else:
            form[name] = value


def search_keys(testapp, words):
    return {hit["key"] for hit in testapp.get("/search.json", {"q": words}).json["results"]}


def test_content_type_contract(testapp, registry, make_user, type_name):
    make_user("secretariat@example.org", role="secretariat")
    keeps_the_contract(testapp, registry, type_name)


@pytest.fixture(scope="module")
def sites_alone(tmp_path_factory, pytestconfig):
    """plugin name -> its app alone with the plugins it requires, on a SQLite database migrated for them."""
    from portal import main
    from portal.migrations import upgrade
    portal = collected(pytestconfig.portal_plugins)
    built = {}

    def site(plugin):
        if plugin not in built:
            folder = tmp_path_factory.mktemp(f"alone-{plugin}")
            settings = base_settings(folder, f"sqlite:///{folder}/site.sqlite",
                                     plugins=" ".join(plugin_alone(portal, plugin)))
            upgrade(settings)
            app = main({}, **settings)
            engine = app.registry["engine"]
            built[plugin] = (app, engine, database_baseline(engine))
        return built[plugin]
    yield site
    for app, engine, baseline in built.values():
        engine.dispose()


def test_content_type_contract_with_each_plugin_alone(sites_alone, alone):
    import webtest
    from portal.models import User
    from portal.passwords import hash_password
    plugin, type_name = alone
    app, engine, baseline = sites_alone(plugin)
    reset_database(engine, baseline)
    assert {p.package for p in app.registry.portal.plugins.values()} == set(plugin_alone(app.registry.portal, plugin))
    with DB(app.registry)() as s:
        s.add(User(email="secretariat@example.org", name="Secretariat", role="secretariat",
                   password_hash=hash_password("a-good-password", app.registry.settings)))
    browser = webtest.TestApp(app, extra_environ={"HTTP_HOST": "portal.test", "REMOTE_ADDR": "192.0.2.10"})
    keeps_the_contract(browser, app.registry, type_name)


def keeps_the_contract(testapp, registry, type_name):
    """Added, kept private, edited, published and found, retracted, deleted: as the secretariat member
    secretariat@example.org (who must exist)."""
    info = registry.portal.content_types[type_name]
    login(testapp, "secretariat@example.org")

    # add through its form
    form = testapp.get(f"{info.path}/add").forms["deform"]
    fill(form, info, "Zanzibarian contract item")
    res = form.submit("save", status=302).follow()
    item_url = res.request.path
    assert "Zanzibarian contract item" in res.text
    key = f"{registry.portal.index_for(info.factory(id=0)).name}:{item_url.rsplit('/', 1)[-1]}"

    # private: invisible to anonymous visitors, on its page and in search
    anonymous = type(testapp)(testapp.app, extra_environ=testapp.extra_environ)
    anonymous.get(item_url, status=302)  # asked to log in
    assert key not in search_keys(anonymous, "Zanzibarian")
    assert key not in search_keys(testapp, "Zanzibarian")  # not indexed before publication

    # edit
    form = testapp.get(f"{item_url}/edit").forms["deform"]
    form["title"] = "Zanzibarian contract item, edited"
    res = form.submit("save", status=302).follow()
    assert "Zanzibarian contract item, edited" in res.text

    # publish: public page, found by search
    testapp.post(f"{item_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    assert "Zanzibarian contract item, edited" in anonymous.get(item_url).text
    assert key in search_keys(anonymous, "Zanzibarian")

    # back to draft: private again, and out of search
    testapp.post(f"{item_url}/transition", {"transition": "retract", "csrf_token": csrf(testapp)}, status=302)
    anonymous.get(item_url, status=302)
    assert key not in search_keys(anonymous, "Zanzibarian")

    # publish again, then delete: gone, and gone from search
    testapp.post(f"{item_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    assert key in search_keys(anonymous, "Zanzibarian")
    testapp.get(f"{item_url}/delete").forms["delete-form"].submit("delete", status=302)
    testapp.get(item_url, status=404)
    assert key not in search_keys(testapp, "Zanzibarian")
