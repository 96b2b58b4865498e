"""/campaigns/pledges/statement (the secretariat): a bank statement's CSV uploaded (held by the core's
upload checks: capped, type-checked), its lines matched to the pledges by their references and shown,
then recorded on a second POST: the matched pledges paid, their receipts mailed. Recording again pays
nothing twice (statement.match finds them paid)."""
import colander
from pyramid.view import view_config

from portal.api import FormView, _, decode, pending_file, translate, uploads_node

from ..money import money
from ..payments import record_paid
from ..statement import StatementError, match, read_statement

CSV = {"text/csv"}
OUTCOMES = {
    "pay": _("To be recorded as paid"),
    "mismatch": _("Not recorded: the amount differs from the pledge's (${expected})"),
    "paid": _("Already paid: nothing to do"),
    "cancelled": _("Not recorded: the pledge was cancelled"),
    "twice": _("Not recorded: the same pledge is paid on an earlier line"),
    "unknown": _("No pledge's reference found"),
    "unreadable": _("Not recorded: the amount is not a payment received"),
}


class StatementSchema(colander.Schema):
    statement = uploads_node("statement", _("The bank statement (CSV)"), accept=".csv,text/csv", allowed=CSV,
                             multiple=False,
                             description=_("Columns date, amount, and reference or description; values separated "
                                           "by ; or , and amounts with a decimal comma or point."))


@view_config(route_name="campaign_statement", permission="manage_pledges")
class StatementView(FormView):
    renderer = "plugins.crowdfunding:templates/statement.pt"
    schema = StatementSchema
    buttons = (("preview", _("Match with the pledges")),)
    title = _("Import a bank statement")
    intro = _("The transfers of the statement are matched to the pledges by the reference written on them, and "
              "the amount is checked. Nothing is recorded before you confirm.")

    def trail(self):
        return [(_("Campaigns"), self.request.route_path("campaigns"))]

    def __call__(self):
        if "record" in self.request.POST:
            return self.record()
        return super().__call__()

    def matches(self, token):
        held = pending_file(self.request, token)
        if held is None:
            return None
        return match(self.request.dbsession, read_statement(decode(held.path.read_bytes())))

    def rows(self, found):
        request = self.request
        rows = []
        for item in found:
            pledge = item.pledge
            expected = money(pledge.amount, pledge.campaign.currency, request.locale_name) if pledge else ""
            rows.append({"line": item.line, "outcome": item.outcome, "pledge": pledge,
                         "note": translate(_(OUTCOMES[item.outcome], mapping={"expected": expected}), request)})
        return rows

    def preview_success(self, appstruct):
        kept = appstruct["statement"]["kept"]
        if not kept:
            return self.refuse(appstruct, _("Choose the statement's CSV file."), field="statement")
        try:
            found = self.matches(kept[-1])
        except StatementError as exc:
            return self.refuse(appstruct, exc.reason, field="statement")
        if found is None:
            return self.refuse(appstruct, _("Choose the statement's CSV file."), field="statement")
        rows = self.rows(found)
        return self.show(None, rows=rows, token=kept[-1], to_pay=sum(r["outcome"] == "pay" for r in rows))

    def record(self):
        request = self.request
        try:
            found = self.matches(request.POST.get("token", ""))
        except StatementError:
            found = None
        if found is None:
            request.flash(_("The statement is no longer held: upload it again."), "error")
            return self.done(None, request.route_url("campaign_statement"))
        paid = sum(record_paid(request, item.pledge) for item in found if item.outcome == "pay")
        return self.done(_("${count} payments recorded; the receipts are on their way.", mapping={"count": paid}),
                         request.route_url("campaign_statement"))
