"""The secretariat's antenna form and the settings of the reach dashboard (target share per region)."""
import colander
import deform
from sqlalchemy import select

from portal.api import REGIONS
from portal.api import country_node, translatable_node
from portal.api import _, translate
from portal.api import Member, User

from .models import STATUSES

STATUS_TITLES = {"planned": _("Planned"), "active": _("Active")}


@colander.deferred
def deferred_region_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[(k, translate(v, request)) for k, v in REGIONS.items()])


@colander.deferred
def deferred_status_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[(k, translate(v, request)) for k, v in STATUS_TITLES.items()])


@colander.deferred
def deferred_host_widget(node, kw):
    request = kw["request"]
    rows = request.dbsession.execute(select(Member.id, Member.name).where(Member.status == "active")
                                     .order_by(Member.name)).all()
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(r.id), r.name) for r in rows])


@colander.deferred
def deferred_host_validator(node, kw):
    request = kw["request"]

    def validator(node, value):
        if value is not None and request.dbsession.get(Member, value) is None:
            raise colander.Invalid(node, _("Choose a member organisation of the list."))
    return validator


def email_lines(value):
    if value in (colander.null, None):
        return []
    return [line.strip().lower() for line in str(value).replace(",", "\n").splitlines() if line.strip()]


@colander.deferred
def deferred_coordinators_validator(node, kw):
    """Each line the address of an active account: a portal with thousands of accounts cannot offer
    them all as checkboxes."""
    request = kw["request"]

    def validator(node, value):
        emails = email_lines(value)
        if len(emails) > 50:
            raise colander.Invalid(node, _("Name at most fifty coordinators."))
        found = set(request.dbsession.scalars(select(User.email).where(User.email.in_(emails), User.active)))
        unknown = [e for e in emails if e not in found]
        if unknown:
            raise colander.Invalid(node, _("No active account uses these addresses: ${emails}",
                                           mapping={"emails": ", ".join(unknown)}))
    return validator


class AntennaSchema(colander.Schema):
    name = translatable_node(_("Name"), max_length=200, description=_("For example: Latin America antenna"))
    region = colander.SchemaNode(colander.String(), title=_("Region"), validator=colander.OneOf(list(REGIONS)),
                                 widget=deferred_region_widget)
    seat_city = colander.SchemaNode(colander.String(), title=_("Seat city"), missing="",
                                    validator=colander.Length(0, 120))
    seat_country = country_node(name="seat_country", title=_("Seat country"))
    host_member_id = colander.SchemaNode(colander.Integer(), title=_("Host member organisation"), missing=None,
                                         widget=deferred_host_widget, validator=deferred_host_validator)
    opened = colander.SchemaNode(colander.Date(), title=_("Opening date"), missing=None,
                                 widget=deform.widget.TextInputWidget(attributes={"type": "date"}))
    status = colander.SchemaNode(colander.String(), title=_("Status"), validator=colander.OneOf(STATUSES),
                                 widget=deferred_status_widget, default="planned")
    description = translatable_node(_("Description"), rich=True, required=False)
    contacts = colander.SchemaNode(colander.String(), title=_("Contacts"), missing="",
                                   validator=colander.Length(0, 2000),
                                   description=_("Addresses, phone numbers and mail addresses, one per line."),
                                   widget=deform.widget.TextAreaWidget(rows=4))
    coordinators = colander.SchemaNode(colander.String(), title=_("Coordinators"), missing="",
                                       description=_("The e-mail addresses of their accounts, one per line. They "
                                                     "publish news, pages and events in the antenna's section, and "
                                                     "nowhere else."),
                                       widget=deform.widget.TextAreaWidget(rows=3),
                                       validator=deferred_coordinators_validator)


class OptionalPercent(colander.Integer):
    """A whole per cent or nothing; "nothing" is stored as "" (the settings are kept as JSON)."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None, ""):
            return ""
        return super().serialize(node, appstruct)

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ""):
            return None
        return super().deserialize(node, cstruct)


def percent_range(node, value):
    if value is not None and not 0 <= value <= 100:
        raise colander.Invalid(node, _("A share between 0 and 100 per cent."))


def target_node(region, title):
    return colander.SchemaNode(OptionalPercent(), name=region, title=title, missing=None, default=None,
                               validator=percent_range,
                               description=_("Per cent of the member organisations; leave empty for no target."),
                               widget=deform.widget.TextInputWidget(attributes={"type": "number", "min": "0",
                                                                                "max": "100"}))


# The share of the membership the secretariat aims at in each region, in per cent.
ReachSettings = type("ReachSettings", (colander.Schema,),
                     {region: target_node(region, title) for region, title in REGIONS.items()})
