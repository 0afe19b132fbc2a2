"""Uploaded images: real pictures in a web format, of a size a page can carry, stored without
the place they were taken and under the extension of what they really are."""

import re
import zlib
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import ExifTags, Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
# The stored name's extension decides the type the file is later served as, so only web image
# types: Pillow would also accept a JPEG named .pdf or .ps.
ALLOWED_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
# The extensions of each format, the first the one a misnamed file is stored under.
FORMAT_EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 8000 × 5000; far below Pillow's bomb threshold
MAX_SIDE = 12_000


def validate_image_file(upload) -> None:
    """Refuse anything that is not a JPEG, PNG, WebP or GIF of bounded size.

    The header is read to learn the format and dimensions; the pixels are then decoded once with
    `verify()`, which catches truncated and corrupt files without holding the bitmap in memory.
    """
    if getattr(upload, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="file_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format in ALLOWED_FORMATS and _within_bounds(width, height):
                image.verify()
    except Image.DecompressionBombError:
        raise ValidationError(
            "This image has far too many pixels to publish. Resize it to at most %(side)s pixels "
            "a side and %(mpx)s megapixels.",
            code="too_many_pixels",
            params={"side": MAX_SIDE, "mpx": MAX_PIXELS // 1_000_000},
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF file.",
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This image is damaged or incomplete. Export it again and upload the new file.",
            code="damaged_image",
        ) from None
    finally:
        upload.seek(0)

    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF file.",
            code="unsupported_format",
            params={"format": image_format or "This kind of"},
        )
    if not _within_bounds(width, height):
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels, too large to publish. Resize it to at "
            "most %(side)s pixels a side and %(mpx)s megapixels.",
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "side": MAX_SIDE,
                "mpx": MAX_PIXELS // 1_000_000,
            },
        )

    extension = PurePosixPath(getattr(upload, "name", "") or "").suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            "Files ending “%(extension)s” are not accepted. Upload a .jpg, .png, .webp or .gif "
            "file.",
            code="unsupported_extension",
            params={"extension": extension or "without an extension"},
        )


def _within_bounds(width: int, height: int) -> bool:
    return width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS


def image_format_of(data: bytes) -> str | None:
    """The web image format `data` starts as (by its signature, as Pillow knows it), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def name_for_contents(name: str, data: bytes) -> str:
    """`name` with the extension of the image `data` really is: a PNG named photo.gif becomes
    photo.png. Unchanged when the extension already fits, or `data` is no web image."""
    extensions = FORMAT_EXTENSIONS.get(image_format_of(data))
    path = PurePosixPath(name)
    if not extensions or not path.name or path.suffix.lower() in extensions:
        return name
    return str(path.with_suffix(extensions[0]))


# Location metadata. Phones write where a photo was taken into its EXIF (the GPS directory) and
# often repeat it in an XMP packet. Both are removed from uploads before they are stored; the
# rest of the metadata, the orientation above all, is kept, and the pixels are not re-encoded.

GPS_IFD = ExifTags.IFD.GPSInfo
# XMP properties that hold a position (exif:GPSLatitude…, and photoshop/IPTC location fields).
XMP_LOCATION = re.compile(
    rb"GPS(?:Latitude|Longitude|Altitude|Position)|LocationShown|LocationCreated"
)
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION_HEADER = b"http://ns.adobe.com/xmp/extension/\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def strip_location(data: bytes) -> bytes | None:
    """`data` (a JPEG, PNG or WebP file) without location metadata; None when it has none.

    GIF files carry no EXIF and are left as they are.
    """
    if data.startswith(b"\xff\xd8"):
        return _jpeg_without_location(data)
    if data.startswith(PNG_SIGNATURE):
        return _png_without_location(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_without_location(data)
    return None


def _exif_without_location(tiff: bytes) -> bytes | None:
    """EXIF data (TIFF layout, without the "Exif" header) minus its GPS directory, or None
    when there is none to remove."""
    exif = Image.Exif()
    try:
        exif.load(tiff)
        if GPS_IFD not in exif:
            return None
        del exif[GPS_IFD]
        rewritten = exif.tobytes()
    except Exception:
        # EXIF that Pillow cannot read or rewrite: keep only the orientation.
        orientation = _orientation_of(exif)
        exif = Image.Exif()
        if orientation:
            exif[ExifTags.Base.Orientation] = orientation
        rewritten = exif.tobytes()
    return rewritten.removeprefix(b"Exif\x00\x00")


def _orientation_of(exif: Image.Exif) -> int | None:
    try:
        return exif.get(ExifTags.Base.Orientation)
    except Exception:
        return None


def _xmp_gives_location(packet: bytes) -> bool:
    return bool(XMP_LOCATION.search(packet))


def _jpeg_without_location(data: bytes) -> bytes | None:
    """Rewrite the metadata segments before the image data; the scan is copied byte for byte."""
    parts, position, changed = [data[:2]], 2, False
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            parts.append(data[position : position + 1])
            position += 1
            continue
        if marker in (0xDA, 0xD9):  # start of scan, end of image: the rest is pixels
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position : position + 2 + length]
        payload = segment[4:]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            exif = _exif_without_location(payload[6:])
            if exif is not None:
                body = b"Exif\x00\x00" + exif
                segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
                changed = True
        elif (
            marker == 0xE1
            and payload.startswith((XMP_HEADER, XMP_EXTENSION_HEADER))
            and _xmp_gives_location(payload)
        ):
            segment, changed = b"", True
        parts.append(segment)
        position += 2 + length
    parts.append(data[position:])
    return b"".join(parts) if changed else None


def _png_without_location(data: bytes) -> bytes | None:
    parts, position, changed = [PNG_SIGNATURE], len(PNG_SIGNATURE), False
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        chunk = data[position : position + 12 + length]
        body = chunk[8:-4]
        if chunk_type == b"eXIf":
            exif = _exif_without_location(body)
            if exif is not None:
                chunk, changed = _png_chunk(b"eXIf", exif), True
        elif chunk_type in (b"iTXt", b"tEXt", b"zTXt") and _png_text_gives_location(
            chunk_type, body
        ):
            chunk, changed = b"", True
        parts.append(chunk)
        position += 12 + length
        if chunk_type == b"IEND":
            break
    parts.append(data[position:])
    return b"".join(parts) if changed else None


def _png_chunk(chunk_type: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + chunk_type + body + crc


def _png_text_gives_location(chunk_type: bytes, body: bytes) -> bool:
    """XMP packets, and EXIF kept as text by some tools, that hold a position."""
    keyword, _, rest = body.partition(b"\x00")
    if keyword.lower().startswith(b"raw profile type"):
        return True  # EXIF or APP1 data stored as hex text: cannot be edited, only dropped
    if keyword != b"XML:com.adobe.xmp":
        return False
    if chunk_type == b"iTXt":
        compressed = rest[:1] == b"\x01"
        # compression flag and method, then language tag and translated keyword
        text = rest[2:].split(b"\x00", 2)[-1]
        rest = _inflate(text) if compressed else text
    elif chunk_type == b"zTXt":
        rest = _inflate(rest[1:])
    return _xmp_gives_location(rest)


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(data, 10_000_000)
    except zlib.error:
        return b"GPSLatitude"  # unreadable: treat as if it held a position, so it is dropped


def _webp_without_location(data: bytes) -> bytes | None:
    chunks, position, changed = [], 12, False
    while position + 8 <= len(data):
        fourcc = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        body = data[position + 8 : position + 8 + size]
        position += 8 + size + (size % 2)
        if fourcc == b"EXIF":
            header = b"Exif\x00\x00" if body.startswith(b"Exif\x00\x00") else b""
            exif = _exif_without_location(body.removeprefix(b"Exif\x00\x00"))
            if exif is not None:
                body, changed = header + exif, True
        elif fourcc == b"XMP " and _xmp_gives_location(body):
            changed = True
            chunks = [_webp_without_flag(chunk, XMP_FLAG) for chunk in chunks]
            continue
        chunks.append((fourcc, body))
    if not changed:
        return None
    payload = b"WEBP" + b"".join(
        fourcc + len(body).to_bytes(4, "little") + body + b"\x00" * (len(body) % 2)
        for fourcc, body in chunks
    )
    return b"RIFF" + len(payload).to_bytes(4, "little") + payload


XMP_FLAG = 0x04


def _webp_without_flag(chunk: tuple[bytes, bytes], flag: int) -> tuple[bytes, bytes]:
    """The VP8X header with one feature flag cleared (other chunks unchanged)."""
    fourcc, body = chunk
    if fourcc != b"VP8X" or not body:
        return chunk
    return fourcc, bytes([body[0] & ~flag]) + body[1:]


class PhotoField(models.ImageField):
    """An image upload stored without its location metadata (see `strip_location`), under the
    extension of its real format (see `name_for_contents`)."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file.seek(0)
            data = file.file.read()
            file.file.seek(0)
            # The file is served as the type its name says, so the name must not lie; and the
            # storage gets bare bytes, not a type the upload came with, which object storage
            # would serve it as (django-storages prefers that type to the name's).
            file.name = name_for_contents(file.name, data)
            cleaned = strip_location(data)
            file.file = ContentFile(data if cleaned is None else cleaned, name=file.name)
        return super().pre_save(model_instance, add)
