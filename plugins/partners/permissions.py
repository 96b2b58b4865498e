"""Who may do what with partners and agreements: a partner is a content item (the core's ACL: public once
published, written by the secretariat); agreements, their obligations and internships are the
secretariat's, but for an agreement marked public, which anyone may read with its signed document."""
from portal.api import Permissions


class PartnerPermissions(Permissions):
    names = {
        "manage_agreements": "record and change agreements, obligations, internships, joint activities (the secretariat)",
        "view_agreement_document": "download an agreement's signed document (the secretariat; anyone if public)",
    }
