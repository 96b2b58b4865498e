"""Translatable fields: a text the secretariat writes once per language (a call's title, a section's
name), edited in one form with a tab per language and read in the reader's language.

Storage: the field's own column keeps the text in the portal's default language (the original: what
lists sort by, what older code and exports read, what a reader sees when their language is missing),
and one JSON column, `translations`, keeps the others: {"title": {"es": "...", "fr": "..."}}. A row of
a JSON list (an award call's categories) keeps its own "translations" key the same way. So declaring a
field translatable adds no table and no join, and an item nobody translated reads exactly as before.

    class CallSchema(colander.Schema):
        title = translatable_node(_("Title"), max_length=300)
        rules = translatable_node(_("Rules"), rich=True, required=False)

    set_translated(call, "title", appstruct["title"])      # the column and the translations
    translated(request, call, "title")                      # the reader's text, or the original
"""
from typing import Any

import colander
import deform
from markupsafe import Markup, escape
from pyramid.threadlocal import get_current_request
from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from .i18n import LANGUAGES, _, translate

TRANSLATIONS = "translations"  # the JSON column (or key of a JSON row) holding the other languages


def default_language(request: Any = None) -> str:
    """The portal's language (`portal.default_locale`): its text is the one a translatable field requires."""
    request = request if request is not None else get_current_request()
    settings = getattr(getattr(request, "registry", None), "settings", None) or {}
    language = settings.get("portal.default_locale", "en")
    return language if language in LANGUAGES else "en"


class TranslationsMixin:
    """The `translations` column of a model with translatable fields (named in `__translatable__`).
    Setting such a field to a form's TranslatedText stores the original in its column and the
    other languages in `translations`, so a view's `setattr(obj, name, value)` loop needs no change."""

    __translatable__: tuple[str, ...] = ()
    translations: Mapped[dict | None] = mapped_column(JSON, nullable=True, default=dict)

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, TranslatedText):
            super().__setattr__(name, value.original)
            super().__setattr__(TRANSLATIONS, stored_translations(self, name, value))
        else:
            super().__setattr__(name, value)


class TranslatedText(dict):
    """A translatable field's value out of its form: {language: text} for the four languages, with
    `default`, the portal's language; `original` is its text, `others` the non-empty rest."""

    default = "en"

    def __init__(self, values: Any = (), default: str = "en"):
        super().__init__(values)
        self.default = default

    @property
    def original(self) -> str:
        return self.get(self.default) or ""

    @property
    def others(self) -> dict[str, str]:
        return {lang: text for lang, text in self.items() if lang != self.default and text}

    def text_for(self, language: str | None) -> str:
        """In `language` if written in it, else the original: a plugin setting's text read for a page
        (settings keep a translatable field as this value, with every language)."""
        return self.get(language or "") or self.original or next((t for t in self.values() if t), "")


# --- reading --------------------------------------------------------------------------------------

def _parts(obj: Any, field: str) -> tuple[str, dict]:
    """(the original text, {language: text}) of a model or of a JSON row."""
    if isinstance(obj, dict):
        original, stored = obj.get(field) or "", obj.get(TRANSLATIONS) or {}
    else:
        original, stored = getattr(obj, field, None) or "", getattr(obj, TRANSLATIONS, None) or {}
    others = stored.get(field) or {}
    return original, others if isinstance(others, dict) else {}


def text_in(obj: Any, field: str, language: str, default: str = "en") -> str:
    """The field's text in `language` ("" when not translated into it)."""
    original, others = _parts(obj, field)
    return original if language == default else others.get(language) or ""


def field_values(obj: Any, field: str, request: Any = None) -> TranslatedText:
    """The field as its form starts: a text per language."""
    default = default_language(request)
    original, others = _parts(obj, field) if obj is not None else ("", {})
    values = {lang: others.get(lang) or "" for lang in LANGUAGES}
    values[default] = original
    return TranslatedText(values, default)


def translations_text(obj: Any) -> str:
    """Every translation an item holds, one after another: what search reads besides its original."""
    stored = getattr(obj, TRANSLATIONS, None) or {}
    return "\n".join(text for field in stored.values() if isinstance(field, dict)
                     for text in field.values() if text)


class Translated(str):
    """A field's text for a reader: in their language, or else the original. `language` is the one the
    text is in; `missing` the reader's language when it fell back (None otherwise); `note` the
    translated "not yet translated into Français." (empty when nothing is missing)."""

    language: str = "en"
    missing: str | None = None
    note: str = ""

    @property
    def markup(self) -> Markup:
        """The text as HTML for `tal:content="structure ..."`: a rich field's value, cleaned with nh3 when
        it was saved."""
        return Markup(str(self))

    def __html__(self) -> str:
        # a template writes it escaped, as a plain str: Chameleon would look any other object up in
        # the catalog (a call titled as one of the portal's messages would come out translated)
        return str(escape(str(self)))


def language_title(request: Any, code: str) -> str:
    from .views import language_name
    return language_name(request, code) if request is not None else LANGUAGES.get(code, code)


def untranslated_note(request: Any, language: str) -> str:
    return translate(_("Not yet translated into ${language}.",
                       mapping={"language": language_title(request, language)}), request)


def is_translatable(obj: Any, field: str) -> bool:
    """Whether obj's field is written per language: named in its class's __translatable__ (a JSON row
    of a translatable list always is)."""
    return isinstance(obj, dict) or field in getattr(obj, "__translatable__", ())


def translated(request: Any, obj: Any, field: str, language: str | None = None) -> Translated:
    """The field in `language` (the reader's when None), else its original with a note saying so. A
    field that is not translatable is its text, in the item's own language."""
    language = language or getattr(request, "locale_name", None) or default_language(request)
    default = default_language(request)
    original, others = _parts(obj, field)
    if not is_translatable(obj, field):
        value = Translated(original)
        value.language = getattr(obj, "language", None) or default
        return value
    found = original if language == default else others.get(language)
    if found:
        value = Translated(found)
        value.language = language
        return value
    value = Translated(original)
    value.language = default
    if original and language != default:
        value.missing = language
        value.note = untranslated_note(request, language)
    return value


def missing_note(request: Any, obj: Any, *fields: str) -> str:
    """One note for a page whose item lacks the reader's language in any of `fields` that has a text."""
    for field in fields:
        note = translated(request, obj, field).note
        if note:
            return note
    return ""


def site_name(request: Any, language: str | None = None) -> str:
    """The site's name in `language` (the reader's when None): `portal.site_name.es` in the ini file,
    else `portal.site_name`."""
    settings = getattr(getattr(request, "registry", None), "settings", None) or {}
    language = language or getattr(request, "locale_name", None) or default_language(request)
    return settings.get(f"portal.site_name.{language}") or settings.get("portal.site_name", "")


# --- writing --------------------------------------------------------------------------------------

def stored_translations(obj: Any, field: str, value: TranslatedText) -> dict:
    """The object's translations with `field`'s replaced by those of `value` (a new dict: JSON columns
    see only assignments)."""
    stored = getattr(obj, TRANSLATIONS, None) if not isinstance(obj, dict) else obj.get(TRANSLATIONS)
    stored = {k: dict(v) for k, v in (stored or {}).items() if isinstance(v, dict)}
    if value.others:
        stored[field] = value.others
    else:
        stored.pop(field, None)
    return stored


def set_translated(obj: Any, field: str, value: Any) -> None:
    """Put a translatable field's value on a model (or a JSON row): the original in its column, the
    others in `translations`. A plain string sets the original and keeps the translations."""
    if not isinstance(value, TranslatedText):
        if isinstance(obj, dict):
            obj[field] = value
        else:
            setattr(obj, field, value)
        return
    stored = stored_translations(obj, field, value)
    if isinstance(obj, dict):
        obj[field] = value.original
        if stored:
            obj[TRANSLATIONS] = stored
        else:
            obj.pop(TRANSLATIONS, None)
    else:
        setattr(obj, field, value.original)
        setattr(obj, TRANSLATIONS, stored)


def apply_translated(obj: Any, values: dict) -> dict:
    """Set every translatable value of a form's `values` on obj; returns the other values."""
    rest = {}
    for name, value in values.items():
        if isinstance(value, TranslatedText):
            set_translated(obj, name, value)
        else:
            rest[name] = value
    return rest


# --- the form field -------------------------------------------------------------------------------

def _edited(node: colander.SchemaNode, original: str) -> Any:
    """The object a form edits whose field is this original text: bound to the form (obj, call...) or
    the view's context. A form started from the column alone (`getattr(obj, "title")`) then still shows
    the field's translations."""
    bindings = getattr(node, "bindings", None) or {}
    request = bindings.get("request")
    candidates = [*bindings.values(), getattr(request, "context", None)]
    for candidate in candidates:
        if is_translatable(candidate, node.name) and not isinstance(candidate, dict) \
                and (getattr(candidate, node.name, None) or "") == original:
            return candidate
    return None


class Translations(colander.Mapping):
    """The type of a translatable field: {language: text} in, a TranslatedText out. A plain string
    (the original alone, as a content form's starting values give it) is shown with the
    translations of the item being edited."""

    def serialize(self, node, appstruct):
        if appstruct is None:
            appstruct = colander.null
        if isinstance(appstruct, str):
            obj = _edited(node, appstruct)
            values = field_values(obj, node.name) if obj is not None else {}
            appstruct = dict(values, **{node.translatable_default: appstruct})
        if isinstance(appstruct, dict):  # {language: text} -> the inputs' names
            appstruct = {child.name: appstruct.get(child.translatable_lang, "") for child in node.children}
        return super().serialize(node, appstruct)

    def deserialize(self, node, cstruct):
        if isinstance(cstruct, str):  # a client that sends the field as one text: the original
            cstruct = {node.name: cstruct}
        try:
            value = super().deserialize(node, cstruct)
        except colander.Invalid as error:
            # the error summary names the field: say which language is missing
            if error.msg is None:
                error.msg = _("Write the text in ${language}.",
                              mapping={"language": language_title(get_current_request(), node.translatable_default)})
            raise
        if value is colander.null:
            return value
        by_language = {child.translatable_lang: value.get(child.name) or "" for child in node.children}
        return TranslatedText({lang: by_language.get(lang, "") for lang in LANGUAGES}, node.translatable_default)


class TranslatableWidget(deform.widget.MappingWidget):
    """A tab per language (static/js/portal.js makes the tablist); without JavaScript, a labelled
    fieldset per language, the required one first."""

    template = "translatable"
    readonly_template = "translatable"

    def serialize(self, field, cstruct, **kw):
        if cstruct in (None, colander.null):
            cstruct = {}
        elif isinstance(cstruct, str):
            cstruct = {field.name: cstruct}
        return super().serialize(field, cstruct, **kw)

    def deserialize(self, field, pstruct):
        if isinstance(pstruct, str):  # sent as one text (no language inputs): the original
            pstruct = {field.name: pstruct}
        return super().deserialize(field, pstruct)
    group = True  # mapping_item.pt: a fieldset with the field's title as its legend, its hint and error
    category = "default"  # not deform's "structural" mapping: the field has its label and error


def _bind_languages(node: colander.SchemaNode, kw: dict) -> None:
    """At bind time, when the request is known: the portal's language first and required. Its input
    keeps the field's own name ("title"), the others have the language after it ("title-es"), so a
    client or a test that sends the field as one text still sends the original."""
    default = default_language(kw.get("request"))
    node.translatable_default = default
    node.children.sort(key=lambda child: (child.translatable_lang != default, list(LANGUAGES).index(child.translatable_lang)))
    for child in node.children:
        lang = child.translatable_lang
        child.name = node.name if lang == default else f"{node.name}-{lang}"
        child.missing = colander.required if lang == default and node.translatable_required else ""
        child.translatable_language = LANGUAGES[lang]
        child.description = node.description  # each input is described by the field's hint too


def translatable_node(title: Any, name: str | None = None, rich: bool = False, max_length: int | None = None,
                      required: bool = True, description: Any = None, textarea: int = 0,
                      **kw: Any) -> colander.SchemaNode:
    """A field written in each language: the portal's language required (unless `required` is
    False), the others optional. `rich`: HTML with the editor (cleaned with nh3); `textarea`: that
    many rows of plain text; else one line. Its value is a TranslatedText: give it to set_translated
    (or apply_translated, or the content service, which call it)."""
    from .forms import RICH_HINT, RichText
    from .richtext import RichTextWidget

    def child(lang: str) -> colander.SchemaNode:
        if rich:
            node = colander.SchemaNode(RichText(), name=lang, title=LANGUAGES[lang], missing="",
                                       widget=RichTextWidget())
        else:
            widget = deform.widget.TextAreaWidget(rows=textarea) if textarea else deform.widget.TextInputWidget()
            validator = colander.Length(0, max_length) if max_length else None
            node = colander.SchemaNode(colander.String(), name=lang, title=LANGUAGES[lang], missing="",
                                       validator=validator, widget=widget)
        node.translatable_lang = lang
        return node

    if name is not None:
        kw["name"] = name
    if rich and description is None:
        description = RICH_HINT
    node = colander.SchemaNode(Translations(), *[child(lang) for lang in LANGUAGES], title=title,
                               description=description, widget=TranslatableWidget(),
                               missing=colander.required if required else TranslatedText(),
                               after_bind=_bind_languages, **kw)
    node.translatable_default = "en"
    node.translatable_required = required
    return node


# --- the migration that gives a table its column ----------------------------------------------------

def translations_column(table: str) -> tuple[Any, Any]:
    """(upgrade, downgrade) of a migration adding `translations` to table, the column TranslationsMixin
    reads (JSON, empty for the rows written before):

        upgrade, downgrade = translations_column("antennas")
    """
    def upgrade() -> None:
        import sqlalchemy as sa
        from alembic import op
        op.add_column(table, sa.Column(TRANSLATIONS, sa.JSON(), nullable=True))

    def downgrade() -> None:
        from alembic import op
        with op.batch_alter_table(table) as batch:  # SQLite drops a column by copying the table
            batch.drop_column(TRANSLATIONS)
    return upgrade, downgrade
