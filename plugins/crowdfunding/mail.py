"""The plugin's mails, each in the supporter's language: the receipt of a paid pledge."""
from portal.api import _, datetime_text, text_in

from .money import money


def includeme(config):
    config.add_mail_template(
        "crowdfunding:receipt", _("Receipt of your pledge ${reference}"),
        _("Hello ${name},\n\nWe received your payment of ${amount} for the campaign “${campaign}” on ${date} "
          "(reference ${reference}). Thank you for supporting the network.\n\nThe campaign: ${url}"))


def send_receipt(request, pledge):
    campaign = pledge.campaign
    lang = pledge.language or "en"
    request.send_template("crowdfunding:receipt", pledge.email, language=lang, name=pledge.name or pledge.email,
                          reference=pledge.reference, amount=money(pledge.amount, campaign.currency, lang),
                          campaign=text_in(campaign, "title", lang) or campaign.title,
                          date=datetime_text(lang, pledge.paid, campaign.timezone),
                          url=request.route_url("campaign.view", id=campaign.id))
