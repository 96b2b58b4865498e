"""Every route of the workshops plugin. (/workshops is the test-only sample plugin's: the workshops are
under /international-workshops.)"""
from portal.api import model_factory

from .models import Network

network_factory = model_factory(Network, "id")


def includeme(config):
    config.add_routes("/networks", networks="", network_add="/add")
    config.add_routes("/networks/{id:\\d+}", factory=network_factory, network="", network_edit="/edit",
                      network_join="/join", network_city_accept="/cities/{city:\\d+}/accept",
                      network_city_decline="/cities/{city:\\d+}/decline", network_advisers="/advisers",
                      network_action_add="/plan/add", network_action_edit="/plan/{action:\\d+}/edit",
                      network_action_delete="/plan/{action:\\d+}/delete")
    workshop_routes(config)
    deliverable_routes(config)
    call_routes(config)


def workshop_routes(config):
    from .workshop_models import Workshop
    workshop_factory = model_factory(Workshop, "id")
    add = config.add_route
    add("workshops", "/international-workshops")
    add("workshop_add", "/networks/{id:\\d+}/workshops/add", factory=network_factory)
    config.add_routes("/international-workshops/{id:\\d+}", factory=workshop_factory, workshop="",
                      workshop_edit="/edit", workshop_people="/people", workshop_costs="/people/{person:\\d+}/costs",
                      workshop_register="/register", workshop_practices="/practices", workshop_photos="/photos")
    from .workshop_models import WorkshopAlbum
    add("ws_workshop_album.view", "/international-workshops/albums/{id:\\d+}", factory=model_factory(WorkshopAlbum))


def deliverable_routes(config):
    from .deliverable_models import Deliverable, DeliverableSection
    deliverable_factory = model_factory(Deliverable, "id")
    section_factory = model_factory(DeliverableSection, "id")
    add = config.add_route
    add("network_deliverable_add", "/networks/{id:\\d+}/deliverables/add", factory=network_factory)
    config.add_routes("/networks/deliverable-templates", deliverable_templates="", deliverable_template="/{kind}")
    config.add_routes("/deliverables/{id:\\d+}", factory=deliverable_factory, deliverable="", deliverable_pdf="/pdf",
                      deliverable_authors="/authors", deliverable_review="/review", deliverable_draft="/draft",
                      deliverable_sign="/sign", deliverable_new_version="/new-version",
                      deliverable_publish="/publish")
    # every content item has a "<type>.view" page the core links to (a person's content, notifications,
    # history): a deliverable's is its page, a section's and an album's redirect to where they are shown
    config.add_route("ws_deliverable.view", "/deliverables/{id}", static=True)
    config.add_routes("/deliverable-sections/{id:\\d+}", {"ws_deliverable_section.view": ""}, factory=section_factory,
                      deliverable_section_edit="/edit",
                      deliverable_section_history="/history", deliverable_section_restore="/restore",
                      deliverable_section_comment="/comment")


def call_routes(config):
    from .call_models import PilotCall
    call_factory = model_factory(PilotCall, "id")
    add = config.add_route
    config.add_routes("/networks/calls", pilot_calls="", pilot_call_add="/add")
    config.add_routes("/networks/calls/{id:\\d+}", factory=call_factory, pilot_call="", pilot_call_edit="/edit",
                      pilot_call_apply="/apply")
    add("pilot_call_select", "/networks/calls/{id:\\d+}/applications/{application:\\d+}/select",
        factory=call_factory)
