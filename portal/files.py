"""Uploads: capped in size, type sniffed from the bytes against an allow-list, stored under files.dir."""
import hashlib
import os
import uuid
from pathlib import Path

from .i18n import _
from .models import File

# What each allowed type starts with; the extension and the browser's word are not trusted.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
]
ZIP_TYPES = {  # office documents are zip files; the first member names the type
    b"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF = b"mimetypeapplication/vnd.oasis.opendocument."
EXTENSIONS = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
    "application/pdf": ".pdf", "text/csv": ".csv",
}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
DOCUMENT_TYPES = {"application/pdf", "text/csv", *ZIP_TYPES.values(),
                  "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
                  "application/vnd.oasis.opendocument.presentation"}


class UploadError(ValueError):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def sniff(head):
    for magic, mimetype in SIGNATURES:
        if head.startswith(magic):
            return mimetype
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        if head[30:30 + len(ODF)] == ODF:
            rest = head[30 + len(ODF):].split(b"PK", 1)[0]
            for kind in (b"text", b"spreadsheet", b"presentation"):
                if rest.startswith(kind):
                    return f"application/vnd.oasis.opendocument.{kind.decode()}"
        for marker, mimetype in ZIP_TYPES.items():
            if marker in head[:2048]:
                return mimetype
        return None
    try:
        sample = head[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "<" not in sample and ("," in sample or ";" in sample):
        return "text/csv"
    return None


def max_size(settings):
    return int(settings.get("files.max_size", 10 * 1024 * 1024))


def store_upload(request, upload, allowed=IMAGE_TYPES | DOCUMENT_TYPES, content=None, owner=None, title=""):
    """Check and store a cgi FieldStorage-like upload; returns the new File row (not yet flushed)."""
    settings = request.registry.settings
    limit = max_size(settings)
    fp = upload.file
    data = fp.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than ${size} MB.", mapping={"size": limit // (1024 * 1024)}), 413)
    if not data:
        raise UploadError(_("The file is empty."))
    mimetype = sniff(data[:8192])
    if mimetype is None or mimetype not in allowed:
        raise UploadError(_("This type of file is not accepted. Allowed: images (PNG, JPEG, GIF, WebP), "
                            "PDF, office documents and CSV."), 415)
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(digest[:2]) / f"{uuid.uuid4().hex}{EXTENSIONS.get(mimetype, '')}"
    target = Path(settings["files.dir"]) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    filename = os.path.basename((upload.filename or "file").replace("\\", "/"))[:200] or "file"
    row = File(filename=filename, mimetype=mimetype, size=len(data), sha256=digest, path=str(relative),
               title=title or filename, owner_id=getattr(owner, "id", None),
               content_id=getattr(content, "id", None))
    request.dbsession.add(row)
    _remove_on_abort(request, target)
    return row


def _remove_on_abort(request, path):
    """A rolled-back request leaves no orphan file behind."""
    def hook(success, *args):
        if not success:
            Path(path).unlink(missing_ok=True)
    request.tm.get().addAfterCommitHook(hook)


def delete_file(request, row):
    """Delete the row now and the bytes once the transaction has committed."""
    path = Path(request.registry.settings["files.dir"]) / row.path

    def hook(success, *args):
        if success:
            path.unlink(missing_ok=True)
    request.tm.get().addAfterCommitHook(hook)
    request.dbsession.delete(row)


def file_path(settings, row):
    return Path(settings["files.dir"]) / row.path
