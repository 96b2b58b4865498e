"""Exports: entries and scores for the secretariat (CSV), the winners as open data."""
from collections.abc import Iterator
from sqlalchemy import select

from portal.api import ExportRow, Request, clock
from .jury import ranking
from .models import AwardCall

ENTRY_COLUMNS = ("call", "edition", "entry", "member", "country", "experience", "category", "status", "submitted",
                 "eligible", "eligibility_reason", "reviews", "score", "normalised_score", "outcome", "answers")
SCORE_COLUMNS = ("call", "entry", "experience", "juror", "criterion", "weight", "score", "comment", "done")
WINNER_COLUMNS = ("edition", "call", "year", "category", "outcome", "experience", "member", "city", "country",
                  "url", "results_url")


def _calls(request):
    stmt = select(AwardCall).order_by(AwardCall.opens.desc())
    wanted = request.GET.get("call", "")
    if wanted.isdigit():
        stmt = stmt.where(AwardCall.id == int(wanted))
    return request.dbsession.scalars(stmt).all()


def entry_rows(request: Request) -> Iterator[ExportRow]:
    for call in _calls(request):
        scored = {row["entry"].id: row for row in ranking(call)}
        for entry in call.entries:
            row = scored.get(entry.id, {})
            yield {"call": call.id, "edition": call.edition, "entry": entry.id, "member": entry.member.name,
                   "country": entry.member.country, "experience": entry.title,
                   "category": call.category_title(entry.category), "status": entry.status,
                   "submitted": entry.submitted.isoformat() if entry.submitted else "",
                   "eligible": "" if entry.eligible is None else ("yes" if entry.eligible else "no"),
                   "eligibility_reason": entry.eligibility_reason, "reviews": row.get("reviews", 0),
                   "score": "" if row.get("score") is None else round(row["score"], 3),
                   "normalised_score": "" if row.get("normalised") is None else round(row["normalised"], 3),
                   "outcome": entry.outcome or "",
                   "answers": [f"{q['title']}: {entry.answers.get(q['key'], '')}" for q in call.questions]}


def score_rows(request: Request) -> Iterator[ExportRow]:
    for call in _calls(request):
        for entry in call.entries:
            for review in entry.reviews:
                if review.conflict or review.done is None:
                    continue
                for c in call.criteria:
                    yield {"call": call.id, "entry": entry.id, "experience": entry.title,
                           "juror": review.juror.user.email, "criterion": c["title"], "weight": c["weight"],
                           "score": review.scores.get(c["key"], ""), "comment": review.comments.get(c["key"], ""),
                           "done": review.done.isoformat()}


def winner_rows(request: Request) -> Iterator[ExportRow]:
    now = clock.now()
    for call in request.dbsession.scalars(select(AwardCall).where(AwardCall.results_date <= now)
                                          .order_by(AwardCall.results_date.desc())):
        for entry in call.entries:
            if not entry.outcome or entry.status != "submitted" or not entry.eligible:
                continue
            exp = entry.experience
            yield {"edition": call.edition, "call": call.title, "year": call.local(call.results_date).year,
                   "category": call.category_title(entry.category), "outcome": entry.outcome,
                   "experience": entry.title, "member": entry.member.name, "city": exp.city if exp else "",
                   "country": entry.member.country,
                   "url": request.route_url("experience.view", id=exp.id) if exp is not None and exp.state == "published" else "",
                   "results_url": request.route_url("award_results", call=call.id)}
