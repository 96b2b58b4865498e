"""The forms of the deliverables: a new deliverable, a section's text, a comment, the co-authors, a template."""
import colander
import deform

from portal.api import LANGUAGES, RowsWidget, _, base_revision_node, rich_text_node, translate

from .deliverable_models import KINDS


@colander.deferred
def kind_widget(node, kw):
    from .deliverables import KIND_TITLES
    return deform.widget.SelectWidget(values=[(k, translate(KIND_TITLES[k], kw["request"])) for k in KINDS])


class NewDeliverableSchema(colander.Schema):
    kind = colander.SchemaNode(colander.String(), title=_("Deliverable"), widget=kind_widget,
                               validator=colander.OneOf(KINDS))
    language = colander.SchemaNode(colander.String(), title=_("Language it is written in"),
                                   validator=colander.OneOf(list(LANGUAGES)),
                                   widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))


class SectionSchema(colander.Schema):
    body = rich_text_node(_("Text of the section"))
    comment = colander.SchemaNode(colander.String(), title=_("What did you change? (optional, shown in the history)"),
                                  missing="", validator=colander.Length(0, 300))
    base_revision = base_revision_node()


class CommentSchema(colander.Schema):
    text = colander.SchemaNode(colander.String(), title=_("Comment"), validator=colander.Length(1, 3000),
                               widget=deform.widget.TextAreaWidget(rows=3))


@colander.deferred
def members_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=kw["organisations"])


@colander.deferred
def members_validator(node, kw):
    return colander.ContainsOnly([value for value, _label in kw["organisations"]])


class AuthorsSchema(colander.Schema):
    members = colander.SchemaNode(colander.Set(), title=_("Co-author organisations"), missing=(),
                                  widget=members_widget, validator=members_validator)
    people = colander.SchemaNode(colander.String(), title=_("Co-authors (one name a line)"), missing="",
                                 validator=colander.Length(0, 3000), widget=deform.widget.TextAreaWidget(rows=4))
    public = colander.SchemaNode(colander.Boolean(), title=_("Public: shown on the network's public pages"),
                                 missing=False)


class TemplateSection(colander.Schema):
    # the section's key, kept when its title changes (a row left empty is dropped: RowsWidget skips "_id")
    section_id = colander.SchemaNode(colander.String(), missing="", widget=deform.widget.HiddenWidget(),
                                     validator=colander.Length(0, 40))
    title = colander.SchemaNode(colander.String(), title=_("Section"), validator=colander.Length(1, 300))
    guidance = colander.SchemaNode(colander.String(), title=_("Guidance"), missing="",
                                   validator=colander.Length(0, 3000), widget=deform.widget.TextAreaWidget(rows=3))


class TemplateSections(colander.SequenceSchema):
    section = TemplateSection(title=_("Section"))


class TemplateSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    sections = TemplateSections(title=_("Sections"), validator=colander.Length(1, 30), widget=RowsWidget())
