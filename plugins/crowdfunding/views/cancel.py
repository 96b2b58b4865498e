"""The secretariat cancels a pledge a supporter withdraws: it stops counting and its reward is released
for someone else (pledges.cancel_pledge); a pledge already paid is refunded (its amount recorded as given
back)."""
from pyramid.view import view_config

from portal.api import ConfirmView, _, clock

from ..pledges import cancel_pledge
from .common import OfPledge, amount_text


@view_config(route_name="campaign_pledge_cancel", permission="manage_pledges")
class CancelPledge(OfPledge, ConfirmView):
    button = _("Cancel the pledge")
    danger = True

    def page_title(self):
        return _("Cancel the pledge ${reference}", mapping={"reference": self.pledge.reference})

    @property
    def intro(self):
        pledge = self.pledge
        mapping = {"amount": amount_text(self.request, pledge.campaign, pledge.amount), "who": pledge.name or "—",
                   "email": pledge.email}
        if pledge.state == "paid":
            return _("The pledge of ${amount} paid by ${who} (${email}) stops counting and is recorded as refunded: "
                     "send the money back to the supporter. Its reward is released.", mapping=mapping)
        return _("The pledge of ${amount} by ${who} (${email}) stops counting. Its reward is released.",
                 mapping=mapping)

    def confirm_success(self):
        state = cancel_pledge(self.request.dbsession, self.pledge, clock.now())
        if state is None:
            self.request.flash(_("This pledge was cancelled already: nothing was changed."), "error")
            return self.done(None, self.cancel_url())
        if state == "refunded":
            return self.done(_("Pledge cancelled; its refund is recorded."), self.cancel_url())
        return self.done(_("Pledge cancelled."), self.cancel_url())
