"""The campaign form (a content item's form with the campaign's dates, budget lines and rewards) and the
pledge form. Amounts are typed with the currency's decimals and kept in minor units (money.py)."""
import colander
import deform

from portal.api import ContentSchema, LocalDateTime, _, email_node, local_moments, member_node, timezone_node
from portal.api import translatable_node

from .money import CURRENCIES, BadAmount, decimals, to_minor
from .models import RULES

BLANK_ROWS = 3  # empty rows under the budget lines and the rewards, to add some
AMOUNT_INPUT = {"inputmode": "decimal", "size": "10", "autocomplete": "off"}

RULE_TITLES = {
    "all_or_nothing": _("All or nothing: the pledges are collected only if the minimum is reached"),
    "keep_all": _("Keep what is raised, even under the minimum"),
}


def amount_error(reason, currency):
    """The translated refusal of an amount typed: not a number, negative, too many decimals."""
    if reason == "negative":
        return _("An amount cannot be negative.")
    if reason == "decimals":
        places = decimals(currency)
        if places == 0:
            return _("Amounts in ${currency} have no decimals.", mapping={"currency": currency})
        return _("Amounts in ${currency} have at most ${places} decimals.",
                 mapping={"currency": currency, "places": places})
    return _("Write an amount in figures, such as 25 or 25.50.")


class RowsWidget(deform.widget.SequenceWidget):
    """Rows edited without JavaScript: the rows there are, then empty ones to add some; a row left empty
    is dropped."""
    template = "plugins.crowdfunding:templates/deform/rows.pt"
    item_template = "plugins.crowdfunding:templates/deform/row.pt"

    def serialize(self, field, cstruct, **kw):
        if not getattr(field, "sequence_fields", None):  # shown, not sent back: add the empty rows
            rows = [] if cstruct in (colander.null, None) else list(cstruct)
            cstruct = rows + [colander.null] * BLANK_ROWS
        return super().serialize(field, cstruct, **kw)


def _text(name, title, length, **kw):
    return colander.SchemaNode(colander.String(), name=name, title=title, missing="",
                               validator=colander.Length(0, length), **kw)


def budget_node():
    row = colander.SchemaNode(
        colander.Mapping(),
        _text("what", _("What it pays for"), 300),
        _text("amount", _("Amount"), 30, widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT)),
        colander.SchemaNode(colander.Boolean(), name="required", title=_("Required (counts in the minimum)"),
                            missing=False, default=True),
        name="line", title=_("Budget line"))
    return colander.SchemaNode(colander.Sequence(), row, name="budget_lines", title=_("Budget"), missing=[],
                               widget=RowsWidget(),
                               description=_("The minimum is the sum of the required lines, the optimum the sum "
                                             "of all lines. Leave a line empty to remove it."))


def rewards_node():
    row = colander.SchemaNode(
        colander.Mapping(),
        colander.SchemaNode(colander.String(), name="reward_id", missing="", widget=deform.widget.HiddenWidget()),
        _text("amount", _("From a pledge of"), 30, widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT)),
        _text("description", _("What the supporter receives"), 1000, widget=deform.widget.TextAreaWidget(rows=2)),
        _text("quantity", _("How many (empty: unlimited)"), 6,
              widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric", "size": "6"})),
        name="reward", title=_("Reward"))
    return colander.SchemaNode(colander.Sequence(), row, name="reward_rows", title=_("Rewards"), missing=[],
                               widget=RowsWidget(),
                               description=_("Optional. A reward already chosen by a supporter is kept."))


def _row_error(form, errors, sequence, index, field, message):
    """An error at one field of one row of a sequence of the form."""
    seq_error = errors.setdefault(sequence, colander.Invalid(form[sequence]))
    row_node = form[sequence].children[0]
    row_error = next((e for e in seq_error.children if e.pos == index), None)
    if row_error is None:
        row_error = colander.Invalid(row_node)
        seq_error.add(row_error, index)
    row_error[field] = message


def has_pledges(request, campaign):
    from sqlalchemy import select
    from .models import Pledge
    return request.dbsession.scalar(select(Pledge.id).where(Pledge.campaign_id == campaign.id).limit(1)) is not None


def check_campaign(form, value):
    """Dates that exist in the campaign's zone and end after they start; amounts in the currency; a
    reward's quantity a whole number. Each amount read is kept in minor units ("minor")."""
    local_moments("start_local", "end_local", to_utc=False)(form, value)
    error = colander.Invalid(form)
    currency = value.get("currency") or "EUR"
    campaign = (form.bindings or {}).get("obj")
    if campaign is not None and campaign.currency != currency and has_pledges(form.bindings["request"], campaign):
        error["currency"] = _("Pledges were made in ${currency}: the currency cannot change any more.",
                              mapping={"currency": campaign.currency})
    if value.get("start_local") and value.get("end_local") and value["end_local"] <= value["start_local"]:
        error["end_local"] = _("The campaign must end after it starts.")
    try:
        value["min_pledge_amount"] = to_minor(value["min_pledge_amount"], currency)
    except BadAmount as exc:
        error["min_pledge_amount"] = amount_error(exc.reason, currency)
    rows = {}
    for sequence, label in (("budget_lines", "what"), ("reward_rows", "description")):
        for index, row in enumerate(value.get(sequence) or []):
            if not (row.get(label) or "").strip():
                continue
            try:
                row["minor"] = to_minor(row.get("amount") or "", currency)
            except BadAmount as exc:
                _row_error(form, rows, sequence, index, "amount", amount_error(exc.reason, currency))
            quantity = str(row.get("quantity") or "").strip()
            if sequence == "reward_rows" and quantity and not (quantity.isdigit() and int(quantity) > 0):
                _row_error(form, rows, sequence, index, "quantity",
                           _("A whole number above zero, or empty for an unlimited reward."))
    for sequence_error in rows.values():
        error.add(sequence_error, form.children.index(form[sequence_error.node.name]))
    if error.children:
        raise error


@colander.deferred
def deferred_rule_widget(node, kw):
    from portal.api import translate
    return deform.widget.RadioChoiceWidget(values=[(r, translate(RULE_TITLES[r], kw["request"])) for r in RULES])


class CampaignSchema(ContentSchema):
    title = translatable_node(_("Title"), max_length=300)
    description = translatable_node(_("Summary"), max_length=1000, required=False, textarea=3)
    body = translatable_node(_("Story"), rich=True, required=False)
    action = colander.SchemaNode(colander.String(), title=_("The action it funds"),
                                 validator=colander.Length(1, 500),
                                 description=_("The workshop, study, antenna or translation of the work plan."))
    member_id = member_node(title=_("Member organisation leading it"),
                            description=_("Optional: the city or organisation whose action it is (a workshop's "
                                          "pilot city, say). The campaign is then on its profile."))
    currency = colander.SchemaNode(colander.String(), title=_("Currency"), default="EUR",
                                   validator=colander.OneOf(CURRENCIES),
                                   widget=deform.widget.SelectWidget(values=[(c, c) for c in CURRENCIES]))
    timezone = timezone_node(title=_("Time zone of the dates"))
    start_local = colander.SchemaNode(LocalDateTime(), title=_("Starts on"),
                                      widget=deform.widget.TextInputWidget(attributes={"type": "datetime-local"}))
    end_local = colander.SchemaNode(LocalDateTime(), title=_("Ends on"),
                                    description=_("No pledge is accepted after this time."),
                                    widget=deform.widget.TextInputWidget(attributes={"type": "datetime-local"}))
    rule = colander.SchemaNode(colander.String(), title=_("Funding rule"), default="all_or_nothing",
                               validator=colander.OneOf(RULES), widget=deferred_rule_widget)
    second_round = colander.SchemaNode(
        colander.Boolean(), title=_("A second round towards the optimum"), missing=False,
        description=_("When the minimum is reached at the end, pledges go on towards the optimum for the days "
                      "below; the campaign then closes keeping what it raised."))
    second_round_days = colander.SchemaNode(colander.Integer(), title=_("Length of the second round (days)"),
                                            default=40, missing=40, validator=colander.Range(1, 365))
    min_pledge_amount = colander.SchemaNode(colander.String(), title=_("Smallest pledge"), default="5",
                                            widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT))
    budget_lines = budget_node()
    reward_rows = rewards_node()
    payment_details = colander.SchemaNode(
        colander.String(), title=_("Bank account for transfers"), missing="", validator=colander.Length(0, 2000),
        widget=deform.widget.TextAreaWidget(rows=3),
        description=_("Beneficiary, IBAN and BIC: shown to supporters who pay by bank transfer."))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_campaign, **kw)


# --- a pledge ---------------------------------------------------------------------------------------

@colander.deferred
def deferred_reward_widget(node, kw):
    from portal.api import translate
    from .views.common import reward_choice
    request, campaign = kw["request"], kw["campaign"]
    values = [("", translate(_("No reward"), request))]
    values += [(str(r.id), reward_choice(request, campaign, r)) for r in campaign.rewards]
    return deform.widget.RadioChoiceWidget(values=values)


@colander.deferred
def deferred_method_widget(node, kw):
    from .payments import choices
    return deform.widget.RadioChoiceWidget(values=choices(kw["request"]))


@colander.deferred
def deferred_method_check(node, kw):
    from .payments import PROVIDERS
    return colander.OneOf(list(PROVIDERS))


@colander.deferred
def deferred_amount_title(node, kw):
    return _("Amount (${currency})", mapping={"currency": kw["campaign"].currency})


class PledgeSchema(colander.Schema):
    key = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget(), missing="",
                              validator=colander.Length(0, 64))
    amount = colander.SchemaNode(colander.String(), title=deferred_amount_title,
                                 widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT))
    reward = colander.SchemaNode(colander.String(), title=_("Reward"), missing="", widget=deferred_reward_widget)
    name = colander.SchemaNode(colander.String(), title=_("Your name"), missing="", validator=colander.Length(0, 200))
    anonymous = colander.SchemaNode(colander.Boolean(), title=_("Do not show my name on the campaign's page"),
                                    missing=False)
    message = colander.SchemaNode(colander.String(), title=_("Message (optional)"), missing="",
                                  validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=3))
    email = email_node(description=_("For the bank reference and the receipt; never shown."))
    method = colander.SchemaNode(colander.String(), title=_("How you will pay"), default="transfer",
                                 validator=deferred_method_check, widget=deferred_method_widget)
    updates = colander.SchemaNode(colander.Boolean(), title=_("Send me the campaign's updates"), missing=False,
                                  description=_("By e-mail, each time the campaign posts news."))
