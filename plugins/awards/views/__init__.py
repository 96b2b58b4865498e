"""The pages of the awards: calls, entries and their documents, the jury, reviews, ranking and results.
Each view names its permission; the contexts (call, entry, review) carry their own ACLs (see models)."""
from .common import call_factory, entry_factory, review_factory


def includeme(config):
    add = config.add_route
    add("awards", "/awards")
    add("award_call_add", "/awards/add")
    add("award_call", "/awards/{call:\\d+}", factory=call_factory)
    add("award_call_edit", "/awards/{call:\\d+}/edit", factory=call_factory)
    add("award_enter", "/awards/{call:\\d+}/enter", factory=call_factory)
    add("award_enter_experience", "/awards/{call:\\d+}/enter/experience", factory=call_factory)
    add("award_entries", "/awards/{call:\\d+}/entries", factory=call_factory)
    add("award_jury", "/awards/{call:\\d+}/jury", factory=call_factory)
    add("award_assign", "/awards/{call:\\d+}/assign", factory=call_factory)
    add("award_ranking", "/awards/{call:\\d+}/ranking", factory=call_factory)
    add("award_results", "/awards/{call:\\d+}/results", factory=call_factory)
    add("award_my_reviews", "/awards/{call:\\d+}/reviews", factory=call_factory)
    add("award_entry", "/awards/entries/{entry:\\d+}", factory=entry_factory)
    add("award_entry_edit", "/awards/entries/{entry:\\d+}/edit", factory=entry_factory)
    add("award_entry_document", "/awards/entries/{entry:\\d+}/documents/{doc:\\d+}", factory=entry_factory)
    add("award_entry_scores", "/awards/entries/{entry:\\d+}/scores", factory=entry_factory)
    add("award_entry_preview", "/awards/entries/{entry:\\d+}/jury-view", factory=entry_factory)
    add("award_entry_preview_document", "/awards/entries/{entry:\\d+}/jury-view/documents/{n:\\d+}",
        factory=entry_factory)
    add("award_review", "/awards/reviews/{review:\\d+}", factory=review_factory)
    add("award_review_document", "/awards/reviews/{review:\\d+}/documents/{n:\\d+}", factory=review_factory)
    add("award_review_conflict", "/awards/reviews/{review:\\d+}/conflict", factory=review_factory)
    config.scan(".")
