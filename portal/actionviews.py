"""The pages of an action tree a plugin mounts on its own routes, with its own permission: the add / edit
form of an action and the "delete it with its actions?" page, plus the values of the plan's macros
(portal:templates/action_macros.pt, `action_macros` in every template).

A plugin says which tree a page works on (`get_tree`) and where the plan is shown (`plan_url`); the
action edited is the route's `action` (its id), the parent of a new one the `parent` parameter:

    from portal.api import ActionDeleteView, ActionFormView, tree_for

    class WorkPlanPages:
        def get_tree(self):
            return tree_for(self.request.dbsession, "workplan", int(self.request.matchdict["year"]),
                            title=_("Work plan"))

        def plan_url(self):
            return self.request.route_url("governance.workplan", year=self.request.matchdict["year"])

    @view_config(route_name="governance.workplan.add", permission="edit_work_plan")   # /work-plan/{year}/add
    @view_config(route_name="governance.workplan.edit", permission="edit_work_plan")  # .../{action}/edit
    class WorkPlanActionForm(WorkPlanPages, ActionFormView):
        pass

    @view_config(route_name="governance.workplan.delete", permission="edit_work_plan")
    class WorkPlanActionDelete(WorkPlanPages, ActionDeleteView):
        pass

and on the plan's page, `plan_values(request, tree, edit_route="governance.workplan.edit", **route_kw)`
gives the template what `action_macros.macros['plan']` shows (the tree with its progress bars) and
`action_macros.macros['history']` (an action's updates).
"""
from typing import Any

import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import select

from .actions import STATUS_TITLES, ActionRefused, Plan, action_links, add_action, delete_action, history, \
    load_plan, update_action
from .formview import ConfirmView, FormView
from .guard import as_id
from .i18n import _, translate
from .models import Member, User
from .models.actions import ACTION_STATUSES, Action, ActionTree
from .nodes import email_node
from .translatable import field_values, translatable_node, translated

DATE_WIDGET = deform.widget.TextInputWidget(attributes={"type": "date"})
# the service's names of fields -> the form's
FORM_FIELDS = {"resource": "resource_id", "owner_user_id": "owner_email", "owner_member_id": "owner_member"}


def action_schema(request: Any, leaf: bool = True) -> colander.SchemaNode:
    """The fields of an action; `leaf`: it has no actions of its own, so its progress is typed here."""
    members = request.dbsession.execute(select(Member.id, Member.name).order_by(Member.name)).all()
    kinds = sorted(request.registry.portal.resources)
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(translatable_node(_("Title"), name="title", max_length=300))
    schema.add(translatable_node(_("Description"), name="description", required=False, textarea=4))
    schema.add(email_node("owner_email", title=_("Owner: a person's e-mail"), missing=""))
    schema.add(colander.SchemaNode(colander.String(), name="owner_member", title=_("Owner: a member organisation"),
                                   missing="", validator=colander.OneOf(["", *(str(m.id) for m in members)]),
                                   widget=deform.widget.SelectWidget(values=[("", "—")] + [(str(m.id), m.name)
                                                                                            for m in members])))
    schema.add(colander.SchemaNode(colander.Date(), name="starts", title=_("Starts"), missing=None, widget=DATE_WIDGET))
    schema.add(colander.SchemaNode(colander.Date(), name="ends", title=_("Ends"), missing=None, widget=DATE_WIDGET))
    schema.add(colander.SchemaNode(colander.String(), name="status", title=_("Status"), missing="planned",
                                   validator=colander.OneOf(ACTION_STATUSES),
                                   widget=deform.widget.SelectWidget(values=[(s, translate(STATUS_TITLES[s], request))
                                                                             for s in ACTION_STATUSES])))
    if leaf:
        schema.add(colander.SchemaNode(colander.Integer(), name="progress", title=_("Progress (%)"), missing=None,
                                       validator=colander.Range(0, 100),
                                       description=_("From 0 to 100; left empty, a done action is at 100.")))
    schema.add(colander.SchemaNode(colander.Integer(), name="weight", title=_("Weight"), missing=1,
                                   validator=colander.Range(0, 1000),
                                   description=_("Its share in the progress of the action above it.")))
    schema.add(colander.SchemaNode(colander.String(), name="resource_kind", title=_("Carried out by: kind"),
                                   missing="", validator=colander.OneOf(["", *kinds]),
                                   widget=deform.widget.SelectWidget(values=[("", "—")] + [(k, k) for k in kinds])))
    schema.add(colander.SchemaNode(colander.Integer(), name="resource_id", title=_("Carried out by: number"),
                                   missing=None, validator=colander.Range(1, 2**31 - 1)))
    schema.add(colander.SchemaNode(colander.String(), name="note", title=_("Note for the history"), missing="",
                                   validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=2)))
    return schema


class ActionPages:
    """What both pages ask of the plugin: the tree, the plan's address, the action the route names."""

    request: Any

    def get_tree(self) -> ActionTree:
        raise NotImplementedError("a plugin's action page says which tree it works on")

    def plan_url(self) -> str:
        raise NotImplementedError("a plugin's action page says where the plan is shown")

    def action_in_tree(self, ident: Any) -> Action | None:
        """The action of this tree with that id (None when ident is None), else a 404."""
        if ident in (None, ""):
            return None
        action = self.request.dbsession.get(Action, as_id(ident) or 0)
        if action is None or action.tree_id != self.get_tree().id:
            raise HTTPNotFound()
        return action

    def get_action(self) -> Action | None:
        return self.action_in_tree(self.request.matchdict.get("action"))


class ActionFormView(ActionPages, FormView):
    """Add an action (under the `parent` parameter, else at the top) or edit the route's `action`."""

    def __init__(self, context: Any, request: Any = None):
        super().__init__(context, request)
        self.action_row = self.get_action()
        self.parent = self.action_in_tree(self.request.params.get("parent")) if self.action_row is None else None

    @property
    def leaf(self) -> bool:
        row = self.action_row
        return row is None or self.request.dbsession.scalar(
            select(Action.id).where(Action.parent_id == row.id).limit(1)) is None

    def get_schema(self) -> Any:
        return action_schema(self.request, leaf=self.leaf)

    def page_title(self) -> Any:
        return _("Edit the action") if self.action_row is not None else _("Add an action")

    def appstruct(self) -> Any:
        row = self.action_row
        if row is None:
            return {"status": "planned", "weight": 1}
        return {"title": field_values(row, "title", self.request),
                "description": field_values(row, "description", self.request),
                "owner_email": row.owner_user.email if row.owner_user else "",
                "owner_member": str(row.owner_member_id or ""), "starts": row.starts, "ends": row.ends,
                "status": row.status, "progress": row.progress, "weight": row.weight,
                "resource_kind": row.resource_kind, "resource_id": row.resource_id}

    def save_success(self, appstruct: dict) -> Any:
        dbsession = self.request.dbsession
        values = dict(appstruct)
        email, member, note = values.pop("owner_email"), values.pop("owner_member"), values.pop("note")
        kind, number = values.pop("resource_kind"), values.pop("resource_id")
        owner = dbsession.scalars(select(User).where(User.email == email)).first() if email else None
        if email and owner is None:
            return self.refuse(appstruct, _("Nobody has an account with this e-mail."), field="owner_email")
        if kind and (number is None or dbsession.get(self.request.registry.portal.resources[kind], number) is None):
            return self.refuse(appstruct, _("There is no ${kind} with this number.", mapping={"kind": kind}),
                               field="resource_id")
        row = self.action_row
        if row is not None and values["status"] != row.status and values.get("progress") == row.progress:
            values["progress"] = None  # the progress left as it was: the new status's own (done: 100)
        values.update(owner_user_id=owner.id if owner else None, owner_member_id=int(member) if member else None,
                      resource=(kind, number) if kind else None)
        try:
            if self.action_row is None:
                add_action(dbsession, self.get_tree(), values.pop("title"), parent=self.parent,
                           by=self.request.user, note=note, **values)
            else:
                update_action(dbsession, self.action_row, by=self.request.user, note=note, **values)
        except ActionRefused as refused:
            return self.refuse(appstruct, refused.message, field=FORM_FIELDS.get(refused.field or "", refused.field))
        return self.done(_("Saved."), self.plan_url())


class ActionDeleteView(ActionPages, ConfirmView):
    """Delete the route's `action` and every action under it, after saying how many go."""

    button = _("Delete")
    danger = True
    title = _("Delete the action")

    def values(self) -> dict[str, Any]:
        action = self.get_action()
        if action is None:
            raise HTTPNotFound()
        under = len(load_plan(self.request.dbsession, self.get_tree()).descendants(action))
        return {"intro": _("Delete “${title}” and its history?", mapping={"title": translated(self.request, action, "title")}),
                "details": _("The ${count} actions under it are deleted with it.", mapping={"count": under})
                if under else None}

    def ask(self) -> Any:
        values = self.values()
        return self.render(self.page(intro=values["intro"], details=values["details"], button=self.button,
                                     danger=self.danger, button_name=self.name, cancel_url=self.cancel_url()))

    def cancel_url(self) -> str | None:
        return self.plan_url()

    def confirm_success(self) -> Any:
        action = self.get_action()
        if action is None:
            raise HTTPNotFound()
        delete_action(self.request.dbsession, action)
        return self.done(_("Deleted."), self.plan_url())


def plan_values(request: Any, tree: ActionTree, edit_route: str | None = None, add_route: str | None = None,
                delete_route: str | None = None, history_of: Any = None, **route_kw: Any) -> dict[str, Any]:
    """What the plan macro shows: the plan, its links, the status titles and, for each route given (give
    them only to those who may edit), an edit, add-under and delete link per action (the routes take
    `action` and route_kw; the add route takes `parent` as a parameter); history_of: an action id whose
    updates the history macro shows."""
    plan: Plan = load_plan(request.dbsession, tree)

    def url(route: str | None, action: Action) -> str | None:
        if route is None:
            return None
        if route == add_route:
            return request.route_path(route, _query={"parent": action.id}, **route_kw)
        return request.route_path(route, action=action.id, **route_kw)

    shown = plan.actions.get(as_id(history_of) or 0) if history_of is not None else None
    return {"plan": plan, "action_links": action_links(request, plan.actions.values()),
            "status_titles": STATUS_TITLES,
            "action_urls": lambda action: {"edit": url(edit_route, action), "add": url(add_route, action),
                                           "delete": url(delete_route, action)},
            "history_action": shown, "updates": history(request.dbsession, shown) if shown is not None else []}
