"""/campaigns (open, funded, past: cards with their covers) and what a campaign's page shows besides
the core's content view: its progress, budget lines, rewards and supporters."""
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import Member, _, here_and_there, page, translate, translated

from ..expenses import planned_and_spent
from ..commitments import Commitment, committed_total
from ..models import COUNTED, Campaign, Pledge
from ..matching import matched_totals
from ..pledges import totals
from ..schemas import RULE_TITLES
from .extras import campaign_extras
from .common import amount_text, can_manage, depends_on_the_clock, figures, reward_left_text

GROUPS = (("open", _("Open campaigns")), ("funded", _("Funded")), ("past", _("Past campaigns")))


def group_of(fig):
    if fig["phase"] != "ended":
        return "open"
    return "funded" if fig["funded"] else "past"


@view_config(route_name="campaigns", renderer="plugins.crowdfunding:templates/listing.pt", permission="view")
def campaigns(request):
    depends_on_the_clock(request)
    session = request.dbsession
    rows = session.scalars(select(Campaign).where(Campaign.state == "published")
                           .order_by(Campaign.ends.desc(), Campaign.id)).all()
    found = totals(session, [c.id for c in rows])
    matched = matched_totals(session, [c.id for c in rows])
    groups = {name: [] for name, _title in GROUPS}
    for campaign in rows:
        fig = figures(request, campaign, *found[campaign.id], matched=matched[campaign.id])
        groups[group_of(fig)].append({"obj": campaign, "title": translated(request, campaign, "title"), **fig})
    groups["open"].sort(key=lambda card: card["obj"].ends)  # the nearest end first
    manage = bool(request.has_permission("add:campaign", request.site))
    drafts = session.scalars(select(Campaign).where(Campaign.state != "published")
                             .order_by(Campaign.id.desc())).all() if manage else []
    return page(request, translate(_("Campaigns"), request),
                groups=[(name, title, groups[name]) for name, title in GROUPS], can_add=manage, drafts=drafts,
                covers=request.cover_images(rows))


def view_values(request, obj):
    """The campaign's page: progress, budget, rewards with what is left, the last supporters who gave
    their name."""
    depends_on_the_clock(request)
    fig = figures(request, obj)
    shown = request.dbsession.scalars(select(Pledge).where(Pledge.campaign_id == obj.id, Pledge.state.in_(COUNTED),
                                                           Pledge.anonymous.is_(False), Pledge.name != "")
                                      .order_by(Pledge.id.desc()).limit(12)).all()
    return {"fig": fig, "rule_title": translate(RULE_TITLES.get(obj.rule, obj.rule), request),
            "budget": [{"what": line["what"], "amount": amount_text(request, obj, line["amount"]),
                        "required": line["required"]} for line in obj.budget or []],
            "rewards": [{"amount": amount_text(request, obj, r.amount), "description": r.description,
                         "left": reward_left_text(request, r), "sold_out": r.left == 0} for r in obj.rewards],
            "supporters_shown": shown, "amount": lambda minor: amount_text(request, obj, minor),
            "manage_pledges": can_manage(request, obj), "action_text": obj.action, "closing": closing_values(request, obj),
            "leader": request.dbsession.get(Member, obj.member_id) if obj.member_id else None,
            "committed_text": committed_text(request, obj), "own_commitments": own_commitments(request, obj),
            **spending_values(request, obj), **campaign_extras(request, obj)}


def spending_values(request, obj):
    """Planned against spent per budget line (approved and paid expenses), shown during the campaign and
    after it; the owners' link to the expenses."""
    rows = planned_and_spent(request.dbsession, obj)

    def text(minor):
        return amount_text(request, obj, minor)
    return {"spending": [dict(r, planned_text=text(r["planned"]), spent_text=text(r["spent"]),
                              left_text=text(r["left"]), over=r["left"] < 0) for r in rows],
            "spent_total_text": text(sum(r["spent"] for r in rows)),
            "can_spend": bool(request.has_permission("spend", obj))}


def closing_values(request, obj):
    """How the campaign ended (closing.py), or that its second round is on."""
    when = here_and_there(request, obj.closed, obj.timezone) if obj.closed else ""
    refunded = request.dbsession.scalar(select(func.coalesce(func.sum(Pledge.refund_amount), 0)).where(
        Pledge.campaign_id == obj.id, Pledge.state == "refunded")) if obj.outcome == "failed" else 0
    return {"outcome": obj.outcome if obj.closed else "", "closed_text": when,
            "refunded_text": amount_text(request, obj, refunded or 0),
            "round_two": obj.round_two_started is not None and obj.closed is None}


def own_commitments(request, campaign):
    """The pledges the user made to the campaign in the name of their organisation: where their letters are."""
    if request.user is None:
        return []
    found = request.dbsession.scalars(select(Pledge).join(Commitment, Commitment.pledge_id == Pledge.id)
                                      .where(Pledge.campaign_id == campaign.id, Pledge.user_id == request.user.id)
                                      .order_by(Pledge.id)).all()
    return [{"reference": p.reference, "amount": amount_text(request, campaign, p.amount),
             "url": request.route_path("campaign_thanks", id=campaign.id, reference=p.reference)} for p in found]


def committed_text(request, campaign):
    """What member organisations committed and have not paid yet, or None."""
    committed = committed_total(request.dbsession, campaign.id)
    return amount_text(request, campaign, committed) if committed else None
