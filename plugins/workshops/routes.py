"""Every route of the workshops plugin. (/workshops is the test-only sample plugin's: the workshops are
under /international-workshops.)"""
from portal.api import model_factory

from .models import Network

network_factory = model_factory(Network, "id")


def includeme(config):
    add = config.add_route
    add("networks", "/networks")
    add("network_add", "/networks/add")
    add("network", "/networks/{id:\\d+}", factory=network_factory)
    add("network_edit", "/networks/{id:\\d+}/edit", factory=network_factory)
    add("network_join", "/networks/{id:\\d+}/join", factory=network_factory)
    add("network_city_accept", "/networks/{id:\\d+}/cities/{city:\\d+}/accept", factory=network_factory)
    add("network_city_decline", "/networks/{id:\\d+}/cities/{city:\\d+}/decline", factory=network_factory)
    add("network_advisers", "/networks/{id:\\d+}/advisers", factory=network_factory)
    add("network_action_add", "/networks/{id:\\d+}/plan/add", factory=network_factory)
    add("network_action_edit", "/networks/{id:\\d+}/plan/{action:\\d+}/edit", factory=network_factory)
    add("network_action_delete", "/networks/{id:\\d+}/plan/{action:\\d+}/delete", factory=network_factory)
    workshop_routes(config)
    deliverable_routes(config)
    call_routes(config)


def workshop_routes(config):
    from .workshop_models import Workshop
    workshop_factory = model_factory(Workshop, "id")
    add = config.add_route
    add("workshops", "/international-workshops")
    add("workshop_add", "/networks/{id:\\d+}/workshops/add", factory=network_factory)
    add("workshop", "/international-workshops/{id:\\d+}", factory=workshop_factory)
    add("workshop_edit", "/international-workshops/{id:\\d+}/edit", factory=workshop_factory)
    add("workshop_people", "/international-workshops/{id:\\d+}/people", factory=workshop_factory)
    add("workshop_costs", "/international-workshops/{id:\\d+}/people/{person:\\d+}/costs", factory=workshop_factory)
    add("workshop_register", "/international-workshops/{id:\\d+}/register", factory=workshop_factory)
    add("workshop_practices", "/international-workshops/{id:\\d+}/practices", factory=workshop_factory)
    add("workshop_photos", "/international-workshops/{id:\\d+}/photos", factory=workshop_factory)


def deliverable_routes(config):
    from .deliverable_models import Deliverable, DeliverableSection
    deliverable_factory = model_factory(Deliverable, "id")
    section_factory = model_factory(DeliverableSection, "id")
    add = config.add_route
    add("network_deliverable_add", "/networks/{id:\\d+}/deliverables/add", factory=network_factory)
    add("deliverable_templates", "/networks/deliverable-templates")
    add("deliverable_template", "/networks/deliverable-templates/{kind}")
    for name, suffix in (("deliverable", ""), ("deliverable_pdf", "/pdf"), ("deliverable_authors", "/authors"),
                         ("deliverable_review", "/review"), ("deliverable_draft", "/draft"),
                         ("deliverable_sign", "/sign"), ("deliverable_new_version", "/new-version"),
                         ("deliverable_publish", "/publish")):
        add(name, "/deliverables/{id:\\d+}" + suffix, factory=deliverable_factory)
    for name, suffix in (("edit", "/edit"), ("history", "/history"), ("restore", "/restore"),
                         ("comment", "/comment")):
        add(f"deliverable_section_{name}", "/deliverable-sections/{id:\\d+}" + suffix, factory=section_factory)


def call_routes(config):
    from .call_models import PilotCall
    call_factory = model_factory(PilotCall, "id")
    add = config.add_route
    add("pilot_calls", "/networks/calls")
    add("pilot_call_add", "/networks/calls/add")
    add("pilot_call", "/networks/calls/{id:\\d+}", factory=call_factory)
    add("pilot_call_edit", "/networks/calls/{id:\\d+}/edit", factory=call_factory)
    add("pilot_call_apply", "/networks/calls/{id:\\d+}/apply", factory=call_factory)
    add("pilot_call_select", "/networks/calls/{id:\\d+}/applications/{application:\\d+}/select",
        factory=call_factory)
