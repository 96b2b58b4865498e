"""Every route of the awards, under /awards (included with that route_prefix by the manifest)."""
from .views.common import call_factory, entry_factory, review_factory


def includeme(config):
    add = config.add_route
    add("awards", "", inherit_slash=True)
    add("award_call_add", "/add")
    add("award_call", "/{call:\\d+}", factory=call_factory)
    add("award_call_edit", "/{call:\\d+}/edit", factory=call_factory)
    add("award_enter", "/{call:\\d+}/enter", factory=call_factory)
    add("award_enter_experience", "/{call:\\d+}/enter/experience", factory=call_factory)
    add("award_entries", "/{call:\\d+}/entries", factory=call_factory)
    add("award_jury", "/{call:\\d+}/jury", factory=call_factory)
    add("award_assign", "/{call:\\d+}/assign", factory=call_factory)
    add("award_ranking", "/{call:\\d+}/ranking", factory=call_factory)
    add("award_results", "/{call:\\d+}/results", factory=call_factory)
    add("award_my_reviews", "/{call:\\d+}/reviews", factory=call_factory)
    add("award_entry", "/entries/{entry:\\d+}", factory=entry_factory)
    add("award_entry_edit", "/entries/{entry:\\d+}/edit", factory=entry_factory)
    add("award_entry_document", "/entries/{entry:\\d+}/documents/{doc:\\d+}", factory=entry_factory)
    add("award_entry_scores", "/entries/{entry:\\d+}/scores", factory=entry_factory)
    add("award_entry_preview", "/entries/{entry:\\d+}/jury-view", factory=entry_factory)
    add("award_entry_preview_document", "/entries/{entry:\\d+}/jury-view/documents/{n:\\d+}",
        factory=entry_factory)
    add("award_review", "/reviews/{review:\\d+}", factory=review_factory)
    add("award_review_document", "/reviews/{review:\\d+}/documents/{n:\\d+}", factory=review_factory)
    add("award_review_conflict", "/reviews/{review:\\d+}/conflict", factory=review_factory)
