"""Every route of the partners plugin. A partner is a content type: its page /partners/{id}, its add and
edit forms are the core's content views (add_content_type, path /partners); these are the rest."""
from portal.api import model_factory

from .models import Internship, JointActivity, Partner


def agreement_factory(request):
    """An agreement, or a 404 for whoever may not see it (a private one for anyone but the secretariat)."""
    from pyramid.httpexceptions import HTTPNotFound

    from portal.api import get_or_404

    from .models import Agreement
    found = get_or_404(request.dbsession, Agreement, request.matchdict["agreement"])
    if not request.has_permission("view", found):  # not "log in to see it": it is not there
        raise HTTPNotFound()
    return found


def includeme(config):
    add = config.add_route
    add("partners", "/partners")
    add("partner_activity_add", "/partners/{id:\\d+}/activities/add", factory=model_factory(Partner, "id"))
    activity = model_factory(JointActivity, "activity", hidden_unless_permitted="view")
    config.add_routes("/partners/activities/{activity:\\d+}", factory=activity, partner_activity_document="/document",
                      partner_activity_remove="/remove")
    config.add_routes("/agreements", agreements="", agreement_add="/add")
    config.add_routes("/agreements/{agreement:\\d+}", factory=agreement_factory, agreement="", agreement_edit="/edit",
                      agreement_renew="/renew", agreement_document="/document.pdf",
                      agreement_obligation_add="/obligations/add",
                      agreement_obligation_done="/obligations/{obligation:\\d+}/done",
                      agreement_internship_add="/internships/add")
    internship = model_factory(Internship, "internship", hidden_unless_permitted="manage_agreements")
    config.add_routes("/internships/{internship:\\d+}", factory=internship, internship_edit="/edit",
                      internship_publish="/publish")
