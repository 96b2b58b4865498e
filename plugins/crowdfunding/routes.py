"""Every route of the crowdfunding plugin. A campaign is a content type: its page /campaigns/{id}, its
add and edit forms are the core's content views (add_content_type, path /campaigns); these are the rest."""
from .views.common import campaign_factory, pledge_factory


def includeme(config):
    add = config.add_route
    add("campaigns", "/campaigns")
    add("campaign_pledge", "/campaigns/{id:\\d+}/pledge", factory=campaign_factory)
    add("campaign_thanks", "/campaigns/{id:\\d+}/thanks/{reference}", factory=campaign_factory)
    add("campaign_pledges", "/campaigns/{id:\\d+}/pledges", factory=campaign_factory)
    add("campaign_pledge_paid", "/pledges/{pledge:\\d+}/paid", factory=pledge_factory)
    add("campaign_pledge_cancel", "/pledges/{pledge:\\d+}/cancel", factory=pledge_factory)
    from .views.expenses import expense_factory
    add("campaign_expenses", "/campaigns/{id:\\d+}/expenses", factory=campaign_factory)
    add("campaign_ledger", "/campaigns/{id:\\d+}/ledger", factory=campaign_factory)
    add("campaign_ledger_data", "/campaigns/{id:\\d+}/ledger.{format:(csv|json)}", factory=campaign_factory)
    add("expense_approve", "/expenses/{expense:\\d+}/approve", factory=expense_factory)
    add("expense_reject", "/expenses/{expense:\\d+}/reject", factory=expense_factory)
    add("expense_paid", "/expenses/{expense:\\d+}/paid", factory=expense_factory)
    add("expense_receipt", "/expenses/{expense:\\d+}/receipts/{receipt:\\d+}", factory=expense_factory)
    add("pledge_letter", "/pledges/{pledge:\\d+}/letter.pdf", factory=pledge_factory)
    add("pledge_signed", "/pledges/{pledge:\\d+}/signed", factory=pledge_factory)
    add("pledge_signed_file", "/pledges/{pledge:\\d+}/signed.pdf", factory=pledge_factory)
    add("pledge_invoice_issue", "/pledges/{pledge:\\d+}/invoice", factory=pledge_factory)
    add("pledge_invoice", "/pledges/{pledge:\\d+}/invoice.pdf", factory=pledge_factory)
    add("campaign_statement", "/campaigns/pledges/statement")
    add("campaign_matching", "/campaigns/{id:\\d+}/matching", factory=campaign_factory)
    add("campaign_updates", "/campaigns/{id:\\d+}/updates", factory=campaign_factory)
    add("campaign_returns", "/campaigns/{id:\\d+}/returns", factory=campaign_factory)
