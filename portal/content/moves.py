"""Moving content between containers: one rule for every content type, every form and every other
place that changes an item's parent.

An item's container is its parent item or, at the top level, the site (or what the item says holds
its top level: a working group for the group's pages). Taking an item out of a container needs the
right to remove from it, and putting it into another the right to add there. Both are one right:
"edit" on a container item (what an antenna coordinator's local role gives on the antenna's section
and everything in it), and the type's add permission on the site for the top level. An item never
goes under itself.

A published item moved where the person moving it could not publish it goes back to review, rather
than the move being refused: they had the right to put it there, and "pending" is exactly the state
of work that waits for someone who may publish in that place. So a move never publishes anything
that nobody with that right has approved. A type may say which types of items can hold it
(add_content_type(addable_to=...)); other places are refused.

Forms check the rule while validating, so a refused move is a form error that keeps what was typed.
The same rule runs again before every flush of a request's session (a listener on the app's own
sessionmaker), so a code path that forgets to check fails closed: a 403 and nothing saved."""
from dataclasses import dataclass
from typing import Any

import colander
from pyramid.httpexceptions import HTTPForbidden
from sqlalchemy import event, inspect

from ..i18n import _, translate
from ..models import Content, WorkflowLog

REVIEW_STATE = "pending"
_UNSET: Any = object()


@dataclass(frozen=True)
class Place:
    """A container as the rule sees it: the context whose permission decides, and its title
    (None for the site's top level)."""

    context: Any
    permission: str
    title: str | None = None


class MoveRefused(HTTPForbidden):
    """A change of container that reached the flush without being checked, and that the rule refuses."""


def top_place(request: Any, item: Content | None = None, type_info: Any = None) -> Place:
    """What holds the items of the top level: an item may name it (`top_level()` returning
    (context, permission, title)), else the site, where adding needs the type's add permission."""
    if item is not None and hasattr(item, "top_level"):
        return Place(*item.top_level())
    info = type_info or (request.registry.portal.content_type_of(item) if item is not None else None)
    return Place(request.site, info.add_permission if info is not None else "manage")


def _place(container: Content | None, top: Any) -> Place:
    """The place of a container item, or the top level (top: a callable, asked only then)."""
    return top() if container is None else Place(container, "edit", container.title)


def _under(session: Any, item: Content, container: Content) -> bool:
    """Whether container is item itself or one of the items below it."""
    node, seen = container, set()
    while node is not None and id(node) not in seen:
        if node is item or (item.id is not None and node.id == item.id):
            return True
        seen.add(id(node))
        node = session.get(Content, node.parent_id) if node.parent_id is not None else None
    return False


def refusal(request: Any, item: Content | None, new_parent: Content | int | None, *, type_info: Any = None,
            old_parent_id: Any = _UNSET) -> str | None:
    """Why `item` may not go into `new_parent` (an item, its id, or None for the top level), as a
    translated sentence; None when the move is allowed. item None: an item being created, which
    only needs the right to add there."""
    session = request.dbsession
    creating = item is None or item.id is None
    old_id = None if creating else (item.parent_id if old_parent_id is _UNSET else old_parent_id)
    new = session.get(Content, new_parent) if isinstance(new_parent, int) else new_parent
    if isinstance(new_parent, int) and new is None:
        return translate(_("The place chosen for this item does not exist."), request)
    if not creating and new is None and old_id is None:
        return None  # it stays at the top level
    if not creating and new is not None and new.id is not None and new.id == old_id:
        return None  # it stays in its container
    if item is not None and new is not None and _under(session, item, new):
        return translate(_("An item cannot be placed under itself or under an item it contains."), request)
    info = type_info or (request.registry.portal.content_type_of(item) if item is not None else None)
    if new is not None and info is not None and info.addable_to is not None and new.type not in info.addable_to:
        return translate(_("“${place}” cannot hold this kind of item.", mapping={"place": new.title}), request)

    def top_level() -> Place:
        return top_place(request, item, type_info)
    if not creating:
        old = session.get(Content, old_id) if old_id is not None else None
        place = _place(old, top_level)
        if not request.has_permission(place.permission, place.context):
            if place.title is None:
                return translate(_("You may not take this item out of the top level of the portal."), request)
            return translate(_("You may not take this item out of “${place}”.", mapping={"place": place.title}),
                             request)
    place = _place(new, top_level)
    if not request.has_permission(place.permission, place.context):
        if place.title is None:
            return translate(_("You may not place this item at the top level of the portal: choose a place "
                               "where you work."), request)
        return translate(_("You may not place items in “${place}”.", mapping={"place": place.title}), request)
    return None


def schema_validator(field: str = "parent_id") -> colander.deferred:
    """The rule as a validator of a whole form (a field's own validator does not run when the
    field is left empty, and emptying it is a move to the top level). Bound with request, and
    obj (the item edited; None when adding) and type_info when there are."""

    @colander.deferred
    def bound(node: colander.SchemaNode, kw: dict) -> Any:
        request, item, info = kw["request"], kw.get("obj"), kw.get("type_info")

        def check(form: colander.SchemaNode, value: dict) -> None:
            if field not in value:
                return
            message = refusal(request, item, value[field], type_info=info)
            if message:
                error = colander.Invalid(form)
                error[field] = message
                raise error
        return check
    return bound


def with_move_rule(schema: colander.SchemaNode, field: str = "parent_id") -> colander.SchemaNode:
    """schema (unbound), checking the rule besides the validator it had."""
    if field not in schema:
        return schema
    own, rule = schema.validator, schema_validator(field)

    @colander.deferred
    def both(node: colander.SchemaNode, kw: dict) -> Any:
        checks = [v(node, kw) if isinstance(v, colander.deferred) else v for v in (own, rule) if v]
        return colander.All(*checks) if len(checks) > 1 else checks[0]
    schema.validator = both
    return schema


# --- at every flush ---------------------------------------------------------------------------------

def _parent_change(obj: Content) -> tuple[Any, Any] | None:
    """(old parent id, new parent: id or item) when obj's container changes in this flush."""
    state = inspect(obj)
    column = state.attrs.parent_id.history
    if column.has_changes():
        return (column.deleted[0] if column.deleted else None), (column.added[0] if column.added else None)
    relation = state.attrs.parent.history
    if relation.has_changes():
        return obj.parent_id, (relation.added[0] if relation.added else None)
    return None


def _back_to_review(request: Any, obj: Content, new: Content | None) -> None:
    workflow = request.registry.portal.workflow_for(obj)
    state = workflow.states.get(obj.state) if workflow is not None else None
    if state is None or not state.public:
        return
    obj.parent = new  # the item's permissions below are those of its new place
    if request.has_permission("review", obj):
        return
    target = REVIEW_STATE if REVIEW_STATE in workflow.states else workflow.initial
    place = new.title if new is not None else translate(_("the top level of the portal"), request)
    comment = translate(_("Moved to “${place}”, where the person who moved it cannot publish.",
                          mapping={"place": place}), request)
    request.dbsession.add(WorkflowLog(content_id=obj.id, transition="move", from_state=obj.state, to_state=target,
                                      actor_id=getattr(request.user, "id", None), comment=comment))
    obj.state = target
    request.flash(_("“${title}” moved to “${place}”, where you cannot publish: it now waits for review.",
                    mapping={"title": obj.title, "place": place}))


def enforce(session: Any, flush_context: Any, instances: Any) -> None:
    """The rule, for every item whose container changes in a request's session."""
    request = session.info.get("request")
    # a person's request only: the command line, demo data and tests arrange content as the operator
    if request is None or request.__dict__.get("dbsession") is not session \
            or getattr(request, "matched_route", None) is None:
        return
    for obj in [*session.new, *session.dirty]:
        if not isinstance(obj, Content):
            continue
        change = _parent_change(obj)
        if change is None:
            continue
        old_id, new = change
        creating = obj in session.new
        if creating and new is None:
            continue  # creating at the top level: the add view's own permission decided
        message = refusal(request, None if creating else obj, new, old_parent_id=old_id)
        if message:
            raise MoveRefused(message)
        if not creating:
            _back_to_review(request, obj, session.get(Content, new) if isinstance(new, int) else new)


def includeme(config: Any) -> None:
    factory = config.registry["dbsession_factory"]
    if not event.contains(factory, "before_flush", enforce):
        event.listen(factory, "before_flush", enforce)
