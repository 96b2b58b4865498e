"""Every write of a content item, for every type: create, update (concurrent edits merged when the
type allows it), move, restore a revision, delete. Each records the revision and queues the item for
the search index; views, demo data, imports and commands all go through here.

`who` is the request (its person is the author, its permissions decide moves) or, outside a request
(demo data, commands, tests), a session with `author=` given."""
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import update as sql_update

from ..i18n import _
from ..models import Content, Revision, utcnow
from ..sanitize import clean_html
from ..translatable import TranslatedText, set_translated
from ..search import reindex_later
from .merge import Conflict, merge_text, merge_value
from .moves import MoveRefused, _under, refusal
from .revisions import jsonable, latest_number, record_revision, restorable, revision, revisions, schema_fields

_UNSET: Any = object()
TEXT_FIELDS = ("body", "description")  # merged block by block and word by word; other fields are one value
HTML_FIELDS = ("body",)  # cleaned again once merged


@dataclass
class Saved:
    """What became of an update: "saved"; "merged" with the revisions in merged_with; "conflict"
    (result: what could be merged, conflicts: [(field, Conflict)], current: the revision to start
    from again); "busy" when others kept saving in the meantime. Nothing is written unless saved
    or merged."""

    status: str
    item: Any = None
    merged_with: list[Revision] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    conflicts: list[tuple[str, Conflict]] = field(default_factory=list)
    current: int = 0

    @property
    def written(self) -> bool:
        return self.status in ("saved", "merged")


def _session(who: Any) -> Any:
    return getattr(who, "dbsession", who)


def _request(who: Any) -> Any:
    return who if hasattr(who, "dbsession") else None


def _author(who: Any, author: Any) -> Any:
    return getattr(who, "user", None) if author is _UNSET else author


def _info(who: Any, item_or_kind: Any) -> Any:
    from ..registry import ContentType
    if isinstance(item_or_kind, ContentType):
        return item_or_kind
    request = _request(who)
    registry = getattr(request, "registry", None) or _session(who).info.get("registry")
    portal = getattr(registry, "portal", None)
    if portal is None:
        return None
    if isinstance(item_or_kind, type):
        return next((i for i in portal.content_types.values() if i.factory is item_or_kind), None)
    return portal.content_type_of(item_or_kind)


def _fields(info: Any, fields: Iterable[str] | None, values: dict) -> list[str]:
    if fields is not None:
        return list(fields)
    if info is not None:
        return schema_fields(info.schema)
    return list(values)


def apply_values(who: Any, obj: Content, values: dict, fields: Iterable[str]) -> None:
    """Set the fields found in values; translation_of (an item the person may view) joins its
    translation group."""
    for name in fields:
        if name in values:
            set_translated(obj, name, values[name])  # a translatable field: the original and its translations
    target = values.get("translation_of")
    request = _request(who)
    if target and request is not None:
        other = request.dbsession.get(Content, target)
        if other is not None and other.id != obj.id and request.has_permission("view", other):
            obj.translation_group = other.translation_group


def apply_appstruct(obj: Content, appstruct: dict, schema: Any, request: Any) -> None:
    """A validated form's values on obj (the fields of schema)."""
    apply_values(request, obj, appstruct, schema_fields(schema))


def _check_place(who: Any, item: Content | None, parent: Any, info: Any) -> None:
    """The rule of portal.content.moves: what a place may hold, always; who may put items there,
    for a person's request (the command line, demo data and tests arrange content as the operator)."""
    session = _session(who)
    new = session.get(Content, parent) if isinstance(parent, int) else parent
    if new is not None and item is not None and item.id is not None and _under(session, item, new):
        raise MoveRefused(_("An item cannot be placed under itself or under an item it contains."))
    if new is not None and info is not None and info.addable_to is not None and new.type not in info.addable_to:
        raise MoveRefused(_("“${place}” cannot hold this kind of item.", mapping={"place": new.title}))
    request = _request(who)
    if request is None or getattr(request, "matched_route", None) is None:
        return
    message = refusal(request, item, parent, type_info=info)
    if message:
        raise MoveRefused(message)


def create(who: Any, kind: Any, values: dict, parent: Any = _UNSET, author: Any = _UNSET, *,
           fields: Iterable[str] | None = None, comment: str = "", state: str | None = None, **attrs: Any) -> Any:
    """A new item of kind (a registered content type, or a model class) with values, in its
    workflow's first state unless state is given; parent: an item or its id (else values'
    parent_id, else the top level). attrs: columns that are not form fields (group=...)."""
    session, info = _session(who), _info(who, kind)
    factory = kind.factory if info is not None and info is kind else kind
    names = _fields(info, fields, values)
    author = _author(who, author)
    if state is None and info is not None:
        request = _request(who)
        registry = getattr(request, "registry", None) or session.info.get("registry")
        state = registry.portal.workflows[info.workflow].initial
    obj = factory(state=state, creator_id=getattr(author, "id", None), **attrs)
    if parent is not _UNSET:
        values = dict(values, parent_id=getattr(parent, "id", parent))
    if values.get("parent_id") is not None:
        _check_place(who, None, values["parent_id"], info)
    with session.no_autoflush:
        session.add(obj)  # in the session first: fields may look up related rows
        # in the schema's order: a field may be read with one before it (times in the event's zone)
        apply_values(who, obj, values, names + ["parent_id"] if "parent_id" not in names else names)
    session.flush()
    _store_media(who, obj, values)
    record_revision(session, names, obj, comment, author=author)
    reindex_later(session, obj)
    return obj


def _store_media(who: Any, obj: Content, values: dict) -> None:
    media = values.get("media")
    request = _request(who)
    if isinstance(media, dict) and request is not None:
        apply_media(request, obj, media)


def apply_media(request: Any, item: Content, media: dict) -> None:
    """The images and documents of the item as its form left them (portal.forms.Media): held files
    stored (portal.files.store_upload: stripped, resized), captions and alternative texts set, the
    order and the cover kept, those marked removed deleted. Files of the item the form did not show
    (added meanwhile by another) are left as they are."""
    from ..files import delete_file
    from ..forms import store_kept
    session = request.dbsession
    attached = {f"f{f.id}": f for f in item.files}
    chosen = {}
    for position, entry in enumerate(media.get("items", [])):
        ref = entry.get("ref", "")
        caption, alt = entry.get("caption", ""), entry.get("alt", "")
        if ref in attached:
            row = attached[ref]
            if entry.get("remove"):
                delete_file(request, row)
                continue
            row.title = caption or row.filename
        elif ref.startswith("k") and not entry.get("remove"):
            rows = store_kept(request, [ref[1:]], content=item, owner=request.user, title=caption)
            if not rows:
                continue  # expired, or held for someone else
            row = rows[0]
        else:
            continue
        row.alt, row.position = alt if row.is_image else "", position
        chosen[ref] = row
    cover = chosen.get(media.get("cover") or "")
    for row in chosen.values():
        row.cover = row is cover and row.is_image
    for ref, row in attached.items():
        if ref not in chosen and cover is not None and cover.is_image:
            row.cover = False  # one cover per item
    session.flush()
    session.expire(item, ["files"])


def _has_counter(item: Any) -> bool:
    return "revision" in type(item).__mapper__.columns


def current_number(session: Any, item: Any) -> int:
    """The number of item's latest revision (its own counter when the type keeps one)."""
    if _has_counter(item):
        session.refresh(item)  # and what others saved: a merge starts from it
        return item.revision or 0
    return latest_number(session, item)


def claim_revision(session: Any, item: Any, expected: int) -> bool:
    """Move the item's revision counter from expected to the next one in one UPDATE; False when
    another save got there first. Types without a counter rely on their transaction."""
    if not _has_counter(item):
        return True
    column = type(item).__mapper__.columns["revision"]
    table = column.table
    result = session.execute(sql_update(table).where(table.c.id == item.id, column == expected)
                             .values(revision=expected + 1))
    if result.rowcount != 1:
        return False
    session.expire(item, ["revision"])
    return True


def _merge(session: Any, item: Any, values: dict, base_number: int, names: list[str]) -> tuple[dict, list]:
    """mine (values) merged with what was saved since base_number: (result, conflicts)."""
    base_rev = revision(session, item, base_number)
    base = dict(base_rev.data) if base_rev is not None else {}
    result, conflicts = {}, []
    for name in names:
        if name not in values:
            continue
        mine, theirs = values[name], getattr(item, name, None)
        old = base.get(name)
        translated = mine if isinstance(mine, TranslatedText) else None
        if translated is not None:  # the original merges; the other languages are the editor's (revisions keep
            mine = translated.original  # only the original)
        if name in TEXT_FIELDS and isinstance(mine, str):
            merged = merge_text(old or "", mine, theirs or "")
            text = merged.text("mine")
            text = clean_html(text) if name in HTML_FIELDS else text
            result[name] = TranslatedText({**translated, translated.default: text}, translated.default) \
                if translated is not None else text
            conflicts += [(name, c) for c in merged.conflicts]
            continue
        value, conflict = merge_value(old, jsonable(mine), jsonable(theirs))
        kept = translated if translated is not None else mine
        result[name] = kept if value == jsonable(mine) else theirs
        if conflict is not None:
            conflicts.append((name, conflict))
    return result, conflicts


def update(who: Any, item: Any, values: dict, base_revision: int | None = None, author: Any = _UNSET, *,
           fields: Iterable[str] | None = None, comment: str = "", merge: bool | None = None) -> Saved:
    """Save values on item. base_revision: the revision the editor started from; when others saved
    since and the type merges (add_content_type(merge=True), or merge=True), their changes and these
    are merged when they do not overlap, and a conflict is returned (nothing written) when they do;
    a type that does not merge saves over them, as a form always did."""
    session, info = _session(who), _info(who, item)
    names = _fields(info, fields, values)
    mergeable = merge if merge is not None else bool(getattr(info, "merge", False))
    author = _author(who, author)
    for _attempt in range(5):
        current = current_number(session, item)
        merged_with: list[Revision] = []
        result = {name: values[name] for name in names if name in values}
        if mergeable and base_revision is not None and base_revision != current:
            result, conflicts = _merge(session, item, values, base_revision, names)
            if conflicts:
                return Saved("conflict", item=item, result=result, conflicts=conflicts, current=current)
            merged_with = revisions(session, item, after=base_revision)
            parent = result.get("parent_id")
            if parent is not None and _under(session, item, session.get(Content, parent)):
                result["parent_id"] = item.parent_id  # another's move made this place one under the item
        if not claim_revision(session, item, current):
            continue  # someone saved in the meantime: merge again with what they saved
        apply_values(who, item, dict(result, translation_of=values.get("translation_of")), names)
        item.modified = utcnow()
        session.flush()
        _store_media(who, item, values)
        record_revision(session, names, item, comment, author=author)
        reindex_later(session, item)
        return Saved("merged" if merged_with else "saved", item=item, merged_with=merged_with)
    return Saved("busy", item=item)


def move(who: Any, item: Any, new_parent: Any, author: Any = _UNSET, *, fields: Iterable[str] | None = None,
         comment: str = "") -> Any:
    """item into new_parent (an item, its id, or None for the top level), under the rule of
    portal.content.moves: refused with MoveRefused (a 403) when the person may not take it out of
    its place or put it there; a published item moved where they cannot publish goes to review."""
    session, info = _session(who), _info(who, item)
    parent_id = getattr(new_parent, "id", new_parent)
    _check_place(who, item, parent_id, info)
    item.parent_id = parent_id
    item.modified = utcnow()
    session.flush()
    names = _fields(info, fields, {"parent_id": parent_id})
    record_revision(session, names, item, comment, author=_author(who, author))
    reindex_later(session, item)
    return item


def restore(who: Any, item: Any, rev: Revision, values: dict | None = None, author: Any = _UNSET, *,
            fields: Iterable[str] | None = None, comment: str = "") -> Saved:
    """item as it was at rev (values: rev's values as the type's form accepts them again, when the
    caller checked them); "busy" when someone saved at the same moment."""
    session, info = _session(who), _info(who, item)
    data = restorable(rev.data) if values is None else values
    names = _fields(info, fields, data)
    # the revision the person restoring looked at: a save since then wins, and they look again
    expected = (item.revision or 0) if _has_counter(item) else latest_number(session, item)
    if not claim_revision(session, item, expected):
        return Saved("busy", item=item)
    apply_values(who, item, data, names)
    item.modified = utcnow()
    session.flush()
    record_revision(session, names, item, comment, author=_author(who, author))
    reindex_later(session, item)
    return Saved("saved", item=item)


def delete(who: Any, item: Any, keep_children: bool = False) -> None:
    """item, its files and its revisions; keep_children: the items under it move up to its parent
    rather than going with it."""
    session = _session(who)
    if keep_children:
        for child in session.query(Content).filter(Content.parent_id == item.id):
            child.parent_id = item.parent_id
    request = _request(who)
    if request is not None:
        from ..files import delete_file
        for row in list(item.files):
            delete_file(request, row)
    session.delete(item)
