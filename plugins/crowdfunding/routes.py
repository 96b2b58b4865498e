"""Every route of the crowdfunding plugin. A campaign is a content type: its page /campaigns/{id}, its
add and edit forms are the core's content views (add_content_type, path /campaigns); these are the rest."""
from .views.common import campaign_factory, pledge_factory


def includeme(config):
    add = config.add_route
    add("campaigns", "/campaigns")
    config.add_routes("/campaigns/{id:\\d+}", factory=campaign_factory, campaign_pledge="/pledge",
                      campaign_thanks="/thanks/{reference}", campaign_pledges="/pledges")
    config.add_routes("/pledges/{pledge:\\d+}", factory=pledge_factory, campaign_pledge_paid="/paid",
                      campaign_pledge_cancel="/cancel")
    from .views.expenses import expense_factory
    config.add_routes("/campaigns/{id:\\d+}", factory=campaign_factory, campaign_expenses="/expenses",
                      campaign_ledger="/ledger", campaign_ledger_data="/ledger.{format:(csv|json)}")
    config.add_routes("/expenses/{expense:\\d+}", factory=expense_factory, expense_approve="/approve",
                      expense_reject="/reject", expense_paid="/paid", expense_receipt="/receipts/{receipt:\\d+}")
    config.add_routes("/pledges/{pledge:\\d+}", factory=pledge_factory, pledge_letter="/letter.pdf",
                      pledge_signed="/signed", pledge_signed_file="/signed.pdf", pledge_invoice_issue="/invoice",
                      pledge_invoice="/invoice.pdf")
    add("campaign_statement", "/campaigns/pledges/statement")
    config.add_routes("/campaigns/{id:\\d+}", factory=campaign_factory, campaign_matching="/matching",
                      campaign_updates="/updates", campaign_returns="/returns")
