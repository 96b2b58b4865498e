"""What a campaign's page shows besides its progress and budget: its matchfunding pots (what each adds,
apart from what the supporters gave), its updates and its collective returns."""
from portal.api import _, here_and_there, translate

from ..matching import matched_by_pot
from ..returns import returns_of, shown_link
from ..updates import updates_of
from .common import amount_text


def pot_text(request, campaign, pot, matched):
    """"Antena Lisboa adds 100% of each pledge (at most €50.00 a pledge, €100.00 a person) from a pot of
    €2,000.00: €150.00 matched so far.\""""
    money = lambda minor: amount_text(request, campaign, minor)  # noqa: E731
    caps = []
    if pot.per_pledge is not None:
        caps.append(translate(_("at most ${amount} a pledge", mapping={"amount": money(pot.per_pledge)}), request))
    if pot.per_person is not None:
        caps.append(translate(_("at most ${amount} a person", mapping={"amount": money(pot.per_person)}), request))
    mapping = {"matcher": pot.matcher, "percent": pot.factor_percent, "total": money(pot.total),
               "matched": money(matched), "caps": ", ".join(caps)}
    if caps:
        return translate(_("${matcher} adds ${percent}% of each pledge (${caps}) from a pot of ${total}: "
                           "${matched} matched so far.", mapping=mapping), request)
    return translate(_("${matcher} adds ${percent}% of each pledge from a pot of ${total}: ${matched} matched so far.",
                       mapping=mapping), request)


def campaign_extras(request, obj):
    session = request.dbsession
    pots = matched_by_pot(session, obj.id)
    return {
        "pots": [pot_text(request, obj, pot, matched) for pot, matched in pots],
        "matchers": ", ".join(pot.matcher for pot, matched in pots if matched),
        "updates": updates_of(session, obj.id),
        "when": lambda moment: here_and_there(request, moment, obj.timezone),
        "returns": [{"description": r.description, "fulfilled": r.fulfilled,
                     "link": shown_link(request, r.link) if r.fulfilled else None} for r in returns_of(session, obj.id)],
        "can_post_updates": bool(request.has_permission("post_updates", obj)),
    }
