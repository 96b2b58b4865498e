"""The core's mails, each declared once (config.add_mail_template) and sent with request.send_template in
its recipient's language. The texts are the catalogs' messages: change one here and in the catalogs."""
from .i18n import _


def includeme(config):
    add = config.add_mail_template
    add("password-reset", _("Choose a new password"),
        _("Hello ${name},\n\nSomeone (we hope you) asked to reset your password on the portal. Follow this link "
          "within two hours to choose a new one:\n\n${link}\n\nIf it was not you, ignore this message; your "
          "password stays as it is."))
    add("account-opened", _("Your account on ${site}"),
        _("Hello ${name},\n\nAn account was opened for you on ${site}. Follow this link within three days to "
          "choose your password:\n\n${link}\n"))
    add("application-received", _("Membership application: ${organisation}"),
        _("${organisation} (${country}) asks to join the network.\n\nContact: ${name} <${email}>\n\n"
          "${motivation}\n\nReview it: ${link}"))
    add("application-approved", _("Welcome to ${site}"),
        _("Hello ${name},\n\n${organisation} is now a member of the network. Follow this link within three days "
          "to choose your password:\n\n${link}\n\n${message}"))
    add("application-rejected", _("Your application to ${site}"),
        _("Hello ${name},\n\nThank you for the application of ${organisation}. The technical secretariat could "
          "not accept it.\n\n${message}"))
    add("state-changed", _("“${title}”: ${state}"),
        _("Hello ${name},\n\n${actor} changed the state of “${title}” to: ${state}.\n\n${comment}\n\n${link}"))
