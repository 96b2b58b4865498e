"""A plugin's permissions are declared in one class (add_permissions) and its callbacks take the
request first: a view asking for a permission nobody declared, or a callback written object-first,
stops the start-up with one line naming it, rather than silently refusing everyone but the secretariat
or failing on first use; the plugins' ACLs come from their classes."""
import sys

import pytest
from pyramid.exceptions import ConfigurationError

from portal import main
from portal.permissions import CORE_PERMISSIONS


def plugin(tmp_path, monkeypatch, name, body):
    (tmp_path / f"{name}.py").write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(name, None)


VIEW = (
    "from pyramid.response import Response\n"
    "def page(request):\n"
    "    return Response('ok')\n"
)


def test_a_misspelt_permission_stops_the_start_naming_the_view(settings, tmp_path, monkeypatch):
    plugin(tmp_path, monkeypatch, "typo_plugin", VIEW + (
        "def includeme(config):\n"
        "    config.add_route('typo', '/typo')\n"
        "    config.add_view(page, route_name='typo', permission='edit_entries')\n"))
    with pytest.raises(ConfigurationError) as found:
        main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " typo_plugin"}))
    message = str(found.value)
    assert "typo_plugin.page (route typo) asks for the permission 'edit_entries'" in message


def test_a_declared_permission_is_granted_by_the_plugin_s_acl(settings, tmp_path, monkeypatch):
    plugin(tmp_path, monkeypatch, "own_plugin", VIEW + (
        "from pyramid.authorization import Allow, Authenticated, Deny, Everyone, ALL_PERMISSIONS\n"
        "from portal.api import Permissions\n"
        "class OwnPermissions(Permissions):\n"
        "    names = {'stamp': 'stamp a passport'}\n"
        "class Root:\n"
        "    __acl__ = [(Allow, Authenticated, 'stamp'), (Deny, Everyone, ALL_PERMISSIONS)]\n"
        "    def __init__(self, request): pass\n"
        "def includeme(config):\n"
        "    config.add_permissions(OwnPermissions)\n"
        "    config.add_route('stamp', '/stamp', factory=Root)\n"
        "    config.add_view(page, route_name='stamp', permission='stamp')\n"))
    app = main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " own_plugin"}))
    assert app.registry.portal.permissions["stamp"].__name__ == "OwnPermissions"


def test_a_plugin_may_not_redeclare_a_core_permission_or_another_plugin_s(settings, tmp_path, monkeypatch):
    plugin(tmp_path, monkeypatch, "core_clash", (
        "from portal.api import Permissions\n"
        "class P(Permissions):\n"
        "    names = {'edit': 'edit'}\n"
        "def includeme(config):\n"
        "    config.add_permissions(P)\n"))
    with pytest.raises(ConfigurationError, match="'edit' is the core's permission"):
        main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " core_clash"}))
    plugin(tmp_path, monkeypatch, "award_clash", (
        "from portal.api import Permissions\n"
        "class P(Permissions):\n"
        "    names = {'jury': 'another jury'}\n"
        "def includeme(config):\n"
        "    config.add_permissions(P)\n"))
    with pytest.raises(ConfigurationError, match="jury"):
        main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " award_clash"}))


def test_every_permission_a_view_asks_for_is_declared_once(registry):
    portal = registry.portal
    assert {"enter", "jury", "review", "view_entry", "edit_entry"} <= set(portal.permissions)
    assert {"add_group", "view_pages", "edit_pages", "manage_group", "join"} <= set(portal.permissions)
    assert not set(portal.permissions) & set(CORE_PERMISSIONS)


def test_a_callback_written_object_first_stops_the_start_naming_it(settings, tmp_path, monkeypatch):
    """Every callback takes the request first (portal.callbacks): one written obj-first would be handed
    the request as its object and fail only on first use, so the start-up refuses it."""
    plugin(tmp_path, monkeypatch, "order_plugin", (
        "def badges(obj, request):\n"
        "    return []\n"
        "def includeme(config):\n"
        "    config.add_content_badges('order', badges)\n"))
    with pytest.raises(ConfigurationError, match=r"add_content_badges\(order\): badges\(obj, request\) must take "
                                                 "the request first"):
        main({}, **dict(settings, **{"portal.plugins": settings["portal.plugins"] + " order_plugin"}))
