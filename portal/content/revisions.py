"""Revisions of content items and the differences between them, for every type.

A revision keeps the editable fields of an item (the fields of its schema, or the names a type
gives) as JSON-able values. The differences shown in a history and the three-way merge of
concurrent edits use one engine: portal.content.merge (difflib's SequenceMatcher over blocks and
words)."""
import datetime
import difflib
from typing import Any

import colander
from sqlalchemy import func, select

from ..models import Revision, utcnow

_UNSET: Any = object()


def schema_fields(schema: Any) -> list[str]:
    """The names a revision keeps: a schema's fields (instance or class), or the names themselves."""
    if isinstance(schema, type):
        schema = schema()
    if isinstance(schema, colander.SchemaNode):
        return [child.name for child in schema.children
                if child.name not in ("csrf_token", "translation_of", "base_revision")
                and not getattr(child.typ, "stored_apart", False)]
    return list(schema)


def jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(schema: Any, obj: Any) -> dict:
    """The editable fields of obj as JSON-able values: what a revision keeps."""
    return {name: jsonable(getattr(obj, name, None)) for name in schema_fields(schema)}


def latest_number(session: Any, obj: Any) -> int:
    return session.scalar(select(func.max(Revision.number)).where(Revision.content_id == obj.id)) or 0


def record_revision(who: Any, schema: Any, obj: Any, comment: str = "", author: Any = _UNSET) -> Revision:
    """A new revision of obj. who: a request (its person is the author) or a session (give author)."""
    session = getattr(who, "dbsession", who)
    if author is _UNSET:
        author = getattr(who, "user", None)
    rev = Revision(content_id=obj.id, number=latest_number(session, obj) + 1, author_id=getattr(author, "id", None),
                   data=snapshot(schema, obj), comment=(comment or "")[:300], created=utcnow())
    session.add(rev)
    return rev


def revision(session: Any, obj: Any, number: Any) -> Revision | None:
    """Revision `number` of obj (None for a number that is not one of them)."""
    if not isinstance(number, int):
        return None
    return session.scalar(select(Revision).where(Revision.content_id == obj.id, Revision.number == number))


def revisions(session: Any, obj: Any, after: int | None = None) -> list[Revision]:
    """obj's revisions, latest first; after: only those saved after that number, oldest first."""
    stmt = select(Revision).where(Revision.content_id == obj.id)
    if after is not None:
        return list(session.scalars(stmt.where(Revision.number > after).order_by(Revision.number)))
    return list(session.scalars(stmt.order_by(Revision.number.desc())))


def restorable(data: dict) -> dict:
    """A revision's values as the form's fields take them again (dates were kept as text)."""
    out = {}
    for k, v in data.items():
        if isinstance(v, str) and len(v) == 10 and v[4:5] == "-" and v[7:8] == "-":
            try:
                v = datetime.date.fromisoformat(v)
            except ValueError:
                pass
        out[k] = v
    return out


def revision_diff(old: dict, new: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per changed field, its lines (blocks of HTML) as (field, [(kind, text)]), kind: same, removed
    or added; the blocks are those the merge cuts."""
    changes = []
    for name in dict.fromkeys(list(old) + list(new)):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        changes.append((name, line_diff(_lines(a), _lines(b))))
    return changes


def line_diff(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [("same", line) for line in a[i1:i2]]
            continue
        rows += [("removed", line) for line in a[i1:i2]]
        rows += [("added", line) for line in b[j1:j2]]
    return rows


def _lines(value: Any) -> list[str]:
    from .merge import split_blocks
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    lines = [block.strip() for block in split_blocks(str(value).replace("<br>", "<br>\n"))]
    return [line for line in lines if line] or [""]


def conflict_values(request: Any, item: Any, saved: Any, base_number: int, titles: dict,
                    show: dict | None = None) -> dict:
    """What a form shows of a save that overlapped others' (content_service.update's "conflict"), for the
    `conflicts` macro of content_macros: per field in conflict, their version and mine marked against the
    revision the editor started from; who saved since and which revisions. titles: {field: its title};
    show: {field: function(value) -> text} for a field that is not text (a place shown by its title)."""
    from ..i18n import translate
    from .merge import inline_diff
    show = show or {}
    rows = []
    for name, c in saved.conflicts:
        text = show.get(name, lambda value: value or "")
        base, mine, theirs = text(c.base), text(c.mine), text(c.theirs)
        title = titles.get(name, name)
        rows.append({"field": translate(title, request),
                     "theirs": inline_diff(base, theirs), "mine": inline_diff(base, mine)})
    since = revisions(request.dbsession, item, after=base_number)
    return {"conflicts": rows,
            "conflict_authors": ", ".join(sorted({r.author.name if r.author else "—" for r in since})),
            "conflict_numbers": ", ".join(str(r.number) for r in since)}
