"""The presidency's vote: a secret election among the eligible candidacies of a call, held at a plenary
or as a written procedure with the votes' own code (one ballot per organisation, the census frozen and
published at the close, receipts and the ballot box's hash). When the secretariat closes it, a winner
is announced on the call's page, mailed to every representative in their language and put on the
winner's timeline; the same announcement as the secretariat's result form."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Member, User, _, clock, default_language, send_template, translate_to

from .models import Motion
from .presidency import PresidencyCall
from .votes import open_vote, result_of


def eligible(call):
    return [c for c in call.candidacies if c.eligibility == "eligible"]


def hold_vote(request, call, meeting_id=None, days=14) -> Motion:
    """The call's election: at the meeting (opened there by the secretariat), or a written procedure open
    from now for `days` days."""
    motion = Motion(title=call.title, text="", meeting_id=meeting_id, rule="simple", secret=True,
                    options=[{"key": f"c{c.id}", "title": c.member.name} for c in eligible(call)])
    if call.translations and call.translations.get("title"):
        motion.translations = {"title": dict(call.translations["title"])}
    lang = default_language(request)
    motion.text = "<p>{}</p>".format(translate_to(request, _(
        "A secret vote of the member organisations among the eligible candidacies for the presidency of the "
        "network in ${year}: one ballot per organisation, with a receipt to check it was counted.",
        mapping={"year": call.year}), lang))
    if meeting_id is None:
        now = clock.now()
        open_vote(motion, now, now + timedelta(days=days))
    request.dbsession.add(motion)
    request.dbsession.flush()
    call.vote_id = motion.id
    return motion


def announce(request, call, winner, note="", vote_id=None) -> None:
    """The result, once: the elected candidacy, mailed to every active member organisation's representatives."""
    winner.elected, call.result_note = True, note
    if vote_id is not None:
        call.vote_id = vote_id
    call.announced = clock.now()
    url = request.route_url("governance.presidency", year=call.year)
    people = request.dbsession.scalars(select(User).join(Member, Member.id == User.member_id)
                                       .where(Member.status == "active", User.active.is_(True)).order_by(User.id))
    for person in people:
        send_template(request, "governance:presidency_result", person, year=call.year,
                      winner=winner.member.name, note=call.result_note, url=url)


def announce_vote_result(request, motion) -> bool:
    """After a vote's close: if it is a call's election and elected a candidacy, announce it."""
    if not motion.options:
        return False
    call = request.dbsession.scalars(select(PresidencyCall).where(PresidencyCall.vote_id == motion.id)).first()
    key = (motion.record or {}).get("winner")
    if call is None or call.announced is not None or key is None:
        return False
    winner = next((c for c in eligible(call) if f"c{c.id}" == key), None)
    if winner is None:
        return False
    lang = default_language(request)
    note = translate_to(request, _("Secret vote of the member organisations: ${result}.", mapping={
        "result": result_of(motion).explanation(lambda term: translate_to(request, term, lang))}), lang)
    announce(request, call, winner, note=note, vote_id=motion.id)
    return True
