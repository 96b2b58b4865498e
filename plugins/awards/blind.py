"""Blind review: what identifies the applicants (organisation, city, people's names) is taken out of
what a juror reads, of the documents' names and of the documents' own metadata."""
import io
import re
import zipfile

from markupsafe import Markup, escape

MASK = "[…]"


def identifying(entry):
    """The words that would tell a juror who applied, longest first."""
    names = set()
    if entry.member is not None:
        names.add(entry.member.name)
        names.update(u.name for u in entry.member.representatives)
        names.update(u.email for u in entry.member.representatives)
    if entry.submitter is not None:
        names.update((entry.submitter.name, entry.submitter.email))
    exp = entry.experience
    if exp is not None:
        names.add(exp.city)
        if exp.contact:
            names.add(exp.contact)
        if exp.creator is not None:
            names.update((exp.creator.name, exp.creator.email))
    found = set()
    for name in names:
        name = (name or "").strip()
        if len(name) >= 3:
            found.add(name)
            # each word of a person's or organisation's name too ("Luiza" of "Luiza Rep")
            found.update(w for w in re.split(r"[\s,]+", name) if len(w) >= 4 and w[0].isupper())
    return sorted(found, key=len, reverse=True)


def _pattern(words):
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def redact(text, words):
    pattern = _pattern(words)
    return pattern.sub(MASK, text or "") if pattern else (text or "")


def redact_html(html, words):
    """Sanitised HTML with the identifying words masked in its text and attributes."""
    pattern = _pattern(words)
    if pattern is None:
        return Markup(html or "")
    escaped = [str(escape(w)) for w in words]
    both = _pattern(sorted(set(words) | set(escaped), key=len, reverse=True))
    return Markup(both.sub(MASK, html or ""))


def _same_length(data, words):
    """Each identifying word replaced, in every encoding a document may hold it in, by as many bytes:
    a PDF's cross-reference offsets stay right, so the file still opens."""
    for word in words:
        for encoding in ("utf-8", "latin-1", "utf-16-be"):
            try:
                raw = word.encode(encoding)
            except UnicodeEncodeError:
                continue
            data = re.sub(re.escape(raw), lambda m: b"X" * len(m.group(0)), data, flags=re.IGNORECASE)
    return data


PDF_INFO = re.compile(rb"/(Author|Creator|Producer|Title|Subject|Keywords)(\s*)\(((?:\\.|[^\\)])*)\)")
ZIP_METADATA = re.compile(rb"<(dc:creator|cp:lastModifiedBy|meta:initial-creator|dc:title|Company|Manager)>"
                          rb"(.*?)</\1>", re.S)


def scrub_document(data, mimetype, words):
    """The bytes of a document as a juror gets them in a blind review."""
    if mimetype == "application/pdf":
        data = PDF_INFO.sub(lambda m: b"/" + m.group(1) + m.group(2) + b"(" + b" " * len(m.group(3)) + b")", data)
        return _same_length(data, words)
    if data.startswith(b"PK\x03\x04"):
        try:
            source = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return _same_length(data, words)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    content = ZIP_METADATA.sub(lambda m: b"<" + m.group(1) + b"></" + m.group(1) + b">", content)
                    content = _same_length(content, words)
                target.writestr(info, content)
        return out.getvalue()
    if mimetype == "text/csv":
        return _same_length(data, words)
    return data  # images: their EXIF may name a camera, not the applicant
