"""A campaign's expenses /campaigns/{id}/expenses (its owners and the secretariat: the list, the form to
submit one with its receipts), the secretariat's decisions on each (approve, reject, record its payment:
never on an expense one submitted oneself) and its receipts (public once it is approved)."""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (IMAGE_TYPES, ConfirmView, FormView, _, clock, model_factory, send_file, store_kept,
                        translate, uploads_node)

from ..expenses import SPENT, Expense, ExpenseReceipt, left_on_line
from ..money import BadAmount, to_minor
from ..schemas import AMOUNT_INPUT, amount_error, deferred_amount_title
from .common import OfCampaign, amount_text
from .common import trail as campaign_trail

expense_factory = model_factory(Expense, "expense")
RECEIPT_TYPES = IMAGE_TYPES | {"application/pdf"}
MAX_RECEIPTS = 10
STATE_TITLES = {"submitted": _("Waiting for approval"), "approved": _("Approved"), "rejected": _("Rejected"),
                "paid": _("Paid")}


@colander.deferred
def deferred_line_widget(node, kw):
    campaign = kw["campaign"]
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(n), line["what"])
                                                            for n, line in enumerate(campaign.budget or [])])


@colander.deferred
def deferred_line_validator(node, kw):
    return colander.OneOf([str(n) for n in range(len(kw["campaign"].budget or []))])


@colander.deferred
def deferred_check_expense(node, kw):
    campaign = kw["campaign"]

    def check(form, value):
        error = colander.Invalid(form)
        try:
            value["minor"] = to_minor(value["amount"], campaign.currency)
        except BadAmount as exc:
            error["amount"] = amount_error(exc.reason, campaign.currency)
            raise error from None
        if value["minor"] <= 0:
            error["amount"] = _("An expense is more than nothing: write its amount.")
        if value["spent_on"] > clock.now().astimezone(campaign.zone).date():
            error["spent_on"] = _("An expense is submitted once it is made: its date cannot be in the future.")
        if error.children:
            raise error
    return check


class ExpenseSchema(colander.Schema):
    line = colander.SchemaNode(colander.String(), title=_("Budget line"), widget=deferred_line_widget,
                               validator=deferred_line_validator)
    description = colander.SchemaNode(colander.String(), title=_("What was paid for"),
                                      validator=colander.Length(1, 2000), widget=deform.widget.TextAreaWidget(rows=3))
    amount = colander.SchemaNode(colander.String(), title=deferred_amount_title,
                                 widget=deform.widget.TextInputWidget(attributes=AMOUNT_INPUT))
    spent_on = colander.SchemaNode(colander.Date(), title=_("Date of the expense"),
                                   widget=deform.widget.TextInputWidget(attributes={"type": "date"}))


def expense_schema():
    schema = ExpenseSchema(validator=deferred_check_expense)
    schema.add(uploads_node("receipts", _("Receipts"), accept=".pdf,image/*", allowed=RECEIPT_TYPES,
                            description=_("PDF or images (PNG, JPEG, GIF, WebP), one or more. Once the expense is "
                                          "approved, its receipts are public, as the rest of the ledger.")))
    return schema


def over_line_warning(request, expense):
    """The warning the approver reads when the expense is more than what is left on its line; None if not."""
    left = left_on_line(request.dbsession, expense)
    if expense.amount <= left:
        return None
    return _("Over its budget line: “${line}” has ${left} left and this expense is ${amount}, ${over} more.",
             mapping={"line": expense.line_name(), "left": amount_text(request, expense.campaign, max(left, 0)),
                      "amount": amount_text(request, expense.campaign, expense.amount),
                      "over": amount_text(request, expense.campaign, expense.amount - max(left, 0))})


def own_expense(request, expense) -> bool:
    return request.user is not None and expense.submitted_by == request.user.id


def expense_row(request, expense):
    decide = bool(request.has_permission("decide_expense", expense))
    return {"obj": expense, "line": expense.line_name(), "amount": amount_text(request, expense.campaign, expense.amount),
            "state": translate(STATE_TITLES[expense.state], request), "by": getattr(expense.submitter, "name", "") or "—",
            "can_decide": decide and expense.state == "submitted" and not own_expense(request, expense),
            "own": own_expense(request, expense), "can_pay": decide and expense.state == "approved",
            "warning": over_line_warning(request, expense) if decide and expense.state == "submitted" else None}


@view_config(route_name="campaign_expenses", permission="spend")
class ExpensesView(OfCampaign, FormView):
    """The list of the campaign's expenses with the form to submit one below it."""
    renderer = "plugins.crowdfunding:templates/expenses.pt"
    buttons = (("submit", _("Submit the expense")),)

    def get_schema(self):
        return expense_schema()

    def bind(self):
        return {"campaign": self.campaign}

    def page_title(self):
        return _("Expenses")

    def values(self):
        self.request.response.cache_control.private = True
        rows = self.request.dbsession.scalars(select(Expense).where(Expense.campaign_id == self.campaign.id)
                                              .order_by(Expense.id.desc())).all()
        return {"campaign": self.campaign, "expenses": [expense_row(self.request, e) for e in rows]}

    def submit_success(self, appstruct):
        tokens = appstruct["receipts"]["kept"]
        if not tokens:
            return self.refuse(appstruct, _("Add the receipt of the expense (a PDF or an image)."), field="receipts")
        if len(tokens) > MAX_RECEIPTS:
            return self.refuse(appstruct, _("An expense has at most ${count} receipts: put several pages in one PDF.",
                                            mapping={"count": MAX_RECEIPTS}), field="receipts")
        line = int(appstruct["line"])
        expense = Expense(campaign_id=self.campaign.id, line=line, line_what=self.campaign.budget[line]["what"],
                          description=appstruct["description"].strip(), amount=appstruct["minor"],
                          spent_on=appstruct["spent_on"], state="submitted", submitted_by=self.request.user.id,
                          submitted_at=clock.now(), reason="")
        self.request.dbsession.add(expense)
        for row in store_kept(self.request, tokens, allowed=RECEIPT_TYPES, owner=self.request.user):
            self.request.dbsession.flush()
            expense.receipts.append(ExpenseReceipt(file_id=row.id))
        return self.done(_("Expense submitted: someone of the secretariat other than you approves it."),
                         self.request.route_url("campaign_expenses", id=self.campaign.id))


class Decision:
    """What approving, rejecting and paying share: the expense, where they lead back, and the refusals
    (an expense already decided; one's own expense, for a decision only someone else takes)."""
    allowed_states = ("submitted",)
    by_another = True

    @property
    def expense(self):
        return self.context

    def trail(self):
        campaign = self.expense.campaign
        return campaign_trail(self.request, campaign) + [
            (_("Expenses"), self.request.route_path("campaign_expenses", id=campaign.id))]

    def cancel_url(self):
        return self.request.route_path("campaign_expenses", id=self.expense.campaign_id)

    def refusal(self):
        """(why this cannot be done, the status of the page that says so), or None."""
        if self.expense.state not in self.allowed_states:
            return _("This expense is “${state}”: nothing was changed.",
                     mapping={"state": translate(STATE_TITLES[self.expense.state], self.request)}), 409
        if self.by_another and own_expense(self.request, self.expense):
            return _("You submitted this expense, so you cannot decide on it: someone else of the secretariat "
                     "approves or rejects it."), 403
        return None

    def __call__(self):
        refusal = self.refusal()
        return self.refused(*refusal) if refusal else super().__call__()  # type: ignore[misc]

    def refused(self, message, status):
        self.request.response.status = status
        return self.render(self.page(intro=message, expense=expense_row(self.request, self.expense), refused=True,
                                     cancel_url=self.cancel_url(), button_name=None))

    def values(self):
        return {"expense": expense_row(self.request, self.expense), "refused": False}

    def decide(self, state, message, **changes):
        expense = self.expense
        expense.state = state
        for name, value in changes.items():
            setattr(expense, name, value)
        return self.done(message, self.cancel_url())


@view_config(route_name="expense_approve", permission="decide_expense")
class ApproveExpense(Decision, ConfirmView):
    renderer = "plugins.crowdfunding:templates/expense_decide.pt"
    button = _("Approve")

    def page_title(self):
        return _("Approve an expense")

    def confirm_success(self):
        return self.decide("approved", _("Expense approved: it is in the public ledger."),
                           decided_by=self.request.user.id, decided_at=clock.now())


class RejectSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Why it is rejected"), validator=colander.Length(1, 2000),
                                 widget=deform.widget.TextAreaWidget(rows=3),
                                 description=_("The owners of the campaign read it beside the expense."))


@view_config(route_name="expense_reject", permission="decide_expense")
class RejectExpense(Decision, FormView):
    renderer = "plugins.crowdfunding:templates/expense_decide.pt"
    schema = RejectSchema
    buttons = (("reject", _("Reject")),)

    def page_title(self):
        return _("Reject an expense")

    def reject_success(self, appstruct):
        return self.decide("rejected", _("Expense rejected."), reason=appstruct["reason"].strip(),
                           decided_by=self.request.user.id, decided_at=clock.now())


@view_config(route_name="expense_paid", permission="decide_expense")
class PayExpense(Decision, ConfirmView):
    renderer = "plugins.crowdfunding:templates/expense_decide.pt"
    button = _("Record payment")
    allowed_states = ("approved",)
    by_another = False  # the approval was someone else's: paying it is bookkeeping

    def page_title(self):
        return _("Record the payment of an expense")

    def confirm_success(self):
        return self.decide("paid", _("Payment of the expense recorded."), paid_at=clock.now())


@view_config(route_name="expense_receipt", permission="view")
def receipt(request):
    """A receipt: the owners' and the secretariat's; anyone's once its expense is approved, if the campaign
    itself may be seen."""
    expense = request.context
    found = next((r for r in expense.receipts if str(r.id) == request.matchdict["receipt"]), None)
    campaign = expense.campaign
    if found is None or not (request.has_permission("view", campaign) or request.has_permission("spend", campaign)):
        raise HTTPNotFound()
    return send_file(request, found.file, public=expense.state in SPENT)
