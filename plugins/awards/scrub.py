"""The documents of a blind review, as a juror gets them: without what would tell who applied.

- Images (PNG, JPEG, GIF, WebP) are re-encoded from their pixels alone: no EXIF (author, camera,
  GPS position), no XMP, no text chunks, no comments.
- PDF files are rebuilt page by page with pypdf: no document information (whether its strings are
  literal or hex), no XMP packet anywhere, no annotations, outlines, forms, attachments or scripts;
  the names are masked in the text of every page and form (its compressed streams decoded), in every
  string left, and JPEG images inside lose their EXIF.
- Office documents (docx, xlsx, pptx, odt, ods, odp) are zip files, read member by member with
  bounded reads: their metadata (authors, company, template path...) emptied, the names masked in
  their text and attributes, their images re-encoded, their thumbnails (a picture of the first page)
  blanked.
- CSV files have the names masked.

Then the result is checked again; anything that cannot be read well enough to be sure it is clean (a
PDF whose fonts cannot be decoded, a name split in a way the masking missed, an archive that inflates
beyond the caps) raises Unreadable: the upload is refused, a download withheld, never a document
passed on as clean when it may not be."""
import io
import logging
import re
import zipfile

from portal.api import _

from .blind import Masker

MAX_PIXELS = 40_000_000  # an image larger than this is refused rather than decoded
MAX_MEMBER = 16 * 1024 * 1024  # uncompressed bytes of one archive member
MAX_TOTAL = 64 * 1024 * 1024  # uncompressed bytes of a whole archive
MAX_MEMBERS = 2000
MAX_PAGES = 500
MAX_PDF_OBJECTS = 200_000
CHUNK = 64 * 1024

IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
ZIP_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
             "application/vnd.oasis.opendocument.presentation"}


class Unreadable(ValueError):
    """The document cannot be made anonymous with certainty; `message` (translatable) says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def scrub(data: bytes, mimetype: str, masker: Masker) -> bytes:
    """The bytes of a document as a juror of a blind review gets them."""
    if mimetype in IMAGE_FORMATS:
        return scrub_image(data, mimetype)
    if mimetype == "application/pdf":
        return scrub_pdf(data, masker)
    if mimetype in ZIP_TYPES:
        return scrub_office(data, masker)
    if mimetype == "text/csv":
        return scrub_text(data, masker)
    raise Unreadable(_("This type of document cannot be made anonymous for the jury."))


# --- images --------------------------------------------------------------------------------------

def scrub_image(data: bytes, mimetype: str) -> bytes:
    """The image re-encoded from its pixels (its first frame, for an animation), in its own format."""
    from PIL import Image, ImageOps, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width * im.height > MAX_PIXELS:
                raise Unreadable(_("The image is too large (${pixels} million pixels at most).",
                                   mapping={"pixels": MAX_PIXELS // 1_000_000}))
            im = ImageOps.exif_transpose(im)  # as it was seen: the orientation lives in the EXIF dropped here
            mode = im.mode
            if mode not in ("1", "L", "P", "RGB", "RGBA", "CMYK", "LA"):
                im, mode = im.convert("RGBA"), "RGBA"
            clean = Image.frombytes(mode, im.size, im.tobytes())
            if mode == "P":
                clean.putpalette(im.getpalette())
            keep = {k: v for k, v in im.info.items() if k == "transparency"}
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise Unreadable(_("The image cannot be read.")) from exc
    fmt = IMAGE_FORMATS[mimetype]
    if fmt == "JPEG" and clean.mode not in ("L", "RGB", "CMYK"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
    clean.save(out, fmt, **options, **keep)
    return out.getvalue()


def strip_jpeg(data: bytes) -> bytes:
    """A JPEG stream without its APP1 (EXIF, XMP), APP13 (IPTC) and other application segments and
    comments; JFIF (APP0), the colour profile (APP2) and Adobe's colour transform (APP14) stay."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out, i = [b"\xff\xd8"], 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the compressed image follows, to the end
            out.append(data[i:])
            return b"".join(out)
        length = int.from_bytes(data[i + 2:i + 4], "big")
        segment = data[i:i + 2 + length]
        if not (0xE0 <= marker <= 0xEF and marker not in (0xE0, 0xE2, 0xEE)) and marker != 0xFE:
            out.append(segment)
        i += 2 + length
    return b"".join(out) + data[i:]


# --- text ----------------------------------------------------------------------------------------

def scrub_text(data: bytes, masker: Masker) -> bytes:
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return masker.text(text).encode(encoding, errors="replace" if encoding != "utf-8" else "strict")
    raise Unreadable(_("The text of the document cannot be read."))  # pragma: no cover (latin-1 reads anything)


# --- XML (office documents) ----------------------------------------------------------------------

TAG = re.compile(r"(<[^>]*>)")
ATTRIBUTE = re.compile(r'(\s[\w:.-]+\s*=\s*)("[^"]*"|\'[^\']*\')')
# who wrote or changed the document, wherever it is said (comments and tracked changes included)
AUTHOR_ELEMENTS = ("creator", "lastModifiedBy", "initial-creator", "printed-by", "author")
# and, in the metadata members, everything said about the document
META_ELEMENTS = AUTHOR_ELEMENTS + ("Company", "Manager", "HyperlinkBase", "Template", "keywords", "description",
                                   "subject", "title", "category", "contentStatus", "identifier", "user-defined",
                                   "Application", "AppVersion", "generator")
AUTHOR_ATTRIBUTES = {"author", "initials", "userId", "providerId", "creator", "name"}
META_MEMBERS = re.compile(r"^(docProps/.*\.xml|meta\.xml)$")
THUMBNAIL = re.compile(r"^(docProps/thumbnail\.[a-z]+|Thumbnails/.*)$", re.I)


def _leaf_pattern(names):
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"<((?:[\w-]+:)?(?:{alternatives}))(\s[^>]*)?>(.*?)</\1\s*>", re.S)


AUTHOR_LEAVES = _leaf_pattern(AUTHOR_ELEMENTS)
META_LEAVES = _leaf_pattern(META_ELEMENTS)


def _xml_unescape(text: str) -> str:
    import html
    return html.unescape(text)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mask_attributes(tag: str, masker: Masker) -> str:
    def one(m):
        name = m.group(1).strip().rstrip("=").strip().rsplit(":", 1)[-1]
        quote, value = m.group(2)[0], m.group(2)[1:-1]
        if name in AUTHOR_ATTRIBUTES and name != "name":
            value = ""
        else:
            plain = _xml_unescape(value)
            if masker.found(plain):
                value = _xml_escape(masker.text(plain)).replace(quote, "&quot;" if quote == '"' else "&apos;")
        return f"{m.group(1)}{quote}{value}{quote}"
    return ATTRIBUTE.sub(one, tag)


def mask_xml(xml: str, masker: Masker, metadata: bool = False) -> str:
    """The names masked in an XML part's text and attributes; its authors (and in a metadata part,
    all it says of the document) emptied. A name split over several runs of text ("Porto" in one,
    " Alegre" in the next, as word processors write them) is masked too."""
    xml = (META_LEAVES if metadata else AUTHOR_LEAVES).sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}></{m.group(1)}>",
                                                          xml)
    parts = TAG.split(xml)
    texts = {}
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if not part.startswith(("<?", "<!")):
                parts[i] = _mask_attributes(part, masker)
        elif part:
            texts[i] = masker.text(_xml_unescape(part))
    # names running over several text nodes: the joined text is masked and the mask put back in the nodes
    order = list(texts)
    joined = "".join(texts[i] for i in order)
    spans = masker.spans(joined)
    if spans:
        starts, pos = [], 0
        for i in order:
            starts.append(pos)
            pos += len(texts[i])
        chars = [list(texts[i]) for i in order]
        for start, end in spans:
            first = True
            for n, i in enumerate(order):
                a, b = starts[n], starts[n] + len(chars[n])
                lo, hi = max(a, start), min(b, end)
                if lo >= hi:
                    continue
                for k in range(lo - a, hi - a):
                    chars[n][k] = ""
                if first:
                    chars[n][lo - a] = "[…]"
                    first = False
        for n, i in enumerate(order):
            texts[i] = "".join(chars[n])
    for i, text in texts.items():
        parts[i] = _xml_escape(text)
    return "".join(parts)


def xml_leaks(xml: str, masker: Masker) -> bool:
    """Whether a name can still be read in an XML part, in a node, an attribute or over several nodes."""
    plain = _xml_unescape(TAG.sub(lambda m: " " + " ".join(v for _k, v in ATTRIBUTE.findall(m.group(0))) + " ",
                                  xml))
    joined = _xml_unescape(TAG.sub("", xml))
    return masker.found(plain) or masker.found(joined)


# --- office documents (zip) ----------------------------------------------------------------------

def _read_member(source: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """A member's bytes, read in chunks and never past the caps, whatever the archive declares."""
    chunks, size = [], 0
    with source.open(info) as fp:
        while True:
            chunk = fp.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > MAX_MEMBER or budget[0] < 0:
                raise Unreadable(_("The document holds more than the portal can check "
                                   "(${size} MB once uncompressed).", mapping={"size": MAX_TOTAL // (1024 * 1024)}))
            chunks.append(chunk)
    return b"".join(chunks)


def scrub_office(data: bytes, masker: Masker) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Unreadable(_("The document cannot be read.")) from exc
    infos = source.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Unreadable(_("The document cannot be read."))
    budget = [MAX_TOTAL]
    out = io.BytesIO()
    dropped = []
    try:
        with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                if info.file_size > MAX_MEMBER or info.file_size > budget[0]:
                    raise Unreadable(_("The document holds more than the portal can check "
                                       "(${size} MB once uncompressed).",
                                       mapping={"size": MAX_TOTAL // (1024 * 1024)}))
                content = _read_member(source, info, budget)
                name = info.filename
                lower = name.lower()
                if THUMBNAIL.match(name):
                    content = _blank_thumbnail(content)
                    if content is None:
                        dropped.append(name)
                        continue
                elif lower.endswith((".xml", ".rels", ".svg", ".vml")):
                    text = content.decode("utf-8", errors="strict") if content else ""
                    text = mask_xml(text, masker, metadata=bool(META_MEMBERS.match(name)))
                    if xml_leaks(text, masker):
                        raise Unreadable(_("The names of the applicants cannot be taken out of this document "
                                           "with certainty."))
                    content = text.encode("utf-8")
                elif lower.endswith((".png", ".jpg", ".jpeg", ".gif", ".webp")):
                    kind = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                            "webp": "image/webp"}[lower.rsplit(".", 1)[1]]
                    content = scrub_image(content, kind)
                member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                # ODF wants its "mimetype" first and stored; the rest deflated
                member.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                target.writestr(member, content)
    except (zipfile.BadZipFile, UnicodeDecodeError, EOFError, RuntimeError) as exc:
        raise Unreadable(_("The document cannot be read.")) from exc
    result = out.getvalue()
    if dropped:
        result = _drop_relationships(result, dropped)
    return result


def _blank_thumbnail(content: bytes) -> bytes | None:
    """A thumbnail shows the first page, names included: the same size, blank; None when it is not an image
    Pillow reads (a Windows metafile): it is dropped."""
    from PIL import Image
    try:
        with Image.open(io.BytesIO(content)) as im:
            size, fmt = im.size, im.format
    except Exception:
        return None
    if fmt not in ("PNG", "JPEG", "GIF", "WEBP") or size[0] * size[1] > MAX_PIXELS:
        return None
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, fmt)
    return out.getvalue()


def _drop_relationships(data: bytes, names: list[str]) -> bytes:
    """The package's relationships without those to members dropped (so office suites open it unrepaired)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)  # our own output: already bounded
            if info.filename.endswith(".rels"):
                text = content.decode("utf-8")
                for name in names:
                    text = re.sub(rf'<Relationship\b[^>]*Target="/?{re.escape(name)}"[^>]*/>', "", text)
                content = text.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------

def _quiet_pypdf():
    logging.getLogger("pypdf").setLevel(logging.ERROR)


class _Fonts:
    """Decoding and encoding the strings a PDF font shows: simple fonts (one byte a character, through
    their encoding and ToUnicode map) and composite fonts with two-byte codes and a ToUnicode map.
    Anything else cannot be read with certainty."""

    def __init__(self):
        self.cache = {}

    def get(self, font):
        key = id(font)
        if key not in self.cache:
            self.cache[key] = self._describe(font)
        return self.cache[key]

    def _describe(self, font):
        from pypdf._cmap import get_encoding
        font = font.get_object()
        subtype = font.get("/Subtype")
        if subtype == "/Type3" and "/ToUnicode" not in font:
            raise Unreadable(_UNREADABLE_FONT)
        if subtype == "/Type0":
            if "/ToUnicode" not in font:
                raise Unreadable(_UNREADABLE_FONT)
            encoding, cmap = get_encoding(font)
            if encoding != "utf-16-be" or not cmap:
                raise Unreadable(_UNREADABLE_FONT)
            return ("double", encoding, cmap)
        base = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        if "/Encoding" not in font and "/ToUnicode" not in font and base not in STANDARD_FONTS:
            raise Unreadable(_UNREADABLE_FONT)  # a font program's own encoding: its text cannot be read
        encoding, cmap = get_encoding(font)
        if isinstance(encoding, str):  # a simple font whose encoding pypdf gives as a codec
            table = {}
            for code in range(256):
                try:
                    table[code] = bytes([code]).decode(encoding)
                except (UnicodeDecodeError, LookupError):
                    table[code] = chr(code)
            encoding = table
        return ("single", encoding, cmap)

    @staticmethod
    def decode(kind, raw: bytes):
        """[(code bytes, text)] of a shown string."""
        form, encoding, cmap = kind
        units = []
        if form == "single":
            for b in raw:
                ch = encoding.get(b, chr(b))
                units.append((bytes([b]), cmap.get(ch, ch) if cmap else ch))
        else:
            for i in range(0, len(raw) - 1, 2):
                code = raw[i:i + 2]
                ch = code.decode("utf-16-be", "surrogatepass")
                units.append((code, cmap.get(ch, "")))
        return units

    @staticmethod
    def blank(kind) -> bytes:
        """The code of a space in that font, or nothing (the masked characters are then left out)."""
        form, encoding, cmap = kind
        if form == "single":
            for code, ch in encoding.items():
                if (cmap.get(ch, ch) if cmap else ch) == " ":
                    return bytes([code])
            return b""
        for ch, text in cmap.items():
            if text == " " and isinstance(ch, str) and len(ch) == 1:
                return ch.encode("utf-16-be", "surrogatepass")
        return b""


STANDARD_FONTS = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
                  "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
                  "Courier-BoldOblique", "Symbol", "ZapfDingbats", "Arial", "Arial,Bold", "Arial,Italic",
                  "Arial,BoldItalic", "TimesNewRoman", "CourierNew"}
_UNREADABLE_FONT = _("This PDF shows its text in fonts whose characters the portal cannot read, so it cannot make "
                     "sure the names of the applicants are out of it.")
SHOW = {b"Tj", b"TJ", b"'", b'"'}
DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/Annots", "/Thumb", "/AA", "/JS", "/JavaScript", "/OpenAction",
                "/AF", "/EmbeddedFiles", "/OCProperties", "/StructParents", "/Names", "/Outlines", "/AcroForm",
                "/StructTreeRoot", "/PageLabels", "/Threads", "/B", "/LastModified", "/SpiderInfo")


def _mask_content(stream_owner, resources, masker: Masker, fonts: _Fonts, seen: set, budget: list[int]):
    """Mask the names in the text a page or form XObject shows, then in the forms it draws."""
    from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, NameObject
    resources = resources.get_object() if resources is not None else {}
    font_dict = resources.get("/Font", {}) if hasattr(resources, "get") else {}
    font_dict = font_dict.get_object() if font_dict else {}
    if hasattr(stream_owner, "get_contents"):
        content = stream_owner.get_contents()
    else:
        content = ContentStream(stream_owner, None) if stream_owner.get_data() else None
    if content is not None:
        budget[0] -= len(content.get_data())
        if budget[0] < 0:
            raise Unreadable(_("The document holds more than the portal can check."))
        ops = content.operations
        current = None
        shown = []  # (operation index, operand index or None, element index or None, units)
        for n, (operands, operator) in enumerate(ops):
            if operator == b"Tf" and operands:
                font = font_dict.get(operands[0]) if font_dict else None
                if font is None:
                    raise Unreadable(_UNREADABLE_FONT)
                current = fonts.get(font)
            elif operator in SHOW:
                if current is None:
                    raise Unreadable(_UNREADABLE_FONT)
                target = operands[-1] if operands else None
                if operator == b"TJ" and isinstance(target, ArrayObject):
                    for k, element in enumerate(target):
                        if isinstance(element, (bytes, str)) and not isinstance(element, NameObject):
                            shown.append((n, k, current, _Fonts.decode(current, _raw(element))))
                elif target is not None:
                    shown.append((n, None, current, _Fonts.decode(current, _raw(target))))
        # each string alone, then all of them run together (a name split over several)
        for group in [[item] for item in shown] + [shown]:
            text = "".join(t for item in group for _code, t in item[3])
            spans = masker.spans(text)
            if not spans:
                continue
            pos, marks = 0, []
            for item in group:
                for u in range(len(item[3])):
                    marks.append((item, u, pos))
                    pos += len(item[3][u][1])
            for start, end in spans:
                for item, u, at in marks:
                    code, t = item[3][u]
                    if t and at < end and at + len(t) > start:
                        item[3][u] = (_Fonts.blank(item[2]), " ")
        for n, k, kind, units in shown:
            raw = ByteStringObject(b"".join(code for code, _t in units))
            operands, operator = ops[n]
            if k is None:
                operands[-1] = raw
            else:
                operands[-1][k] = raw
        if hasattr(stream_owner, "replace_contents"):
            stream_owner.replace_contents(content)
        else:
            stream_owner.set_data(content.get_data())
    xobjects = resources.get("/XObject", {}) if hasattr(resources, "get") else {}
    for ref in (xobjects.get_object() if xobjects else {}).values():
        xobject = ref.get_object()
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        subtype = xobject.get("/Subtype")
        if subtype == "/Form":
            _mask_content(xobject, xobject.get("/Resources"), masker, fonts, seen, budget)
        elif subtype == "/Image":
            filters = xobject.get("/Filter")
            names = [str(f) for f in (filters if isinstance(filters, list) else [filters])]
            if names == ["/DCTDecode"]:
                xobject._data = strip_jpeg(xobject._data)  # still DCT-encoded: only segments are left out


def _raw(value) -> bytes:
    if isinstance(value, bytes):
        return bytes(value)
    from pypdf.generic import TextStringObject
    if isinstance(value, TextStringObject):
        return value.get_original_bytes()
    return str(value).encode("latin-1", errors="replace")


def _clean_objects(root, masker: Masker):
    """Walk every object written: drop the keys that carry metadata or hidden content, mask the names in
    every string."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, TextStringObject

    def is_string(value):
        return isinstance(value, (str, bytes)) and not isinstance(value, NameObject)
    seen, todo, count = set(), [root], 0
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            obj = obj.get_object()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        count += 1
        if count > MAX_PDF_OBJECTS:
            raise Unreadable(_("The document holds more than the portal can check."))
        if isinstance(obj, DictionaryObject):
            for key in DROPPED_KEYS:
                if key in obj and not (key == "/B" and obj.get("/Type") != "/Page"):
                    del obj[key]
            slots = [(key, value) for key, value in list(obj.items()) if key != "/Parent"]
        elif isinstance(obj, ArrayObject):
            slots = list(enumerate(obj))
        else:
            continue
        for slot, value in slots:
            if not is_string(value):
                todo.append(value)
                continue
            text = value if isinstance(value, str) else bytes(value).decode("latin-1")
            if masker.found(text):
                obj[slot] = TextStringObject(masker.text(text))


def scrub_pdf(data: bytes, masker: Masker) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError, PyPdfError
    _quiet_pypdf()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Unreadable(_("The PDF is protected by a password: upload it without the protection."))
        if len(reader.pages) > MAX_PAGES:
            raise Unreadable(_("The document holds more than the portal can check."))
        writer = PdfWriter()
        fonts, seen, budget = _Fonts(), set(), [MAX_TOTAL]
        for page in reader.pages:
            new = writer.add_page(page)
            _mask_content(new, new.get("/Resources"), masker, fonts, seen, budget)
            new.compress_content_streams()
        writer.metadata = None
        _clean_objects(writer._root_object, masker)
        out = io.BytesIO()
        writer.write(out)
        result = out.getvalue()
        if pdf_leaks(result, masker):
            raise Unreadable(_("The names of the applicants cannot be taken out of this document with certainty."))
        return result
    except Unreadable:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise Unreadable(_("The PDF cannot be read.")) from exc


def pdf_leaks(data: bytes, masker: Masker) -> bool:
    """Whether a name can still be read in a PDF: in the text of its pages, in any string, in any
    stream once decompressed (in Latin-1, UTF-8 or UTF-16), or in its document information."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.metadata:
        return True
    if "/Metadata" in reader.trailer["/Root"]:
        return True
    for page in reader.pages:
        if masker.found(page.extract_text() or ""):
            return True
    seen, todo = set(), [reader.trailer["/Root"]]
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            if obj.get("/Type") == "/Metadata" or obj.get("/Subtype") == "/XML":
                return True
            is_font_program = "/Length1" in obj or obj.get("/Subtype") in ("/Type1C", "/CIDFontType0C", "/OpenType")
            if not is_font_program and obj.get("/Subtype") != "/Image":
                stream = obj.get_data()
                for encoding in ("latin-1", "utf-8", "utf-16-be", "utf-16-le"):
                    if masker.found(stream.decode(encoding, errors="ignore")):
                        return True
        if isinstance(obj, DictionaryObject):
            if "/Metadata" in obj:
                return True
            todo.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            todo.extend(obj)
        elif isinstance(obj, (str, bytes)) and not isinstance(obj, NameObject):
            text = obj if isinstance(obj, str) else bytes(obj).decode("latin-1")
            if masker.found(text):
                return True
    return False
