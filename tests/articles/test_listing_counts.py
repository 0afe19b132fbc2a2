"""A listing's count, kept in two parts: the current month's pieces and the archive before them.

Publishing today recounts the month; a change to an older piece recounts the archive. Either
way the count is right at the next request.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cache_tags
from articles.workflow import publishing
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

DANA = "/news/authors/dana/"


@pytest.fixture
def dana(monkeypatch, settings):
    # Pages are rendered each time (from kept parts): the count is what is looked at.
    settings.PAGE_CACHE_SECONDS = 0
    # Away from the turn of a month, a piece of today is in this month's part alone.
    monkeypatch.setattr(cache_tags, "TURN_OF_MONTH", timedelta(0))
    author = AuthorFactory(slug="dana")
    ArticleFactory(
        headline="Last year",
        slug="last-year",
        authors=[author],
        published_at=timezone.now() - timedelta(days=400),
    )
    ArticleFactory(headline="Today", authors=[author], published_at=timezone.now())
    return author


def counted(client, url: str) -> tuple[int, list[str]]:
    """The listing's count as its page has it, and the counting queries the request made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sql = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    return response.context["paginator"].count, sql


def test_publishing_today_recounts_this_month_only(client, dana):
    assert counted(client, DANA)[0] == 2
    draft = ArticleFactory(authors=[dana], status="draft", published_at=None)

    publishing.publish(draft)
    count, queries = counted(client, DANA)

    assert count == 3
    (query,) = queries
    assert '"published_at" >=' in query


def test_a_change_to_an_archived_piece_recounts_the_archive(client, dana):
    assert counted(client, DANA)[0] == 2

    publishing.unpublish(dana.bylines.get(article__slug="last-year").article)
    count, queries = counted(client, DANA)

    assert count == 1
    (query,) = queries
    assert '"published_at" < ' in query


def test_nothing_changed_counts_nothing(client, dana):
    counted(client, DANA)
    ArticleFactory(headline="A draft", authors=[dana], status="draft", published_at=None)

    assert counted(client, DANA) == (2, [])


def test_a_piece_is_in_its_month_and_before_the_current_month_in_the_archive():
    now = datetime(2026, 12, 15, 12, tzinfo=UTC)

    assert cache_tags.periods_of(datetime(2026, 12, 3, tzinfo=UTC), now) == ["2026-12"]
    assert cache_tags.periods_of(datetime(2026, 11, 30, tzinfo=UTC), now) == [
        "2026-11",
        cache_tags.ARCHIVE,
    ]


def test_around_the_turn_of_a_month_a_piece_is_in_both_parts():
    # A server whose clock is a little behind still counts the 1st's pieces in the archive.
    now = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)

    assert cache_tags.periods_of(datetime(2026, 12, 1, 0, 1, tzinfo=UTC), now) == [
        "2026-12",
        cache_tags.ARCHIVE,
    ]
