"""Image renditions are made once when an image is saved: every width in WebP and the image's
own format, upright, transparent where it was, never enlarged, square for headshots; new ones
for a replaced image with the old kept, and an image that cannot be processed kept as it
is."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tests.factories import AuthorFactory
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db


def files_of(record: dict, role: str, image_format: str | None = None) -> list[dict]:
    return [
        item
        for item in record["files"]
        if item["role"] == role and (image_format is None or item["format"] == image_format)
    ]


def opened(name: str) -> Image.Image:
    with default_storage.open(name) as file:
        image = Image.open(file)
        image.load()
        return image


def test_a_featured_image_gets_every_width_in_webp_and_its_format_plus_card_and_thumbnail():
    record = with_image().featured_image_renditions

    assert record["source"].startswith("articles/")
    assert record["fallback_format"] == "jpeg"
    for image_format, pillow_format in [("webp", "WEBP"), ("jpeg", "JPEG")]:
        widths = files_of(record, "width", image_format)
        assert [(item["width"], item["height"]) for item in widths] == [
            (480, 270),
            (800, 450),
            (1200, 675),
            (1600, 900),
        ]
        for item in widths:
            stored = opened(item["name"])
            assert stored.format == pillow_format
            assert stored.size == (item["width"], item["height"])
            assert default_storage.size(item["name"]) == item["size"]
    (social,) = files_of(record, "social")
    assert opened(social["name"]).size == (1200, 630)
    assert opened(social["name"]).format == "JPEG"
    (thumbnail,) = files_of(record, "thumbnail")
    assert opened(thumbnail["name"]).size == (128, 128)


def test_a_narrow_image_is_never_enlarged():
    record = with_image(featured_image=upload(size=(600, 400))).featured_image_renditions

    assert [item["width"] for item in files_of(record, "width", "webp")] == [480, 600]


def test_renditions_of_a_photo_taken_sideways_are_upright():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: pixels are stored rotated
    article = with_image(featured_image=upload(size=(1200, 800), exif=exif))

    widths = files_of(article.featured_image_renditions, "width", "jpeg")
    assert (widths[-1]["width"], widths[-1]["height"]) == (800, 1200)
    assert opened(widths[-1]["name"]).size == (800, 1200)
    assert (article.image.width, article.image.height) == (800, 1200)


def test_a_transparent_png_keeps_its_transparency_except_on_the_social_card():
    record = with_image(featured_image=upload("PNG", mode="RGBA")).featured_image_renditions

    assert record["fallback_format"] == "png"
    assert opened(files_of(record, "width", "png")[0]["name"]).mode == "RGBA"
    assert opened(files_of(record, "width", "webp")[0]["name"]).mode == "RGBA"
    card = opened(files_of(record, "social")[0]["name"])
    assert card.mode == "RGB"
    # Half-transparent blue over white.
    assert card.getpixel((600, 315)) == pytest.approx((139, 173, 197), abs=3)


def test_a_gif_gets_png_renditions_and_a_webp_upload_only_webp():
    gif = with_image(featured_image=upload("GIF", size=(800, 450))).featured_image_renditions
    webp = with_image(featured_image=upload("WEBP", size=(800, 450))).featured_image_renditions

    assert {item["format"] for item in files_of(gif, "width")} == {"webp", "png"}
    assert {item["format"] for item in files_of(webp, "width")} == {"webp"}


def test_headshots_get_square_renditions_in_both_formats():
    author = AuthorFactory(headshot=upload(size=(600, 800)))

    squares = files_of(author.headshot_renditions, "square")
    assert sorted((item["format"], item["width"], item["height"]) for item in squares) == [
        ("jpeg", 96, 96),
        ("jpeg", 192, 192),
        ("jpeg", 400, 400),
        ("webp", 96, 96),
        ("webp", 192, 192),
        ("webp", 400, 400),
    ]
    for item in squares:
        assert opened(item["name"]).size == (item["width"], item["width"])


def test_renditions_are_made_once_not_on_later_saves_or_requests(client):
    article = with_image()
    record = article.featured_image_renditions
    stamps = {
        item["name"]: default_storage.get_modified_time(item["name"]) for item in record["files"]
    }

    article.headline = "A corrected headline"
    article.save()
    client.get(article.get_absolute_url())
    client.get("/news/")

    article.refresh_from_db()
    assert article.featured_image_renditions == record
    assert {name: default_storage.get_modified_time(name) for name in stamps} == stamps


def test_replacing_an_image_makes_new_renditions_and_keeps_the_old_for_revisions():
    article = with_image()
    old = article.featured_image_renditions

    article.featured_image = upload(name="other.jpg", size=(1000, 500))
    article.save()

    article.refresh_from_db()
    new = article.featured_image_renditions
    assert new["source"] == article.featured_image.name != old["source"]
    assert [item["width"] for item in files_of(new, "width", "webp")] == [480, 800, 1000]
    assert all(default_storage.exists(item["name"]) for item in new["files"])
    assert all(default_storage.exists(item["name"]) for item in old["files"])


def test_removing_an_image_clears_its_record():
    article = with_image()

    article.featured_image = ""
    article.featured_image_alt = ""
    article.save()

    article.refresh_from_db()
    assert article.featured_image_renditions == {}
    assert not article.image


def test_an_image_that_cannot_be_processed_is_kept_and_shown_as_it_is(client, caplog):
    broken = upload().read()[:600]  # the header says JPEG; the pixels stop short
    article = with_image(featured_image=SimpleUploadedFile("broken.jpg", broken))

    article.refresh_from_db()
    assert article.featured_image_renditions == {}
    assert "Could not make renditions" in caplog.text
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<img src="{article.featured_image.url}" alt="The harbour at dawn"' in html
