"""Deform forms: the form of a schema, its validation, and the shared fields (rich text, country,
translation of, files chosen inside a form). The content types' base views are in portal.content.views.

Every form carries Pyramid's csrf_token; rich text is cleaned with nh3; an invalid form comes
back with translated errors and everything the user typed.
"""
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import colander
import deform
from markupsafe import Markup
from pyramid.csrf import get_csrf_token
from pyramid.i18n import get_localizer
from pyramid.threadlocal import get_current_request
from sqlalchemy import select

from .guard import as_id
from .i18n import LANGUAGES, _, translate
from .models import Content
from .richtext import RichTextWidget
from .sanitize import clean_html

TEMPLATES = Path(__file__).parent / "templates"


def _deform_translator(term):
    request = get_current_request()
    return get_localizer(request).translate(term) if request is not None else term


class NativeDateWidget(deform.widget.TextInputWidget):
    """The browser's own date field (<input type="date">): deform's DateInputWidget writes an inline
    script (a date picker polyfill) that the Content-Security-Policy refuses."""

    def __init__(self, **kw):
        kw.setdefault("attributes", {"type": "date"})
        super().__init__(**kw)


def configure_deform():
    renderer = deform.ZPTRendererFactory(
        [str(TEMPLATES / "deform"), str(Path(deform.__file__).parent / "templates")],
        translator=_deform_translator)
    deform.Form.set_default_renderer(renderer)
    # a date node without a widget of its own gets the native one, in every plugin's forms
    deform.schema.default_widget_makers[colander.Date] = NativeDateWidget


class RichText(colander.String):
    """A string of HTML, cleaned with nh3 when deserialized."""

    def deserialize(self, node, cstruct):
        value = super().deserialize(node, cstruct)
        return clean_html(value) if value not in (colander.null, None) else value


RICH_HINT = _("Paragraphs, headings, lists, links and bold or italic text are kept; anything else, such as "
              "scripts, is removed.")


def rich_text_node(title, missing="", description=None):
    return colander.SchemaNode(
        RichText(), title=title, missing=missing,
        description=description or RICH_HINT,
        widget=RichTextWidget())


@colander.deferred
def deferred_language_widget(node, kw):
    return deform.widget.SelectWidget(values=list(LANGUAGES.items()))


@colander.deferred
def deferred_language_default(node, kw):
    request = kw.get("request")
    return request.locale_name if request is not None else "en"


class ContentSchema(colander.Schema):
    """Fields every content item has; plugins subclass and add theirs."""

    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    description = colander.SchemaNode(colander.String(), title=_("Summary"), missing="",
                                      validator=colander.Length(0, 1000),
                                      widget=deform.widget.TextAreaWidget(rows=3))
    body = rich_text_node(_("Text"))
    language = colander.SchemaNode(colander.String(), title=_("Language"),
                                   validator=colander.OneOf(list(LANGUAGES)),
                                   widget=deferred_language_widget, default=deferred_language_default)


@colander.deferred
def deferred_country_widget(node, kw):
    from .countries import country_choices
    return deform.widget.SelectWidget(values=[("", "—")] + list(country_choices(kw["request"].locale_name)))


def country_node(**kw):
    """A country of the ISO table, chosen by its name in the reader's language."""
    from .countries import COUNTRY_CODES
    kw.setdefault("name", "country")
    kw.setdefault("title", _("Country"))
    return colander.SchemaNode(colander.String(), validator=colander.OneOf(COUNTRY_CODES),
                               widget=deferred_country_widget, **kw)


def translation_node():
    return colander.SchemaNode(colander.Integer(), name="translation_of", title=_("Translation of"),
                               missing=None, widget=deferred_translation_widget,
                               description=_("Link this item to the same text in another language."))


@colander.deferred
def deferred_translation_widget(node, kw):
    request, info = kw["request"], kw["type_info"]
    rows = request.dbsession.execute(
        select(Content.id, Content.title, Content.language).where(Content.type == info.name)
        .order_by(Content.title).limit(500)).all()
    current = kw.get("obj")
    values = [("", translate(_("(none)"), request))]
    visible = set(visible_ids(request, [r.id for r in rows]))
    values += [(str(r.id), f"{r.title} ({r.language})") for r in rows
               if r.id in visible and (current is None or r.id != current.id)]
    return deform.widget.SelectWidget(values=values)


def visible_ids(request, ids):
    """Those of the items the user may view (a select must not show the titles of others' drafts)."""
    if not ids:
        return []
    items = request.dbsession.scalars(select(Content).where(Content.id.in_(ids))).all()
    return [item.id for item in items if request.has_permission("view", item)]


def csrf_node(request):
    return colander.SchemaNode(colander.String(), name="csrf_token", widget=deform.widget.HiddenWidget(),
                               default=get_csrf_token(request), missing="")


def make_form(request, schema, buttons, action=None, **bind):
    schema = schema.clone() if isinstance(schema, colander.SchemaNode) else schema()
    schema.children.insert(0, csrf_node(request))
    schema = schema.bind(request=request, **bind)
    localizer = get_localizer(request)
    buttons = [deform.Button(name, localizer.translate(title)) for name, title in buttons]
    # no autofocus: it would carry screen-reader users past the page's heading and introduction
    form = deform.Form(schema, buttons=buttons, action=action or request.path_qs, css_class="form", focus="off")
    return form


def validate(form, request):
    """Returns (appstruct, None) or (None, html of the form with errors and what was typed)."""
    controls = [(k, v) for k, v in request.POST.items() if k != "csrf_token"]
    controls.insert(0, ("csrf_token", get_csrf_token(request)))
    try:
        appstruct = form.validate(controls)
    except deform.ValidationFailure as failure:
        request.response.status = 400
        return None, Markup(failure.render())
    appstruct.pop("csrf_token", None)  # checked already; not a field of what the form edits
    return appstruct, None


def render_form(form, appstruct=colander.null):
    """The form with these values; a value as typed that its field cannot show (a word sent for a
    number) is left out, so a form shown again after a refusal is still a page, not a 500."""
    try:
        return Markup(form.render(appstruct))
    except colander.Invalid as exc:
        if not isinstance(appstruct, dict):
            raise
        wrong = {name.split(".", 1)[0] for name in exc.asdict()}
        return Markup(form.render({k: v for k, v in appstruct.items() if k not in wrong}))


# --- files chosen inside a form ---------------------------------------------------------------

PENDING_DIR = "pending"  # under files.dir: files chosen in a form not saved yet
PENDING_HOURS = 24


class Uploads(colander.SchemaType):
    """The files of a form's file field: {"kept": [tokens of the files chosen, held until the form is
    saved], "remove": [ids of attached files to remove]}. The widget holds what is chosen (see
    UploadsWidget), so a form that comes back with errors loses neither what was typed nor the files."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return {"kept": [], "remove": []}
        return {"kept": list(appstruct.get("kept", [])), "remove": [str(i) for i in appstruct.get("remove", [])]}

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None):
            return {"kept": [], "remove": []}
        return {"kept": list(cstruct.get("kept", [])),
                "remove": [n for n in (as_id(str(i)) for i in cstruct.get("remove", [])) if n is not None]}


class UploadsWidget(deform.widget.Widget):
    """A file field (several files at once) inside a deform form, beside the files already attached
    (`files`: [{"id", "title", "url", "note"}], each with a box to remove it). A chosen file is checked
    (size, type) and held under files.dir/pending for the person who chose it, listed as "to be added",
    until the form is saved: store_kept() then stores it as any upload."""

    template = "uploads"
    accept = ""
    multiple = True  # False: one file (a logo); the one chosen last replaces those held before
    allowed = None  # the mimetypes accepted; None: every type portal.files accepts
    files = ()

    def serialize(self, field, cstruct, **kw):
        request = field.schema.bindings["request"]
        cstruct = cstruct if cstruct not in (colander.null, None) else {}
        removed = {str(i) for i in cstruct.get("remove", [])}
        kept = [found for found in (pending_file(request, t) for t in cstruct.get("kept", [])) if found]
        values = self.get_template_values(field, cstruct, kw)
        values.update(files=list(self.files), kept=kept, removed=removed, accept=self.accept, multiple=self.multiple)
        return field.renderer(self.template, **values)

    def deserialize(self, field, pstruct):
        from .files import UploadError
        request = field.schema.bindings["request"]
        if pstruct in (colander.null, None):
            pstruct = {}
        kept = [t for t in pstruct.get("kept", []) if isinstance(t, str) and pending_file(request, t)]
        errors = []
        for upload in pstruct.get("add", []):
            if not (hasattr(upload, "file") and getattr(upload, "filename", "")):
                continue  # the field left empty
            try:
                kept.append(hold_upload(request, upload, self.allowed))
            except UploadError as exc:
                errors.append(translate(_("${file}: ${reason}", mapping={
                    "file": os.path.basename(upload.filename.replace("\\", "/")), "reason": translate(exc.message, request)}),
                    request))
        if not self.multiple:
            kept = kept[-1:]
        cstruct = {"kept": kept, "remove": [r for r in pstruct.get("remove", []) if isinstance(r, str)]}
        if errors:
            raise colander.Invalid(field.schema, " ".join(errors), cstruct)
        return cstruct


def uploads_node(name, title, files=(), accept="", allowed=None, description=None, multiple=True):
    """A form's file field: see UploadsWidget. `files` are those already attached; `multiple=False`
    for a field that holds one file (a logo)."""
    widget = UploadsWidget(files=files, accept=accept, allowed=allowed, multiple=multiple)
    return colander.SchemaNode(Uploads(), name=name, title=title, missing={"kept": [], "remove": []},
                               description=description, widget=widget)


@dataclass
class PendingFile:
    token: str
    filename: str
    path: Path
    mimetype: str
    size: int


def _pending_dir(request) -> Path:
    return Path(request.registry.settings["files.dir"]) / PENDING_DIR


def hold_upload(request, upload, allowed=None) -> str:
    """Check a chosen file with the checks of every upload (portal.files.check_upload: size, type sniffed
    from its bytes, polyglots, archive bombs, images that decode) and keep it until its form is saved;
    returns its token. Raises portal.files.UploadError."""
    from .files import DOCUMENT_TYPES, IMAGE_TYPES, _read_capped, check_upload, max_size, write_file
    settings = request.registry.settings
    data = _read_capped(upload.file, max_size(settings))
    mimetype = check_upload(data, allowed or IMAGE_TYPES | DOCUMENT_TYPES, settings)
    folder = _pending_dir(request)
    _forget_old_pending(folder)
    token = secrets.token_urlsafe(24)
    filename = os.path.basename((upload.filename or "file").replace("\\", "/"))[:200] or "file"
    write_file(folder / token, data)
    write_file(folder / f"{token}.json", json.dumps({"filename": filename, "mimetype": mimetype,
                                                     "user": getattr(request.user, "id", None)}).encode())
    return token


def _forget_old_pending(folder: Path) -> None:
    if not folder.is_dir():
        return
    limit = time.time() - PENDING_HOURS * 3600
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def pending_file(request, token: str) -> "PendingFile | None":
    """A file held for this person, or None (unknown, expired, or chosen by someone else)."""
    if not token or not all(ch.isalnum() or ch in "-_" for ch in token):
        return None
    folder = _pending_dir(request)
    try:
        info = json.loads((folder / f"{token}.json").read_text())
        size = (folder / token).stat().st_size
    except (OSError, ValueError):
        return None
    if info.get("user") != getattr(request.user, "id", None):
        return None
    return PendingFile(token=token, filename=info["filename"], path=folder / token, mimetype=info["mimetype"],
                       size=size)


def store_kept(request, tokens, allowed=None, **store):
    """Store the files held for a saved form (portal.files.store_upload: same checks, same storage);
    returns the File rows. Their held copies go once the transaction commits."""
    from .files import DOCUMENT_TYPES, IMAGE_TYPES, store_upload
    rows = []
    for token in tokens:
        held = pending_file(request, token)
        if held is None:
            continue
        with held.path.open("rb") as fp:
            upload = type("HeldUpload", (), {"file": fp, "filename": held.filename})()
            # checked again as any upload; the form that held it is the route's declaration (uploads_node)
            rows.append(store_upload(request, upload, allowed=allowed or IMAGE_TYPES | DOCUMENT_TYPES,
                                     held=True, **store))
        _forget_on_commit(request, held.path)
    return rows


def _forget_on_commit(request, path: Path) -> None:
    def hook(success, *args):
        if success:
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".json").unlink(missing_ok=True)
    request.tm.get().addAfterCommitHook(hook)


SUMMARY_NAME = 60  # characters: longer field titles (the award's questions) are cut at a word in the summary


def summary_name(field) -> str:
    """The name of a field in the error summary at the top of a form: its `short_title` if the schema node has
    one, else its title without a trailing "(optional, ...)" remark, cut at a word with "…" when it is long
    (an award's question is a sentence: the summary only needs to say which field to fix)."""
    request = get_current_request()
    short = getattr(field.schema, "short_title", None)
    text = str(translate(short or field.title, request) if request is not None else (short or field.title))
    if short:
        return text
    text = text.strip()
    if text.endswith(")") and "(" in text:
        text = text[:text.rindex("(")].rstrip() or text
    if len(text) > SUMMARY_NAME:
        text = text[:SUMMARY_NAME + 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return text


def field_error(form, name, message):
    """Mark a field of a validated form as refused (a check only the server could make after the form
    validated, such as a document refused): render the form again and the error shows at the field and
    in the summary."""
    error = colander.Invalid(form.schema, "")
    error[name] = message
    form.widget.handle_error(form, error)


MAX_PAGE = 1000


def page_number(request, params=None):
    """?page=N of a listing (or of params); 400 unless a whole number from 1 to MAX_PAGE: beyond it
    the offset would overflow the database's integers long before a listing has that many pages."""
    raw = (request.GET if params is None else params).get("page", "1")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_PAGE)) and 1 <= int(raw) <= MAX_PAGE):
        from pyramid.httpexceptions import HTTPBadRequest
        raise HTTPBadRequest(translate(_("The page number must be a whole number from 1 to 1000."), request))
    return int(raw)


# --- images and documents of a content item, chosen inside its form ----------------------------

MEDIA_CAPTION = 300
MEDIA_ALT = 300


class Media(colander.SchemaType):
    """The images and documents of a content item, edited in its form (add and edit alike): a list of
    {"ref": "f<id>" (attached) or "k<token>" (held until the form is saved), "caption", "alt",
    "remove"} in the order they are to be shown, and "cover": the ref of the cover image. Not a
    column: portal.content.service stores it (apply_media) once the item is written."""

    stored_apart = True  # not a column, not in revisions (portal.content.revisions.schema_fields)

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null  # the widget shows the item's files as they are
        return {"items": [dict(item) for item in appstruct.get("items", [])], "cover": appstruct.get("cover") or ""}

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None):
            return {"items": [], "cover": ""}
        return cstruct


def _media_ref(value) -> str | None:
    value = value if isinstance(value, str) else ""
    if value[:1] == "f" and as_id(value[1:]) is not None:
        return value
    if value[:1] == "k" and 8 <= len(value) <= 80 and all(ch.isalnum() or ch in "-_" for ch in value[1:]):
        return value
    return None


def media_entries(request, obj, cstruct):
    """What the widget shows, in order: dicts with ref, caption, alt, remove, cover, and the file's
    name, type and preview address; refs no longer there (a file of another item, a held file
    expired or of someone else) are left out."""
    attached = {f"f{f.id}": f for f in (obj.files if obj is not None else ())}
    entries, seen = [], set()
    items = list(cstruct.get("items", [])) if cstruct else []
    if not cstruct:  # the form as the item is: its files, in their order
        items = [{"ref": ref, "caption": f.title if f.title != f.filename else "", "alt": f.alt}
                 for ref, f in attached.items()]
        cover = next((ref for ref, f in attached.items() if f.cover), "")
    else:
        cover = cstruct.get("cover") or ""
    for item in items:
        ref = _media_ref(item.get("ref"))
        if ref is None or ref in seen:
            continue
        seen.add(ref)
        entry = {"ref": ref, "caption": str(item.get("caption") or "")[:MEDIA_CAPTION],
                 "alt": str(item.get("alt") or "")[:MEDIA_ALT], "remove": bool(item.get("remove")),
                 "cover": ref == cover, "error": item.get("error")}
        if ref in attached:
            f = attached[ref]
            entry.update(filename=f.filename, is_image=f.is_image, mimetype=f.mimetype,
                         preview=request.route_path("file", id=f.id, filename=f.filename), held=False)
        else:
            held = pending_file(request, ref[1:])
            if held is None:
                continue
            entry.update(filename=held.filename, is_image=held.mimetype.startswith("image/"), mimetype=held.mimetype,
                         preview=request.route_path("file_held", token=held.token), held=True)
        entries.append(entry)
    if not any(e["cover"] for e in entries):
        first = next((e for e in entries if e["is_image"] and not e["remove"]), None)
        if first is not None:
            first["cover"] = True
    return entries


class MediaWidget(deform.widget.Widget):
    """Images and documents inside a form: each with a preview, a caption, an alternative text
    (required for an image), a box to remove it and, for images, the choice of the cover; their
    order is the order shown (buttons move one up or down). A file chosen in the field (or dropped on
    it) is checked and held for the person until the form is saved (hold_upload), so a form sent
    back with errors keeps it and everything typed. static/js/media.js holds a file as soon as it is
    chosen or dropped (POST /files/hold) and shows it at once; without JavaScript the form is sent
    with the file, which comes back held, asking for its alternative text."""

    template = "media"
    accept = ",".join(("image/png", "image/jpeg", "image/gif", "image/webp", ".pdf", ".docx", ".xlsx", ".pptx",
                       ".odt", ".ods", ".odp", ".csv"))
    allowed = None

    def serialize(self, field, cstruct, **kw):
        request = field.schema.bindings["request"]
        obj = field.schema.bindings.get("obj")
        cstruct = cstruct if cstruct not in (colander.null, None) else {}
        values = self.get_template_values(field, cstruct, kw)
        values.update(entries=media_entries(request, obj, cstruct), accept=self.accept,
                      hold_url=request.route_path("file_hold"), item_errors=getattr(field, "item_errors", {}))
        return field.renderer(self.template, **values)

    def deserialize(self, field, pstruct):
        from .files import UploadError
        request = field.schema.bindings["request"]
        if pstruct in (colander.null, None) or not isinstance(pstruct, dict):
            pstruct = {}
        items, cover, places = [], "", []
        for item in pstruct.get("items", []) if isinstance(pstruct.get("items"), list) else []:
            if not isinstance(item, dict) or _media_ref(item.get("ref")) is None:
                continue
            if item.get("cover") == item["ref"]:  # the one radio of the group checked sits in its row
                cover = item["ref"]
            position = as_id(str(item.get("position") or "").strip())
            place = position if position is not None else len(items) + 1
            # a row given another place goes there, before the one that had it
            places.append((place, place == len(items) + 1, len(items)))
            items.append({"ref": item["ref"], "caption": str(item.get("caption") or "").strip()[:MEDIA_CAPTION],
                          "alt": str(item.get("alt") or "").strip()[:MEDIA_ALT], "remove": bool(item.get("remove"))})
        # in the order of the positions typed (without JavaScript), else as sent
        items = [item for _place, item in sorted(zip(places, items), key=lambda pair: pair[0])]
        errors = []
        for upload in pstruct.get("add", []) if isinstance(pstruct.get("add"), list) else []:
            if not (hasattr(upload, "file") and getattr(upload, "filename", "")):
                continue  # the field left empty
            try:
                items.append({"ref": "k" + hold_upload(request, upload, self.allowed), "caption": "", "alt": "",
                              "remove": False})
            except UploadError as exc:
                errors.append(translate(_("${file}: ${reason}", mapping={
                    "file": os.path.basename(upload.filename.replace("\\", "/")),
                    "reason": translate(exc.message, request)}), request))
        cstruct = {"items": items, "cover": cover}
        if errors:
            raise colander.Invalid(field.schema, " ".join(errors), cstruct)
        return cstruct


def _check_media(node, value):
    """Every image kept needs its alternative text; the refusal names the image."""
    request = node.bindings["request"]
    obj = node.bindings.get("obj")
    entries = {e["ref"]: e for e in media_entries(request, obj, value)}
    missing = [entries[i["ref"]]["filename"] for i in value.get("items", [])
               if i["ref"] in entries and entries[i["ref"]]["is_image"] and not i.get("remove") and not i.get("alt")]
    if missing:
        raise colander.Invalid(node, translate(_(
            "Describe each image for those who cannot see it (alternative text): ${files}.",
            mapping={"files": ", ".join(missing)}), request))


def media_node(name="media", title=_("Images and documents"), description=None, allowed=None):
    """The images and documents of a content item in its form: see MediaWidget. The content service
    stores them with the item (portal.content.service.apply_media)."""
    widget = MediaWidget(allowed=allowed)
    return colander.SchemaNode(
        Media(), name=name, title=title, missing={"items": [], "cover": ""}, widget=widget, validator=_check_media,
        description=description or _("Drop files here or choose them: images (PNG, JPEG, GIF, WebP) with a caption "
                                     "and an alternative text, PDF, office documents, CSV. The first image, or "
                                     "the one marked as cover, is shown on the item's cards."))


class RowsWidget(deform.widget.SequenceWidget):
    """Rows of a sequence edited without JavaScript (the pages' CSP runs no inline script): the rows there
    are, then `blank` empty ones to add some; a row left empty is dropped by the schema's reader."""
    template = "portal:templates/deform/rows.pt"
    item_template = "portal:templates/deform/row.pt"
    blank = 3

    def serialize(self, field, cstruct, **kw):
        if not getattr(field, "sequence_fields", None):  # shown, not sent back: add the empty rows
            rows = [] if cstruct in (colander.null, None) else list(cstruct)
            cstruct = rows + [colander.null] * self.blank
        return super().serialize(field, cstruct, **kw)

    def deserialize(self, field, pstruct):
        if pstruct is colander.null:
            return colander.null
        return super().deserialize(field, [row for row in pstruct if _typed(row)])


def _typed(value) -> bool:
    """Whether a row of the form holds something typed (an upload field's hidden uid does not count)."""
    if isinstance(value, dict):
        return any(_typed(v) for k, v in value.items() if k not in ("uid", "id") and not k.endswith("_id"))
    if isinstance(value, (list, tuple)):
        return any(_typed(v) for v in value)
    if hasattr(value, "filename"):
        return bool(value.filename)
    return isinstance(value, str) and bool(value.strip())



def base_revision_node(**kw):
    """The hidden field of an edit form naming the revision the writer started from (the three-way merge
    of concurrent edits compares with it); a number an integer column cannot hold is a form error."""
    from .guard import MAX_ID
    return colander.SchemaNode(colander.Integer(), missing=0, widget=deform.widget.HiddenWidget(),
                               validator=colander.Range(0, MAX_ID), **kw)
