"""The secretariat's ranking (winners and mentions chosen there) and the public results page."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.view import view_config

from portal.countries import country_name
from portal.i18n import _

from ..jury import disagreements, progress, ranking
from ..models import OUTCOMES
from ..format import when
from .common import call_crumb, page

@view_config(route_name="award_ranking", renderer="plugins.awards:templates/ranking.pt", permission="manage")
def ranking_view(request):
    call = request.context
    if "outcomes" in request.POST:
        for entry in call.entries:
            value = request.POST.get(f"outcome_{entry.id}", "")
            if value and value not in OUTCOMES:
                raise HTTPBadRequest()
            if entry.status == "submitted" and entry.eligible and entry.outcome != (value or None):
                entry.outcome = value or None
                if call.results_public and entry.experience is not None:
                    from portal.search import reindex_later
                    reindex_later(request.dbsession, entry.experience)  # a correction after publication
        request.flash(_("Winners and mentions saved. Nobody outside the secretariat sees them before ${date}.",
                        mapping={"date": when(request, call, call.results_date)}))
        return HTTPFound(request.route_url("award_ranking", call=call.id, _query=request.GET))
    normalise = request.GET.get("normalise") == "1"
    rows = ranking(call, normalise=normalise)
    rows_by_category = {}
    for row in rows:
        rows_by_category.setdefault(row["entry"].category, []).append(row)
    jurors, done, due = progress(call)
    return page(request, _("Ranking"), [call_crumb(request, call)], call=call, rows=rows, normalise=normalise,
                by_category=rows_by_category, disagreements=disagreements(rows), progress=jurors, done=done, due=due)


def winners(call):
    return [e for e in call.entries if e.outcome and e.status == "submitted" and e.eligible]


@view_config(route_name="award_results", renderer="plugins.awards:templates/results.pt", permission="view")
def results(request):
    call = request.context
    public = call.results_public
    found = winners(call) if public else []
    by_category = [(c, [e for e in found if e.category == c["key"] and e.outcome == "winner"]) for c in call.categories]
    mentions = [e for e in found if e.outcome == "mention"]
    return page(request, _("Results"), [call_crumb(request, call)], call=call, public=public,
                by_category=by_category, mentions=mentions,
                country=lambda e: country_name(e.member.country, request.locale_name))
