"""The secretariat's ranking (winners, mentions and the jury's statements chosen there) and the public
results page."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.view import view_config

from portal.api import country_name
from portal.api import _, translate

from ..calls import ceremony_link
from ..format import when
from ..jury import disagreements, progress, ranking
from ..models import OUTCOMES
from ..publication import results_summary, winners
from .common import call_crumb, page

MAX_STATEMENT = 3000


@view_config(route_name="award_ranking", renderer="plugins.awards:templates/ranking.pt", permission="manage")
def ranking_view(request):
    call = request.context
    if "outcomes" in request.POST:
        chosen = {}
        for entry in call.entries:
            value = request.POST.get(f"outcome_{entry.id}", "")
            if value and value not in OUTCOMES:
                raise HTTPBadRequest(translate(_("Choose winner, special mention or nothing."), request))
            statement = request.POST.get(f"statement_{entry.id}")
            statement = entry.statement if statement is None else statement.strip()
            if len(statement) > MAX_STATEMENT:
                raise HTTPBadRequest(translate(_("A statement of the jury has at most ${count} characters.",
                                                 mapping={"count": MAX_STATEMENT}), request))
            chosen[entry] = (value or None, statement)
        for entry, (outcome, statement) in chosen.items():
            if entry.status != "submitted" or not entry.eligible:
                continue
            if entry.outcome != outcome or entry.statement != statement:
                entry.outcome, entry.statement = outcome, statement
                if call.results_public and entry.experience is not None:
                    from portal.api import reindex_later
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
                by_category=rows_by_category, disagreements=disagreements(rows), progress=jurors, done=done, due=due,
                partial=sum(r["partial"] for r in rows))


@view_config(route_name="award_results", renderer="plugins.awards:templates/results.pt", permission="view")
def results(request):
    call = request.context
    public = call.results_public
    found = winners(call) if public else []
    by_category = [(c, [e for e in found if e.category == c["key"] and e.outcome == "winner"]) for c in call.categories]
    mentions = [e for e in found if e.outcome == "mention"]
    summary = results_summary(call) if public else None
    return page(request, _("Results"), [call_crumb(request, call)], call=call, public=public,
                by_category=by_category, mentions=mentions, summary=summary,
                ceremony=ceremony_link(request, call),
                image=lambda e: _first_image(request, e),
                country=lambda code: country_name(code, request.locale_name))


def _first_image(request, entry):
    exp = entry.experience
    if exp is None or exp.state != "published" or not exp.images:
        return None
    image = exp.images[0]
    return {"url": request.route_path("file", id=image.id, filename=image.filename), "alt": image.title or ""}
