"""The PDFs of an organisation's pledge, in the pledger's language: the commitment letter to sign and the
invoice. Made from the rows each time they are asked for (fpdf2, pure Python): an invoice's row keeps what
it billed as issued, so its PDF never changes."""
import unicodedata
from pathlib import Path

from fpdf import FPDF

from portal.api import _, date_text, text_in, translate_to

from .money import money

# A Unicode font where the system has one (every language's letters, €); else the PDF's own Helvetica,
# with what it cannot write spelled in Latin-1 (€ as EUR).
UNICODE_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                 Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"))
LATIN = {"€": "EUR", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


class Document:
    """A one-page A4 document written line by line."""

    def __init__(self, title: str):
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_margins(22, 22, 22)
        self.pdf.add_page()
        font = next((p for p in UNICODE_FONTS if p.is_file()), None)
        self.unicode = font is not None
        if font is not None:
            self.pdf.add_font("body", "", str(font))
            self.family = "body"
        else:
            self.family = "helvetica"
        self.heading(title)

    def clean(self, text) -> str:
        text = unicodedata.normalize("NFKC", str(text))
        if self.unicode:
            return text
        text = "".join(LATIN.get(ch, ch) for ch in text)
        return text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text):
        self.pdf.set_font(self.family, size=16)
        self.pdf.multi_cell(0, 9, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(4)

    def line(self, text, size=11, space=2):
        self.pdf.set_font(self.family, size=size)
        self.pdf.multi_cell(0, 6, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(space)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


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
