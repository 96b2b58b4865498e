"""A juror's pages: their reviews, one review (the entry as the jury reads it, its documents shown in
the page, the scores saved as they come), a declared conflict of interest; and the secretariat's
preview of exactly what the jury reads of an entry."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPNotFound
from pyramid.view import view_config

from portal.api import country_name
from portal.api import FormView, validate
from portal.api import _, translate

from ..blind import masker_for
from ..entries import blind_file_name
from ..format import when
from ..jury import declare_conflict
from ..reviews import form_values, juror_progress, next_review, reviews_of, save_scores
from ..schemas import ConflictSchema, score_schema
from .common import INLINE_TYPES, AwardForm, call_crumb, entry_label, juror_of, page


@view_config(route_name="award_my_reviews", renderer="plugins.awards:templates/my_reviews.pt", permission="jury")
def my_reviews(request):
    call = request.context
    juror = juror_of(request, call)
    if juror is None:
        raise HTTPForbidden()
    reviews = reviews_of(request.dbsession, juror)
    done, due = juror_progress(reviews, call)
    return page(request, _("Your reviews"), [call_crumb(request, call)], call=call, reviews=reviews, done=done,
                due=due, label=lambda r: entry_label(request, r.entry))


def reading(request, entry, document_url) -> dict:
    """What the jury reads of an entry: its experience and answers (the applicants' names masked in a
    blind review), its documents (those a browser can show, shown in the page)."""
    call = entry.call
    masker = masker_for(entry) if call.blind else None
    exp = entry.experience
    docs = []
    for n, d in enumerate(entry.documents, 1):
        name = blind_file_name(n, d.file.filename) if call.blind else d.file.filename
        url = document_url(n)
        kind = "image" if d.file.mimetype.startswith("image/") else (
            "pdf" if d.file.mimetype == "application/pdf" else None)
        docs.append({"n": n, "name": name, "url": url, "inline": url + "?inline=1" if d.file.mimetype in INLINE_TYPES
                     else None, "kind": kind})
    return dict(entry=entry, call=call, exp=exp, documents=docs,
                text=(lambda v: masker.text(v)) if masker else (lambda v: v or ""),
                html=(lambda v: masker.html(v)) if masker else (lambda v: v or ""),
                masked=masker.names if masker else [],
                country=country_name(exp.country, request.locale_name) if exp is not None else "")


@view_config(route_name="award_review", permission="review")
class ReviewView(FormView):
    """A juror's review of one entry: the entry as they read it and the scores, until the evaluation closes."""
    buttons = (("score", _("Save the scores")),)
    renderer = "plugins.awards:templates/review.pt"

    def __call__(self):
        self.review = self.request.context
        if self.review.conflict:
            raise HTTPNotFound()
        self.call = self.review.entry.call
        if "score" in self.request.POST and not self.call.evaluation_open:
            self.request.response.status = 400
            return self.show(None, error=_("The evaluation closed on ${date}: scores cannot change any more.",
                                           mapping={"date": when(self.request, self.call, self.call.evaluation_closes)}))
        return super().__call__()

    def get_schema(self):
        return score_schema(self.call)

    def appstruct(self):
        return form_values(self.review, self.call)

    def page(self, form=None, error=None, intro=None, **values):
        request, review, call = self.request, self.review, self.call
        entry = review.entry
        crumbs = [call_crumb(request, call), (translate(_("Your reviews"), request),
                                              request.route_path("award_my_reviews", call=call.id))]
        reviews = reviews_of(request.dbsession, review.juror)
        done, due = juror_progress(reviews, call)
        following = next_review(review, reviews)
        return page(request, entry_label(request, entry), crumbs, review=review, error=error,
                    form=form if call.evaluation_open else None, can_score=call.evaluation_open, preview=False,
                    done=done, due=due, position=[r.id for r in reviews].index(review.id) + 1 if review in reviews else None,
                    next_url=request.route_path("award_review", review=following.id) if following else None,
                    **reading(request, entry, lambda n: request.route_path("award_review_document", review=review.id, n=n)))

    def score_success(self, appstruct):
        review, call = self.review, self.call
        if save_scores(review, call, appstruct):
            message = _("Scores saved. You can change them until the evaluation closes.")
        else:
            message = _("Scores saved: ${scored} of ${count} criteria. The review counts in the ranking once every "
                        "criterion has its score.", mapping={"scored": review.scored(call), "count": len(call.criteria)})
        return self.done(message, self.request.route_url("award_review", review=review.id))


@view_config(route_name="award_entry_preview", renderer="plugins.awards:templates/review.pt", permission="manage")
def preview(request):
    """The entry exactly as its jurors read it (names masked in a blind review), with the list of what is
    masked: for the secretariat to check before the jury starts."""
    entry = request.context
    call = entry.call
    crumbs = [call_crumb(request, call), (entry.title, request.route_path("award_entry", entry=entry.id))]
    return page(request, entry_label(request, entry), crumbs, review=None, form=None, error=None, can_score=False,
                preview=True, done=0, due=0, position=None, next_url=None,
                **reading(request, entry, lambda n: request.route_path("award_entry_preview_document", entry=entry.id,
                                                                        n=n)))


@view_config(route_name="award_review_conflict", request_method="POST", permission="review")
class ReviewConflict(AwardForm):
    """A juror declares a conflict of interest (the form is on the review's page): the entry goes to another
    juror. Declared once; not after the evaluation, when it would wipe scores the ranking used."""
    schema = ConflictSchema
    buttons = (("declare", _("Declare a conflict of interest")),)
    title = _("Declare a conflict of interest")

    @property
    def call(self):
        return self.context.entry.call

    def __call__(self):
        request, review, call = self.request, self.context, self.call
        if review.conflict or not call.evaluation_open:
            raise HTTPBadRequest(translate(_("The evaluation closed on ${date}: scores cannot change any more.",
                                             mapping={"date": when(request, call, call.evaluation_closes)}), request)
                                 if not call.evaluation_open else
                                 translate(_("This conflict of interest is already declared."), request))
        # the one thing this address does: whichever button sent it, the declaration is checked
        appstruct, failed = validate(self.form, request)
        if failed:
            return self.failure(failed)
        return self.declare_success(appstruct)

    def declare_success(self, appstruct):
        new = declare_conflict(self.request.dbsession, self.context, appstruct["reason"])
        message = (_("Noted. The secretariat will find another juror for this entry.") if new is None else
                   _("Noted. The entry goes to another juror."))
        return self.done(message, self.request.route_url("award_my_reviews", call=self.call.id))
