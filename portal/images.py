"""Images as the portal stores and serves them: turned upright, stripped of their metadata (EXIF with
its GPS position and camera, XMP, IPTC, comments, ICC profiles are all left out) and resized with
Pillow into a few widths, served with `srcset` so a phone fetches a small copy and a wide screen a
large one.

The stored image itself is the stripped copy (the uploaded bytes are not kept once it is stored); its resized
copies sit beside it (`<name>-<width><ext>`). They are derived data: a backup leaves them out, and a
copy that is missing (a restore, a disk cleaned up) is made again the first time it is asked for.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

log = logging.getLogger(__name__)

WIDTHS = (320, 640, 1280)  # the copies made of an image wider than each
MAX_WIDTH = 2400  # the stored image itself: wider ones are scaled down to this
FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
JPEG_QUALITY = 85


def _upright(image):
    from PIL import ImageOps
    return ImageOps.exif_transpose(image)


def _encode(image, mimetype: str, animated_from=None) -> bytes:
    """The pixels in the format of mimetype, with no metadata of any kind."""
    out = io.BytesIO()
    fmt = FORMATS[mimetype]
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=JPEG_QUALITY)
    else:
        image.save(out, "GIF")
    return out.getvalue()


def _clean(image):
    """A copy holding only pixels (and the palette of a palette image): no info, no profile."""
    from PIL import Image
    if image.mode == "P":
        clean = Image.new("P", image.size)
        clean.putpalette(image.getpalette())
        if "transparency" in image.info:
            clean.info["transparency"] = image.info["transparency"]
        clean.paste(image)
        return clean
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _scaled(image, width: int):
    from PIL import Image
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    if image.mode == "P":
        image = image.convert("RGBA")
    return image.resize((width, height), Image.Resampling.LANCZOS)


def prepare(data: bytes, mimetype: str) -> tuple[bytes, dict[int, bytes], tuple[int, int]]:
    """(the image to store, {width: resized copy}, its (width, height)) of checked image bytes
    (portal.files.check_upload)."""
    from PIL import Image
    with Image.open(io.BytesIO(data)) as opened:
        opened.seek(0)  # the first frame of an animation: a portal image is a still picture
        image = _clean(_upright(opened))
    image = _scaled(image, MAX_WIDTH)
    stored = _encode(image, mimetype)
    copies = {width: _encode(_scaled(image, width), _copy_type(mimetype)) for width in WIDTHS if image.width > width}
    return stored, copies, image.size


def _copy_type(mimetype: str) -> str:
    return "image/png" if mimetype == "image/gif" else mimetype  # a resized GIF keeps its colours as a PNG


def copy_path(path: Path, width: int, mimetype: str) -> Path:
    from .files import EXTENSIONS
    return path.with_name(f"{path.stem}-{width}{EXTENSIONS[_copy_type(mimetype)]}")


def copy_mimetype(mimetype: str) -> str:
    return _copy_type(mimetype)


def store_copies(path: Path, mimetype: str, copies: dict[int, bytes]) -> list[int]:
    from .files import write_file
    for width, data in copies.items():
        write_file(copy_path(path, width, mimetype), data)
    return sorted(copies)


def ensure_copy(path: Path, width: int, mimetype: str) -> Path | None:
    """The resized copy of the stored image at path, made again if it is missing; None if the image
    itself is missing."""
    target = copy_path(path, width, mimetype)
    if target.is_file():
        return target
    if not path.is_file():
        return None
    from PIL import Image
    from .files import write_file
    with Image.open(path) as opened:
        opened.seek(0)
        image = _clean(opened)
    write_file(target, _encode(_scaled(image, width), _copy_type(mimetype)))
    log.info("files.dir: made again the %s px copy of %s", width, path.name)
    return target


def remove_copies(path: Path, mimetype: str, widths) -> None:
    for width in widths or ():
        try:
            copy_path(path, width, mimetype).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("files.dir: could not remove a resized copy of %s: %s", path, exc)


def copies_of(row) -> list[int]:
    return list((row.sizes or {}).get("copies", ())) if row.is_image else []


def image_attrs(request, row, sizes: str = "100vw") -> dict:
    """The attributes of an <img> showing a stored image: src, srcset (its resized copies and itself),
    sizes, width and height (the box is kept while it loads), alt."""
    info = row.sizes or {}
    full = request.route_path("file", id=row.id, filename=row.filename)
    widths = copies_of(row)
    srcset = [f"{request.route_path('file_size', id=row.id, width=w, filename=row.filename)} {w}w" for w in widths]
    if srcset and info.get("width"):
        srcset.append(f"{full} {info['width']}w")
    return {"src": full, "srcset": ", ".join(srcset) or None, "sizes": sizes if srcset else None,
            "width": info.get("width"), "height": info.get("height"), "alt": alt_text(row)}


def alt_text(row) -> str:
    """An image's alternative text; one stored before it was asked for says its caption, if any."""
    return row.alt or (row.title if row.title and row.title != row.filename else "")


def og_image_url(request, row) -> str:
    """The address of an image for Open Graph: a copy about 1200 px wide when there is one."""
    wide = [w for w in copies_of(row) if w >= 1200]
    if wide:
        return request.route_url("file_size", id=row.id, width=wide[0], filename=row.filename)
    return request.route_url("file", id=row.id, filename=row.filename)


def mail_image(request, item, width: int = 640) -> dict | None:
    """The cover of item as a mail shows it: {"url" (absolute, a copy about `width` wide when there is
    one), "alt", "width", "height"}, or None without an image."""
    row = getattr(item, "cover_image", None)
    if row is None:
        return None
    info = row.sizes or {}
    made = [w for w in copies_of(row) if w >= width]
    if made:
        url = request.route_url("file_size", id=row.id, width=made[0], filename=row.filename)
        shown = made[0]
    else:
        url, shown = request.route_url("file", id=row.id, filename=row.filename), info.get("width")
    height = round(info["height"] * shown / info["width"]) if shown and info.get("width") and info.get("height") else None
    return {"url": url, "alt": alt_text(row), "width": shown, "height": height}


def cover_images(request, items) -> dict:
    """{content id: its cover image} of content items or search hits (keys "type:id"), in one query:
    the image marked as cover, or else the first image; only of items the reader may see (a hit is
    one already)."""
    from sqlalchemy import select
    from .models import File
    ids = []
    content_types = request.registry.portal.content_types
    for item in items:
        key = getattr(item, "key", None)
        if key is not None:
            kind, _sep, found = str(key).rpartition(":")
            if kind in content_types and found.isdigit():  # a member's or a group's hit has no cover
                ids.append(int(found))
        elif getattr(item, "id", None) is not None:
            ids.append(item.id)
    if not ids:
        return {}
    rows = request.dbsession.scalars(
        select(File).where(File.content_id.in_(ids), File.mimetype.like("image/%"))
        .order_by(File.content_id, File.cover.desc(), File.position, File.id)).all()
    covers: dict = {}
    for row in rows:
        covers.setdefault(row.content_id, row)
    return covers
