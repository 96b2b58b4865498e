"""The plugin's mails, each in the supporter's language: the receipt of a paid pledge, a campaign's update."""
from portal.api import _, datetime_text, html_to_text, text_in

from .money import money


def includeme(config):
    config.add_mail_template(
        "crowdfunding:receipt", _("Receipt of your pledge ${reference}"),
        _("Hello ${name},\n\nWe received your payment of ${amount} for the campaign “${campaign}” on ${date} "
          "(reference ${reference}). Thank you for supporting the network.\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:update", _("${campaign}: ${title}"),
        _("Hello,\n\nAn update of the campaign “${campaign}” you support, posted on ${date}:\n\n${title}\n\n${text}"
          "\n\nThe campaign: ${url}\n\nYou receive it because you asked for the campaign's updates when you "
          "pledged."))


def send_receipt(request, pledge):
    campaign = pledge.campaign
    lang = pledge.language or "en"
    request.send_template("crowdfunding:receipt", pledge.email, language=lang, name=pledge.name or pledge.email,
                          reference=pledge.reference, amount=money(pledge.amount, campaign.currency, lang),
                          campaign=text_in(campaign, "title", lang) or campaign.title,
                          date=datetime_text(lang, pledge.paid, campaign.timezone),
                          url=request.route_url("campaign.view", id=campaign.id))


def send_update(request, campaign, update, address, lang):
    request.send_template("crowdfunding:update", address, language=lang, title=update.title,
                          text=html_to_text(update.body), campaign=text_in(campaign, "title", lang) or campaign.title,
                          date=datetime_text(lang, update.posted, campaign.timezone),
                          url=request.route_url("campaign.view", id=campaign.id))
