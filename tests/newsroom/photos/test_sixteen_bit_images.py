"""Deep-colour pictures: an editor who uploads a 16-bit greyscale PNG (a scanned print, a
black-and-white photo exported from Lightroom) expects the page to show the picture in its own
greys, not a blank white rectangle."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# A mid grey on the 16-bit scale: 30000 of 65535, about 117 of 255.
MID_GREY_16 = 30_000
MID_GREY_8 = round(MID_GREY_16 * 255 / 65_535)


def sixteen_bit_png(size=(1600, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("I;16", size, MID_GREY_16).save(buffer, format="PNG")
    return buffer.getvalue()


def test_renditions_of_a_sixteen_bit_greyscale_png_keep_its_greys():
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("scan.png", sixteen_bit_png()),
        featured_image_alt="A scanned print of the harbour",
    )
    article.refresh_from_db()

    files = article.featured_image_renditions["files"]
    assert files, "no renditions were made"
    for item in files:
        with default_storage.open(item["name"]) as file, Image.open(file) as rendition:
            red, green, blue = rendition.convert("RGB").getpixel((5, 5))
        assert abs(red - MID_GREY_8) <= 3, (item["name"], (red, green, blue))
        assert red == green == blue, item["name"]


def test_a_sixteen_bit_greyscale_png_keeps_its_greys_and_its_transparent_grey():
    picture = Image.new("I;16", (1600, 900), MID_GREY_16)
    picture.paste(Image.new("I;16", (100, 100), 1_000), (0, 0))  # the transparent corner
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", transparency=1_000)
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("scan.png", buffer.getvalue()),
        featured_image_alt="A scanned print of the harbour",
    )
    article.refresh_from_db()

    files = article.featured_image_renditions["files"]
    assert files, "no renditions were made"
    with default_storage.open(files[0]["name"]) as file, Image.open(file) as rendition:
        rendition = rendition.convert("RGBA")
        red, green, blue, alpha = rendition.getpixel((rendition.width - 5, 5))
        corner_alpha = rendition.getpixel((2, 2))[3]
    assert abs(red - MID_GREY_8) <= 3, (red, green, blue)
    assert alpha == 255
    assert corner_alpha == 0
