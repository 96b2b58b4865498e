"""The plugin's mails, in the recipient's language."""
from portal.api import _


def includeme(config):
    config.add_mail_template(
        "workshops:registered", _("Your registration to “${workshop}”"),
        _("Hello ${name},\n\nYour registration to the international workshop “${workshop}” (${dates}) is "
          "recorded. Participants attend at their own expense unless an exception was agreed with the pilot "
          "city and the secretariat.\n\nThe workshop: ${url}"))
