"""Assigning entries to jurors, reassigning on a declared conflict, and the ranking of the entries."""
import statistics
from collections import defaultdict

from sqlalchemy import select

from .models import Review

DISAGREEMENT = 3.0  # points out of 10 between the highest and the lowest weighted score of one entry


def entry_countries(entry):
    found = {entry.member.country} if entry.member is not None else set()
    if entry.experience is not None:
        found.add(entry.experience.country)
    return found


def conflicted(juror, entry):
    """Whether the juror may not review the entry: same member organisation, same country, or declared."""
    if juror.user.member_id is not None and juror.user.member_id == entry.member_id:
        return True
    if juror.countries & entry_countries(entry):
        return True
    return any(r.juror_id == juror.id and r.conflict for r in entry.reviews)


def eligible_entries(call):
    return [e for e in call.entries if e.status == "submitted" and e.eligible]


def active_reviews(entry):
    return [r for r in entry.reviews if not r.conflict]


def _load(call):
    load = defaultdict(int)
    for entry in call.entries:
        for review in active_reviews(entry):
            load[review.juror_id] += 1
    return load


def _pick(call, entry, load):
    taken = {r.juror_id for r in entry.reviews}
    candidates = [j for j in call.jurors if j.id not in taken and not conflicted(j, entry)]
    if not candidates:
        return None
    return min(candidates, key=lambda j: (load[j.id], j.id))


def assign(session, call):
    """Give every eligible entry the configured number of reviews, the least loaded juror first.
    Returns the entries left short (not enough jurors free of conflicts)."""
    load = _load(call)
    short = []
    # the entries with the fewest possible jurors first, so they are not left without any
    entries = sorted(eligible_entries(call),
                     key=lambda e: (sum(1 for j in call.jurors if not conflicted(j, e)), e.id))
    for entry in entries:
        while len(active_reviews(entry)) < call.reviews_per_entry:
            juror = _pick(call, entry, load)
            if juror is None:
                short.append(entry)
                break
            review = Review(entry=entry, juror=juror, scores={}, comments={})
            session.add(review)
            load[juror.id] += 1
    return short


def declare_conflict(session, review, reason):
    """The juror steps aside; the entry goes to another juror. Returns the new review or None."""
    review.conflict = True
    review.conflict_reason = reason
    review.scores, review.comments, review.done = {}, {}, None
    call = review.entry.call
    juror = _pick(call, review.entry, _load(call))
    if juror is None:
        return None
    new = Review(entry=review.entry, juror=juror, scores={}, comments={})
    session.add(new)
    return new


def reviews_of(session, juror):
    return session.scalars(select(Review).where(Review.juror_id == juror.id, Review.conflict.is_(False))
                           .order_by(Review.id)).all()


def progress(call):
    """[(juror, done, due)] and the call's totals."""
    rows, done_all, due_all = [], 0, 0
    by_juror = defaultdict(list)
    for entry in eligible_entries(call):
        for review in active_reviews(entry):
            by_juror[review.juror_id].append(review)
    for juror in call.jurors:
        reviews = by_juror.get(juror.id, [])
        done = sum(1 for r in reviews if r.done is not None)
        rows.append((juror, done, len(reviews)))
        done_all += done
        due_all += len(reviews)
    return rows, done_all, due_all


def ranking(call, normalise=False):
    """[{"entry", "score", "normalised", "spread", "reviews", "scores"}] best first. Normalised: each
    juror's weighted scores as z-scores (a severe juror and a generous one count alike), averaged."""
    per_juror = defaultdict(list)
    for entry in eligible_entries(call):
        for review in active_reviews(entry):
            value = review.weighted(call)
            if value is not None:
                per_juror[review.juror_id].append(value)
    stats = {}
    for juror_id, values in per_juror.items():
        mean = statistics.fmean(values)
        sd = statistics.pstdev(values) if len(values) > 1 else 0.0
        stats[juror_id] = (mean, sd)
    rows = []
    for entry in eligible_entries(call):
        done = [r for r in active_reviews(entry) if r.done is not None]
        values = [r.weighted(call) for r in done]
        z = []
        for r, v in zip(done, values):
            mean, sd = stats[r.juror_id]
            z.append((v - mean) / sd if sd else 0.0)
        per_criterion = {c["key"]: (statistics.fmean(r.scores.get(c["key"], 0) for r in done) if done else None)
                         for c in call.criteria}
        rows.append({"entry": entry, "score": statistics.fmean(values) if values else None,
                     "normalised": statistics.fmean(z) if z else None,
                     "spread": (max(values) - min(values)) if len(values) > 1 else 0.0,
                     "reviews": len(done), "due": len(active_reviews(entry)), "criteria": per_criterion})
    key = "normalised" if normalise else "score"
    rows.sort(key=lambda r: (r[key] is None, -(r[key] or 0), r["entry"].id))
    return rows


def disagreements(rows):
    return [r for r in rows if r["spread"] >= DISAGREEMENT]
