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


def configure_deform():
    renderer = deform.ZPTRendererFactory(
        [str(TEMPLATES / "deform"), str(Path(deform.__file__).parent / "templates")],
        translator=_deform_translator)
    deform.Form.set_default_renderer(renderer)


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
