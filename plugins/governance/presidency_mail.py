"""The presidency call's mail: the result, to every member organisation's representatives, each in
their language."""
from portal.api import _


def includeme(config):
    config.add_mail_template(
        "governance:presidency_result", _("The presidency of the network for ${year}: ${winner}"),
        _("Hello ${name},\n\nThe call for the presidency of the network for ${year} has its result: "
          "${winner} holds the presidency seat. ${note}\n\nThe call and its candidates: ${url}"))
