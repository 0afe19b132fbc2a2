"""An unreleased piece's picture is public only to those shown its address: uploads are read
from the media bucket by anyone (docs/deploying.md), so the address must not be guessable from
the file's name, as a media kit file's is not (`articles.models.media_kit.kit_file_name`)."""

import re

import pytest

from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsroom.photos.uploads import upload

pytestmark = pytest.mark.django_db

# articles/<year>/<month>/<the name it was uploaded under>, and its renditions beneath that.
GUESSABLE = re.compile(r"^(renditions/)?articles/\d{4}/\d{2}/q3-launch-teaser\.jpg(/|$)")


def test_an_unreleased_pieces_picture_is_not_at_an_address_its_file_name_gives():
    release = ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE,
        status=Article.Status.DRAFT,
        featured_image=upload(name="q3-launch-teaser.jpg"),
        featured_image_alt="The new plant",
    )
    release.refresh_from_db()
    stored = [
        release.featured_image.name,
        *(rendition["name"] for rendition in release.featured_image_renditions["files"]),
    ]

    assert len(stored) > 1
    assert [name for name in stored if GUESSABLE.match(name)] == []
