"""The contexts of the presidency call's routes: a call by its year (not found until published, but
for the secretariat), a candidacy, one of its documents."""
from pyramid.httpexceptions import HTTPNotFound

from portal.api import _, model_factory

from ..presidency import Candidacy, CandidacyDocument, call_of_year


def call_factory(request):
    call = call_of_year(request.dbsession, int(request.matchdict["year"]))
    if call is None:
        raise HTTPNotFound()
    return call


candidacy_factory = model_factory(Candidacy, "candidacy", hidden_unless_permitted="view")


def document_factory(request):
    candidacy = candidacy_factory(request)
    document = request.dbsession.get(CandidacyDocument, int(request.matchdict["document"]))
    if document is None or document.candidacy_id != candidacy.id:
        raise HTTPNotFound()
    return document


def trail(request, call=None):
    crumbs = [(_("Presidency"), request.route_url("governance.presidency.calls"))]
    if call is not None:
        crumbs.append((str(call.year), request.route_url("governance.presidency", year=call.year)))
    return crumbs
