"""Making renditions: the sizes and formats pages send, made once when an image is saved.

For a featured image: widths of 480, 800, 1200 and 1600 pixels (never wider than the upload) in
WebP and in the upload's own format (PNG for a GIF), a 1200-by-630 social card and a square admin
thumbnail. For a headshot: squares of 96, 192 and 400 pixels in both formats. Nothing is
enlarged: a smaller upload gets the widths and squares it holds, one at its own width or short
side, and the largest social card of that shape it holds. For a picture
offered for download (a media kit's): a width for pages, the thumbnail, and a copy whose long edge
is 2048 pixels in the upload's own format only, the "web size" readers download.

Each set is made with Pillow in one pass (the upload decoded once, turned upright from its EXIF
orientation, its colours turned into sRGB from its profile), written through the default
storage (local disk or S3), and recorded on the row as JSON: names, sizes and byte counts.
Pages then build `srcset`, `width`/`height` and feed enclosures from the row alone, with no
storage call and no extra query, whatever a page shows.

Why not sorl-thumbnail or django-imagekit: sorl looks each thumbnail up in its key-value store
on every render (a query or cache round trip per image, which breaks the fixed query count of
our pages); imagekit decodes the source once per spec (ten decodes per upload here), computes a
hash per rendition on every request to find its name, and keeps no record of sizes, so
`width`/`height` and enclosure lengths would need a storage call each.

The apps say which photo fields have renditions (`keep_renditions`, from their `ready()`); a
save that writes one of those fields then makes its renditions, whatever path the save took.

Like the uploads themselves, the renditions of a replaced image are kept: an older revision of
the article can be restored with its image, and its record still points at existing files.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_save
from PIL import Image, ImageCms, ImageMath, ImageOps

from newsroom.photos.renditions import SQUARES, WEBP, WIDTHS

logger = logging.getLogger(__name__)


SOCIAL_CARD = (1200, 630)


THUMBNAIL = 128


# Pillow format names by the format renditions are saved in.
PILLOW_FORMATS = {"webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}


EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}


SAVE_OPTIONS = {
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
    "png": {},
}


# The second format of each upload: its own, as far as browsers without WebP need one.
FALLBACK_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "GIF": "png", "WEBP": "webp"}


RENDITIONS_DIR = "renditions"


@dataclass(frozen=True)
class Plan:
    """Which renditions an image gets: `photo` (featured images) or `headshot`."""

    widths: tuple[int, ...] = ()
    social: bool = False
    thumbnail: bool = False
    squares: tuple[int, ...] = ()
    # Long edges: the whole picture fitted in a square of each side, in the fallback format only
    # (a copy to download, not to lay out); never larger than the upload.
    boxes: tuple[int, ...] = ()
    # Where the crop of a square keeps the picture: faces sit in the upper part of portraits.
    square_centering: tuple[float, float] = (0.5, 0.5)


PHOTO = Plan(widths=WIDTHS, social=True, thumbnail=True)


HEADSHOT = Plan(squares=SQUARES, square_centering=(0.5, 0.35))


# An image only ever shown in link previews (the site's default one).
SOCIAL = Plan(social=True)


# A picture offered for download: shown at 480 pixels wide, downloaded at 2048 on its long edge.
WEB_SIZE = 2048
DOWNLOAD = Plan(widths=(480,), thumbnail=True, boxes=(WEB_SIZE,))


def make_renditions(image: FieldFile, plan: Plan) -> dict:
    """Make and store every rendition `plan` asks for; return the record to keep on the row."""
    storage = image.storage
    with image.open("rb") as file, Image.open(file) as opened:
        source_format = opened.format
        if getattr(opened, "is_animated", False):
            opened.seek(0)
        # Decode JPEGs at a reduced scale when the largest rendition needs no more.
        largest = max((WIDTHS[-1], *plan.boxes))
        opened.draft("RGB", (largest, largest))
        upright = _for_resizing(ImageOps.exif_transpose(opened))
    fallback = FALLBACK_FORMATS.get(source_format, "jpeg")
    formats = [WEBP] if fallback == WEBP else [WEBP, fallback]
    folder = _folder(image.name)
    files: list[dict] = []

    def store(picture: Image.Image, role: str, label: str, image_format: str) -> None:
        name = f"{folder}/{label}.{EXTENSIONS[image_format]}"
        content = encode(picture, image_format)
        if storage.exists(name):
            storage.delete(name)
        stored = storage.save(name, ContentFile(content))
        files.append(
            {
                "name": stored,
                "role": role,
                "format": image_format,
                "width": picture.width,
                "height": picture.height,
                "size": len(content),
            }
        )

    width, height = upright.size
    for target in sorted({min(target, width) for target in plan.widths}):
        resized = _resize(upright, (target, max(1, round(height * target / width))))
        for image_format in formats:
            store(resized, "width", f"w{target}", image_format)
    if plan.social:
        store(_cover(upright, _within(SOCIAL_CARD, upright.size)), "social", "social", "jpeg")
    if plan.thumbnail:
        side = min(THUMBNAIL, width, height)
        store(_cover(upright, (side, side)), "thumbnail", "thumbnail", WEBP)
    for side in plan.boxes:
        scale = min(1.0, side / max(width, height))
        fitted = (max(1, round(width * scale)), max(1, round(height * scale)))
        store(_resize(upright, fitted), "box", f"box{side}", fallback)
    # Never enlarged: a square larger than the picture's short side is made at that side.
    for size in sorted({min(size, width, height) for size in plan.squares}):
        square = _cover(upright, (size, size), centering=plan.square_centering)
        for image_format in formats:
            store(square, "square", f"square{size}", image_format)
    return {"source": image.name, "fallback_format": fallback, "files": files}


def _folder(source_name: str) -> str:
    """renditions/articles/2025/01/photo_ab12cd.jpg/ for articles/2025/01/photo_ab12cd.jpg.

    Stored names are unique, so each upload's renditions have a folder of their own.
    """
    return str(PurePosixPath(RENDITIONS_DIR) / source_name)


def _within(size: tuple[int, int], source: tuple[int, int]) -> tuple[int, int]:
    """`size`, scaled down to the largest of its shape `source` holds: networks take a smaller
    social card of the right shape, and an enlarged one is only blurred."""
    scale = min(1.0, source[0] / size[0], source[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _resize(picture: Image.Image, size: tuple[int, int], box=None) -> Image.Image:
    # Reduce by whole factors first, then resample: as sharp, and several times faster.
    return picture.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _cover(
    picture: Image.Image, size: tuple[int, int], centering: tuple[float, float] = (0.5, 0.5)
) -> Image.Image:
    """`picture` cropped to the aspect ratio of `size` around `centering`, then resized."""
    width, height = picture.size
    target_ratio = size[0] / size[1]
    if width / height > target_ratio:
        crop_width, crop_height = height * target_ratio, height
    else:
        crop_width, crop_height = width, width / target_ratio
    left = (width - crop_width) * centering[0]
    top = (height - crop_height) * centering[1]
    return _resize(picture, size, box=(left, top, left + crop_width, top + crop_height))


def _has_alpha(picture: Image.Image) -> bool:
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


# Pillow's modes for 16-bit greyscale (a PNG scanned from a print, a black-and-white export
# from Lightroom); "I" is how older releases open such a PNG.
SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")


def _for_resizing(picture: Image.Image) -> Image.Image:
    """RGB, or RGBA when the picture has transparency: palette and CMYK images cannot be
    resampled smoothly. 16-bit greyscale is scaled to 8 bits first: converted as it is, every
    value above 255 (all but the darkest greys) would become white. Colours are sRGB (see
    `_in_srgb`)."""
    if picture.mode in SIXTEEN_BIT_MODES:
        picture = _eight_bit_grey(picture)
    mode = "RGBA" if _has_alpha(picture) else "RGB"
    if picture.mode == "P":  # a palette has no colour space of its own to convert from
        picture = picture.convert(mode)
    return _in_srgb(picture, mode)


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _in_srgb(picture: Image.Image, mode: str) -> Image.Image:
    """`picture` in `mode`, its colours turned from its own profile into sRGB, with no profile.

    Renditions are written without the upload's profile, and a browser reads a picture without
    one as sRGB: a phone's Display P3 photo would look dull, a CMYK one off. Turned into sRGB
    they look as the original does wherever they are shown. A profile that cannot be read, or
    is not for the picture's colours, is left aside as before.
    """
    profile = picture.info.get("icc_profile")
    converted = None
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(picture, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None
    converted = converted or picture.convert(mode)
    converted.info.pop("icc_profile", None)  # PNG would otherwise write it back
    return converted


def _eight_bit_grey(picture: Image.Image) -> Image.Image:
    """16-bit greyscale `picture` in 8 bits ("L"), or with an alpha band ("LA") where the
    picture has a transparent grey (a PNG's transparency key, a 16-bit value)."""
    wide = picture.convert("I")
    grey = wide.point(lambda value: value * (255 / 65_535)).convert("L")
    grey.info.pop("transparency", None)
    key = picture.info.get("transparency")
    if not isinstance(key, int):
        return grey
    opaque = ImageMath.lambda_eval(lambda image: (image["wide"] != key) * 255, wide=wide)
    return Image.merge("LA", (grey, opaque.convert("L")))


def encode(picture: Image.Image, image_format: str) -> bytes:
    picture = _in_mode_for(picture, image_format)
    buffer = io.BytesIO()
    picture.save(buffer, format=PILLOW_FORMATS[image_format], **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


def _in_mode_for(picture: Image.Image, image_format: str) -> Image.Image:
    """JPEG has no transparency: flatten it onto white. The others keep it."""
    if image_format == "jpeg" and picture.mode == "RGBA":
        flat = Image.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture, mask=picture.getchannel("A"))
        return flat
    return picture


def refresh_renditions(
    instance, *, field: str, record_field: str, plan: Plan, force: bool = False
) -> bool:
    """Bring `instance`'s renditions in line with its image after a save; True if remade.

    Nothing happens when the image is unchanged (unless `force`). A new image gets its
    renditions made and recorded (one UPDATE). If they cannot be made, the record stays empty
    and pages show the original: the editor's save is never lost to an image problem.
    """
    image = getattr(instance, field)
    previous = getattr(instance, record_field) or {}
    source = image.name if image else ""
    if previous.get("source", "") == source and not (force and image):
        return False
    record = {}
    if image:
        try:
            record = make_renditions(image, plan)
        except Exception:
            logger.exception("Could not make renditions of %s", source)
    setattr(instance, record_field, record)
    type(instance).objects.filter(pk=instance.pk).update(**{record_field: record})
    return bool(record)


@dataclass(frozen=True)
class Kept:
    """A photo field whose renditions are kept in `record_field`, made to `plan`."""

    model: type[models.Model]
    field: str
    record_field: str
    plan: Plan


kept: list[Kept] = []


def keep_renditions(model: type[models.Model], *, field: str, record_field: str, plan: Plan):
    """Make `model.field`'s renditions whenever a save writes that field."""
    entry = Kept(model, field, record_field, plan)
    if entry in kept:
        return
    kept.append(entry)

    def after_save(sender, instance, update_fields=None, raw=False, **kwargs):
        if raw or (update_fields is not None and field not in update_fields):
            return
        refresh_renditions(instance, field=field, record_field=record_field, plan=plan)

    post_save.connect(
        after_save, sender=model, weak=False, dispatch_uid=f"renditions:{model._meta.label}:{field}"
    )
