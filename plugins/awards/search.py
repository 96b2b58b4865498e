"""What the awards add to experiences: the "award" facet of their search documents and the badge on
their page, once the results of the call are public."""
from typing import Any

from pyramid.request import Request
from sqlalchemy import select
from sqlalchemy.orm import object_session

from portal.api import SearchDocument, _, default_language, html_to_text, translate
from portal.api import Content

from .models import AwardCall, AwardEntry
from portal.api import clock

FACETS = {"award": _("Award")}
FACET_VALUES = {"award": {"winner", "mention"}}
FACET_LABELS = {"award": {"winner": _("Award winner"), "mention": _("Special mention")}}


def public_outcomes(request, experience):
    """The public outcomes of the entries of this experience or of another language version of it: a
    winner's badge shows on every translation."""
    if experience.id is None:
        return []
    versions = select(Content.id).where(Content.translation_group == experience.translation_group,
                                        Content.type == experience.type)
    stmt = (select(AwardEntry, AwardCall).join(AwardCall, AwardEntry.call_id == AwardCall.id)
            .where(AwardEntry.experience_id.in_(versions), AwardEntry.outcome.is_not(None),
                   AwardEntry.status == "submitted", AwardEntry.eligible.is_(True),
                   AwardCall.results_date <= clock.now())
            .order_by(AwardCall.results_date.desc()))
    # the experience's own session: at indexing time it may not be the request's
    session = object_session(experience) or request.dbsession
    with session.no_autoflush:
        return list(session.execute(stmt))


def call_document(request: Request, call: Any) -> SearchDocument:
    """A call in search: its title, rules and eligibility (their translations are searched too: the
    core adds them), dated by its opening."""
    return {"title": f"{call.edition} {call.title}",
            "text": "\n".join(filter(None, [html_to_text(call.rules or ""), html_to_text(call.eligibility or "")])),
            "extra": " ".join(text for c in call.categories or []
                              for text in [c["title"], *((c.get("translations") or {}).get("title") or {}).values()]),
            "url": request.route_path("award_call", call=call.id), "date": call.opens,
            "language": default_language(request)}


def award_facets(request: Request, obj: Any) -> dict[str, list[str]]:
    outcomes = sorted({entry.outcome for entry, _call in public_outcomes(request, obj)})
    return {"award": outcomes} if outcomes else {}


def award_badges(request, obj):
    badges = []
    for entry, call in public_outcomes(request, obj):
        if entry.outcome == "winner":
            title = _("Winner of the ${edition} ${title}: ${category}",
                      mapping={"edition": call.edition, "title": call.title_in(request.locale_name),
                               "category": call.category_title(entry.category, request.locale_name)})
        else:
            title = _("Special mention of the ${edition} ${title}", mapping={"edition": call.edition, "title": call.title_in(request.locale_name)})
        badges.append({"title": translate(title, request), "url": request.route_path("award_results", call=call.id)})
    return badges


def hidden_from_jurors(request):
    """While a blind evaluation runs (from the assignment until the results are public), the call's jurors
    do not find its entries' experiences in the search: pasting an entry's title there would name the
    applicant."""
    user = request.user
    if user is None:
        return ()
    from .models import Juror
    now = clock.now()
    stmt = (select(AwardEntry.experience_id).join(AwardCall, AwardEntry.call_id == AwardCall.id)
            .join(Juror, Juror.call_id == AwardCall.id)
            .where(Juror.user_id == user.id, AwardCall.blind.is_(True), AwardCall.assigned.is_not(None),
                   AwardCall.results_date > now, AwardEntry.experience_id.is_not(None)))
    return {f"experience:{experience_id}" for experience_id in request.dbsession.scalars(stmt)}
