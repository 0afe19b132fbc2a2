"""A site given another time zone (a deploy with a new TIME_ZONE) is never served a page, a kept
fragment or a card made in the former one: the zone is part of what they are kept under."""

from datetime import UTC, datetime

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Late on the 14th in UTC, already the 15th in Tokyo.
LATE_EVENING = datetime(2025, 1, 14, 23, 30, tzinfo=UTC)


def test_a_piece_page_made_in_one_zone_is_made_again_in_a_new_one(client, settings, cached):
    settings.TIME_ZONE = "UTC"
    ArticleFactory(headline="Late news", slug="late", published_at=LATE_EVENING)
    assert "Jan 14, 2025" in client.get("/news/late/").content.decode()

    settings.TIME_ZONE = "Asia/Tokyo"
    page = client.get("/news/late/").content.decode()

    assert "Jan 15, 2025" in page
    assert "Jan 14, 2025" not in page


def test_the_news_index_and_its_cards_made_in_one_zone_are_made_again_in_a_new_one(
    client, settings, cached
):
    settings.TIME_ZONE = "UTC"
    ArticleFactory(headline="Late news", slug="late", published_at=LATE_EVENING)
    assert "Jan 14, 2025" in client.get("/news/").content.decode()

    settings.TIME_ZONE = "Asia/Tokyo"
    index = client.get("/news/").content.decode()

    assert "Jan 15, 2025" in index
    assert "Jan 14, 2025" not in index


def test_pages_kept_in_the_same_zone_are_served_from_the_cache(
    client, settings, django_assert_num_queries
):
    settings.TIME_ZONE = "Asia/Tokyo"
    ArticleFactory(headline="Late news", slug="late", published_at=LATE_EVENING)
    first = client.get("/news/late/")

    with django_assert_num_queries(0):
        again = client.get("/news/late/")

    assert again.content == first.content
