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
    add("partner_activity_document", "/partners/activities/{activity:\\d+}/document", factory=activity)
    add("partner_activity_remove", "/partners/activities/{activity:\\d+}/remove", factory=activity)
    add("agreements", "/agreements")
    add("agreement_add", "/agreements/add")
    add("agreement", "/agreements/{agreement:\\d+}", factory=agreement_factory)
    add("agreement_edit", "/agreements/{agreement:\\d+}/edit", factory=agreement_factory)
    add("agreement_renew", "/agreements/{agreement:\\d+}/renew", factory=agreement_factory)
    add("agreement_document", "/agreements/{agreement:\\d+}/document.pdf", factory=agreement_factory)
    add("agreement_obligation_add", "/agreements/{agreement:\\d+}/obligations/add", factory=agreement_factory)
    add("agreement_obligation_done", "/agreements/{agreement:\\d+}/obligations/{obligation:\\d+}/done",
        factory=agreement_factory)
    add("agreement_internship_add", "/agreements/{agreement:\\d+}/internships/add", factory=agreement_factory)
    internship = model_factory(Internship, "internship", hidden_unless_permitted="manage_agreements")
    add("internship_edit", "/internships/{internship:\\d+}/edit", factory=internship)
    add("internship_publish", "/internships/{internship:\\d+}/publish", factory=internship)
