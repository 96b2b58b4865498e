"""Events: the network's international workshops, conferences, plenary meetings and webinars.

Everything the plugin brings is declared here; the core is not touched."""
from portal.api import _

from .models import Event
from .schemas import EventSchema
from .search import FACET, FACET_LABELS, FACET_VALUES, event_document
from .views import view_values


def is_published(obj):
    return obj.state == "published"


EXAMPLE = {"kind": "workshop", "timezone": "Africa/Dakar", "start_local": "2027-05-12T09:00",
           "end_local": "2027-05-13T17:30", "venue": "Maison de la culture Douta Seck", "city": "Dakar",
           "country": "SN"}


def includeme(config):
    config.add_plugin("events")
    config.include(".routes")
    config.add_content_type(
        "event", Event, schema=EventSchema, title=_("Event"), plural=_("Events"), path="/events",
        listing=False, listing_route="events", view_template="plugins.events:templates/view.pt",
        view_values=view_values, addable_to=("section",),
        example=EXAMPLE)
    config.add_search_index(Event, document=event_document, should_index=is_published, name="event",
                            facets={FACET: _("Kind of event")}, facet_values=FACET_VALUES, facet_labels=FACET_LABELS)
    config.add_menu_item("main", "events", _("Events"), route_name="events", order=30)
    from .exports import COLUMNS, past_rows, upcoming_rows
    config.add_export("events-upcoming", _("Upcoming events"), upcoming_rows, columns=COLUMNS)
    config.add_export("events-past", _("Past events"), past_rows, columns=COLUMNS)
    from .sections import (TIMELINE_KINDS, event_timeline, events_held, member_events, member_past_events,
                           region_events, upcoming_events)
    config.add_home_section("events", _("Upcoming events"), upcoming_events, order=20)
    config.add_home_figure("events", _("Events held"), events_held, order=40)
    config.add_member_section("events", _("Upcoming events"), member_events, order=30)
    config.add_member_section("past-events", _("Past events"), member_past_events, order=31)
    config.add_timeline("events", event_timeline, order=30, kinds=TIMELINE_KINDS)
    config.add_region_section("events", _("Upcoming events"), region_events, order=20)
    from .demo import create_demo_events
    config.add_demo_data(create_demo_events, order=30)
    config.scan(".views")
    config.include(".registration")  # conferences: registration, waiting list, offers
    config.scan(".conference_views")
    config.scan(".programme_views")
    config.scan(".seats")
    config.scan(".visa_views")
    config.scan(".proposal_views")
    config.scan(".speakers")
    config.scan(".materials")
    config.add_notification_kind("events.session_proposal", _("Sessions proposed to a conference"))
    config.scan(".checkin_views")
    config.add_static("static/checkin.css")
    config.add_static("static/checkin.js")  # does nothing but on the check-in page
    config.scan(".certificate_views")
    from .certificates import TIMELINE_KINDS as CERTIFICATE_KINDS, member_certificates, my_registrations
    config.add_timeline("conference-certificates", member_certificates, order=31, kinds=CERTIFICATE_KINDS)
    config.add_dashboard_panel("conferences", _("Your conference registrations"), my_registrations, order=55)
    from .conference_demo import create_demo_registrations
    config.add_demo_data(create_demo_registrations, order=31)
    # what a work plan's action may name as carrying it out (the core's action trees)
    config.register_resource("event", Event)
