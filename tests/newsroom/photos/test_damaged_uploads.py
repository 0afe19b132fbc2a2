"""Pictures cut short on the way (a failed transfer, a half-synced folder): refused with a clear
message at upload, never stored half grey or answered with a server error."""

import io

import pytest
from PIL import Image

from articles.models import Article
from tests.newsroom.photos.test_hostile_uploads import post_image, stored_files, upload

pytestmark = pytest.mark.django_db

DAMAGED = "This image is damaged or incomplete."
# What the form says when Pillow cannot even open the file (a WebP's chunks tell their lengths).
UNREADABLE = "Upload a valid image."


def photo(image_format: str, **options) -> bytes:
    """A photo-like picture (noise compresses little, so its pixel data is most of the file)."""
    picture = Image.effect_noise((640, 480), 60).convert("RGB")
    if image_format == "GIF":
        picture = picture.convert("P")
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


CUT_SHORT = {
    "jpeg": ("cut.jpg", "JPEG", {}, DAMAGED),
    "progressive jpeg": ("cut.jpg", "JPEG", {"progressive": True}, DAMAGED),
    "gif": ("cut.gif", "GIF", {}, DAMAGED),
    "webp": ("cut.webp", "WEBP", {"quality": 90}, UNREADABLE),
    "lossless webp": ("cut.webp", "WEBP", {"lossless": True}, UNREADABLE),
}


@pytest.mark.parametrize("case", CUT_SHORT.keys())
def test_a_picture_cut_short_is_refused_as_damaged(admin_client, media_root, case):
    name, image_format, options, message = CUT_SHORT[case]
    cut = cut_in_half(photo(image_format, **options))

    status, errors = post_image(admin_client, upload(name, cut))

    assert status == 200
    assert message in errors
    assert not Article.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("case", CUT_SHORT.keys())
def test_the_same_picture_whole_is_stored_with_its_renditions(admin_client, media_root, case):
    name, image_format, options, _ = CUT_SHORT[case]

    status, errors = post_image(admin_client, upload(name, photo(image_format, **options)))

    assert status == 302, errors
    assert Article.objects.get().image.ready


def test_a_jpeg_missing_only_its_last_bytes_is_refused_too(admin_client, media_root):
    whole = photo("JPEG")

    status, errors = post_image(admin_client, upload("cut.jpg", whole[:-40]))

    assert status == 200
    assert DAMAGED in errors
    assert stored_files(media_root) == []
