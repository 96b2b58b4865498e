"""The control panel at /manage: people, member organisations, applications, groups, sharing,
plugin settings, the mail outbox and the search index."""
import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, or_, select

from ..db import get_or_404
from ..formview import FormView
from ..nodes import address_validator, email_node, member_node
from ..guard import as_id
from ..i18n import LANGUAGES, _, translate
from ..page import page as page_values
from ..models import (ROLES, Content, Group, LocalRole, Member, MembershipApplication, OutboxMessage, Setting, User,
                      utcnow)
from ..search import reindex_later
from ..search.queue import rebuild_index
from ..security import LOCAL_ROLES, revoke_sessions
from .auth import issue_reset_token

ROLE_TITLES = {"secretariat": _("Technical secretariat"), "editor": _("Editor"), "member": _("Member representative")}
APPLICATION_STATUS_TITLES = {"pending": _("Pending"), "approved": _("Approved"), "rejected": _("Rejected")}
LOCAL_ROLE_TITLES = {"reader": _("Reader"), "contributor": _("Contributor"), "reviewer": _("Reviewer")}


def page(request, title, crumbs=(), **values):
    """A control panel page: its trail starts at Manage."""
    return page_values(request, title, [(_("Manage"), request.route_path("manage")), *crumbs], **values)


class ManageForm(FormView):
    """A form of the control panel: its trail starts at Manage, then `crumbs`."""
    crumbs: tuple = ()

    def trail(self):
        request = self.request
        return [(_("Manage"), request.route_path("manage"))] + [
            (label, request.route_path(route)) for label, route in self.crumbs]


# --- dashboard ------------------------------------------------------------------------------------

@view_config(route_name="manage", renderer="portal:templates/manage/index.pt", permission="manage_content")
def dashboard(request):
    db = request.dbsession
    pending = db.scalars(select(Content).where(Content.state == "pending").order_by(Content.modified.desc())).all()
    counts = {
        "users": db.scalar(select(func.count()).select_from(User)),
        "members": db.scalar(select(func.count()).select_from(Member)),
        "applications": db.scalar(select(func.count()).select_from(MembershipApplication)
                                  .where(MembershipApplication.status == "pending")),
        "queued": db.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "queued")),
        "failed": db.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "failed")),
    }
    types = [(info, bool(request.has_permission(info.add_permission, request.site)))
             for info in request.registry.portal.content_types.values()]
    title = translate(_("Manage"), request)
    return dict(page_title=title, breadcrumbs=[(title, None)], pending=pending, counts=counts, types=types,
                waiting=request.registry.portal.waiting_tasks(request),
                settings=request.registry.portal.plugin_settings.values(),
                can_manage=bool(request.has_permission("manage", request.site)))


# --- users ----------------------------------------------------------------------------------------

@colander.deferred
def deferred_role_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[("", translate(_("(no role)"), request))] +
                                      [(k, translate(v, request)) for k, v in ROLE_TITLES.items()])


@colander.deferred
def deferred_groups_widget(node, kw):
    request = kw["request"]
    rows = request.dbsession.execute(select(Group.name, Group.title).order_by(Group.title)).all()
    return deform.widget.CheckboxChoiceWidget(values=[(r.name, r.title) for r in rows])


@colander.deferred
def deferred_unique_email(node, kw):
    request, current = kw["request"], kw.get("user")

    def validator(node, value):
        address_validator(node, value)
        found = request.dbsession.scalar(select(User).where(User.email == value))
        if found is not None and found is not current:
            raise colander.Invalid(node, _("Another account already uses this address."))
    return validator


class UserSchema(colander.Schema):
    email = email_node(validator=deferred_unique_email)
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(1, 200))
    role = colander.SchemaNode(colander.String(), title=_("Role"), missing=None, widget=deferred_role_widget,
                               validator=colander.OneOf(ROLES))
    member_id = member_node(title=_("Represents the member"))
    groups = colander.SchemaNode(colander.Set(), title=_("Groups"), missing=set(), widget=deferred_groups_widget)
    language = colander.SchemaNode(colander.String(), title=_("Preferred language"),
                                   validator=colander.OneOf(list(LANGUAGES)),
                                   widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))
    active = colander.SchemaNode(colander.Boolean(), title=_("Can log in"), missing=False, default=True)


def _apply_user(request, user, appstruct):
    user.email = appstruct["email"]
    for key in ("name", "role", "member_id", "language", "active"):
        setattr(user, key, appstruct[key])
    user.groups = request.dbsession.scalars(select(Group).where(Group.name.in_(appstruct["groups"] or []))).all()


def send_welcome(request, user):
    request.send_template("account-opened", user, link=issue_reset_token(request, user, hours=72))


@view_config(route_name="manage_users", renderer="portal:templates/manage/users.pt", permission="manage")
def users(request):
    stmt = select(User).order_by(User.name)
    q = request.GET.get("q", "").strip()
    if q:
        stmt = stmt.where(or_(User.name.ilike(f"%{q}%"), User.email.ilike(f"%{q}%")))
    role = request.GET.get("role", "")
    if role:
        stmt = stmt.where(User.role == role)
    return page(request, _("Users"), users=request.dbsession.scalars(stmt.limit(500)).all(), q=q, role=role,
                role_titles=ROLE_TITLES)


@view_config(route_name="manage_user_add", permission="manage")
class UserAddView(ManageForm):
    schema = UserSchema
    buttons = (("save", _("Add and send an invitation")),)
    title = _("Add a user")
    crumbs = ((_("Users"), "manage_users"),)

    def appstruct(self):
        return {"language": self.request.locale_name, "active": True}

    def save_success(self, appstruct):
        request = self.request
        user = User(email="", name="")
        _apply_user(request, user, appstruct)
        request.dbsession.add(user)
        request.dbsession.flush()
        send_welcome(request, user)
        return self.done(_("Account created; an invitation was sent to ${email}.", mapping={"email": user.email}),
                         request.route_url("manage_users"))


@view_config(route_name="manage_user", permission="manage")
class UserEditView(ManageForm):
    schema = UserSchema
    buttons = (("save", _("Save")), ("reset", _("Send a password link")))
    crumbs = ((_("Users"), "manage_users"),)

    def __call__(self):
        self.user = get_or_404(self.request.dbsession, User, self.request.matchdict["id"])
        if "reset" in self.request.POST:  # no field to check: the account's own address
            return self.reset_success(None)
        return super().__call__()

    def bind(self):
        return {"user": self.user}

    def page_title(self):
        return self.user.name

    def appstruct(self):
        user = self.user
        appstruct = {"email": user.email, "name": user.name, "role": user.role, "member_id": user.member_id,
                     "groups": {g.name for g in user.groups}, "language": user.language, "active": user.active}
        return {k: v for k, v in appstruct.items() if v is not None}

    def reset_success(self, appstruct):
        send_welcome(self.request, self.user)
        return self.done(_("A link to choose a password was sent to ${email}.", mapping={"email": self.user.email}),
                         self.request.route_url("manage_user", id=self.user.id))

    def save_success(self, appstruct):
        request, user = self.request, self.user
        _apply_user(request, user, appstruct)
        if not user.active:
            revoke_sessions(request, user)
        reindex_later(request.dbsession, user)
        return self.done(_("Changes saved."), request.route_url("manage_users"))


# --- groups ---------------------------------------------------------------------------------------

@colander.deferred
def deferred_users_widget(node, kw):
    request = kw["request"]
    rows = request.dbsession.execute(select(User.id, User.name, User.email).order_by(User.name)).all()
    return deform.widget.CheckboxChoiceWidget(values=[(str(r.id), f"{r.name} <{r.email}>") for r in rows])


class GroupSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Short name"), description=_("Lower-case letters, digits and dashes."),
                               validator=colander.Regex(r"^[a-z0-9-]{2,60}$", _("Lower-case letters, digits and dashes.")))
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 200))
    users = colander.SchemaNode(colander.Set(), title=_("Members of the group"), missing=set(),
                                widget=deferred_users_widget)


@view_config(route_name="manage_groups", renderer="portal:templates/manage/groups.pt", permission="manage")
def groups(request):
    return page(request, _("Groups"), groups=request.dbsession.scalars(select(Group).order_by(Group.title)).all())


@view_config(route_name="manage_group_add", permission="manage")
@view_config(route_name="manage_group", permission="manage")
class GroupView(ManageForm):
    schema = GroupSchema
    crumbs = ((_("Groups"), "manage_groups"),)

    def __call__(self):
        number = self.request.matchdict.get("id")
        self.group = get_or_404(self.request.dbsession, Group, number) if number is not None else None
        return super().__call__()

    def page_title(self):
        return self.group.title if self.group else _("Add a group")

    def appstruct(self):
        group = self.group
        return {"name": group.name, "title": group.title, "users": {str(u.id) for u in group.users}} if group else {}

    def save_success(self, appstruct):
        request, group = self.request, self.group
        clash = request.dbsession.scalar(select(Group).where(Group.name == appstruct["name"]))
        if clash is not None and clash is not group:
            return self.refuse(appstruct, _("This short name is taken."), field="name")
        if group is None:
            group = Group()
            request.dbsession.add(group)
        elif group.name != appstruct["name"]:
            # Roles are shared with "group:NAME": they follow the new name, and a later group that takes
            # the old one inherits nothing.
            portal = request.registry.portal
            shared_with = select(LocalRole).where(LocalRole.principal == f"group:{group.name}")
            for role in request.dbsession.scalars(shared_with):
                role.principal = f"group:{appstruct['name']}"
                shared = request.dbsession.get(Content, role.content_id)
                if shared is not None and portal.index_for(shared) is not None:
                    reindex_later(request.dbsession, shared)
        group.name, group.title = appstruct["name"], appstruct["title"]
        ids = [int(i) for i in appstruct["users"]]
        group.users = request.dbsession.scalars(select(User).where(User.id.in_(ids))).all() if ids else []
        return self.done(_("Changes saved."), request.route_url("manage_groups"))


# --- sharing: local roles on one item -------------------------------------------------------------

@view_config(route_name="content_sharing", renderer="portal:templates/manage/sharing.pt", permission="manage_content")
def sharing(request):
    obj = get_or_404(request.dbsession, Content, request.matchdict["id"])
    if request.method == "POST":
        if "remove" in request.POST:
            number = as_id(request.POST["remove"])
            found = request.dbsession.get(LocalRole, number) if number is not None else None
            if found is not None and found.content_id == obj.id:
                request.dbsession.delete(found)
        else:
            principal, role = request.POST.get("principal", ""), request.POST.get("role", "")
            valid = {f"group:{g}" for g in request.dbsession.scalars(select(Group.name))} | \
                    {f"user:{u}" for u in request.dbsession.scalars(select(User.id))}
            if principal not in valid or role not in LOCAL_ROLES:
                request.response.status = 400
                request.flash(_("Choose a person or group and a role."), "error")
                return HTTPFound(request.route_url("content_sharing", id=obj.id))
            request.dbsession.add(LocalRole(content_id=obj.id, principal=principal, role=role))
        request.dbsession.flush()
        request.dbsession.expire(obj, ["local_roles"])
        reindex_later(request.dbsession, obj)
        request.flash(_("Sharing updated."))
        return HTTPFound(request.route_url("content_sharing", id=obj.id))
    users = request.dbsession.execute(select(User.id, User.name).order_by(User.name)).all()
    groups_ = request.dbsession.execute(select(Group.name, Group.title).order_by(Group.title)).all()
    names = {f"user:{u.id}": u.name for u in users} | {f"group:{g.name}": g.title for g in groups_}
    crumbs = [(obj.title, request.route_path(f"{obj.type}.view", id=obj.id))]
    return page(request, _("Sharing"), crumbs, obj=obj, users=users, groups=groups_, names=names,
                role_titles=LOCAL_ROLE_TITLES)


# --- plugin settings ------------------------------------------------------------------------------

def plugin_settings(request, name):
    """The saved values of a plugin's settings, with the schema's defaults for what was never saved."""
    info = request.registry.portal.plugin_settings[name]
    row = request.dbsession.get(Setting, name)
    values = {}
    for node in info.schema().children:
        if node.default is not colander.null:
            values[node.name] = node.default
    if row is not None:
        values.update(info.schema().deserialize(row.value))
    return values


@view_config(route_name="manage_settings", permission="manage")
class SettingsView(ManageForm):
    buttons = (("save", _("Save")),)

    def __call__(self):
        self.info = self.request.registry.portal.plugin_settings.get(self.request.matchdict["name"])
        if self.info is None:
            raise HTTPNotFound()
        return super().__call__()

    def get_schema(self):
        return self.info.schema

    def page_title(self):
        return self.info.title

    def appstruct(self):
        return plugin_settings(self.request, self.info.name)

    def save_success(self, appstruct):
        info = self.info
        row = self.request.dbsession.get(Setting, info.name) or Setting(key=info.name)
        row.value = info.schema().serialize(appstruct)
        self.request.dbsession.add(row)
        return self.done(_("Settings saved."), self.request.route_url("manage_settings", name=info.name))


# --- mail outbox and search index -----------------------------------------------------------------

@view_config(route_name="manage_outbox", renderer="portal:templates/manage/outbox.pt", permission="manage")
def outbox(request):
    status = request.GET.get("status", "failed")
    if status not in ("queued", "sent", "failed"):
        status = "failed"
    if request.method == "POST":
        ids = [n for n in map(as_id, request.POST.getall("retry")) if n is not None]
        rows = request.dbsession.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids),
                                                                     OutboxMessage.status == "failed")).all()
        for row in rows:
            row.status, row.attempts, row.next_attempt = "queued", 0, utcnow()
        request.flash(_("Messages queued again: ${count}.", mapping={"count": len(rows)}))
        return HTTPFound(request.route_url("manage_outbox", _query={"status": "queued"}))
    rows = request.dbsession.scalars(select(OutboxMessage).where(OutboxMessage.status == status)
                                     .order_by(OutboxMessage.id.desc()).limit(200)).all()
    counts = dict(request.dbsession.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return page(request, _("Mail outbox"), messages=rows, status=status, counts=counts, tasks=scheduled_tasks(request))


def scheduled_tasks(request):
    """The plugins' periodic tasks with their last run, for the outbox page (the worker runs both)."""
    from types import SimpleNamespace
    from ..models import TaskRun
    runs = {r.name: r for r in request.dbsession.scalars(select(TaskRun))}
    found = []
    for task in sorted(request.registry.portal.periodic_tasks.values(), key=lambda t: t.name):
        minutes = int(task.every.total_seconds() // 60)
        every = (translate(_("${n} min", mapping={"n": minutes}), request) if minutes < 60 else
                 translate(_("${n} h", mapping={"n": minutes // 60}), request))
        found.append(SimpleNamespace(task=task, run=runs.get(task.name), every=every))
    return found


@view_config(route_name="manage_search", renderer="portal:templates/manage/search.pt", permission="manage")
def search_index(request):
    backend = request.registry["search"]
    if request.method == "POST":
        count = rebuild_index(request.registry, request)
        request.flash(_("The search index was rebuilt: ${count} documents.", mapping={"count": count}))
        return HTTPFound(request.route_url("manage_search"))
    return page(request, _("Search index"), count=backend.count(),
                backend=request.registry.settings["search.backend"])


def includeme(config):
    config.add_request_method(plugin_settings, "plugin_settings")
