"""The secretariat's pledges of a campaign: their states, "Record payment" (a pledge paid: its receipt
mailed in the supporter's language), the CSV export."""
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, _, page, translate

from ..models import Pledge
from ..payments import PAYABLE, provider, record_paid
from ..pledges import paid_total
from .campaigns import committed_text
from .commitments import commitments_of
from .common import OfPledge, amount_text, figures, trail

STATE_TITLES = {"pledged": _("Waiting for payment"), "committed": _("Committed, waiting for payment"),
                "paid": _("Paid"), "cancelled": _("Cancelled"), "refunded": _("Refunded")}
METHOD_NAMES = {"transfer": _("Bank transfer"), "offline": _("Other")}


@view_config(route_name="campaign_pledges", renderer="plugins.crowdfunding:templates/pledges.pt",
             permission="manage_pledges")
def pledges(request):
    campaign = request.context
    request.response.cache_control.private = True
    rows = request.dbsession.scalars(select(Pledge).where(Pledge.campaign_id == campaign.id)
                                     .order_by(Pledge.id.desc())).all()
    return page(request, translate(_("Pledges"), request), trail(request, campaign), campaign=campaign,
                pledges=rows, fig=figures(request, campaign),
                paid_text=amount_text(request, campaign, paid_total(request.dbsession, campaign.id)),
                amount=lambda minor: amount_text(request, campaign, minor),
                state_title=lambda p: translate(STATE_TITLES[p.state], request),
                method_title=lambda p: translate(provider(p.method).short_title, request),
                commitments=commitments_of(request, rows), committed_text=committed_text(request, campaign),
                recordable=lambda p: p.state in PAYABLE and provider(p.method).recorded_by_secretariat)


@view_config(route_name="campaign_pledge_paid", permission="manage_pledges")
class RecordPayment(OfPledge, ConfirmView):
    button = _("Record payment")

    def page_title(self):
        return _("Record the payment of ${reference}", mapping={"reference": self.pledge.reference})

    @property
    def intro(self):
        pledge = self.pledge
        return _("${amount} from ${who} (${email}) was received. The supporter gets a receipt by e-mail.",
                 mapping={"amount": amount_text(self.request, pledge.campaign, pledge.amount),
                          "who": pledge.name or "—", "email": pledge.email})

    def confirm_success(self):
        if not record_paid(self.request, self.pledge):
            self.request.flash(_("This pledge is not waiting for a payment: nothing was changed."), "error")
            return self.done(None, self.cancel_url())
        return self.done(_("Payment recorded; the receipt is on its way."), self.cancel_url())
