"""The event form: wall-clock times in the event's own zone, checked against each other."""

import colander
import deform
from sqlalchemy import select

from portal.api import ContentSchema, country_node, member_node, rich_text_node, translatable_node
from portal.api import LocalDateTime, NoSuchTime, _, local_to_utc, no_such_time, timezone_node, translate
from portal.api import Section

from .models import KINDS

KIND_TITLES = {
    "workshop": _("International workshop"),
    "conference": _("Conference"),
    "plenary": _("Plenary meeting"),
    "webinar": _("Webinar"),
    "meeting": _("Meeting"),
    "other": _("Other event"),
}
KIND_PLURALS = {
    "workshop": _("International workshops"),
    "conference": _("Conferences"),
    "plenary": _("Plenary meetings"),
    "webinar": _("Webinars"),
    "meeting": _("Meetings"),
    "other": _("Other events"),
}


def datetime_node(name, title):
    return colander.SchemaNode(
        LocalDateTime(), name=name, title=title,
        description=_("In the time zone of the event."),
        widget=deform.widget.TextInputWidget(attributes={"type": "datetime-local"}))


def url_node(name, title, description=None):
    return colander.SchemaNode(
        colander.String(), name=name, title=title, missing="", description=description,
        validator=colander.All(colander.Length(0, 500),
                               colander.Regex(r"^https?://\S+$", _("An address starting with http:// or https://."))),
        widget=deform.widget.TextInputWidget(attributes={"type": "url", "inputmode": "url"}))


@colander.deferred
def deferred_kind_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[(k, translate(KIND_TITLES[k], request)) for k in KINDS])


def sections_for(request):
    """The sections the user may put an event in: all of them for an editor, else those where a local
    role lets them change the section's content (an antenna's coordinators in their antenna's section)."""
    sections = request.dbsession.scalars(select(Section).order_by(Section.title)).all()
    if request.has_permission("add:event", request.site):
        return sections
    return [s for s in sections if request.has_permission("edit", s)]


@colander.deferred
def deferred_section_widget(node, kw):
    request = kw["request"]
    values = [(str(s.id), s.title) for s in sections_for(request)]
    if request.has_permission("add:event", request.site):
        values.insert(0, ("", "—"))
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def deferred_section_validator(node, kw):
    request, current = kw["request"], kw.get("obj")

    def validator(node, value):
        if current is not None and value == current.parent_id:
            return  # unchanged: whoever may edit the event may keep it where it is
        if value is None:
            if not request.has_permission("add:event", request.site):
                raise colander.Invalid(node, _("Choose the section the event belongs to."))
            return
        section = request.dbsession.get(Section, value)
        if section is None or not (request.has_permission("add:event", request.site)
                                   or request.has_permission("edit", section)):
            raise colander.Invalid(node, _("You cannot add events to this section."))
    return validator


def check_event(form, value):
    """End after start, times that exist in the zone, a place or a link, a deadline before the end."""
    error = colander.Invalid(form)
    tz_name = value.get("timezone") or "UTC"
    moments = {}
    for name in ("start_local", "end_local"):
        local = value.get(name)
        if local:
            try:
                moments[name] = local_to_utc(local, tz_name)
            except NoSuchTime:
                error[name] = no_such_time(tz_name)
    end = value.get("end_local")
    if len(moments) == 2 and moments["end_local"] < moments["start_local"]:
        error["end_local"] = _("The event ends before it starts.")
    if not value.get("online_url") and not (value.get("city") and value.get("country")):
        if not value.get("city"):
            error["city"] = _("Give the city and country, or the link of an online event.")
        else:
            error["country"] = _("Give the city and country, or the link of an online event.")
    deadline = value.get("registration_deadline")
    if deadline and end and deadline > end.date():
        error["registration_deadline"] = _("The registration deadline comes after the event.")
    if error.children:
        raise error


class EventSchema(ContentSchema):
    title = translatable_node(_("Title"), max_length=300)
    description = colander.SchemaNode(colander.String(), title=_("Summary"), missing="",
                                      validator=colander.Length(0, 1000),
                                      widget=deform.widget.TextAreaWidget(rows=3))
    body = rich_text_node(_("Description"))
    kind = colander.SchemaNode(colander.String(), title=_("Kind of event"), validator=colander.OneOf(KINDS),
                               widget=deferred_kind_widget, default="workshop")
    parent_id = colander.SchemaNode(colander.Integer(), title=_("Section"), missing=None,
                                    widget=deferred_section_widget, validator=deferred_section_validator,
                                    description=_("An antenna publishes its events in its own section."))
    # before the times: they are read in this zone
    timezone = timezone_node(description=_("Where the event takes place; online events: the organiser's."))
    start_local = datetime_node("start_local", _("Starts"))
    end_local = datetime_node("end_local", _("Ends"))
    venue = colander.SchemaNode(colander.String(), title=_("Venue"), missing="", validator=colander.Length(0, 300))
    city = colander.SchemaNode(colander.String(), title=_("City"), missing="", validator=colander.Length(0, 120))
    country = country_node(missing=None)
    online_url = url_node("online_url", _("Link to join online"))
    registration_url = url_node("registration_url", _("Registration link"))
    registration_deadline = colander.SchemaNode(
        colander.Date(), title=_("Registration deadline"), missing=None,
        widget=deform.widget.TextInputWidget(attributes={"type": "date"}))
    organiser = colander.SchemaNode(colander.String(), title=_("Organiser"), missing="",
                                    validator=colander.Length(0, 300))
    member_id = member_node(title=_("Member organisation organising it"))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_event, **kw)
