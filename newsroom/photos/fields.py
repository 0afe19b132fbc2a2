"""Uploaded images: real pictures in a web format, of a size a page can carry, stored without
the place they were taken or what names their camera and its owner, and under the extension of
what they really are."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from PIL import ExifTags, Image, UnidentifiedImageError

from newsroom.photos.stripping import PNG_SIGNATURE, strip_location

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
# Pillow's names for files that are one of those formats. A phone's JPEG that holds a second
# picture after the photo (an HDR gain map, a depth map: CIPA's Multi-Picture Format) opens as
# "MPO"; it is a JPEG to every browser, and stored as its first picture alone (`strip_location`).
FORMAT_ALIASES = {"MPO": "JPEG"}
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

    The header is read to learn the format and dimensions, then the pixels are decoded (see
    `_decode`), so a file cut short or corrupt is refused here rather than stored half grey with
    no renditions.
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
            image_format = FORMAT_ALIASES.get(image.format, image.format)
            width, height = image.size
        if image_format in ALLOWED_FORMATS and _within_bounds(width, height):
            upload.seek(0)
            _decode(upload, image_format)
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


def _decode(upload, image_format: str) -> None:
    """Decode the picture in `upload` as renditions will, raising what Pillow raises for a
    damaged one. A PNG's `verify()` checks every chunk's checksum as it streams; other formats
    have no such check, so their first picture is decoded: a JPEG at an eighth of its size
    (every byte of its image data is still read), which keeps the bitmap small."""
    with Image.open(upload) as image:
        if image_format == "PNG":
            image.verify()
            return
        width, height = image.size
        image.draft("RGB", (-(-width // 8), -(-height // 8)))
        image.load()


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


# EXIF orientations that turn a picture a quarter (transposed, rotated 90° either way,
# transversed): a phone's portrait photo is stored landscape with one of them.
QUARTER_TURNS = {5, 6, 7, 8}


class UprightFieldFile(ImageFieldFile):
    """A photo's file whose `width` and `height` are those it is shown at, upright: a phone's
    portrait photo stored on its side is as tall as it is seen, in the sizes recorded on the
    row (a media kit's original, a page's `<img>` without renditions, the publisher's logo)."""

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            width, height = super()._get_image_dimensions()
            if width and height and self._turned_a_quarter():
                width, height = height, width
            self._dimensions_cache = (width, height)
        return self._dimensions_cache

    def _turned_a_quarter(self) -> bool:
        close = self.closed
        self.open()
        try:
            self.seek(0)
            with Image.open(self) as image:
                return turned_a_quarter(image)
        except Exception:  # unreadable here: the upload's checks say why
            return False
        finally:
            if close:
                self.close()
            else:
                self.seek(0)


def turned_a_quarter(image: Image.Image) -> bool:
    """Whether the opened `image`'s EXIF orientation turns it a quarter to show it upright; not
    when its EXIF cannot be read, as it is then shown as stored."""
    # Only EXIF read with the header: Pillow decodes a whole PNG to look for EXIF after its
    # pixels, where a PNG's orientation does not belong.
    if image.format == "PNG" and "exif" not in image.info:
        return False
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
    except Exception:  # any damage to it: the picture is shown as stored
        return False
    return orientation in QUARTER_TURNS


def upright_size(file) -> tuple[int, int]:
    """The width and height the picture in the open `file` is seen at, as `UprightFieldFile`
    records them; raises what Pillow raises for a file that is no picture it can read."""
    with Image.open(file) as image:
        width, height = image.size
        return (height, width) if turned_a_quarter(image) else (width, height)


@dataclass(frozen=True)
class MinimumSize:
    """The smallest upload a use of a picture can show without enlarging it: `width` and
    `height` in pixels (0 for no minimum), `use` as editors name it ("a headshot")."""

    use: str
    width: int = 0
    height: int = 0

    def check(self, upload) -> None:
        """Refuse `upload` (a new file) smaller than this, naming both sizes."""
        try:
            upload.seek(0)
            width, height = upright_size(upload)
        except Exception:  # unreadable: `validate_image_file` has said why
            return
        finally:
            upload.seek(0)
        if width >= self.width and height >= self.height:
            return
        if self.height:
            needed = "needs at least %(min_width)s × %(min_height)s pixels"
        else:
            needed = "needs to be at least %(min_width)s pixels wide"
        raise ValidationError(
            f"This image is %(width)s × %(height)s pixels; %(use)s {needed}. Upload a larger "
            "picture.",
            code="too_small",
            params={
                "width": width,
                "height": height,
                "use": self.use,
                "min_width": self.width,
                "min_height": self.height,
            },
        )


class PhotoField(models.ImageField):
    """An image upload stored without its location metadata and identifying tags (see
    `strip_location`), under the extension of its real format (see `name_for_contents`),
    whose recorded width and height are upright (see `UprightFieldFile`).

    `minimum` refuses a new upload too small for the field's use (see `MinimumSize`); files
    already stored are kept and shown as they are.
    """

    attr_class = UprightFieldFile

    def __init__(self, *args, minimum: MinimumSize | None = None, **kwargs):
        # Left out of `deconstruct`: it checks uploads, and changes nothing in the database.
        self.minimum = minimum
        super().__init__(*args, **kwargs)

    def run_validators(self, value):
        super().run_validators(value)
        if self.minimum and value and not getattr(value, "_committed", True):
            self.minimum.check(value)

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
