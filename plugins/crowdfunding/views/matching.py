"""/campaigns/{id}/matching: the secretariat puts matchfunding pots on a campaign (who matches, the
factor, the caps per pledge and per person, the pot) and sees what each has matched so far."""
import colander
import deform
from pyramid.view import view_config

from portal.api import FormView, _, translated

from ..matching import BadFactor, MatchPot, factor_to_percent, matched_by_pot, percent_to_factor
from ..money import BadAmount, plain, to_minor
from ..rows import keep_rows
from ..schemas import AMOUNT_INPUT, RowsWidget, _row_error, _text, amount_error
from .common import OfCampaign, amount_text

AMOUNTS = ("per_pledge", "per_person", "total")  # the amount fields of a pot's row


def amount_input(name, title, **kw):
    return _text(name, title, 30, widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT), **kw)


def pots_node():
    row = colander.SchemaNode(
        colander.Mapping(),
        colander.SchemaNode(colander.String(), name="pot_id", missing="", widget=deform.widget.HiddenWidget()),
        _text("matcher", _("Who matches (an antenna, a partner institution)"), 300),
        _text("factor", _("Factor"), 10, description=_("What is added to each pledge: 1 doubles it, 0.5 adds half."),
              widget=deform.widget.TextInputWidget(attributes={"inputmode": "decimal", "size": "6"})),
        amount_input("per_pledge", _("At most per pledge (empty: no cap)")),
        amount_input("per_person", _("At most per person (empty: no cap)"),
                     description=_("Pledges made with one e-mail address are one person's.")),
        amount_input("total", _("The pot (the most it adds in all)")),
        name="pot", title=_("Pot"))
    return colander.SchemaNode(colander.Sequence(), row, name="pots", title=_("Matchfunding pots"), missing=[],
                               widget=RowsWidget(), description=_("Leave a pot's matcher empty to remove it."))


@colander.deferred
def deferred_check_pots(node, kw):
    """Each pot's factor and amounts read in the campaign's currency (kept as "factor_percent" and
    "<field>_minor"); the pot itself required."""
    currency = kw["campaign"].currency

    def check(form, value):
        errors: dict = {}
        for index, row in enumerate(value.get("pots") or []):
            if not (row.get("matcher") or "").strip():
                continue
            try:
                row["factor_percent"] = factor_to_percent(row.get("factor") or "")
            except BadFactor:
                _row_error(form, errors, "pots", index, "factor",
                           _("A number above zero with at most two decimals, such as 1 or 0.5."))
            for name in AMOUNTS:
                typed = (row.get(name) or "").strip()
                if not typed and name != "total":
                    row[f"{name}_minor"] = None
                    continue
                try:
                    row[f"{name}_minor"] = to_minor(typed, currency)
                except BadAmount as exc:
                    _row_error(form, errors, "pots", index, name,
                               _("How much the pot holds.") if not typed else amount_error(exc.reason, currency))
        if errors:
            error = colander.Invalid(form)
            error.add(errors["pots"], form.children.index(form["pots"]))
            raise error
    return check


class PotsSchema(colander.Schema):
    pots = pots_node()


def fill_pot(pot, row):
    pot.matcher, pot.factor_percent = row["matcher"].strip(), row["factor_percent"]
    pot.per_pledge, pot.per_person, pot.total = row["per_pledge_minor"], row["per_person_minor"], row["total_minor"]


@view_config(route_name="campaign_matching", permission="manage_pledges")
class MatchingView(OfCampaign, FormView):
    renderer = "plugins.crowdfunding:templates/matching.pt"

    def get_schema(self):
        return PotsSchema(validator=deferred_check_pots)

    def bind(self):
        return {"campaign": self.campaign}

    def page_title(self):
        return _("Matchfunding of “${campaign}”", mapping={"campaign": translated(self.request, self.campaign, "title")})

    def values(self):
        self.request.response.cache_control.private = True
        money = lambda minor: amount_text(self.request, self.campaign, minor)  # noqa: E731
        return {"campaign": self.campaign, "pots": [
            {"matcher": pot.matcher, "factor": percent_to_factor(pot.factor_percent), "matched": money(done),
             "left": money(pot.total - done), "total": money(pot.total)}
            for pot, done in matched_by_pot(self.request.dbsession, self.campaign.id)]}

    def appstruct(self):
        currency = self.campaign.currency
        shown = lambda minor: "" if minor is None else plain(minor, currency)  # noqa: E731
        return {"pots": [{"pot_id": str(pot.id), "matcher": pot.matcher, "factor": percent_to_factor(pot.factor_percent),
                          **{name: shown(getattr(pot, name)) for name in AMOUNTS}}
                         for pot, _done in matched_by_pot(self.request.dbsession, self.campaign.id)]}

    def save_success(self, appstruct):
        session = self.request.dbsession
        existing = [pot for pot, _done in matched_by_pot(session, self.campaign.id)]
        keep_rows(session, existing, appstruct["pots"], "pot_id", "matcher",
                  lambda: MatchPot(campaign_id=self.campaign.id), fill_pot)
        return self.done(_("Matchfunding saved."), self.request.route_url("campaign.view", id=self.campaign.id))
