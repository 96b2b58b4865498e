"""Pyramid 2 security policy: identity from a server-side session, ACLs, local roles, default deny."""
import hashlib
import secrets
from datetime import timedelta

from pyramid.authorization import ACLHelper, ALL_PERMISSIONS, Allow, Authenticated, Deny, Everyone
from sqlalchemy import select

from .models import AuthSession, utcnow

SESSION_COOKIE = "portal_session"

# What a role granted on one item (and what it contains) lets its holder do there.
LOCAL_ROLES = {
    "reader": ("view",),
    "contributor": ("view", "edit", "history"),
    "reviewer": ("view", "edit", "history", "review"),
}

EDITOR_PERMISSIONS = ("view", "edit", "delete", "review", "history")


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class RootFactory:
    """Context of every route that is not a content item: the site and its control panel."""

    def __init__(self, request):
        self.request = request

    @property
    def __acl__(self):
        acl = [(Allow, "role:secretariat", ALL_PERMISSIONS),
               (Allow, "role:editor", ("manage_content", "view_private"))]
        for info in self.request.registry.portal.content_types.values():
            for role in info.add_roles:
                acl.append((Allow, f"role:{role}", info.add_permission))
        acl.append((Allow, Authenticated, "account"))
        acl.append((Allow, Everyone, "view"))
        acl.append((Deny, Everyone, ALL_PERMISSIONS))
        return acl


def content_acl(obj, registry):
    """The ACL of a content item, derived from its workflow state, its creator and local roles.

    A generator, read lazily by Pyramid: the public "view" comes before the local roles, so an
    anonymous visitor reading a published item costs no query for them."""
    yield (Allow, "role:secretariat", ALL_PERMISSIONS)
    yield (Allow, "role:editor", EDITOR_PERMISSIONS)
    workflow = registry.portal.workflow_for(obj)
    state = workflow.states.get(obj.state) if workflow else None
    if state is not None and state.public:
        yield (Allow, Everyone, "view")
    if obj.creator_id:
        # the author works on the item until it is published; after that, changes go through an editor
        initial = workflow.initial if workflow else "draft"
        editable = workflow.author_edit_states if workflow else (initial,)
        yield (Allow, f"user:{obj.creator_id}", ("view", "history")
               + (("edit",) if obj.state in editable else ()) + (("delete",) if obj.state == initial else ()))
    seen, node = set(), obj
    while node is not None and node.id not in seen:
        seen.add(node.id)
        for local in node.local_roles:
            yield (Allow, local.principal, LOCAL_ROLES.get(local.role, ()))
        node = node.parent
    yield (Deny, Everyone, ALL_PERMISSIONS)


def principals_allowed(acl, permission="view"):
    """Principals an ACL lets do `permission`; stored with search documents to filter inside the query."""
    allowed = []
    for action, principal, perms in acl:
        if perms is ALL_PERMISSIONS or permission in (perms if isinstance(perms, (tuple, list, set)) else (perms,)):
            if action == Allow:
                allowed.append(principal)
            else:
                break
    return allowed


class SecurityPolicy:
    def __init__(self, settings):
        self.helper = ACLHelper()

    def identity(self, request):
        return request.user

    def authenticated_userid(self, request):
        user = request.user
        return user.id if user is not None else None

    def effective_principals(self, request):
        principals = [Everyone]
        user = request.user
        if user is not None:
            principals.append(Authenticated)
            principals.extend(user.principals)
        return principals

    def permits(self, request, context, permission):
        return self.helper.permits(context, self.effective_principals(request), permission)

    def remember(self, request, userid, **kw):
        max_age = int(request.registry.settings.get("auth.session_max_age", 14 * 86400))
        token = secrets.token_urlsafe(32)
        request.dbsession.add(AuthSession(id=token_hash(token), user_id=userid,
                                          expires=utcnow() + timedelta(seconds=max_age)))
        return [("Set-Cookie", _cookie(request, token, max_age))]

    def forget(self, request, **kw):
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            found = request.dbsession.get(AuthSession, token_hash(token))
            if found is not None:
                request.dbsession.delete(found)
        return [("Set-Cookie", _cookie(request, "", 0))]


def _cookie(request, value, max_age):
    secure = "; Secure" if request.scheme == "https" else ""
    return f"{SESSION_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"


def revoke_sessions(request, user, keep_current=False):
    """Log a user out everywhere: at password change, account deletion or deactivation."""
    current = request.cookies.get(SESSION_COOKIE)
    keep = token_hash(current) if (keep_current and current) else None
    for found in request.dbsession.scalars(select(AuthSession).where(AuthSession.user_id == user.id)):
        if found.id != keep:
            request.dbsession.delete(found)


def get_user(request):
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    request.__dict__["_portal_finding_user"] = True  # its queries are not filtered by request.user (db.py)
    try:
        found = request.dbsession.get(AuthSession, token_hash(token))
        if found is None or found.expires < utcnow() or not found.user.active:
            return None
        return found.user
    finally:
        del request.__dict__["_portal_finding_user"]


def includeme(config):
    settings = config.get_settings()
    config.set_security_policy(SecurityPolicy(settings))
    config.set_default_permission("view")
    config.set_root_factory(RootFactory)
    config.add_request_method(get_user, "user", reify=True)
    config.add_request_method(RootFactory, "site", reify=True)  # the site context, even where routing failed
    config.set_default_csrf_options(require_csrf=True)
