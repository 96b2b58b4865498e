"""The demo's files, made when the demo is loaded so that the plugin ships none: a logo for each partner
(its initials on its colour, drawn with Pillow) and the signed document of two agreements (written with the
core's PdfDocument), stored as any file with the core's store_bytes."""
import io

from portal.api import IMAGE_TYPES, PdfDocument, date_text, store_bytes

LOGOS = {"uclg": ("UCLG", "#0b5d8a"), "gold": ("GOLD", "#9a6b00"), "fal": ("FALP", "#7a2e5a"),
         "democracine": ("DC", "#b3261e"), "brazil": ("SGPR", "#1e6b3a"), "giz": ("GIZ", "#3d4a5c"),
         "ub": ("UB", "#084466")}


def logo_png(initials, colour):
    """A 320 x 160 logo: the initials in white on a rounded block of the partner's colour."""
    from PIL import Image, ImageDraw, ImageFont
    image = Image.new("RGB", (320, 160), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 312, 152), radius=28, fill=colour)
    font = ImageFont.load_default(size=64)
    box = draw.textbbox((0, 0), initials, font=font)
    draw.text(((320 - (box[2] - box[0])) / 2 - box[0], (160 - (box[3] - box[1])) / 2 - box[1]), initials,
              fill="#ffffff", font=font)
    data = io.BytesIO()
    image.save(data, "PNG")
    return data.getvalue()


def add_logo(request, partner, key, owner):
    initials, colour = LOGOS.get(key, (key[:4].upper(), "#3d4a5c"))
    row = store_bytes(request, logo_png(initials, colour), f"{key}-logo.png",
                      allowed=IMAGE_TYPES, content=partner, owner=owner, title=f"Logo of {partner.title}")
    row.alt, row.cover = f"Logo of {partner.title}", True
    return row


def signed_document(request, agreement, owner):
    """The agreement as signed: its parties, signatories, dates and renewal terms, on A4."""
    doc = PdfDocument(agreement.title, author="The technical secretariat")
    for label, value in (("Parties", agreement.parties), ("Signatories", agreement.signatories),
                         ("In force from", date_text("en", agreement.starts)),
                         ("Until", date_text("en", agreement.ends) if agreement.ends else "no end date"),
                         ("Renewal", agreement.renewal_terms)):
        if value:
            doc.heading(label, size=12)
            doc.line(value)
    doc.line(f"Signed by the parties in Barcelona on {date_text('en', agreement.starts)}.", space=8)
    agreement.document = store_bytes(request, doc.bytes(), "signed-agreement.pdf", allowed={"application/pdf"},
                                     owner=owner, title=f"{agreement.title} (signed)")
