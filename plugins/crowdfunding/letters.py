"""The PDFs of an organisation's pledge, in the pledger's language: the commitment letter to sign and the
invoice. Made from the rows each time they are asked for (the core's PdfDocument): an invoice's row keeps what
it billed as issued, so its PDF never changes."""
from portal.api import PdfDocument as Document
from portal.api import _, date_text, text_in, translate_to

from .money import money

def _words(request, lang):
    return lambda term, **mapping: translate_to(request, term, lang, mapping=mapping or None)


def commitment_letter(request, pledge, commitment) -> bytes:
    lang = pledge.language or "en"
    t = _words(request, lang)
    campaign = pledge.campaign
    amount = money(pledge.amount, campaign.currency, lang)
    title = text_in(campaign, "title", lang) or campaign.title
    doc = Document(t(_("Commitment letter")))
    doc.line(t(_("Reference: ${reference}"), reference=pledge.reference))
    doc.line(t(_("Date: ${date}"), date=date_text(lang, pledge.created, zone=campaign.timezone)), space=6)
    doc.line(t(_("${organisation} commits to contributing ${amount} to the campaign “${campaign}” of the network "
                 "(${action}). The technical secretariat will send an invoice; the contribution is paid by bank "
                 "transfer with the reference ${reference}."),
               organisation=commitment.organisation, amount=amount, campaign=title, action=campaign.action,
               reference=pledge.reference), space=6)
    doc.line(t(_("For ${organisation}:"), organisation=commitment.organisation))
    doc.line(t(_("${signatory}, ${role}"), signatory=commitment.signatory, role=commitment.signatory_role), space=14)
    doc.line(t(_("Signature: ______________________________")), space=8)
    doc.line(t(_("Place and date: ______________________________")), space=14)
    doc.line(t(_("Sign this letter and upload it back on the page of your pledge.")), size=9)
    return doc.bytes()


def invoice_pdf(request, invoice) -> bytes:
    pledge = invoice.pledge
    lang = (pledge.language if pledge is not None else None) or "en"
    t = _words(request, lang)
    amount = money(invoice.amount, invoice.currency, lang)
    doc = Document(t(_("Invoice ${number}"), number=invoice.code))
    doc.line(t(_("Date: ${date}"), date=date_text(lang, invoice.issued)))
    doc.line(t(_("Billed to: ${organisation}"), organisation=invoice.organisation), space=6)
    if pledge is not None:
        campaign = pledge.campaign
        title = text_in(campaign, "title", lang) or campaign.title
        doc.line(t(_("Contribution to the campaign “${campaign}” (${action}), committed under the reference "
                     "${reference}."), campaign=title, action=campaign.action, reference=pledge.reference))
        if campaign.payment_details:
            doc.line(t(_("Pay by bank transfer to: ${account}"), account=campaign.payment_details))
        doc.line(t(_("Write the reference ${reference} on the transfer."), reference=pledge.reference), space=6)
    doc.line(t(_("Amount due: ${amount}"), amount=amount), size=13)
    return doc.bytes()
