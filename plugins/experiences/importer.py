"""Import experiences from JSON (an array of objects) or CSV (the same columns, lists joined with "|").

Each row is checked on its own: a bad row is reported with its line and reason and imports nothing
of itself; the good rows go in. Re-importing an external_id updates that experience."""
import uuid
from collections.abc import Iterable
from typing import Any

import colander
from sqlalchemy import select

from portal.api import COUNTRY_CODES
from portal.api import snapshot
from portal.api import LANGUAGES
from portal.api import ImportReport, Request, Row, RowError, file_rows
from portal.api import Revision, utcnow
from portal.api import clean_html

from .models import MECHANISMS, SCALES, SDGS, Experience, Theme
from .schemas import ExperienceSchema

LIST_FIELDS = ("themes", "sdgs")


def _list(value):
    if value in (None, "", colander.null):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    raise colander.Invalid(None, "not a list")


class RowSchema(colander.Schema):
    external_id = colander.SchemaNode(colander.String(), validator=colander.Length(1, 100))
    title = colander.SchemaNode(colander.String(), validator=colander.Length(1, 300))
    summary = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(0, 1000))
    description = colander.SchemaNode(colander.String(), missing="")
    language = colander.SchemaNode(colander.String(), validator=colander.OneOf(list(LANGUAGES)))
    city = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(0, 120))
    country = colander.SchemaNode(colander.String(), preparer=lambda v: v.upper() if isinstance(v, str) else v,
                                  validator=colander.OneOf(COUNTRY_CODES))
    start_year = colander.SchemaNode(colander.Integer(), missing=None, validator=colander.Range(1900, 2100))
    end_year = colander.SchemaNode(colander.Integer(), missing=None, validator=colander.Range(1900, 2100))
    url = colander.SchemaNode(colander.String(), missing="", validator=colander.url)
    state = colander.SchemaNode(colander.String(), missing="draft", validator=colander.OneOf(["published", "draft"]))
    mechanism = colander.SchemaNode(colander.String(), missing="other", validator=colander.OneOf(MECHANISMS))
    scale = colander.SchemaNode(colander.String(), missing="city", validator=colander.OneOf(SCALES))
    participants = colander.SchemaNode(colander.Integer(), missing=None, validator=colander.Range(0, 100_000_000))
    budget = colander.SchemaNode(colander.Integer(), missing=None, validator=colander.Range(0, 10**12))
    currency = colander.SchemaNode(colander.String(), missing="", validator=colander.Regex(r"^[A-Z]{3}$"))
    results = colander.SchemaNode(colander.String(), missing="")
    lessons = colander.SchemaNode(colander.String(), missing="")
    contact = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(0, 300))
    # the external_id of the experience this row translates (earlier in the file, or imported before)
    translation_of = colander.SchemaNode(colander.String(), missing="", validator=colander.Length(0, 100))


# what the upload page names besides external_id (themes and sdgs are lists joined with | in CSV)
OPTIONAL_COLUMNS = tuple(node.name for node in RowSchema().children if node.name != "external_id") + LIST_FIELDS


def read_file(path):
    """The rows of a .json or .csv file, each a Row or a RowError (portal.imports)."""
    return file_rows(path, required=("external_id",))


def _reasons(invalid):
    return "; ".join(f"{name}: {message}" for name, message in sorted(invalid.asdict().items()))


def check_row(row, theme_slugs):
    """The row's values, or ValueError with the reason."""
    if not isinstance(row, dict):
        raise ValueError("not an object")
    try:
        values = RowSchema().deserialize({k: ("" if v is None else v) if not isinstance(v, (int, float)) else str(v)
                                          for k, v in row.items() if k not in LIST_FIELDS})
    except colander.Invalid as exc:
        raise ValueError(_reasons(exc)) from None
    try:
        themes, sdgs = _list(row.get("themes")), _list(row.get("sdgs"))
    except colander.Invalid:
        raise ValueError("themes and sdgs are lists (or values joined with |)") from None
    unknown = [t for t in themes if t not in theme_slugs]
    if unknown:
        raise ValueError(f"themes: unknown theme {', '.join(unknown)} (known: {', '.join(sorted(theme_slugs))})")
    if not all(s.isdigit() and int(s) in SDGS for s in sdgs):
        raise ValueError("sdgs: numbers from 1 to 17")
    if values["end_year"] and values["start_year"] and values["end_year"] < values["start_year"]:
        raise ValueError("end_year: before start_year")
    values["themes"], values["sdgs"] = themes, sorted({int(s) for s in sdgs})
    return values


def import_rows(request: Request, rows: Iterable[Any], creator: Any = None, progress: Any = None, batch_size: int = 500,
                commit: Any = None) -> ImportReport:
    """Import rows (Row or RowError of portal.imports, or (line, values) pairs); commit() is called
    every batch_size rows when given."""
    db = request.dbsession
    themes = {t.slug: t for t in db.scalars(select(Theme))}
    existing = dict(db.execute(select(Experience.external_id, Experience.id)
                               .where(Experience.external_id.is_not(None))).all())
    schema = ExperienceSchema()
    report = ImportReport()
    seen: set[str] = set()
    batch: list[tuple[Any, bool]] = []

    def finish(done):
        """Flush a batch, keep a revision of each row, commit when asked to."""
        if not done:
            return
        db.flush()
        for obj, new in done:
            number = 1 if new else (db.scalar(select(Revision.number).where(Revision.content_id == obj.id)
                                              .order_by(Revision.number.desc()).limit(1)) or 0) + 1
            db.add(Revision(content_id=obj.id, number=number, author_id=getattr(creator, "id", None),
                            data=snapshot(schema, obj), comment="Imported"))
            existing[obj.external_id] = obj.id
        if commit is not None:
            commit()
            # the commit closed the session: use themes attached to it again
            themes.update({t.slug: t for t in db.scalars(select(Theme))})
    for item in (progress(rows) if progress else rows):
        if isinstance(item, RowError):
            report.errors.append((item.line, item.reason))
            continue
        line, row = (item.line, item.values) if isinstance(item, Row) else item
        try:
            values = check_row(row, themes)
            if values["external_id"] in seen:
                raise ValueError(f"external_id: {values['external_id']} appears twice in this file")
        except ValueError as exc:
            report.errors.append((line, str(exc)))
            continue
        original = None
        if values["translation_of"]:
            key = values["translation_of"]
            original = next((o for o, _new in batch if o.external_id == key), None) or (
                db.get(Experience, existing[key]) if key in existing else None)
            if original is None or key == values["external_id"]:
                report.errors.append((line, f"translation_of: no experience {key} earlier in this file or imported "
                                            "before"))
                continue
        seen.add(values["external_id"])
        found_id = existing.get(values["external_id"])
        obj = db.get(Experience, found_id) if found_id else None
        new = obj is None
        if obj is None:
            # no local roles yet: said here, so indexing it asks the database no question about them
            obj = Experience(external_id=values["external_id"], creator_id=getattr(creator, "id", None),
                             local_roles=[])
            db.add(obj)
        obj.title, obj.description = values["title"], values["summary"]
        obj.body = clean_html(values["description"])
        obj.language, obj.city, obj.country = values["language"], values["city"], values["country"]
        obj.start_year, obj.end_year = values["start_year"], values["end_year"]
        obj.mechanism, obj.scale = values["mechanism"], values["scale"]
        obj.participants, obj.budget, obj.currency = values["participants"], values["budget"], values["currency"]
        obj.results, obj.lessons = clean_html(values["results"]), clean_html(values["lessons"])
        obj.contact, obj.links, obj.sdgs = values["contact"], values["url"], values["sdgs"]
        obj.themes = [themes[slug] for slug in values["themes"]]
        if original is not None:  # one piece in two languages: listings and search show it once
            original.translation_group = original.translation_group or uuid.uuid4().hex
            obj.translation_group = original.translation_group
        if not new and "state" not in row:
            values["state"] = obj.state  # a file without the column leaves published experiences published
        if values["state"] != obj.state:
            obj.state = values["state"]
            if obj.state == "published" and obj.published is None:
                obj.published = utcnow()
        obj.modified = utcnow()
        batch.append((obj, new))
        if new:
            report.created += 1
        else:
            report.updated += 1
        if len(batch) >= batch_size:
            finish(batch)
            batch = []
    finish(batch)
    return report

