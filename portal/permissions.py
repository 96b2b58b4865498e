"""A plugin's permissions in one class, as Decidim's permissions class per module.

The class names every permission the plugin's views, ACLs and templates ask for, each with what it
lets a person do, and builds the ACLs of the plugin's objects (its models' `__acl__` delegate to it),
so who may do what in a plugin is read in one place:

    class AwardPermissions(Permissions):
        names = {"enter": "enter an experience in an open call", "jury": "judge a call's entries"}

        @staticmethod
        def call(call): return [(Allow, "role:secretariat", ALL_PERMISSIONS), ...]

    config.add_permissions(AwardPermissions)

At start-up every view's permission must be the core's (CORE_PERMISSIONS, `add:<content type>`) or
one a plugin declared: a misspelt permission would otherwise deny everyone but the secretariat
(whose ALL_PERMISSIONS grants any name) without any error, and nobody would notice until a member
was refused."""
from __future__ import annotations

from typing import Any, ClassVar

from pyramid.exceptions import ConfigurationError
from pyramid.security import NO_PERMISSION_REQUIRED

# the core's permissions: what its ACLs (portal.security) grant and its views ask for
CORE_PERMISSIONS: dict[str, str] = {
    "view": "see a page or an item",
    "view_private": "see what is not published (the secretariat, editors)",
    "edit": "change an item",
    "delete": "delete an item",
    "history": "see an item's revisions",
    "account": "use one's own account pages",
    "manage": "the secretariat's control panel",
    "manage_content": "review and add content from the control panel (editors)",
}


class Permissions:
    """Base of a plugin's permissions class: `names` maps each permission the plugin adds to what it
    lets a person do; static methods build its objects' ACLs."""

    names: ClassVar[dict[str, str]] = {}


def add_permissions(config: Any, permissions: type[Permissions]) -> None:
    """Declare a plugin's permissions class; two plugins declaring one name conflict at start-up."""
    from .registry import _register
    portal = config.registry.portal
    for name, meaning in permissions.names.items():
        if name in CORE_PERMISSIONS or name.startswith("add:"):
            raise ConfigurationError(f"add_permissions({permissions.__name__}): '{name}' is the core's permission")

        def store(name: str = name) -> None:
            portal.permissions[name] = permissions
        _register(config, "portal permissions", name, name, store, meaning=meaning,
                  declared_by=permissions.__name__)


def known_permissions(registry: Any) -> set[str]:
    portal = registry.portal
    return set(CORE_PERMISSIONS) | set(portal.permissions) | {
        info.add_permission for info in portal.content_types.values()}


def check_view_permissions(registry: Any) -> None:
    """Every view asks for a permission someone declared (run once all views are registered)."""
    known = known_permissions(registry)
    for view in registry.introspector.get_category("views") or ():
        for related in view["related"]:
            if related.category_name != "permissions":
                continue
            permission = related["value"]
            if permission in known or permission in (None, NO_PERMISSION_REQUIRED):
                continue
            intr = view["introspectable"]
            where = intr["route_name"] or intr["name"] or "?"
            callable_ = intr["callable"]
            name = f"{getattr(callable_, '__module__', '?')}.{getattr(callable_, '__name__', callable_)}"
            if intr["attr"]:
                name += f".{intr['attr']}"
            raise ConfigurationError(
                f"the view {name} (route {where}) asks for the permission '{permission}', which neither the core "
                "nor any plugin declares (add_permissions)")


def includeme(config: Any) -> None:
    config.add_directive("add_permissions", add_permissions)
    # after every view is registered (views are actions of the default order 0)
    config.action(("portal", "check view permissions"), lambda: check_view_permissions(config.registry),
                  order=10**5)
