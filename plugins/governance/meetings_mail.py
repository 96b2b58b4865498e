"""The convocation of a plenary, mailed to each representative in their language."""
from portal.api import _


def includeme(config):
    config.add_mail_template(
        "governance:convocation", _("Convocation: ${title}"),
        _("Hello ${name},\n\nYour organisation is convened to the plenary meeting “${title}” on ${date}, "
          "${place}.\n\nAgenda:\n${items}\n\nThe meeting's page (documents, check-in, proxies): ${url}"))
