"""Results publication: when a call's publication date has passed, every applicant gets a mail with
their outcome and the winning experiences are reindexed (their award facet). Run without anyone by the
worker, a periodic task checked every minute (config.add_periodic_task), or by hand with
`portal awards-publish`."""
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select, update

from portal.api import _, translate_to
from portal.api import send_template
from portal.api import Request, reindex_later

from portal.api import clock
from .models import AwardCall

CHECK_EVERY = timedelta(minutes=1)  # how often the worker looks for results whose date has passed


def due_calls(session):
    return session.scalars(select(AwardCall).where(AwardCall.results_date <= clock.now(),
                                                   AwardCall.results_sent.is_(None))).all()


def outcome_text(request, entry, language):
    call = entry.call
    if entry.status != "submitted":
        return None
    if entry.eligible is False:
        return translate_to(request, _("Your entry was not eligible: ${reason}",
                                       mapping={"reason": entry.eligibility_reason}), language)
    if entry.outcome == "winner":
        return translate_to(request, _("Congratulations: your entry won the award in the category “${category}”.",
                                       mapping={"category": call.category_title(entry.category, language)}), language)
    if entry.outcome == "mention":
        return translate_to(request, _("Congratulations: the jury gave your entry a special mention."), language)
    return translate_to(request, _("Your entry was not among the winners this year. Thank you for taking part: "
                                   "the jury read every entry with care."), language)


def publish_call(request, session, call):
    """Queue the outcome mails of one call (once: the row is claimed with a conditional UPDATE, so two
    processes crossing the date together do not both send) and reindex its winning experiences."""
    claimed = session.execute(update(AwardCall).where(AwardCall.id == call.id, AwardCall.results_sent.is_(None))
                              .values(results_sent=clock.now()).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return 0
    mailer = SimpleNamespace(registry=request.registry, dbsession=session)
    url = request.route_url("award_results", call=call.id)
    sent = 0
    for entry in call.entries:
        outcome = None
        recipient = entry.submitter or next(iter(entry.member.representatives), None)
        if recipient is None:
            continue
        outcome = outcome_text(request, entry, recipient.language)
        if outcome is None:
            continue
        send_template(mailer, "awards:results", recipient, edition=call.edition, title=call.title_in(recipient.language),
                      entry=entry.title, outcome=outcome, url=url)
        sent += 1
        if entry.outcome and entry.experience is not None:
            for version in translations_of(session, entry.experience):  # the badge is on each of them
                reindex_later(session, version)
    return sent


def translations_of(session, experience):
    """The experience and its other language versions."""
    return session.scalars(select(type(experience)).where(
        type(experience).translation_group == experience.translation_group)).all()


def publish_due_results(request, session=None):
    """Publish every call whose date has passed and that was not published yet; returns the number of
    mails queued. Commits its own transaction when it opens its own session."""
    own = session is None
    if own:
        session = request.registry["dbsession_factory"](info={"request": request})
        session.begin()
    try:
        sent = 0
        for call in due_calls(session):
            sent += publish_call(request, session, call)
        if own:
            session.commit()
        return sent
    except Exception:
        if own:
            session.rollback()
        raise
    finally:
        if own:
            session.close()


def publish_task(request: Request) -> int:
    """The periodic task: in the worker's transaction; the number of mails queued."""
    return publish_due_results(request, request.dbsession)


def winners(call):
    return [e for e in call.entries if e.outcome and e.status == "submitted" and e.eligible]


def results_summary(call) -> dict:
    """What the results page says of the edition: entries received, from how many countries, the jury."""
    submitted = [e for e in call.entries if e.status == "submitted"]
    countries = {e.member.country for e in submitted if e.member is not None and e.member.country}
    return {"entries": len(submitted), "countries": len(countries),
            "jury": sorted(((j.user.name, sorted(j.countries)) for j in call.jurors), key=lambda p: p[0].casefold())}
