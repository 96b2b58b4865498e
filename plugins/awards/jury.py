"""The jury: jurors invited, entries assigned to them (never to a juror of the entry's own organisation
or country, declared conflicts reassigned), and the ranking of the entries."""
import statistics
from collections import Counter, defaultdict

from portal.api import _
from portal.api import User

from portal.api import clock
from .models import Juror, Review

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
    # the jurors of the entry's reviews, those not flushed yet included (their juror_id is still None)
    taken = {r.juror.id if r.juror is not None else r.juror_id for r in entry.reviews}
    candidates = [j for j in call.jurors if j.id not in taken and not conflicted(j, entry)]
    if not candidates:
        return None
    return min(candidates, key=lambda j: (load[j.id], j.id))


def free_jurors(call, entry):
    """The jurors who may review the entry: no conflict (its present reviewers among them)."""
    return [j for j in call.jurors if not conflicted(j, entry)]


def waiting_for_eligibility(call):
    return [e for e in call.entries if e.status == "submitted" and e.eligible is None]


def unassigned(call):
    """The reviews still to assign: per eligible entry, how many it lacks."""
    return {e: call.reviews_per_entry - len(active_reviews(e)) for e in eligible_entries(call)
            if len(active_reviews(e)) < call.reviews_per_entry}


def short_of_jurors(call):
    """[(entry, jurors free of conflicts)] of the entries that cannot get their reviews."""
    return [(e, len(free_jurors(call, e))) for e in unassigned(call) if len(free_jurors(call, e)) < call.reviews_per_entry]


def assign(session, call):
    """Give every eligible entry the configured number of reviews, the least loaded juror first (the
    entries with the fewest possible jurors first, so they are not left without any), as far as the
    jurors free of conflicts go: what the demo does; the secretariat's pages use assign_entries."""
    for review in assign_new(call):
        session.add(review)


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


def progress(call):
    """[(juror, done, due)] and the call's totals."""
    rows, done_all, due_all = [], 0, 0
    by_juror = defaultdict(list)
    for entry in eligible_entries(call):
        for review in active_reviews(entry):
            by_juror[review.juror_id].append(review)
    for juror in call.jurors:
        reviews = by_juror.get(juror.id, [])
        done = sum(1 for r in reviews if r.weighted(call) is not None)
        rows.append((juror, done, len(reviews)))
        done_all += done
        due_all += len(reviews)
    return rows, done_all, due_all


def ranking(call, normalise=False):
    """[{"entry", "score", "normalised", "spread", "reviews", "partial", "due", "criteria"}] best first.
    Only complete reviews (every criterion scored) count; "partial" says how many are under way.
    Normalised: each juror's weighted scores as z-scores (a severe juror and a generous one count alike),
    averaged."""
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
        done = [r for r in active_reviews(entry) if r.weighted(call) is not None]
        partial = [r for r in active_reviews(entry) if r not in done and r.scored(call)]
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
                     "reviews": len(done), "partial": len(partial), "due": len(active_reviews(entry)),
                     "criteria": per_criterion})
    key = "normalised" if normalise else "score"
    rows.sort(key=lambda r: (r[key] is None, -(r[key] or 0), r["entry"].id))
    return rows


def disagreements(rows):
    return [r for r in rows if r["spread"] >= DISAGREEMENT]


class AssignmentRefused(ValueError):
    """Why the entries cannot be assigned now; `message` is translatable. Nothing was assigned."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def assign_entries(request, call) -> Counter:
    """Assign every eligible entry its reviews, all or none: what is missing first (the call still open,
    eligibility undecided, too few jurors free of conflicts) is refused with its reason. Each juror given
    entries is told by mail; returns {juror: entries added}."""
    from .mail import tell_juror
    if call.state in ("upcoming", "open"):
        raise AssignmentRefused(_("Entries are assigned once the call has closed."))
    waiting = waiting_for_eligibility(call)
    if waiting:
        raise AssignmentRefused(_("${count} entries wait for the eligibility check: decide on them first, then "
                                  "assign.", mapping={"count": len(waiting)}))
    if not eligible_entries(call):
        raise AssignmentRefused(_("No entry is eligible: there is nothing to assign."))
    short = short_of_jurors(call)
    if short:
        fewest = min(free for _entry, free in short)
        raise AssignmentRefused(_("${per} reviews per entry need at least ${per} jurors without a conflict; you have "
                                  "${have} for ${count} of the entries. Add jurors (or ask for fewer reviews per "
                                  "entry), then assign again.",
                                  mapping={"per": call.reviews_per_entry, "have": fewest, "count": len(short)}))
    if not unassigned(call):
        raise AssignmentRefused(_("Every eligible entry has its ${per} reviews already.",
                                  mapping={"per": call.reviews_per_entry}))
    added = Counter()
    for review in assign_new(call):
        request.dbsession.add(review)
        added[review.juror] += 1
    call.assigned = call.assigned or clock.now()
    for juror, count in added.items():
        tell_juror(request, call, juror, count)
    return added


def assign_new(call) -> list:
    """The reviews that give every eligible entry its count (see assign), not added to any session."""
    load = _load(call)
    new = []
    entries = sorted(eligible_entries(call), key=lambda e: (len(free_jurors(call, e)), e.id))
    for entry in entries:
        while len(active_reviews(entry)) < call.reviews_per_entry:
            juror = _pick(call, entry, load)
            if juror is None:
                break
            new.append(Review(entry=entry, juror=juror, scores={}, comments={}))
            load[juror.id] += 1
    return new


def invite_juror(request, call, email, name="", country=""):
    """Put someone on the jury (an account is created for someone new) and tell them by mail; None when
    they already are."""
    from .mail import invitation_mail
    email = email.strip().lower()
    from sqlalchemy import select
    user = request.dbsession.scalar(select(User).where(User.email == email))
    created = user is None
    if created:
        user = User(email=email, name=name.strip() or email.split("@")[0], role=None, language=request.locale_name)
        request.dbsession.add(user)
        request.dbsession.flush()
    if any(j.user_id == user.id for j in call.jurors):
        return None
    juror = Juror(call=call, user_id=user.id, country=country or "")
    request.dbsession.add(juror)
    request.dbsession.flush()
    invitation_mail(request, call, juror, created)
    return juror
