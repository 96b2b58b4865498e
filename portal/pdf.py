"""PDF documents the portal writes (letters, invoices, certificates, minutes, reports): made with fpdf2
(pure Python, no system library), in every language's letters when the system has a Unicode font
(Debian's fonts-dejavu-core, which .ci/run installs); else the PDF's own Helvetica, with what it cannot
write spelled in Latin-1 (€ as EUR).

    doc = PdfDocument(translate(_("Commitment letter"), request))
    doc.line("...")                   # a paragraph; size= and space= (mm after it)
    doc.heading("A section")
    return pdf_response(doc.bytes(), "letter.pdf")
"""
import unicodedata
from pathlib import Path
from typing import Any

from fpdf import FPDF

UNICODE_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                 Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"))
BOLD_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
              Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"))
LATIN = {"€": "EUR", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "«": '"', "»": '"'}


class PdfDocument:
    """An A4 document written paragraph by paragraph; pages are added as the text needs them."""

    def __init__(self, title: str, author: str = ""):
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        if author:
            self.pdf.set_author(author)
        self.pdf.set_margins(22, 22, 22)
        self.pdf.set_auto_page_break(True, margin=20)
        self.pdf.add_page()
        font = next((p for p in UNICODE_FONTS if p.is_file()), None)
        bold = next((p for p in BOLD_FONTS if p.is_file()), None)
        self.unicode = font is not None
        if font is not None:
            self.pdf.add_font("body", "", str(font))
            self.pdf.add_font("body", "B", str(bold or font))
            self.family = "body"
        else:
            self.family = "helvetica"
        self.heading(title, size=16)

    def clean(self, text: Any) -> str:
        text = unicodedata.normalize("NFKC", str(text))
        if self.unicode:
            return text
        text = "".join(LATIN.get(ch, ch) for ch in text)
        return text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: Any, size: int = 13) -> None:
        self.pdf.set_font(self.family, style="B", size=size)
        self.pdf.multi_cell(0, size * 0.55, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(4)

    def line(self, text: Any, size: int = 11, space: float = 2) -> None:
        self.pdf.set_font(self.family, size=size)
        self.pdf.multi_cell(0, 6, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(space)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def pdf_response(data: bytes, filename: str, inline: bool = False) -> Any:
    """The PDF as a download (inline: shown in the browser), never kept by a cache: it may be someone's
    letter or invoice."""
    from pyramid.response import Response

    from .files import ascii_name
    response = Response(body=data, content_type="application/pdf")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    disposition = "inline" if inline else "attachment"
    response.content_disposition = f'{disposition}; filename="{ascii_name(filename)}"'
    return response
