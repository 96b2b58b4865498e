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


DATE_WIDGET = deform.widget.TextInputWidget(attributes={"type": "date"})
SLOT_TITLES = {"am": _("Day ${day}, morning"), "pm": _("Day ${day}, afternoon")}


def workshop_length(form, values):
    """The guide's rule: at most 3 days, the end not before the start."""
    from .workshop_models import MAX_DAYS
    from .workshops import TOO_LONG
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends:
        error = colander.Invalid(form)
        if ends < starts:
            error["ends"] = _("The workshop cannot end before it starts.")
            raise error
        if (ends - starts).days + 1 > MAX_DAYS:
            error["ends"] = TOO_LONG
            raise error


def workshop_schema():
    from portal.api import timezone_node

    from .workshop_models import HALVES, MAX_DAYS
    from .workshops import slot_name
    schema = colander.SchemaNode(colander.Mapping(), validator=workshop_length)
    schema.add(colander.SchemaNode(colander.String(), name="title", title=_("Title"),
                                   validator=colander.Length(1, 300)))
    schema.add(colander.SchemaNode(colander.Date(), name="starts", title=_("First day"), widget=DATE_WIDGET))
    schema.add(colander.SchemaNode(colander.Date(), name="ends", title=_("Last day"), widget=DATE_WIDGET,
                                   description=_("At most 3 days in all (the workshop guide).")))
    schema.add(timezone_node())
    schema.add(money_node("budget", _("The secretariat's budget for the funded people's travel and lodging")))
    schema.add(colander.SchemaNode(colander.String(), name="venue", title=_("Venue"), missing="",
                                   validator=colander.Length(0, 300)))
    schema.add(colander.SchemaNode(colander.String(), name="city", title=_("City"), missing="",
                                   validator=colander.Length(0, 120)))
    schema.add(colander.SchemaNode(colander.Boolean(), name="provides_room", missing=False,
                                   title=_("The pilot city provides the meeting room")))
    schema.add(colander.SchemaNode(colander.Boolean(), name="provides_meals", missing=False,
                                   title=_("The pilot city provides the meals")))
    schema.add(colander.SchemaNode(colander.String(), name="provides_other", missing="",
                                   title=_("Other services the pilot city provides"),
                                   validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=2)))
    for day in range(1, MAX_DAYS + 1):
        for half in HALVES:
            schema.add(colander.SchemaNode(
                colander.String(), name=slot_name(day, half), missing="", validator=colander.Length(0, 2000),
                title=_(SLOT_TITLES[half], mapping={"day": day}),
                widget=deform.widget.TextAreaWidget(rows=2)))
    return schema


def money_node(name, title):
    return colander.SchemaNode(colander.Decimal(), name=name, title=title, missing=None,
                               validator=colander.Range(0, 10_000_000))


class CostsSchema(colander.Schema):
    travel_planned = money_node("travel_planned", _("Travel, planned"))
    lodging_planned = money_node("lodging_planned", _("Lodging, planned"))
    travel_spent = money_node("travel_spent", _("Travel, spent"))
    lodging_spent = money_node("lodging_spent", _("Lodging, spent"))


@colander.deferred
def funded_kinds(node, kw):
    from .people import KIND_TITLES
    return deform.widget.SelectWidget(values=[(k, translate(KIND_TITLES[k], kw["request"]))
                                              for k in ("expert", "adviser")])


class FundedSchema(CostsSchema):
    kind = colander.SchemaNode(colander.String(), title=_("Funded as"), widget=funded_kinds,
                               validator=colander.OneOf(("expert", "adviser")), insert_before="travel_planned")
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(1, 200),
                               insert_before="travel_planned")
    email = email_node("email", title=_("E-mail"), insert_before="travel_planned")


@colander.deferred
def own_kinds(node, kw):
    from .people import KIND_TITLES
    return deform.widget.SelectWidget(values=[(k, translate(KIND_TITLES[k], kw["request"]))
                                                   for k in ("local", "member_city")])


class RegistrationSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(1, 200))
    email = email_node("email", title=_("E-mail"))
    kind = colander.SchemaNode(colander.String(), title=_("I take part as"), widget=own_kinds,
                               validator=colander.OneOf(("local", "member_city")), missing="local")
    member_id = member_node(title=_("My member city (a member city participant)"))
    listed = colander.SchemaNode(colander.Boolean(), title=_("List my name among the participants on the "
                                                              "workshop's public page"), missing=False)
