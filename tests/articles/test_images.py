import pytest
from django.core.exceptions import ValidationError

from articles.images import validate_image_file
from tests.conftest import image_bytes


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_web_image_formats_are_accepted(make_upload, image_format):
    validate_image_file(make_upload(f"photo.{image_format.lower()}", image_format=image_format))


def test_a_text_file_named_jpg_is_refused(make_upload):
    upload = make_upload("photo.jpg", content=b"this is not an image at all")

    with pytest.raises(ValidationError) as error:
        validate_image_file(upload)

    assert error.value.code == "not_an_image"


def test_an_svg_is_refused(make_upload):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("logo.svg", content=svg))

    assert error.value.code == "not_an_image"


def test_a_truncated_image_is_refused(make_upload):
    truncated = image_bytes("PNG", (600, 400))[:200]

    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("cut.png", content=truncated))

    assert error.value.code == "damaged_image"


def test_an_image_with_too_many_pixels_is_refused_with_its_size(make_upload):
    # A PNG of a single colour compresses to a few kilobytes whatever its pixel count.
    upload = make_upload("huge.png", image_format="PNG", size=(13_000, 200))

    with pytest.raises(ValidationError) as error:
        validate_image_file(upload)

    assert error.value.code == "too_many_pixels"
    assert "13000 × 200" in error.value.messages[0]


def test_a_bmp_is_refused_as_an_unsupported_format(make_upload):
    with pytest.raises(ValidationError) as error:
        validate_image_file(make_upload("scan.bmp", image_format="BMP", size=(20, 20)))

    assert error.value.code == "unsupported_format"
    assert "BMP" in error.value.messages[0]
