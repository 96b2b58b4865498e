"""What a member's profile and a region's pages show of the awards: entries and wins of the calls
whose results are public (nothing before the publication date)."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import SectionItem, TimelineEntry
from portal.api import keep_for
from portal.api import _, translate
from portal.api import Member

from portal.api import clock
from .models import AwardCall, AwardEntry
from .format import OUTCOME_TITLES


def _items(request: Request, where: Any, limit: int, winners_only: bool = False) -> list[SectionItem]:
    keep_for(request, 300)  # results appear at their date, not when something is saved
    stmt = (select(AwardEntry).join(AwardCall, AwardEntry.call_id == AwardCall.id)
            .where(AwardCall.results_date <= clock.now(), AwardEntry.status == "submitted",
                   AwardEntry.eligible.is_(True), where)
            .order_by(AwardCall.results_date.desc(), AwardEntry.outcome.is_(None), AwardEntry.id).limit(limit))
    if winners_only:
        stmt = stmt.where(AwardEntry.outcome.is_not(None))
    items: list[SectionItem] = []
    for entry in request.dbsession.scalars(stmt):
        call = entry.call
        url = (request.route_path("experience.view", id=entry.experience_id)
               if entry.experience is not None and entry.experience.state == "published"
               else request.route_path("award_results", call=call.id))
        item: SectionItem = {"title": entry.title, "url": url, "note": f"{call.edition} {call.title}"}
        if entry.outcome:
            item["badge"] = translate(OUTCOME_TITLES[entry.outcome], request)
        items.append(item)
    return items


def open_calls(request: Request, _key: Any, limit: int) -> list[SectionItem]:
    """Calls open for entries, or opening soon (on the home page)."""
    keep_for(request, 300)
    from .format import when
    now = clock.now()
    stmt = select(AwardCall).where(AwardCall.closes > now).order_by(AwardCall.closes).limit(limit)
    items: list[SectionItem] = []
    for call in request.dbsession.scalars(stmt):
        if call.state_at(now) == "open":
            note = translate(_("Entries until ${date}", mapping={"date": when(request, call, call.closes)}), request)
        else:
            note = translate(_("Opens on ${date}", mapping={"date": when(request, call, call.opens)}), request)
        items.append({"title": f"{call.edition} {call.title}", "url": request.route_path("award_call", call=call.id),
                      "note": note})
    return items


def member_awards(request: Request, member: Any, limit: int) -> list[SectionItem]:
    return _items(request, AwardEntry.member_id == member.id, limit)


TIMELINE_KINDS = {"award-entry": (_("Award entry"), _("Award entries")), "prize": (_("Prize"), _("Prizes"))}


def award_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    """The member's entries and prizes, only once the call's results are public: before that, under a blind
    review, nobody outside the secretariat may learn who entered; drafts and ineligible entries never show."""
    keep_for(request, 300)  # results appear at their date, not when something is saved
    stmt = (select(AwardEntry).join(AwardCall, AwardEntry.call_id == AwardCall.id)
            .where(AwardCall.results_date <= clock.now(), AwardEntry.status == "submitted",
                   AwardEntry.eligible.is_(True), AwardEntry.member_id == member.id))
    for entry in request.dbsession.scalars(stmt):
        call = entry.call
        url = (request.route_path("experience.view", id=entry.experience_id)
               if entry.experience is not None and entry.experience.state == "published" else None)
        edition = f"{call.edition} {call.title_in(request.locale_name)}"
        yield TimelineEntry(when=entry.submitted or call.closes, kind="award-entry", title=entry.title,
                            url=url or request.route_path("award_call", call=call.id), note=edition)
        if entry.outcome:
            yield TimelineEntry(when=call.results_date, kind="prize",
                                title=translate(OUTCOME_TITLES[entry.outcome], request) + " · " + entry.title,
                                url=request.route_path("award_results", call=call.id), note=edition)


def region_awards(request: Request, region: Any, limit: int) -> list[SectionItem]:
    members = select(Member.id).where(Member.region == region)
    return _items(request, AwardEntry.member_id.in_(members), limit, winners_only=True)
