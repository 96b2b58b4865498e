"""Documents as applicants' software writes them, each carrying the applicant's names where such
software puts them: EXIF and GPS in photos, text chunks in PNG, the document information of a PDF
(literal and hex strings), its XMP packet and its compressed page text, the core and app properties
of office documents, their comments and their text split over runs."""
import io
import zipfile
import zlib

AUTHOR = "Luiza Fernandes"
CITY = "Porto Alegre"
ORGANISATION = "Porto Alegre"


def jpeg_with_exif(author=AUTHOR, city=CITY) -> bytes:
    from PIL import Image
    im = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x013B] = author  # Artist
    exif[0x8298] = f"City of {city}"  # Copyright
    exif[0x010E] = f"Assembly in {city}"  # ImageDescription
    exif[0x0110] = "Camera of Luiza"  # Model
    gps = {1: "S", 2: (30.0, 1.0, 58.0), 3: "W", 4: (51.0, 13.0, 50.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_with_text(author=AUTHOR, city=CITY) -> bytes:
    from PIL import Image, PngImagePlugin
    im = Image.new("RGB", (32, 32), (10, 120, 40))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", author)
    info.add_itxt("Description", f"Budget assembly of {city}")
    exif = Image.Exif()
    exif[0x013B] = author
    out = io.BytesIO()
    im.save(out, "PNG", pnginfo=info, exif=exif.tobytes())
    return out.getvalue()


def gif_with_comment(author=AUTHOR) -> bytes:
    from PIL import Image
    im = Image.new("P", (16, 16), 3)
    out = io.BytesIO()
    im.save(out, "GIF", comment=f"Made by {author}".encode())
    return out.getvalue()


def webp_with_exif(author=AUTHOR) -> bytes:
    from PIL import Image
    im = Image.new("RGB", (16, 16), (1, 2, 3))
    exif = Image.Exif()
    exif[0x013B] = author
    out = io.BytesIO()
    im.save(out, "WEBP", exif=exif.tobytes(), xmp=f"<x:xmpmeta><dc:creator>{author}</dc:creator></x:xmpmeta>".encode())
    return out.getvalue()


def _hex(text: str) -> bytes:
    return b"<" + text.encode("latin-1").hex().encode() + b">"


def pdf(text=f"Report of {CITY} by {AUTHOR}", author=AUTHOR, hex_creator=CITY, xmp=True, compress=True,
        font=b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        split=False) -> bytes:
    """A real PDF (cross-reference table and all) of one page of text in Helvetica."""
    if split:  # the name over two show operators, as some software writes words
        words = text.split(" ")
        shows = b" ".join(b"(" + w.encode("latin-1") + b" ) Tj" for w in words)
        content = b"BT /F1 12 Tf 72 720 Td " + shows + b" ET"
    else:
        content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    stream = zlib.compress(content) if compress else content
    filt = b" /Filter /FlateDecode" if compress else b""
    packet = (f'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
              f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
              f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>{author}</rdf:li>'
              f'</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + (b" /Metadata 6 0 R" if xmp else b"") + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        font,
        b"<< /Length " + str(len(stream)).encode() + filt + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Metadata /Subtype /XML /Length " + str(len(packet)).encode() + b" >>\nstream\n" + packet
        + b"\nendstream",
        b"<< /Author (" + author.encode("latin-1") + b") /Creator " + _hex(hex_creator)
        + b" /Title (Budget of " + CITY.encode() + b") /Producer (Writer) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def pdf_in_unreadable_font() -> bytes:
    """Text shown with glyph numbers of an embedded composite font and no map back to characters."""
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Secret /Encoding /Identity-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Secret "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >>")
    return pdf(text="\x00\x11\x00\x12", font=font, xmp=False)


def _office(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


CORE = (f'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        f'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title>Budget of {CITY}</dc:title><dc:creator>{AUTHOR}</dc:creator>'
        f'<cp:lastModifiedBy>LF</cp:lastModifiedBy><cp:keywords>{CITY}</cp:keywords></cp:coreProperties>')
APP = (f'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
       f'2006/extended-properties"><Company>Prefeitura de {CITY}</Company><Manager>{AUTHOR}</Manager>'
       f'<Template>C:\\Users\\luiza\\Normal.dotm</Template></Properties>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx() -> bytes:
    body = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f'<w:p><w:r><w:t>The assemblies of Porto</w:t></w:r><w:r><w:t xml:space="preserve"> Alegre decide.</w:t>'
            f'</w:r></w:p><w:p><w:ins w:id="1" w:author="{AUTHOR}" w:date="2026-01-01T00:00:00Z"><w:r><w:t>'
            f'Written by {AUTHOR}.</w:t></w:r></w:ins></w:p>'
            f'<w:p><w:r><w:t>Orçamento Participativo</w:t></w:r></w:p></w:body></w:document>')
    comments = (f'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:comment w:id="0" w:author="{AUTHOR}" w:initials="LF"><w:p><w:r><w:t>Check with the '
                f'city of {CITY}</w:t></w:r></w:p></w:comment></w:comments>')
    return _office({"[Content_Types].xml": "<Types/>", "_rels/.rels": RELS, "docProps/core.xml": CORE,
                    "docProps/app.xml": APP, "word/document.xml": body, "word/comments.xml": comments,
                    "word/media/image1.jpeg": jpeg_with_exif()})


def xlsx() -> bytes:
    shared = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{CITY}</t></si></sst>'
    comments = (f'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
                f'<author>{AUTHOR}</author></authors></comments>')
    return _office({"[Content_Types].xml": "<Types/>", "docProps/core.xml": CORE, "docProps/app.xml": APP,
                    "xl/workbook.xml": "<workbook/>", "xl/sharedStrings.xml": shared, "xl/comments1.xml": comments})


def pptx() -> bytes:
    slide = (f'<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><a:t>Luiza</a:t><a:t> Fernandes presents {CITY}</a:t>'
             f'</p:cSld></p:sld>')
    authors = f'<p:cmAuthorLst xmlns:p="p"><p:cmAuthor id="0" name="{AUTHOR}" initials="LF"/></p:cmAuthorLst>'
    return _office({"[Content_Types].xml": "<Types/>", "docProps/core.xml": CORE, "docProps/app.xml": APP,
                    "ppt/presentation.xml": "<p:presentation xmlns:p='p'/>", "ppt/slides/slide1.xml": slide,
                    "ppt/commentAuthors.xml": authors, "docProps/thumbnail.jpeg": jpeg_with_exif()})


def _odf(kind: str, text: str) -> bytes:
    meta = (f'<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta>'
            f'<meta:initial-creator>{AUTHOR}</meta:initial-creator><dc:creator>{AUTHOR}</dc:creator>'
            f'<meta:user-defined meta:name="City">{CITY}</meta:user-defined></office:meta></office:document-meta>')
    content = (f'<office:document-content xmlns:office="o" xmlns:text="t" xmlns:dc="d"><office:body>'
               f'<text:p>{text}</text:p><office:annotation><dc:creator>LF</dc:creator><text:p>ok</text:p>'
               f'</office:annotation></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        z.writestr("Thumbnails/thumbnail.png", png_with_text(), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def odt() -> bytes:
    return _odf("text", f"Neighbourhood assemblies of {CITY}, by {AUTHOR}")


def ods() -> bytes:
    return _odf("spreadsheet", f"{CITY}; 2024; 1200")


def odp() -> bytes:
    return _odf("presentation", f"{AUTHOR} presents the budget")


def csv() -> bytes:
    return f"city,contact,votes\n{CITY},{AUTHOR},1200\n".encode()


def zip_bomb(member="word/document.xml", size=200 * 1024 * 1024, declared=None) -> bytes:
    """An office document whose one member inflates from a few hundred kilobytes to `size` bytes; with
    `declared`, its headers claim that many bytes instead (archives lie)."""
    import struct
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as fp:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fp.write(chunk)
        offset = info.header_offset
    data = bytearray(out.getvalue())
    if declared is not None:
        struct.pack_into("<I", data, offset + 22, declared)  # the local header's uncompressed size
        central = data.rfind(b"PK\x01\x02")
        struct.pack_into("<I", data, central + 24, declared)  # the central directory's
        descriptor = data.rfind(b"PK\x07\x08", 0, central)
        if descriptor > 0:
            struct.pack_into("<I", data, descriptor + 12, declared)
    return bytes(data)


# (mimetype, file name, bytes) of every kind of document the entry form accepts
def every_kind():
    return [
        ("image/jpeg", "photo.jpg", jpeg_with_exif()),
        ("image/png", "poster.png", png_with_text()),
        ("image/gif", "logo.gif", gif_with_comment()),
        ("image/webp", "photo.webp", webp_with_exif()),
        ("application/pdf", "report.pdf", pdf()),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "report.docx", docx()),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "figures.xlsx", xlsx()),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "slides.pptx", pptx()),
        ("application/vnd.oasis.opendocument.text", "report.odt", odt()),
        ("application/vnd.oasis.opendocument.spreadsheet", "figures.ods", ods()),
        ("application/vnd.oasis.opendocument.presentation", "slides.odp", odp()),
        ("text/csv", "votes.csv", csv()),
    ]
