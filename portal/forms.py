"""Deform base views shared by every content type: add, view, edit, delete, workflow, history, files.

Every form carries Pyramid's csrf_token; rich text is cleaned with nh3; an invalid form comes
back with translated errors and everything the user typed.
"""
import difflib
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
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.i18n import get_localizer
from pyramid.threadlocal import get_current_request
from sqlalchemy import func, select

from .guard import as_id
from .i18n import LANGUAGES, _, translate
from .models import Content, Revision, WorkflowLog, utcnow
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


def rich_text_node(title, missing="", description=None):
    return colander.SchemaNode(
        RichText(), title=title, missing=missing,
        description=description or _("Paragraphs, headings, lists, links and bold or italic text are "
                                     "kept; anything else, such as scripts, is removed."),
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


# --- generic content views -------------------------------------------------------------------------

def schema_fields(schema):
    return [child.name for child in schema.children if child.name not in ("csrf_token", "translation_of")]


def snapshot(schema, obj):
    """The editable fields of obj as JSON-able values: what a revision keeps."""
    data = {}
    for name in schema_fields(schema):
        value = getattr(obj, name, None)
        data[name] = _jsonable(value)
    return data


def _jsonable(value):
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record_revision(request, schema, obj, comment=""):
    number = (request.dbsession.scalar(select(func.max(Revision.number)).where(Revision.content_id == obj.id)) or 0) + 1
    rev = Revision(content_id=obj.id, number=number, author_id=getattr(request.user, "id", None),
                   data=snapshot(schema, obj), comment=comment[:300])
    request.dbsession.add(rev)
    return rev


def apply_appstruct(obj, appstruct, schema, request):
    for name in schema_fields(schema):
        if name in appstruct:
            setattr(obj, name, appstruct[name])
    target = appstruct.get("translation_of")
    if target:
        other = request.dbsession.get(Content, target)
        if other is not None and other.id != obj.id and request.has_permission("view", other):
            obj.translation_group = other.translation_group


def content_factory(info):
    def factory(request):
        from .guard import as_id
        item_id = as_id(request.matchdict["id"])
        obj = request.dbsession.get(info.factory, item_id) if item_id is not None else None
        if obj is None:
            raise HTTPNotFound()
        return obj
    return factory


class ContentViews:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.info = request.registry.portal.content_types[request.matched_route.name.split(".")[0]]
        self.workflow = request.registry.portal.workflows[self.info.workflow]

    @property
    def schema(self):
        from .content.moves import with_move_rule
        schema = self.info.schema()
        schema.add(translation_node())
        return with_move_rule(schema)

    def form(self, obj=None):
        return make_form(self.request, self.schema, [("save", _("Save"))], type_info=self.info, obj=obj)

    def url(self, obj, view="view", **kw):
        return self.request.route_url(f"{self.info.name}.{view}", id=obj.id, **kw)

    def common(self, **values):
        values.setdefault("type_info", self.info)
        crumbs = []
        if self.info.listing_route:
            crumbs.append((translate(self.info.plural, self.request), self.request.route_path(self.info.listing_route)))
        obj = values.get("obj")
        if obj is not None:
            parents, node = [], obj.parent
            while node is not None and len(parents) < 10:
                parents.insert(0, (node.title, self.request.route_path(f"{node.type}.view", id=node.id)))
                node = node.parent
            crumbs += parents
            view = self.request.matched_route.name.split(".")[1]
            if view == "view":
                crumbs.append((obj.title, None))
            else:
                crumbs += [(obj.title, self.url(obj)), (translate(VIEW_TITLES.get(view, view), self.request), None)]
            values.setdefault("page_title", obj.title)
        else:
            values.setdefault("page_title", translate(self.info.plural, self.request))
            if self.request.matched_route.name.endswith(".add"):
                crumbs.append((translate(_("Add"), self.request), None))
                values["page_title"] = translate(self.info.title, self.request)
        values.setdefault("breadcrumbs", crumbs)
        return values

    def add(self):
        form = self.form()
        if "save" in self.request.POST:
            appstruct, error = validate(form, self.request)
            if error:
                return self.common(form=error, title=self.info.title)
            obj = self.info.factory(state=self.workflow.initial, creator_id=self.request.user.id)
            with self.request.dbsession.no_autoflush:
                self.request.dbsession.add(obj)  # in the session first: fields may look up related rows
                apply_appstruct(obj, appstruct, self.schema, self.request)
            self.request.dbsession.flush()
            record_revision(self.request, self.schema, obj, translate(_("Created"), self.request))
            self.request.flash(_("Saved as a draft. Submit it for review or publish it when it is ready."))
            return HTTPFound(self.url(obj))
        return self.common(form=render_form(form, self.initial()), title=self.info.title)

    def initial(self):
        """Values given in the address (?parent_id=3) prefill the add form."""
        found = {}
        for node in self.schema.children:
            if node.name in self.request.GET:
                try:
                    found[node.name] = node.deserialize(self.request.GET[node.name])
                except colander.Invalid:
                    pass
        return found

    def edit(self):
        obj = self.context
        form = self.form(obj)
        if "save" in self.request.POST:
            appstruct, error = validate(form, self.request)
            if error:
                return self.common(form=error, obj=obj)
            apply_appstruct(obj, appstruct, self.schema, self.request)
            obj.modified = utcnow()
            self.request.dbsession.flush()
            record_revision(self.request, self.schema, obj, self.request.POST.get("comment", ""))
            self.request.flash(_("Changes saved."))
            return HTTPFound(self.url(obj))
        appstruct = {name: getattr(obj, name) for name in schema_fields(self.schema)}
        appstruct = {k: v for k, v in appstruct.items() if v is not None}
        return self.common(form=render_form(form, appstruct), obj=obj)

    def view(self):
        obj = self.context
        request = self.request
        translations = request.dbsession.scalars(
            select(Content).where(Content.translation_group == obj.translation_group, Content.id != obj.id)).all()
        translations = [t for t in translations if request.has_permission("view", t)]
        extra = self.info.view_values(request, obj) if self.info.view_values else {}
        anonymous = request.user is None  # visitors can change nothing: spare the permission checks
        return self.common(**extra, obj=obj, transitions=[] if anonymous else self.workflow.available(obj, request),
                           state=self.workflow.states.get(obj.state), translations=translations,
                           can_edit=not anonymous and bool(request.has_permission("edit", obj)),
                           can_delete=not anonymous and bool(request.has_permission("delete", obj)),
                           can_review=not anonymous and bool(request.has_permission("review", obj)))

    def delete(self):
        obj = self.context
        if "delete" in self.request.POST:
            from .files import delete_file
            for row in list(obj.files):
                delete_file(self.request, row)
            self.request.dbsession.delete(obj)
            self.request.flash(_("“${title}” was deleted.", mapping={"title": obj.title}))
            return HTTPFound(self.request.route_url("home"))
        return self.common(obj=obj)

    def transition(self):
        obj = self.context
        name = self.request.POST.get("transition", "")
        comment = self.request.POST.get("comment", "").strip()[:2000]
        tr = self.workflow.transition(obj, self.request, name, comment)
        self.request.flash(_("State changed: ${state}.", mapping={
            "state": translate(self.workflow.states[tr.target].title, self.request)}))
        return HTTPFound(self.url(obj))

    def history(self):
        obj = self.context
        revisions = self.request.dbsession.scalars(
            select(Revision).where(Revision.content_id == obj.id).order_by(Revision.number.desc())).all()
        log = self.request.dbsession.scalars(
            select(WorkflowLog).where(WorkflowLog.content_id == obj.id).order_by(WorkflowLog.at.desc())).all()
        diff = None
        a, b = self.request.GET.get("a"), self.request.GET.get("b")
        if a and b:
            by_number = {str(r.number): r for r in revisions}
            if a not in by_number or b not in by_number:
                raise HTTPNotFound()
            diff = revision_diff(by_number[a].data, by_number[b].data)
        return self.common(obj=obj, revisions=revisions, log=log, diff=diff, a=a, b=b,
                           states=self.workflow.states)

    def restore(self):
        obj = self.context
        number = self.request.POST.get("revision", "")
        rev = self.request.dbsession.scalar(select(Revision).where(
            Revision.content_id == obj.id, Revision.number == (as_id(number) or -1)))
        if rev is None:
            raise HTTPNotFound()
        schema = self.schema.bind(request=self.request, type_info=self.info, obj=obj)
        fields = set(schema_fields(schema))
        cstruct = schema.serialize({k: v for k, v in _restorable(rev.data).items() if k in fields})
        try:
            appstruct = schema.deserialize(cstruct)
        except colander.Invalid as error:
            moved = error.asdict().get("parent_id") if "parent_id" in fields else None
            self.request.flash(moved or _("Revision ${number} cannot be restored as it is: it lacks what the form "
                                          "now requires. Copy what you need from the comparison instead.",
                                          mapping={"number": rev.number}), "error")
            return HTTPFound(self.url(obj, "history"))
        apply_appstruct(obj, appstruct, schema, self.request)
        obj.modified = utcnow()
        self.request.dbsession.flush()
        record_revision(self.request, schema, obj, translate(
            _("Restored revision ${number}", mapping={"number": rev.number}), self.request))
        self.request.flash(_("Revision ${number} restored.", mapping={"number": rev.number}))
        return HTTPFound(self.url(obj))

    def listing(self):
        can_see_all = self.request.has_permission("view_private", self.request.site)
        stmt = select(self.info.factory)
        if not can_see_all:
            stmt = stmt.where(self.info.factory.state.in_(self.workflow.listed_states))
        stmt = stmt.order_by(func.coalesce(self.info.factory.published, self.info.factory.created).desc())
        from .pagination import paginate
        pager = paginate(self.request, stmt, size=20)
        return self.common(items=pager.items, pager=pager,
                           can_add=bool(self.request.has_permission(self.info.add_permission, self.request.site)),
                           states=self.workflow.states)


def _restorable(data):
    import datetime
    out = {}
    for k, v in data.items():
        if isinstance(v, str) and len(v) == 10 and v[4:5] == "-" and v[7:8] == "-":
            try:
                v = datetime.date.fromisoformat(v)
            except ValueError:
                pass
        out[k] = v
    return out


MAX_PAGE = 1000


def page_number(request, params=None):
    """?page=N of a listing (or of params); 400 unless a whole number from 1 to MAX_PAGE: beyond it
    the offset would overflow the database's integers long before a listing has that many pages."""
    raw = (request.GET if params is None else params).get("page", "1")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_PAGE)) and 1 <= int(raw) <= MAX_PAGE):
        from pyramid.httpexceptions import HTTPBadRequest
        raise HTTPBadRequest(translate(_("The page number must be a whole number from 1 to 1000."), request))
    return int(raw)


def revision_diff(old, new):
    """Per changed field, the lines removed and added, as (field, [(kind, text)])."""
    changes = []
    for name in dict.fromkeys(list(old) + list(new)):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        a_lines = _lines(a)
        b_lines = _lines(b)
        rows = []
        for line in difflib.ndiff(a_lines, b_lines):
            tag, text = line[:1], line[2:]
            if tag == "?":
                continue
            rows.append({"-": "removed", "+": "added", " ": "same"}[tag] if tag in "-+ " else "same")
            rows[-1] = (rows[-1], text)
        changes.append((name, rows))
    return changes


def _lines(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value).replace("</p>", "</p>\n").replace("<br>", "<br>\n")
    return text.splitlines() or [""]


VIEW_TITLES = {"edit": _("Edit"), "delete": _("Delete"), "history": _("History")}

CONTENT_VIEWS = [
    # (view name, url suffix, method, permission, attr, template, factory?)
    ("add", "/add", ("GET", "POST"), None, "add", "portal:templates/content_form.pt", False),
    ("view", "/{id}", ("GET",), "view", "view", None, True),
    ("edit", "/{id}/edit", ("GET", "POST"), "edit", "edit", "portal:templates/content_form.pt", True),
    ("delete", "/{id}/delete", ("GET", "POST"), "delete", "delete", "portal:templates/content_delete.pt", True),
    ("transition", "/{id}/transition", ("POST",), "view", "transition", None, True),
    ("history", "/{id}/history", ("GET",), "history", "history", "portal:templates/content_history.pt", True),
    ("restore", "/{id}/restore", ("POST",), "edit", "restore", None, True),
]


def add_content_views(config, info):
    """Routes and views of one content type, registered by add_content_type."""
    for view, suffix, methods, permission, attr, template, with_factory in CONTENT_VIEWS:
        route = f"{info.name}.{view}"
        config.add_route(route, info.path + suffix, factory=content_factory(info) if with_factory else None)
        renderer = template or (info.view_template if view == "view" else None)
        config.add_view(ContentViews, attr=attr, route_name=route, request_method=methods,
                        permission=permission or info.add_permission, renderer=renderer)
    if info.listing:
        config.add_route(f"{info.name}.listing", info.path)
        config.add_view(ContentViews, attr="listing", route_name=f"{info.name}.listing",
                        permission="view", renderer="portal:templates/content_listing.pt")
