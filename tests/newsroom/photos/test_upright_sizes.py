"""A photo a phone stored on its side, with an EXIF orientation that turns it upright, is
described by the size readers see it at: portrait, not landscape."""

import pytest
from PIL import ExifTags, Image

from articles.models import Article
from tests.articles.press.kits import release
from tests.factories import MediaKitItemFactory
from tests.newsroom.photos.test_renditions_on_pages import img_tag
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db


def on_its_side(size=(3000, 2000), orientation=6, image_format="JPEG"):
    """A phone's portrait photo: stored landscape, turned a quarter by its orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return upload(image_format, size=size, exif=exif)


@pytest.mark.parametrize("orientation", [5, 6, 7, 8])
def test_a_media_kit_original_stored_on_its_side_is_described_upright(client, orientation):
    piece = release()
    MediaKitItemFactory(article=piece, image=on_its_side(orientation=orientation))

    html = client.get(piece.get_absolute_url()).content.decode()

    assert "(JPEG, 2000 × 3000 pixels, " in html
    assert "(JPEG, 1365 × 2048 pixels, " in html


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_a_png_or_webp_on_its_side_records_its_upright_size(image_format):
    article = with_image(featured_image=on_its_side(image_format=image_format))

    assert (article.featured_image_width, article.featured_image_height) == (2000, 3000)


def test_a_png_without_exif_records_its_size():
    article = with_image(featured_image=upload("PNG", size=(3000, 2000)))

    assert (article.featured_image_width, article.featured_image_height) == (3000, 2000)


@pytest.mark.parametrize("orientation", [1, 2, 3, 4])
def test_an_orientation_that_keeps_it_level_keeps_its_size(orientation):
    article = with_image(featured_image=on_its_side(orientation=orientation))

    assert (article.featured_image_width, article.featured_image_height) == (3000, 2000)


def test_a_picture_shown_from_its_original_has_the_upright_size(client):
    article = with_image(featured_image=on_its_side(size=(1600, 900)))
    Article.objects.update(featured_image_renditions={})

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'width="900" height="1600"' in img_tag(html, article.featured_image.name)
