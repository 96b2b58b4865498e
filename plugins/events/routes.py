"""Every route of the events: the calendar under /events, and adding an event from a section's page.
The event pages themselves (/events/{id}, /edit, ...) come with its content type."""
from .views import event_factory, section_factory


def includeme(config):
    add = config.add_route
    with config.route_prefix_context("/events"):
        add("events", "", inherit_slash=True)
        config.add_routes("", events_past="/past", events_feed="/feed.atom", events_ics="/calendar.ics")
        add("event_ics", "/{id:\\d+}/calendar.ics", factory=event_factory)
    add("event_add_in_section", "/sections/{id:\\d+}/add-event", factory=section_factory)
    from .conference_views import registration_factory
    config.add_routes("/events/{id:\\d+}", factory=event_factory, conference_settings="/conference",
                      conference_register="/register", conference_registrations="/registrations")
    config.add_routes("/events/registrations/{code:[0-9a-f]{24}}", factory=registration_factory,
                      conference_registration="", conference_cancel="/cancel", conference_accept="/accept")
    from .programme import ProgrammeSession
    from portal.api import model_factory
    config.add_routes("/events/{id:\\d+}", factory=event_factory, conference_programme="/programme",
                      conference_agenda="/agenda", conference_agenda_ics="/agenda.ics",
                      conference_session_add="/sessions/add")
    add("conference_seat", "/events/registrations/{code:[0-9a-f]{24}}/sessions/{session:\\d+}/seat", factory=registration_factory)
    session = model_factory(ProgrammeSession, "session")
    config.add_routes("/events/sessions/{session:\\d+}", factory=session, conference_star="/star",
                      conference_session_materials="/materials",
                      conference_session_document="/documents/{file:\\d+}/{filename}",
                      conference_session_publish="/publish-report")
    add("conference_registration_qr", "/events/registrations/{code:[0-9a-f]{24}}/qr.svg", factory=registration_factory)
    config.add_routes("/events/{id:\\d+}/check-in", factory=event_factory, conference_check_in="",
                      conference_check_in_counts="/counts.json", conference_check_in_list="/registrations.json",
                      conference_check_in_sync="/sync")
    config.add_routes("/events/registrations/{code:[0-9a-f]{24}}", factory=registration_factory,
                      conference_visa="/visa", conference_visa_pdf="/visa.pdf")
    add("conference_visa_requests", "/events/{id:\\d+}/visa-requests", factory=event_factory)
    from .visa import VisaRequest
    add("conference_visa_decide", "/events/visa-requests/{id:\\d+}/decide", factory=model_factory(VisaRequest))
    config.add_routes("/events/{id:\\d+}", factory=event_factory, conference_propose="/propose",
                      conference_proposals="/proposals")
    from .proposals import SessionProposal
    config.add_routes("/events/proposals/{id:\\d+}", factory=model_factory(SessionProposal),
                      conference_proposal_accept="/accept", conference_proposal_decline="/decline")
    from .programme import Speaker
    add("conference_speaker", "/events/speakers/{id:\\d+}", factory=model_factory(Speaker))
    from .certificate_views import certificate_factory
    add("conference_certificate", "/events/registrations/{code:[0-9a-f]{24}}/certificate.pdf", factory=registration_factory)
    add("conference_certificate_check", "/events/certificates/{certificate:[0-9a-f]{24}}", factory=certificate_factory)
