"""A juror's reviews: scores saved as they come (a review counts in the ranking once every criterion is
scored), the juror's progress, the next entry to read."""
from sqlalchemy import select

from portal.api import clock
from .models import Review


def reviews_of(session, juror):
    return session.scalars(select(Review).where(Review.juror_id == juror.id, Review.conflict.is_(False))
                           .order_by(Review.id)).all()


def save_scores(review, call, appstruct: dict) -> bool:
    """Keep the scores and comments given; the review is done when every criterion has a score.
    Returns whether it is."""
    scores = {}
    for c in call.criteria:
        value = appstruct.get(f"score_{c['key']}")
        if value is not None:
            scores[c["key"]] = value
    review.scores = scores
    review.comments = {c["key"]: appstruct.get(f"comment_{c['key']}", "") for c in call.criteria}
    review.done = clock.now() if review.complete(call) else None
    return review.done is not None


def form_values(review, call) -> dict:
    values = {}
    for c in call.criteria:
        if c["key"] in review.scores:
            values[f"score_{c['key']}"] = review.scores[c["key"]]
        values[f"comment_{c['key']}"] = review.comments.get(c["key"], "")
    return values


def juror_progress(reviews, call) -> tuple[int, int]:
    """(reviews done, reviews assigned) of one juror."""
    return sum(1 for r in reviews if r.complete(call)), len(reviews)


def next_review(review, reviews):
    """The next of the juror's reviews still to finish after this one (or before it, going round)."""
    call = review.entry.call
    ids = [r.id for r in reviews]
    if review.id not in ids:
        return None
    at = ids.index(review.id)
    for other in reviews[at + 1:] + reviews[:at]:
        if not other.complete(call):
            return other
    return reviews[at + 1] if at + 1 < len(reviews) else None
