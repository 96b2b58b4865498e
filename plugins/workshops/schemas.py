"""The forms of the networks and workshops."""
import colander
import deform

from portal.api import _, email_node, member_node, translate

from .models import STAGES
from .networks import STAGE_TITLES, theme_choices


@colander.deferred
def theme_widget(node, kw):
    return deform.widget.SelectWidget(values=[("", "—")] + theme_choices(kw["request"]))


@colander.deferred
def theme_validator(node, kw):
    return colander.OneOf(["", *(slug for slug, _label in theme_choices(kw["request"]))])


@colander.deferred
def stage_widget(node, kw):
    return deform.widget.SelectWidget(values=[(s, translate(STAGE_TITLES[s], kw["request"])) for s in STAGES])


class NetworkSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Name of the network"), validator=colander.Length(1, 300))
    member_id = member_node(title=_("Pilot city"), missing=colander.required)
    theme = colander.SchemaNode(colander.String(), title=_("Priority theme"), missing="", widget=theme_widget,
                                validator=theme_validator,
                                description=_("A theme of the experiences' database."))
    stage = colander.SchemaNode(colander.String(), title=_("Stage of the road map"), missing="theme",
                                widget=stage_widget, validator=colander.OneOf(STAGES))
    description = colander.SchemaNode(colander.String(), title=_("Description"), missing="",
                                      validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=5))


class JoinSchema(colander.Schema):
    motivation = colander.SchemaNode(colander.String(), title=_("Why your city wants to join the network's work"),
                                     missing="", validator=colander.Length(0, 3000),
                                     widget=deform.widget.TextAreaWidget(rows=4))


class AdviserSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(1, 200))
    email = email_node("email", title=_("E-mail"), missing="")
    affiliation = colander.SchemaNode(colander.String(), title=_("Affiliation"), missing="",
                                      validator=colander.Length(0, 300))
