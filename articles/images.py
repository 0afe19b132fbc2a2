"""Checks for uploaded images: real pictures in a web format, of a size a page can carry."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
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
    except (UnidentifiedImageError, Image.DecompressionBombError):
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


def _within_bounds(width: int, height: int) -> bool:
    return width <= MAX_SIDE and height <= MAX_SIDE and width * height <= MAX_PIXELS
