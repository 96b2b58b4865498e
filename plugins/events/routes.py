"""Every route of the events: the calendar under /events, and adding an event from a section's page.
The event pages themselves (/events/{id}, /edit, ...) come with its content type."""
from .views import event_factory, section_factory


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/events"):
        add("events", "", inherit_slash=True)
        add("events_past", "/past")
        add("events_feed", "/feed.atom")
        add("events_ics", "/calendar.ics")
        add("event_ics", "/{id:\\d+}/calendar.ics", factory=event_factory)
    add("event_add_in_section", "/sections/{id:\\d+}/add-event", factory=section_factory)
    from .conference_views import registration_factory
    add("conference_settings", "/events/{id:\\d+}/conference", factory=event_factory)
    add("conference_register", "/events/{id:\\d+}/register", factory=event_factory)
    add("conference_registrations", "/events/{id:\\d+}/registrations", factory=event_factory)
    add("conference_registration", "/events/registrations/{code:[0-9a-f]{24}}", factory=registration_factory)
    add("conference_cancel", "/events/registrations/{code:[0-9a-f]{24}}/cancel", factory=registration_factory)
    add("conference_accept", "/events/registrations/{code:[0-9a-f]{24}}/accept", factory=registration_factory)
    from .programme import ProgrammeSession
    from portal.api import model_factory
    add("conference_programme", "/events/{id:\\d+}/programme", factory=event_factory)
    add("conference_agenda", "/events/{id:\\d+}/agenda", factory=event_factory)
    add("conference_agenda_ics", "/events/{id:\\d+}/agenda.ics", factory=event_factory)
    add("conference_session_add", "/events/{id:\\d+}/sessions/add", factory=event_factory)
    add("conference_seat", "/events/registrations/{code:[0-9a-f]{24}}/sessions/{session:\\d+}/seat",
        factory=registration_factory)
    add("conference_star", "/events/sessions/{session:\\d+}/star", factory=model_factory(ProgrammeSession, "session"))
    add("conference_session_materials", "/events/sessions/{session:\\d+}/materials",
        factory=model_factory(ProgrammeSession, "session"))
    add("conference_session_document", "/events/sessions/{session:\\d+}/documents/{file:\\d+}/{filename}",
        factory=model_factory(ProgrammeSession, "session"))
    add("conference_session_publish", "/events/sessions/{session:\\d+}/publish-report",
        factory=model_factory(ProgrammeSession, "session"))
    add("conference_registration_qr", "/events/registrations/{code:[0-9a-f]{24}}/qr.svg", factory=registration_factory)
    add("conference_check_in", "/events/{id:\\d+}/check-in", factory=event_factory)
    add("conference_check_in_counts", "/events/{id:\\d+}/check-in/counts.json", factory=event_factory)
    add("conference_check_in_list", "/events/{id:\\d+}/check-in/registrations.json", factory=event_factory)
    add("conference_check_in_sync", "/events/{id:\\d+}/check-in/sync", factory=event_factory)
    add("conference_visa", "/events/registrations/{code:[0-9a-f]{24}}/visa", factory=registration_factory)
    add("conference_visa_pdf", "/events/registrations/{code:[0-9a-f]{24}}/visa.pdf", factory=registration_factory)
    add("conference_visa_requests", "/events/{id:\\d+}/visa-requests", factory=event_factory)
    from .visa import VisaRequest
    add("conference_visa_decide", "/events/visa-requests/{id:\\d+}/decide", factory=model_factory(VisaRequest))
    add("conference_propose", "/events/{id:\\d+}/propose", factory=event_factory)
    add("conference_proposals", "/events/{id:\\d+}/proposals", factory=event_factory)
    from .proposals import SessionProposal
    add("conference_proposal_accept", "/events/proposals/{id:\\d+}/accept", factory=model_factory(SessionProposal))
    add("conference_proposal_decline", "/events/proposals/{id:\\d+}/decline", factory=model_factory(SessionProposal))
    from .programme import Speaker
    add("conference_speaker", "/events/speakers/{id:\\d+}", factory=model_factory(Speaker))
    from .certificate_views import certificate_factory
    add("conference_certificate", "/events/registrations/{code:[0-9a-f]{24}}/certificate.pdf",
        factory=registration_factory)
    add("conference_certificate_check", "/events/certificates/{certificate:[0-9a-f]{24}}", factory=certificate_factory)
