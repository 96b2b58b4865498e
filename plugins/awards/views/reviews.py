"""A juror's pages: their reviews, one review with its score form, a declared conflict of interest."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.countries import country_name
from portal.forms import make_form, render_form, validate
from portal.i18n import _, translate

from .. import clock
from ..blind import identifying, redact, redact_html
from ..format import when
from ..jury import declare_conflict, reviews_of
from ..schemas import ConflictSchema, score_schema
from .common import blind_file_name, call_crumb, entry_label, juror_of, page

@view_config(route_name="award_my_reviews", renderer="plugins.awards:templates/my_reviews.pt", permission="jury")
def my_reviews(request):
    call = request.context
    juror = juror_of(request, call)
    if juror is None:
        raise HTTPForbidden()
    reviews = reviews_of(request.dbsession, juror)
    return page(request, _("Your reviews"), [call_crumb(request, call)], call=call, reviews=reviews,
                label=lambda r: entry_label(request, r))


@view_config(route_name="award_review", renderer="plugins.awards:templates/review.pt", permission="review")
def review_view(request):
    review = request.context
    if review.conflict:
        raise HTTPNotFound()
    entry, call = review.entry, review.entry.call
    words = identifying(entry) if call.blind else []
    form = make_form(request, score_schema(call), [("score", _("Save the scores"))])
    crumbs = [call_crumb(request, call), (translate(_("Your reviews"), request),
                                          request.route_path("award_my_reviews", call=call.id))]
    error = None
    if "score" in request.POST:
        if not call.evaluation_open:
            request.response.status = 400
            error = _("The evaluation closed on ${date}: scores cannot change any more.",
                      mapping={"date": when(request, call, call.evaluation_closes)})
            rendered = render_form(form, {k: v for k, v in request.POST.items() if k != "csrf_token"})
        else:
            appstruct, failed = validate(form, request)
            if failed:
                rendered = failed
            else:
                review.scores = {c["key"]: appstruct[f"score_{c['key']}"] for c in call.criteria}
                review.comments = {c["key"]: appstruct[f"comment_{c['key']}"] for c in call.criteria}
                review.done = clock.now()
                request.flash(_("Scores saved. You can change them until the evaluation closes."))
                return HTTPFound(request.route_url("award_my_reviews", call=call.id))
    else:
        current = {}
        for c in call.criteria:
            if c["key"] in review.scores:
                current[f"score_{c['key']}"] = review.scores[c["key"]]
            current[f"comment_{c['key']}"] = review.comments.get(c["key"], "")
        rendered = render_form(form, current)
    exp = entry.experience
    docs = [(i, d, blind_file_name(i, d.file) if call.blind else d.file.filename)
            for i, d in enumerate(entry.documents, 1)]
    return page(request, entry_label(request, review), crumbs, review=review, entry=entry, call=call, exp=exp,
                text=lambda value: redact(value, words), html=lambda value: redact_html(value, words),
                documents=docs, form=rendered, error=error,
                can_score=call.evaluation_open,
                country=country_name(exp.country, request.locale_name) if exp is not None else "")


@view_config(route_name="award_review_conflict", request_method="POST",
             renderer="plugins.awards:templates/form.pt", permission="review")
def review_conflict(request):
    review = request.context
    call = review.entry.call
    if review.conflict or not call.evaluation_open:
        # after the evaluation a conflict would wipe scores the ranking used; declared once is enough
        raise HTTPBadRequest(translate(_("The evaluation closed on ${date}: scores cannot change any more.",
                                         mapping={"date": when(request, call, call.evaluation_closes)}), request)
                             if not call.evaluation_open else
                             translate(_("This conflict of interest is already declared."), request))
    form = make_form(request, ConflictSchema, [("declare", _("Declare a conflict of interest"))])
    appstruct, failed = validate(form, request)
    if failed:
        return page(request, _("Declare a conflict of interest"), [call_crumb(request, call)], form=failed)
    new = declare_conflict(request.dbsession, review, appstruct["reason"])
    if new is None:
        request.flash(_("Noted. The secretariat will find another juror for this entry."))
    else:
        request.flash(_("Noted. The entry goes to another juror."))
    return HTTPFound(request.route_url("award_my_reviews", call=call.id))

