"""The pledge form /campaigns/{id}/pledge (anyone, with or without an account) and its thank-you page
with the bank reference. The same form sent twice makes one pledge (pledges.make_pledge); a refused
pledge comes back with everything typed."""
import colander
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, here_and_there, page, translate, translated

from ..closing import open_round_two, round_two_due
from ..models import Pledge
from ..commitments import represented
from ..money import BadAmount, to_minor
from ..payments import provider
from ..pledges import SoldOut, make_pledge, new_key
from ..schemas import PledgeSchema, amount_error
from .commitments import check_signatory, commit_pledge, commitment_links, organisation_nodes
from .common import OfCampaign, amount_text, depends_on_the_clock, figures

TEMPLATE = "plugins.crowdfunding:templates/pledge.pt"


def closed_message(request, campaign):
    if campaign.phase() == "upcoming":
        return _("This campaign opens on ${start}: pledges are accepted from then.",
                 mapping={"start": here_and_there(request, campaign.starts, campaign.timezone)})
    return _("This campaign ended on ${end}: it accepts no more pledges.",
             mapping={"end": here_and_there(request, campaign.final_end, campaign.timezone)})


@colander.deferred
def deferred_check_pledge(node, kw):
    """The amount in the campaign's currency, at least its smallest pledge and the reward's amount."""
    campaign = kw["campaign"]

    def check(form, value):
        error = colander.Invalid(form)
        try:
            value["minor"] = minor = to_minor(value["amount"], campaign.currency)
        except BadAmount as exc:
            error["amount"] = amount_error(exc.reason, campaign.currency)
            raise error from None
        request = kw["request"]
        if minor < max(campaign.min_pledge, 1):
            error["amount"] = _("The smallest pledge is ${amount}.",
                                mapping={"amount": amount_text(request, campaign, max(campaign.min_pledge, 1))})
        reward = next((r for r in campaign.rewards if str(r.id) == value.get("reward")), None)
        if value.get("reward") and reward is None:
            error["reward"] = _("Choose a reward of the list.")
        elif reward is not None and minor < reward.amount:
            error["reward"] = _("This reward is for pledges of ${amount} or more.",
                                mapping={"amount": amount_text(request, campaign, reward.amount)})
        value["reward_id"] = reward.id if reward is not None else None
        if error.children:
            raise error
    return check


@view_config(route_name="campaign_pledge", permission="view")
class PledgeView(OfCampaign, FormView):
    renderer = TEMPLATE
    buttons = (("pledge", _("Pledge")),)

    def get_schema(self):
        member = represented(self.request.user)
        if member is None:
            return PledgeSchema(validator=deferred_check_pledge)
        schema = PledgeSchema(validator=colander.deferred(
            lambda node, kw: check_signatory(deferred_check_pledge.wrapped(node, kw))))
        organisation_nodes(self.request, schema, member)
        return schema

    def bind(self):
        return {"campaign": self.campaign}

    def page_title(self):
        return _("Support “${campaign}”", mapping={"campaign": translated(self.request, self.campaign, "title")})

    def values(self):
        depends_on_the_clock(self.request)
        return {"campaign": self.campaign, "fig": figures(self.request, self.campaign),
                "closed": None if self.accepting else closed_message(self.request, self.campaign)}

    def appstruct(self):
        user = self.request.user
        return {"key": new_key(), "name": user.name if user else "", "email": user.email if user else "",
                "method": "transfer", "amount": self.campaign.min_pledge_amount,
                "signatory": user.name if user else ""}

    @property
    def accepting(self) -> bool:
        """Open, or in the minute between the end of round one and the start of a second round that is due
        (a pledge sent then starts it: open_round_two)."""
        if "_accepting" not in self.__dict__:
            self._accepting = self.campaign.is_open or (self.campaign.phase() == "ended" and
                                                        round_two_due(self.request, self.campaign) is not None)
        return self._accepting

    def __call__(self):
        if self.pressed() and not self.campaign.is_open and self.accepting:
            open_round_two(self.request, self.campaign)
        if self.pressed() and not self.campaign.is_open:
            self.request.response.status = 400
            return self.show(None)
        if not self.accepting:
            return self.show(None)
        return super().__call__()

    def pledge_success(self, appstruct):
        values = dict(appstruct, amount=appstruct["minor"])
        member = represented(self.request.user)
        if appstruct.get("organisation") and member is not None:
            values.update(name=member.name, anonymous=False)  # the organisation's name among the supporters
        try:
            pledge, new = make_pledge(self.request, self.campaign, values)
            commit_pledge(self.request, pledge, appstruct)
        except SoldOut:
            self.request.dbsession.expire(self.campaign, ["rewards"])
            self._form = None  # the rewards offered again, with what is left now
            message = _("The reward you chose was taken by other supporters meanwhile: choose another one, or none. "
                        "Everything else you wrote is kept.")
            return self.refuse(dict(appstruct, reward=""), message, field="reward")
        elsewhere = provider(pledge.method).start(pledge, self.request) if new else None
        return self.done(None, elsewhere or self.request.route_url("campaign_thanks", id=pledge.campaign_id,
                                                                   reference=pledge.reference))


@view_config(route_name="campaign_thanks", renderer="plugins.crowdfunding:templates/thanks.pt", permission="view")
def thanks(request):
    campaign = request.context
    pledge = request.dbsession.scalars(select(Pledge).where(Pledge.campaign_id == campaign.id,
                                                            Pledge.reference == request.matchdict["reference"])).first()
    if pledge is None:
        raise HTTPNotFound()
    request.response.cache_control.private = True
    payment = provider(pledge.method)
    title = translated(request, campaign, "title")
    return page(request, translate(_("Thank you for your pledge"), request),
                [(_("Campaigns"), request.route_path("campaigns")),
                 (str(title), request.route_path("campaign.view", id=campaign.id))],
                campaign=campaign, pledge=pledge, amount=amount_text(request, campaign, pledge.amount),
                reward=pledge.reward, payment=payment, steps=payment.instructions(request, pledge),
                commitment=commitment_links(request, pledge))
