"""Every route of the awards, under /awards (included with that route_prefix by the manifest)."""
from .views.common import call_factory, entry_factory, review_factory


def includeme(config):
    add = config.add_route
    add("awards", "", inherit_slash=True)
    add("award_call_add", "/add")
    config.add_routes("/{call:\\d+}", factory=call_factory, award_call="", award_call_edit="/edit",
                      award_enter="/enter", award_enter_experience="/enter/experience", award_entries="/entries",
                      award_jury="/jury", award_assign="/assign", award_ranking="/ranking", award_results="/results",
                      award_my_reviews="/reviews")
    config.add_routes("/entries/{entry:\\d+}", factory=entry_factory, award_entry="", award_entry_edit="/edit",
                      award_entry_document="/documents/{doc:\\d+}", award_entry_scores="/scores",
                      award_entry_preview="/jury-view")
    add("award_entry_preview_document", "/entries/{entry:\\d+}/jury-view/documents/{n:\\d+}",
        factory=entry_factory)
    config.add_routes("/reviews/{review:\\d+}", factory=review_factory, award_review="",
                      award_review_document="/documents/{n:\\d+}", award_review_conflict="/conflict")
