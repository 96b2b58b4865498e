"""Action trees, the one implementation of a plan of nested actions (a network's yearly work plan, a
workshop's action plan), in the manner of Decidim's accountability: each action has an owner (a person
and/or a member organisation), dates, a status, a weight and, when it is a leaf, a progress; a parent's
progress is the weighted mean of its children's, never set by hand; every change of progress or status
leaves a line of history; an action links to what carries it out, a registered resource.

    tree = tree_for(dbsession, "workplan", 2027, title="Work plan 2027")
    line = add_action(dbsession, tree, "Visibility", by=user)
    task = add_action(dbsession, tree, "Press kit", parent=line, weight=2, resource=("event", 12))
    update_action(dbsession, task, by=user, progress=40, note="Draft sent")
    plan = load_plan(dbsession, tree)           # one query; plan.progress[line.id] == 40.0
    links = action_links(request, plan.actions.values())

Deleting an action deletes its children with it (the confirmation page says how many); a plugin that
wants to keep them moves them first. The views and the macros are in portal.actionviews.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from .clock import clock
from .i18n import _, translate
from .models.actions import ACTION_STATUSES, Action, ActionTree, ActionUpdate
from .translatable import TranslatedText, set_translated, translated

STATUS_TITLES = {"planned": _("Planned"), "in_progress": _("In progress"), "done": _("Done"),
                 "cancelled": _("Cancelled")}
# a status's progress when a change gives the status alone (Decidim's statuses carry a progress)
STATUS_PROGRESS = {"done": 100}
# what update_action may change; progress only on a leaf
FIELDS = ("title", "description", "owner_user_id", "owner_member_id", "starts", "ends", "status", "progress",
          "weight", "resource")


class ActionRefused(ValueError):
    """A change the tree cannot take: its message (a translation string) and the form field it belongs to."""

    def __init__(self, message: Any, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


class Measured(Protocol):
    id: int
    parent_id: int | None
    progress: int
    weight: int
    status: str


# --- the roll-up ------------------------------------------------------------------------------------

def roll_up(actions: Iterable[Measured]) -> dict[int | None, float | None]:
    """Each action's progress, and the whole tree's under the key None: a leaf's is its own; a parent's
    is the weighted mean of its children's (sum of progress x weight / sum of weights), cancelled children
    and children with nothing to measure left out; None when nothing is left (every child cancelled, or
    weighing 0). A pure function of the rows: a plan is loaded at once and measured in memory."""
    children: dict[int | None, list[Measured]] = defaultdict(list)
    count = 0
    for action in actions:
        children[action.parent_id].append(action)
        count += 1
    order: list[Measured] = []
    seen: set[int] = set()
    stack = list(children.get(None, ()))
    while stack:  # depth first from the roots; the children are measured before their parent below
        action = stack.pop()
        if action.id in seen:
            raise ValueError(f"action {action.id} is reached twice: not a tree")
        seen.add(action.id)
        order.append(action)
        stack.extend(children.get(action.id, ()))
    if len(seen) != count:
        raise ValueError("some actions are not reached from the roots: a cycle or a missing parent")
    result: dict[int | None, float | None] = {}

    def mean(group: list[Measured]) -> float | None:
        counted = [(result[c.id], c.weight) for c in group if c.status != "cancelled" and result[c.id] is not None]
        total = sum(weight for _progress, weight in counted)
        return sum(p * w for p, w in counted if p is not None) / total if total else None

    for action in reversed(order):
        kids = children.get(action.id)
        result[action.id] = mean(kids) if kids else float(action.progress)
    result[None] = mean(children.get(None, []))
    return result


# --- a loaded plan ----------------------------------------------------------------------------------

@dataclass
class Plan:
    """A tree's actions loaded at once (with their owners), their children in order and their progress."""

    tree: ActionTree
    actions: dict[int, Action]
    children: dict[int | None, list[Action]] = field(default_factory=dict)
    progress: dict[int | None, float | None] = field(default_factory=dict)

    @property
    def roots(self) -> list[Action]:
        return self.children.get(None, [])

    @property
    def total(self) -> float | None:
        return self.progress.get(None)

    def kids(self, action: Action) -> list[Action]:
        return self.children.get(action.id, [])

    def is_leaf(self, action: Action) -> bool:
        return not self.children.get(action.id)

    def descendants(self, action: Action) -> list[Action]:
        found, stack = [], list(self.kids(action))
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(self.kids(child))
        return found

    def percent(self, action: Action | None = None) -> int | None:
        """The progress rounded for a reader (None: nothing to measure)."""
        value = self.progress.get(action.id if action is not None else None)
        return None if value is None else int(round(value))


def load_plan(dbsession: Session, tree: ActionTree) -> Plan:
    """Every action of the tree in one query, ordered, with the roll-up computed (a tree not written
    yet has none)."""
    if tree.id is None:
        return Plan(tree, {}, {}, {None: None})
    rows = dbsession.scalars(select(Action).where(Action.tree_id == tree.id)
                             .options(joinedload(Action.owner_user), joinedload(Action.owner_member))
                             .order_by(Action.position, Action.id)).unique().all()
    children: dict[int | None, list[Action]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    return Plan(tree, {row.id: row for row in rows}, dict(children), roll_up(rows))


def tree_for(dbsession: Session, kind: str, owner_id: int, title: Any = None) -> ActionTree:
    """The tree of that owner; one not made yet comes new and unsaved (with `title`, a text or a
    TranslatedText), shown as an empty plan and written with its first action: a page that only shows
    a plan writes nothing."""
    tree = dbsession.scalars(select(ActionTree).where(ActionTree.owner_kind == kind,
                                                      ActionTree.owner_id == owner_id)).first()
    if tree is None:
        tree = ActionTree(owner_kind=kind, owner_id=owner_id, title="", created=clock.now())
        set_translated(tree, "title", title or "")
    return tree


# --- the service ------------------------------------------------------------------------------------

def _user_id(by: Any) -> int | None:
    return getattr(by, "id", by)


def _has_children(dbsession: Session, action: Action) -> bool:
    if action.id is None:
        return False
    return dbsession.scalar(select(Action.id).where(Action.parent_id == action.id).limit(1)) is not None


def _check(action: Action, values: dict) -> None:
    if "title" in values:
        title = values["title"]
        if not ((title.original if isinstance(title, TranslatedText) else title) or "").strip():
            raise ActionRefused(_("Give the action a title."), "title")
    if "status" in values and values["status"] not in ACTION_STATUSES:
        raise ActionRefused(_("Choose a status from the list."), "status")
    progress = values.get("progress")
    if progress is not None and (not isinstance(progress, int) or not 0 <= progress <= 100):
        raise ActionRefused(_("Progress is a whole number from 0 to 100."), "progress")
    weight = values.get("weight")
    if weight is not None and (not isinstance(weight, int) or weight < 0):
        raise ActionRefused(_("Weight is a whole number, 0 or more."), "weight")
    starts = values.get("starts", action.starts)
    ends = values.get("ends", action.ends)
    if starts and ends and ends < starts:
        raise ActionRefused(_("The action cannot end before it starts."), "ends")
    resource = values.get("resource")
    if resource and (len(resource) != 2 or not resource[0] or resource[1] is None):
        raise ActionRefused(_("Name both the kind and the number of what carries the action out."), "resource")


def _apply(action: Action, values: dict) -> None:
    for name, value in values.items():
        if name == "resource":
            action.resource_kind, action.resource_id = tuple(value) if value else ("", None)
        elif name in ("title", "description"):
            set_translated(action, name, value if isinstance(value, TranslatedText) else (value or ""))
        elif name in ("progress", "weight") and value is None:
            continue
        else:
            setattr(action, name, value)


def _record(dbsession: Session, action: Action, by: Any, before: tuple, note: str) -> ActionUpdate:
    update = ActionUpdate(action_id=action.id, created=clock.now(), user_id=_user_id(by),
                          progress_before=before[0], progress_after=action.progress,
                          status_before=before[1], status_after=action.status, note=note or "")
    dbsession.add(update)
    return update


def add_action(dbsession: Session, tree: ActionTree, title: Any, parent: Action | None = None, by: Any = None,
               note: str = "", **values: Any) -> Action:
    """A new action at the end of parent's children (or of the roots), its creation the first line of its
    history. values: any of FIELDS but title; resource=("event", 12)."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"add_action() got unknown fields {sorted(unknown)}")
    if tree.id is None:  # the owner's first action: its tree is written now (tree_for)
        dbsession.add(tree)
        dbsession.flush()
    if parent is not None and parent.tree_id != tree.id:
        raise ActionRefused(_("The parent action belongs to another plan."), "parent")
    action = Action(tree_id=tree.id, parent_id=parent.id if parent is not None else None, title="",
                    description="", status="planned", progress=0, weight=1, resource_kind="",
                    created=clock.now(), updated=clock.now())
    values.setdefault("status", "planned")
    if values.get("progress") is None and values["status"] in STATUS_PROGRESS:
        values["progress"] = STATUS_PROGRESS[values["status"]]
    values["title"] = title
    _check(action, values)
    _apply(action, values)
    siblings = select(Action.position).where(Action.tree_id == tree.id, Action.parent_id == action.parent_id)
    action.position = max(dbsession.scalars(siblings).all(), default=-1) + 1
    dbsession.add(action)
    dbsession.flush()
    _record(dbsession, action, by, (None, None), note)
    return action


def update_action(dbsession: Session, action: Action, by: Any = None, note: str = "",
                  **values: Any) -> ActionUpdate | None:
    """Change an action; a change of progress or status (or a note) is kept in its history, before and
    after. A parent's progress comes from its children: giving one is refused (ActionRefused)."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"update_action() got unknown fields {sorted(unknown)}")
    is_parent = _has_children(dbsession, action)
    if is_parent and values.get("progress") is not None and values["progress"] != action.progress:
        raise ActionRefused(_("A parent action's progress is computed from its actions: change theirs."),
                            "progress")
    if is_parent:
        values.pop("progress", None)
    elif values.get("progress") is None and values.get("status") in STATUS_PROGRESS \
            and values["status"] != action.status:
        values["progress"] = STATUS_PROGRESS[values["status"]]
    _check(action, values)
    before = (action.progress, action.status)
    _apply(action, values)
    action.updated = clock.now()
    if (action.progress, action.status) == before and not note:
        return None
    return _record(dbsession, action, by, before, note)


def _siblings(dbsession: Session, action: Action, parent_id: int | None) -> list[Action]:
    """The actions under parent_id but this one, in order."""
    return [a for a in dbsession.scalars(select(Action).where(Action.tree_id == action.tree_id,
                                                              Action.parent_id == parent_id)
                                         .order_by(Action.position, Action.id)) if a.id != action.id]


def move_action(dbsession: Session, action: Action, parent: Action | None, position: int | None = None) -> None:
    """Put the action (and its children) under parent (None: a root) at position among its new siblings
    (None: last). Under itself or one of its descendants is refused: a tree has no cycle."""
    if parent is not None:
        if parent.tree_id != action.tree_id:
            raise ActionRefused(_("The parent action belongs to another plan."), "parent")
        plan = load_plan(dbsession, action.tree)
        if parent.id == action.id or parent.id in {a.id for a in plan.descendants(action)}:
            raise ActionRefused(_("An action cannot go under itself or one of its own actions."), "parent")
    parent_id = parent.id if parent is not None else None
    old_siblings = _siblings(dbsession, action, action.parent_id)
    siblings = _siblings(dbsession, action, parent_id)
    position = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(position, action)
    action.parent_id = parent_id
    for group in (old_siblings, siblings):
        for number, sibling in enumerate(group):
            sibling.position = number
    action.updated = clock.now()
    dbsession.flush()


def delete_action(dbsession: Session, action: Action) -> int:
    """Delete the action with all its descendants and their history; returns how many actions went."""
    plan = load_plan(dbsession, action.tree)
    gone = [*reversed(plan.descendants(action)), action]  # each after everything under it
    ids = [a.id for a in gone]
    for update in dbsession.scalars(select(ActionUpdate).where(ActionUpdate.action_id.in_(ids))):
        dbsession.delete(update)
    dbsession.flush()
    for row in gone:  # no row is left pointing at a deleted parent
        dbsession.delete(row)
        dbsession.flush()
    return len(gone)


def history(dbsession: Session, action: Action) -> list[ActionUpdate]:
    """The action's updates, newest first, with who made them."""
    return list(dbsession.scalars(select(ActionUpdate).where(ActionUpdate.action_id == action.id)
                                  .options(joinedload(ActionUpdate.user))
                                  .order_by(ActionUpdate.created.desc(), ActionUpdate.id.desc())))


# --- what carries an action out ---------------------------------------------------------------------

@dataclass
class ResourceLink:
    """What an action links to, as a reader sees it: its title and page (url None: no page, or hidden)."""

    kind: str
    id: int
    title: str
    url: str | None = None
    found: bool = True


def _shown(request: Any, kind: str, obj: Any) -> ResourceLink:
    portal = request.registry.portal
    if hasattr(obj, "__acl__") and not request.has_permission("view", obj):
        return ResourceLink(kind, obj.id, translate(_("Not public"), request), None, True)
    title_of, url_of = portal.resource_links.get(kind, (None, None))
    follow = portal.followables.get(kind)
    if title_of is not None:
        title = title_of(request, obj)
    elif follow is not None:
        title = follow.title(request, obj)
    elif hasattr(obj, "title"):
        title = translated(request, obj, "title")
    else:
        title = getattr(obj, "name", "") or f"{kind} {obj.id}"
    if url_of is not None:
        url = url_of(request, obj)
    elif follow is not None:
        url = follow.url(request, obj)
    else:
        url = _content_url(request, obj)
    return ResourceLink(kind, obj.id, str(title), url)


def _content_url(request: Any, obj: Any) -> str | None:
    from .models import Content
    if isinstance(obj, Content):
        return request.route_url(f"{obj.type}.view", id=obj.id)
    return None


def action_links(request: Any, actions: Iterable[Action], dbsession: Session | None = None) -> dict[int, ResourceLink]:
    """The link of each action that has one (by action id), one query per kind of resource (in dbsession,
    default the request's). A resource whose plugin is off, or whose row is gone, reads "No longer
    available" and links nowhere; one the reader may not view reads "Not public"."""
    wanted: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for action in actions:
        if action.resource_kind and action.resource_id is not None:
            wanted[action.resource_kind][action.resource_id].append(action.id)
    links: dict[int, ResourceLink] = {}
    dbsession = dbsession if dbsession is not None else request.dbsession
    gone = translate(_("No longer available"), request)
    for kind, by_id in wanted.items():
        model = request.registry.portal.resources.get(kind)
        rows = {row.id: row for row in dbsession.scalars(select(model).where(model.id.in_(list(by_id))))} \
            if model is not None else {}
        for resource_id, action_ids in by_id.items():
            row = rows.get(resource_id)
            link = _shown(request, kind, row) if row is not None else ResourceLink(kind, resource_id, gone, None, False)
            for action_id in action_ids:
                links[action_id] = link
    return links
