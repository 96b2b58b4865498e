"""The forms of the call for pilot cities (the call, an application, the selection) and of a workshop's good
practices and photos."""
import colander
import deform

from portal.api import IMAGE_TYPES, _, uploads_node

from .schemas import theme_validator, theme_widget


def _text(title, length=5000, rows=4, missing=""):
    return colander.SchemaNode(colander.String(), title=title, missing=missing, validator=colander.Length(0, length),
                               widget=deform.widget.TextAreaWidget(rows=rows))


def _closes_after_opening(form, value):
    if value["closes"] < value["opens"]:
        exc = colander.Invalid(form)
        exc["closes"] = _("The call closes on or after the day it opens.")
        raise exc


class CallSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    description = _text(_("What the call offers"))
    eligibility = _text(_("Eligibility"), rows=3)
    opens = colander.SchemaNode(colander.Date(), title=_("Opens on"))
    closes = colander.SchemaNode(colander.Date(), title=_("Closes on"))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_closes_after_opening, **kw)


class ApplicationSchema(colander.Schema):
    theme = colander.SchemaNode(colander.String(), title=_("Priority theme"), missing="", widget=theme_widget,
                                validator=theme_validator, description=_("A theme of the experiences' database."))
    motivation = colander.SchemaNode(colander.String(), title=_("Why your city wants to be a pilot city"),
                                     validator=colander.Length(20, 5000), widget=deform.widget.TextAreaWidget(rows=5))
    commitments = _text(_("What your city commits to (a meeting room, meals, staff, a site visit)"))


class SelectionSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Reason of the selection"),
                                 validator=colander.Length(1, 3000), widget=deform.widget.TextAreaWidget(rows=4))


class PracticesSchema(colander.Schema):
    practices = _text(_("Good practices presented (one experience a line: its address or its number)"), rows=5)


class PhotosSchema(colander.Schema):
    photos = uploads_node("photos", _("Photos of the workshop"), accept="image/png,image/jpeg,image/gif,image/webp",
                          allowed=IMAGE_TYPES)
    caption = colander.SchemaNode(colander.String(), title=_("Caption"), missing="", validator=colander.Length(0, 300))
    alt = colander.SchemaNode(colander.String(), title=_("Alternative text (what the photos show)"), missing="",
                              validator=colander.Length(0, 300))
