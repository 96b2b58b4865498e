"""The plugin's mails, each in the supporter's language: the receipt of a paid pledge; when a campaign
closes, what becomes of each pledge (cancelled, refunded, to be paid); the owners' warning that the
minimum is still far before the end; a campaign's update to the supporters who asked for them."""
from portal.api import _, datetime_text, html_to_text, text_in

from .money import money


def includeme(config):
    config.add_mail_template(
        "crowdfunding:receipt", _("Receipt of your pledge ${reference}"),
        _("Hello ${name},\n\nWe received your payment of ${amount} for the campaign “${campaign}” on ${date} "
          "(reference ${reference}). Thank you for supporting the network.\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:cancelled", _("The campaign “${campaign}” was not funded: your pledge is cancelled"),
        _("Hello ${name},\n\nThe campaign “${campaign}” closed on ${date} without reaching its minimum of "
          "${minimum}. It was all or nothing, so your pledge ${reference} of ${amount} is cancelled: you owe "
          "nothing. Thank you for your support.\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:refunded", _("The campaign “${campaign}” was not funded: your payment is refunded"),
        _("Hello ${name},\n\nThe campaign “${campaign}” closed on ${date} without reaching its minimum of "
          "${minimum}. It was all or nothing, so the ${amount} you paid (reference ${reference}) is given "
          "back to you: the technical secretariat sends it back to the account it came from. Thank you "
          "for your support.\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:collect", _("The campaign “${campaign}” is closed: your pledge ${reference} is due"),
        _("Hello ${name},\n\nThe campaign “${campaign}” closed on ${date} with ${raised} raised, and it "
          "collects its pledges. Please pay your pledge of ${amount}, writing the reference ${reference} on "
          "the transfer:\n\n${payment_details}\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:owner_warning", _("The campaign “${campaign}” has not reached its minimum yet"),
        _("Hello ${name},\n\nThe campaign “${campaign}” ends on ${date} and has raised ${raised} of its "
          "minimum of ${minimum}. ${rule}\n\nThe campaign: ${url}"))
    config.add_mail_template(
        "crowdfunding:update", _("${campaign}: ${title}"),
        _("Hello,\n\nAn update of the campaign “${campaign}” you support, posted on ${date}:\n\n${title}\n\n${text}"
          "\n\nThe campaign: ${url}\n\nYou receive it because you asked for the campaign's updates when you "
          "pledged."))


def campaign_values(request, campaign, lang) -> dict:
    """What every mail of a campaign says of it, in the reader's language."""
    return {"campaign": text_in(campaign, "title", lang) or campaign.title,
            "minimum": money(campaign.minimum, campaign.currency, lang),
            "url": request.route_url("campaign.view", id=campaign.id)}


def send_pledge_mail(request, template, pledge, **values):
    campaign = pledge.campaign
    lang = pledge.language or "en"
    request.send_template(template, pledge.email, language=lang, name=pledge.name or pledge.email,
                          reference=pledge.reference, amount=money(pledge.amount, campaign.currency, lang),
                          **campaign_values(request, campaign, lang), **values)


def send_receipt(request, pledge):
    send_pledge_mail(request, "crowdfunding:receipt", pledge,
                     date=datetime_text(pledge.language or "en", pledge.paid, pledge.campaign.timezone))


def send_update(request, campaign, update, address, lang):
    request.send_template("crowdfunding:update", address, language=lang, title=update.title,
                          text=html_to_text(update.body), date=datetime_text(lang, update.posted, campaign.timezone),
                          **campaign_values(request, campaign, lang))
