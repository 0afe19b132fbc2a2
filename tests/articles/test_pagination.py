"""Deep pages of a large archive: found by position, with the same rows OFFSET would give."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import pagination
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(monkeypatch):
    """31 articles, some sharing a publication time, with deep pages starting at page 3."""
    monkeypatch.setattr(pagination, "OFFSET_PAGES", 2)
    monkeypatch.setattr(pagination, "BOUNDS_PER_BLOCK", 2)  # several blocks of page bounds
    author = AuthorFactory(slug="dana")
    moment = timezone.now() - timedelta(days=1)
    for n in range(31):
        # Pairs share a time, so the order falls back to the primary key at page boundaries.
        ArticleFactory(
            headline=f"Piece {n}",
            authors=[author],
            published_at=moment - n // 2 * timedelta(hours=1),
        )
    return list(Article.objects.published())


def paginate(per_page=3, name="test"):
    return pagination.ArchivePaginator(
        Article.objects.published(), per_page, name=name, tags=["news"]
    )


def test_every_deep_page_holds_the_rows_offset_would_give(archive):
    paginator = paginate()

    for number in paginator.page_range:
        expected = archive[(number - 1) * 3 : number * 3]
        assert list(paginator.page(number).object_list) == expected, number


def test_the_index_pages_through_the_whole_archive_in_order(client, archive, settings):
    settings.PAGE_CACHE_SECONDS = 0
    featured_free = [a.headline for a in archive]
    seen = []
    for number in range(1, 4):
        seen += [a.headline for a in client.get(f"/news/?page={number}").context["articles"]]

    assert seen == featured_free


def test_a_deep_page_skips_rows_by_position_not_offset(archive, django_assert_num_queries):
    paginator = paginate()
    paginator.page(5)  # notes the page boundaries once

    with django_assert_num_queries(1) as queries:
        list(paginate().page(7).object_list)

    assert "OFFSET" not in queries.captured_queries[0]["sql"].upper()


def test_the_last_pages_are_found_from_the_end_of_the_listing(archive, django_assert_num_queries):
    paginator = paginate()
    paginator.count  # noqa: B018 (kept like the rest of the listing's values)

    with django_assert_num_queries(2) as queries:  # its bound, then its rows
        last = list(paginator.page(11).object_list)

    assert last == archive[30:]
    assert "ROW_NUMBER" not in queries.captured_queries[0]["sql"].upper()
    assert "ASC" in queries.captured_queries[0]["sql"].upper()


def test_the_count_is_taken_once_until_the_content_changes(archive, django_assert_num_queries):
    assert paginate().count == 31

    with django_assert_num_queries(0):
        assert paginate().count == 31

    ArticleFactory()
    with django_assert_num_queries(1):
        assert paginate().count == 32


def test_page_bounds_follow_a_change_in_the_archive(archive):
    paginate().page(5)
    newest = ArticleFactory(headline="Newest of all")

    paginator = paginate()

    assert paginator.page(1).object_list[0] == newest
    assert list(paginator.page(5).object_list) == archive[11:14]


def test_an_empty_listing_has_one_empty_page():
    paginator = pagination.ArchivePaginator(Article.objects.none(), 3, tags=["news"])

    assert paginator.count == 0
    assert list(paginator.page(1).object_list) == []


def test_a_page_beyond_the_last_is_404(client, archive):
    assert client.get("/news/?page=99").status_code == 404
    assert client.get("/news/?page=0").status_code == 404
