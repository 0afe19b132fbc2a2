"""A photo in a wide colour space (Display P3, as phones take them) keeps its colours in its
renditions: they are seen as the original is, on any screen and in any browser."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from tests.factories import AuthorFactory
from tests.newsroom.photos.colour_profiles import display_p3
from tests.newsroom.photos.uploads import with_image

pytestmark = pytest.mark.django_db

# Terracotta in Display P3, and the same colour in sRGB, as a browser shows it.
P3_TERRACOTTA = (200, 100, 50)
SRGB_TERRACOTTA = (216, 93, 24)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# JPEG and lossy WebP shift a flat colour by a step or two.
TOLERANCE = 4


def p3_photo(image_format: str, mode: str = "RGB") -> SimpleUploadedFile:
    colour = (*P3_TERRACOTTA, 128) if mode == "RGBA" else P3_TERRACOTTA
    buffer = io.BytesIO()
    Image.new(mode, (1000, 600), colour).save(buffer, image_format, icc_profile=display_p3())
    extension = {"JPEG": "jpg"}.get(image_format, image_format.lower())
    return SimpleUploadedFile(f"p3.{extension}", buffer.getvalue())


def as_shown(name: str) -> tuple[int, ...]:
    """The centre pixel of a stored file as a browser shows it: in sRGB, through the file's
    own profile when it has one."""
    with default_storage.open(name) as file, Image.open(file) as stored:
        stored.load()
        picture = stored.convert("RGBA" if "A" in stored.mode else "RGB")
        profile = stored.info.get("icc_profile")
    if profile:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        picture = ImageCms.profileToProfile(picture, source, SRGB, outputMode=picture.mode)
    return picture.getpixel((picture.width // 2, picture.height // 2))


def assert_close(shown: tuple[int, ...], expected: tuple[int, ...], name: str) -> None:
    assert all(abs(a - b) <= TOLERANCE for a, b in zip(shown, expected, strict=True)), (
        f"{name} shows {shown}, not {expected}"
    )


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_every_rendition_of_a_p3_photo_shows_its_colours(image_format):
    article = with_image(featured_image=p3_photo(image_format))

    assert article.image.ready
    for rendition in article.image.files:
        assert_close(as_shown(rendition.name)[:3], SRGB_TERRACOTTA, rendition.name)


def test_a_transparent_p3_png_keeps_its_colours_and_its_transparency():
    article = with_image(featured_image=p3_photo("PNG", mode="RGBA"))

    for rendition in article.image.files:
        shown = as_shown(rendition.name)
        if rendition.format == "jpeg":  # flattened onto white: a JPEG has no transparency
            continue
        assert_close(shown, (*SRGB_TERRACOTTA, 128), rendition.name)


def test_a_p3_headshot_keeps_its_colours():
    author = AuthorFactory(headshot=p3_photo("JPEG"))

    assert author.headshot_images.ready
    for rendition in author.headshot_images.files:
        assert_close(as_shown(rendition.name), SRGB_TERRACOTTA, rendition.name)


def test_the_stored_original_keeps_its_profile():
    article = with_image(featured_image=p3_photo("JPEG"))

    with default_storage.open(article.featured_image.name) as file, Image.open(file) as stored:
        assert stored.info["icc_profile"] == display_p3()
