"""A site given another language (a deploy with a new LANGUAGE_CODE) is never served a page, a
kept fragment or a card made in the former one: the language is part of what they are kept
under, as the time zone is (test_time_zone_keys.py)."""

from datetime import UTC, datetime

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# A month whose short name differs between English and German.
IN_DECEMBER = datetime(2025, 12, 14, 12, 0, tzinfo=UTC)


def test_a_piece_page_made_in_one_language_is_made_again_in_a_new_one(client, settings, cached):
    settings.LANGUAGE_CODE = "en-us"
    ArticleFactory(headline="Winter news", slug="winter", published_at=IN_DECEMBER)
    page = client.get("/news/winter/").content.decode()
    assert "Dec 14, 2025" in page
    assert '"inLanguage":"en-us"' in page

    settings.LANGUAGE_CODE = "de"
    page = client.get("/news/winter/").content.decode()

    assert "Dez 14, 2025" in page
    assert '"inLanguage":"de"' in page
    assert "Dec 14, 2025" not in page


def test_the_news_index_and_its_cards_made_in_one_language_are_made_again_in_a_new_one(
    client, settings, cached
):
    settings.LANGUAGE_CODE = "en-us"
    ArticleFactory(headline="Winter news", slug="winter", published_at=IN_DECEMBER)
    assert "Dec 14, 2025" in client.get("/news/").content.decode()

    settings.LANGUAGE_CODE = "de"
    index = client.get("/news/").content.decode()

    assert "Dez 14, 2025" in index
    assert "Dec 14, 2025" not in index


def test_pages_kept_in_the_same_language_are_served_from_the_cache(
    client, settings, django_assert_num_queries
):
    settings.LANGUAGE_CODE = "de"
    ArticleFactory(headline="Winter news", slug="winter", published_at=IN_DECEMBER)
    first = client.get("/news/winter/")

    with django_assert_num_queries(0):
        again = client.get("/news/winter/")

    assert again.content == first.content
    assert "Dez 14, 2025" in first.content.decode()
