"""A campaign's public ledger /campaigns/{id}/ledger (income and expenses, the running balance) and the
same as open data, ledger.csv and ledger.json: whoever may see the campaign may read them."""
import csv
import io
import json

from pyramid.response import Response
from pyramid.view import view_config

from portal.api import _, page, spreadsheet_safe, translate, translated

from ..ledger import LEDGER_COLUMNS, ledger_entries, open_rows
from .common import amount_text, trail
from .expenses import STATE_TITLES

# what people typed, opened in a spreadsheet: nothing in it may run as a formula there (the amounts are the
# portal's own)
TYPED = ("who", "budget_line", "description")


@view_config(route_name="campaign_ledger", renderer="plugins.crowdfunding:templates/ledger.pt", permission="view")
def ledger(request):
    campaign = request.context
    entries = ledger_entries(request.dbsession, campaign)
    income = sum(e["amount"] for e in entries if e["kind"] == "income")
    title = _("Ledger of “${campaign}”", mapping={"campaign": translated(request, campaign, "title")})
    return page(request, translate(title, request), trail(request, campaign), campaign=campaign, entries=entries,
                amount=lambda minor: amount_text(request, campaign, minor),
                income_text=amount_text(request, campaign, income),
                spent_text=amount_text(request, campaign, income - (entries[-1]["balance"] if entries else 0)),
                balance_text=amount_text(request, campaign, entries[-1]["balance"] if entries else 0),
                state_title=lambda e: translate(STATE_TITLES[e["state"]], request),
                anonymous=translate(_("Anonymous"), request))


@view_config(route_name="campaign_ledger_data", permission="view")
def ledger_data(request):
    campaign = request.context
    rows = open_rows(campaign, ledger_entries(request.dbsession, campaign), "Anonymous")
    name = f"campaign-{campaign.id}-ledger"
    if request.matchdict["format"] == "json":
        body = json.dumps({"campaign": campaign.id, "title": campaign.title, "currency": campaign.currency,
                           "entries": rows}, ensure_ascii=False, indent=1)
        return Response(body, content_type="application/json", charset="utf-8",
                        content_disposition=f'inline; filename="{name}.json"')
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEDGER_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(value) if key in TYPED else value for key, value in row.items()})
    return Response(out.getvalue(), content_type="text/csv", charset="utf-8",
                    content_disposition=f'attachment; filename="{name}.csv"')
