"""Uploads: capped in size, type sniffed from the bytes against an allow-list, checked for what a
browser or an office suite would do with them, stored under files.dir; and the one way a stored
file is sent back (send_file).

A file is accepted as the type its first bytes name only if it is nothing else as well: an image
must decode with Pillow as that format, no image, PDF or CSV may also be a zip archive or carry a web
page in the bytes a browser sniffs, and an office document (a zip) must open as one, with its
members read as streams under caps on their count, their unpacked size and their compression ratio
(a decompression bomb is refused before anyone's office suite opens it).

The bytes reach disk before the row commits; a transaction that aborts removes them, and a deleted
file is moved aside after commit (DELETED_DIR) rather than unlinked, so a backup that copied the
database first still finds every file its rows name (portal/backup.py).
"""
from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import time
import uuid
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .i18n import _
from .models import File

log = logging.getLogger(__name__)

# What each allowed type starts with; the extension and the browser's word are not trusted.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
]
ZIP_TYPES = {  # office documents are zip files; the folder of their main part names the type
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF_TYPES = {f"application/vnd.oasis.opendocument.{kind}" for kind in ("text", "spreadsheet", "presentation")}
EXTENSIONS = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
    "application/pdf": ".pdf", "text/csv": ".csv",
}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
ARCHIVE_TYPES = {*ZIP_TYPES.values(), *ODF_TYPES}
DOCUMENT_TYPES = {"application/pdf", "text/csv", *ARCHIVE_TYPES}
KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP",
         "application/pdf": "PDF", "text/csv": "CSV"}
PILLOW_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg", "GIF": "image/gif",
                  "WEBP": "image/webp"}

# A browser that sniffs reads this many bytes (WHATWG MIME Sniffing, "resource header"): no web page
# may start there in a file accepted as something else.
SNIFF_WINDOW = 1445
HTML_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg", b"<object",
                b"<embed", b"<style", b"<img", b"<meta", b"<title", b"<table", b"<font", b"<!--", b"javascript:")
# Looked for through the whole of an image: markers long enough never to occur by chance in pixels.
SCRIPT_MARKERS = (b"<script", b"<iframe", b"<html", b"<body", b"<!doctype html", b"<?xml-stylesheet")

ARCHIVE_MEMBERS = 1000
ARCHIVE_RATIO = 100  # unpacked bytes per packed byte of a member, checked past ARCHIVE_GRACE
ARCHIVE_GRACE = 1024 * 1024
CHUNK = 64 * 1024
DELETED_DIR = ".deleted"  # under files.dir: files whose rows were deleted, kept DELETED_KEEP seconds
DELETED_KEEP = 24 * 3600
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class UploadError(ValueError):
    """An upload refused, with a translatable message and the status of the page that says so.
    Raised out of a view, it is answered by the portal's message page (views/files.py) and the
    request's transaction is aborted."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def sniff(head: bytes) -> str | None:
    """The type the first bytes name: a type of the allow-list, "zip" (an office document, to be
    opened to tell which), or None."""
    for magic, mimetype in SIGNATURES:
        if head.startswith(magic):
            return mimetype
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    try:
        sample = head[:4096].decode("utf-8")
    except UnicodeDecodeError:
        # the window may end inside a character
        try:
            sample = head[:4093].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if "<" not in sample and "\x00" not in sample and ("," in sample or ";" in sample):
        return "text/csv"
    return None


def max_size(settings: dict) -> int:
    return int(settings.get("files.max_size", 10 * 1024 * 1024))


def max_unpacked(settings: dict) -> int:
    return int(settings.get("files.max_unpacked", 100 * 1024 * 1024))


def _not_accepted() -> UploadError:
    return UploadError(_("This type of file is not accepted. Allowed: images (PNG, JPEG, GIF, WebP), "
                         "PDF, office documents and CSV."), 415)


def _two_things(mimetype: str) -> UploadError:
    return UploadError(_("This file is not only a ${kind} file: it also holds another kind of content (a web "
                         "page, a script or an archive), so it is refused.",
                         mapping={"kind": KINDS.get(mimetype, "office")}), 415)


def _damaged() -> UploadError:
    return UploadError(_("This document is damaged or is not really an office document: it cannot be read."), 415)


def _bomb(settings: dict) -> UploadError:
    return UploadError(_("This document unpacks to too much data (more than ${size} MB, ${count} files, or "
                         "${ratio} times its packed size): it is refused.",
                         mapping={"size": max_unpacked(settings) // (1024 * 1024), "count": ARCHIVE_MEMBERS,
                                  "ratio": ARCHIVE_RATIO}), 413)


def check_upload(data: bytes, allowed: set, settings: dict) -> str:
    """The type of an upload, or UploadError saying why it is refused."""
    mimetype = sniff(data[:8192])
    if mimetype == "zip":
        if not allowed & ARCHIVE_TYPES:
            raise _not_accepted()
        mimetype = _check_archive(data, settings)
    if mimetype is None or mimetype not in allowed:
        raise _not_accepted()
    head = data[:SNIFF_WINDOW].lower()
    if any(marker in head for marker in HTML_MARKERS):
        raise _two_things(mimetype)
    if mimetype not in ARCHIVE_TYPES and zipfile.is_zipfile(io.BytesIO(data)):
        raise _two_things(mimetype)  # e.g. a JPEG with a zip (or a jar) appended
    if mimetype in IMAGE_TYPES:
        _check_image(data, mimetype)
    elif mimetype == "text/csv":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_accepted() from None
        if b"\x00" in data:
            raise _not_accepted()
    return mimetype


def _check_image(data: bytes, mimetype: str) -> None:
    from PIL import Image
    lowered = data.lower()
    if any(marker in lowered for marker in SCRIPT_MARKERS):
        raise _two_things(mimetype)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if PILLOW_FORMATS.get(image.format) != mimetype:
                    raise ValueError(f"decodes as {image.format}")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(_("This image has too many pixels: at most ${count} million.",
                            mapping={"count": Image.MAX_IMAGE_PIXELS // 1_000_000}), 413) from None
    except Exception:  # Pillow raises many kinds for a damaged or disguised file
        raise UploadError(_("This image cannot be read: it is damaged or is not really a ${kind} image.",
                            mapping={"kind": KINDS[mimetype]}), 415) from None


def _check_archive(data: bytes, settings: dict) -> str:
    """The office type of a zip, after reading every member as a stream under the caps."""
    cap = max_unpacked(settings)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        if len(members) > ARCHIVE_MEMBERS:
            raise _bomb(settings)
        if not members or members[0].header_offset != 0:
            raise _two_things("zip")  # something sits before the archive: what is it to a browser?
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise _damaged()  # encrypted: nothing can be checked inside
            unpacked = 0
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    unpacked += len(chunk)
                    total += len(chunk)
                    if total > cap or (unpacked > ARCHIVE_GRACE
                                       and unpacked > ARCHIVE_RATIO * max(info.compress_size, 1)):
                        raise _bomb(settings)
        names = [m.filename for m in members]
        if names[0] == "mimetype":
            declared = archive.read(members[0])[:100].decode("ascii", "replace").strip()
            if declared in ODF_TYPES:
                return declared
        if "[Content_Types].xml" in names:
            for folder, mimetype in ZIP_TYPES.items():
                if any(name.startswith(folder) for name in names):
                    return mimetype
    except UploadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError,
            NotImplementedError, __import__("zlib").error):
        raise _damaged() from None
    raise _not_accepted()


def _read_capped(fp: Any, limit: int) -> bytes:
    data = fp.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("The file is larger than ${size} MB.", mapping={"size": limit // (1024 * 1024)}), 413)
    if not data:
        raise UploadError(_("The file is empty."))
    return data


def storage_error(exc: OSError) -> UploadError:
    """What the uploader reads when the bytes cannot be written: 507 for a full disk, 503 otherwise
    (read-only, unmounted, permissions): nothing was saved, and it is not the uploader's fault."""
    log.error("files.dir: cannot store an upload: %s", exc)
    return UploadError(_("The file could not be stored: the portal's storage is full or unavailable. Nothing "
                         "was saved; try again later, or tell the technical secretariat."),
                       507 if exc.errno in FULL else 503)


def write_file(target: Path, data: bytes) -> None:
    """Write the bytes under their final name or not at all: a full or read-only disk leaves no
    partial file (nor a new empty folder) behind."""
    made = not target.parent.exists()
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        for leftover in (tmp, target):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        if made:
            try:
                target.parent.rmdir()
            except OSError:
                pass
        raise storage_error(exc) from exc


UPLOAD_ROUTES = "portal.upload_routes"


def store_upload(request, upload, allowed=IMAGE_TYPES | DOCUMENT_TYPES, content=None, owner=None, title="",
                 held=False):
    """Check and store a cgi FieldStorage-like upload; returns the new File row (not yet flushed).
    Only the POST views of routes declared with config.add_upload_route may store uploads, so that
    the uploads test class tries every refusal on every one of them; held: a file a form's
    uploads_node held (portal.forms.hold_upload ran the same checks, tried by that test class too)."""
    route = getattr(request, "matched_route", None)
    if not held and route is not None and route.name not in request.registry.get(UPLOAD_ROUTES, {}):
        raise RuntimeError(f"the route {route.name} stores uploads: declare it with config.add_upload_route")
    settings = request.registry.settings
    data = _read_capped(upload.file, max_size(settings))
    mimetype = check_upload(data, allowed, settings)
    copies: dict = {}
    if mimetype in IMAGE_TYPES:
        from .images import prepare
        data, copies, dimensions = prepare(data, mimetype)  # stripped of its metadata, and its resized copies
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(digest[:2]) / f"{uuid.uuid4().hex}{EXTENSIONS.get(mimetype, '')}"
    target = Path(settings["files.dir"]) / relative
    write_file(target, data)
    _remove_on_abort(request, target)
    sizes = None
    if copies:
        from .images import copy_path, store_copies
        for width in copies:
            _remove_on_abort(request, copy_path(target, width, mimetype))
        sizes = {"width": dimensions[0], "height": dimensions[1], "copies": store_copies(target, mimetype, copies)}
    elif mimetype in IMAGE_TYPES:
        sizes = {"width": dimensions[0], "height": dimensions[1], "copies": []}
    filename = os.path.basename((upload.filename or "file").replace("\\", "/"))[:200] or "file"
    row = File(filename=filename, mimetype=mimetype, size=len(data), sha256=digest, path=str(relative),
               title=title or filename, owner_id=getattr(owner, "id", None),
               content_id=getattr(content, "id", None), sizes=sizes)
    request.dbsession.add(row)
    return row


class _Made:
    """What store_upload reads of an upload, for bytes the portal made itself."""

    def __init__(self, data: bytes, filename: str):
        self.file, self.filename = io.BytesIO(data), filename


def store_bytes(request, data: bytes, filename: str, allowed=IMAGE_TYPES | DOCUMENT_TYPES, content=None,
                owner=None, title=""):
    """Store bytes the portal made (a generated PDF, a drawn logo: not a visitor's upload, so from any view
    or from demo data) as store_upload stores an upload, with the same type checks, resized copies of an
    image and removal on rollback; returns the new File row (not yet flushed)."""
    return store_upload(request, _Made(data, filename), allowed=allowed, content=content, owner=owner,
                        title=title, held=True)


def _remove_on_abort(request, path: Path) -> None:
    """A rolled-back request (an error, a doomed transaction, a failed commit) leaves no orphan file."""
    def unlink(*args):
        try:
            Path(path).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("files.dir: could not remove %s after a rollback: %s", path, exc)

    def after_commit(success, *args):
        if not success:
            unlink()
    current = request.tm.get()
    current.addAfterCommitHook(after_commit)
    current.addAfterAbortHook(unlink)


_purged = {"at": 0.0}


def delete_file(request, row) -> None:
    """Delete the row now and move the bytes aside once the transaction has committed: a backup
    copies the database first, then the files, and must still find the files of its copy's rows."""
    files_dir = Path(request.registry.settings["files.dir"])
    path = files_dir / row.path

    mimetype, widths = row.mimetype, list((row.sizes or {}).get("copies", ()))

    def hook(success, *args):
        if success:
            set_aside(files_dir, path)
            if widths:
                from .images import remove_copies
                remove_copies(path, mimetype, widths)  # derived: made again from the image if ever restored
    request.tm.get().addAfterCommitHook(hook)
    request.dbsession.delete(row)


def set_aside(files_dir: Path, path: Path) -> None:
    """Move a deleted file under DELETED_DIR (same file system: a rename), and, at most once an hour,
    remove what has been there longer than DELETED_KEEP. The change is committed: a failure here is
    logged, never the request's."""
    aside = files_dir / DELETED_DIR / path.relative_to(files_dir)
    try:
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, aside)
        os.utime(aside)  # kept from its deletion on, not from its upload
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.error("files.dir: could not set aside the deleted file %s: %s", path, exc)
    now = time.time()
    if now - _purged["at"] > 3600:
        _purged["at"] = now
        purge_deleted(files_dir, now - DELETED_KEEP)


def purge_deleted(files_dir: Path, before: float) -> int:
    removed = 0
    for found in (files_dir / DELETED_DIR).rglob("*"):
        try:
            if found.is_file() and found.stat().st_mtime < before:
                found.unlink()
                removed += 1
        except OSError as exc:
            log.warning("files.dir: could not purge %s: %s", found, exc)
    return removed


def file_path(settings, row) -> Path:
    return Path(settings["files.dir"]) / row.path


def send_file(request, row, public: bool = False, data: bytes | None = None, filename: str | None = None,
              path: Path | None = None, mimetype: str | None = None):
    """The response that sends a stored file (or `data` made from it, e.g. a scrubbed copy). Only a
    file anyone may fetch (public: a published item's image, a member's logo) may be kept by browsers
    and proxies; every other one is `Cache-Control: private, no-store`, so that a draft's attachment or
    an award document leaves no copy in the cache of a shared computer after logout."""
    from pyramid.httpexceptions import HTTPNotFound
    from pyramid.response import FileResponse, Response
    if data is None:
        path = path or file_path(request.registry.settings, row)
        if not path.is_file():
            raise HTTPNotFound()
        response = FileResponse(str(path), request=request, content_type=mimetype or row.mimetype)
    else:
        response = Response(body=data, content_type=row.mimetype)
    if public:
        response.cache_control.public = True
        response.cache_control.max_age = 3600
    else:
        response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # if a browser ever rendered a file as a page, it would run nothing and reach nothing
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    if not row.is_image or data is not None or filename is not None:
        response.content_disposition = f'attachment; filename="{ascii_name(filename or row.filename)}"'
    return response


def ascii_name(name: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in name)


def add_upload_route(config, route_name: str, example: Callable, field: str = "file") -> None:
    """Declare that the POST view of `route_name` stores the upload of form field `field` (with
    store_upload). example(request) arranges, in an empty site, a place to upload to and returns
    {"path": ..., "user_id": ..., "fields": {...}}: the uploads test class (tests/core/test_uploads.py)
    tries every refusal on every declared route with it, so a plugin's upload route is covered
    without a test of its own."""
    from .registry import _register

    def store():
        config.registry.setdefault(UPLOAD_ROUTES, {})[route_name] = {"example": example, "field": field}

    _register(config, "portal upload routes", route_name, route_name, store, field=field)


def includeme(config):
    config.add_directive("add_upload_route", add_upload_route)
