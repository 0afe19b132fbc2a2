"""A query of stop words alone ("The Who", "Us") finds the pieces holding its words as typed: on
PostgreSQL, which reads no word in it, among the newest pieces, ranked by where the words are and
with the words marked in the snippet; in SQLite's plain search as any other query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone

from articles import search, search_as_typed
from articles.models import Article
from newsroom.pagecache import schedule
from tests.articles.searching import found
from tests.articles.test_search_postgres import published_rows_with_vectors
from tests.articles.test_search_query_budget import SEARCH_QUERIES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def band():
    now = timezone.now()
    ArticleFactory(
        slug="band",
        headline="The Who play the harbour",
        dek="Rock returns.",
        body="<p>Crowds came.</p>",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory(
        slug="show",
        headline="Weekend television",
        dek="Us returns for a second season, and it is darker.",
        body="<p>Reviews follow.</p>",
        published_at=now - timedelta(days=2),
    )
    ArticleFactory(
        slug="interview",
        headline="Harbour music",
        dek="A drummer remembers.",
        body="<p>He saw The Who twice at the pier.</p>",
        published_at=now - timedelta(days=1),
    )
    ArticleFactory(slug="draft", headline="The Who secrets", status="draft")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("The Who", {"band", "interview"}),
        ('"the who"', {"band", "interview"}),
        ("Us", {"show"}),
        ("it", {"show"}),
    ],
)
def test_a_query_of_stop_words_finds_the_pieces_holding_its_words(client, band, query, expected):
    shown = found(client, query)

    if connection.vendor == "postgresql":
        # Words read as typed, whole: "us" is not the one inside "music".
        assert set(shown) == expected
    else:
        assert expected <= set(shown)


@pytest.mark.postgres
def test_stop_words_rank_a_headline_above_a_summary_above_the_text(client, band):
    ArticleFactory(slug="dek", headline="Pier news", dek="The Who are back.", body="<p>Yes.</p>")

    assert found(client, "the who") == ["band", "dek", "interview"]
    assert found(client, "the who", sort="newest") == ["dek", "interview", "band"]


@pytest.mark.postgres
def test_a_query_of_stop_words_excludes_as_typed(client, band):
    assert found(client, 'the who -he -"at the"') == ["band"]


@pytest.mark.postgres
def test_the_snippet_marks_the_words_as_typed(client, band):
    response = client.get("/news/search/", {"q": "the who"})

    snippets = {article.slug: str(article.snippet) for article in response.context["articles"]}
    assert snippets["interview"] == "He saw <mark>The Who</mark> twice at the pier."
    html = response.content.decode()
    assert "2 articles found for “the who”." in html
    assert (
        '<p class="search-note">Words as common as these are looked for in the newest 1,000'
        " articles only.</p>"
    ) in html
    assert "search-note" not in client.get("/news/search/", {"q": "harbour"}).content.decode()


@pytest.mark.postgres
def test_stop_words_are_looked_for_among_the_newest_pieces_alone(client, monkeypatch, band):
    monkeypatch.setattr(search_as_typed, "ROWS", 2)

    # The band's piece is the third newest: beyond the pieces read.
    assert found(client, "The Who") == ["interview"]


def as_typed_plan(words: str) -> str:
    """The plan of the newest pieces holding `words` as typed, as run."""
    queryset = search.ArticleSearch(words).newest_as_typed(Article.objects.published())
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A few thousand test rows would otherwise be read sequentially and sorted.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
def test_stop_words_are_found_by_walking_the_listing_index_a_bounded_way():
    published_rows_with_vectors(3000)
    # A publication time each, so that the newest pieces end at one.
    Article.objects.update(published_at=F("published_at") - F("id") * timedelta(seconds=1))

    plan = as_typed_plan("the who")

    # The newest pieces, as the index gives them, and no more are read.
    assert "Index Scan using article_public_order_idx" in plan
    assert f"Rows Removed by Filter: {search_as_typed.ROWS}\n" in plan


@pytest.mark.postgres
def test_a_query_with_words_reads_no_piece_as_typed():
    published_rows_with_vectors(300)

    plan = as_typed_plan("zeppelin")

    assert "One-Time Filter: false" in plan
    assert "Scan" not in plan


def test_a_query_of_stop_words_costs_one_query_more_on_postgresql(
    client, band, django_assert_num_queries
):
    schedule.next_publication()
    # On PostgreSQL the search for its words finds nothing first.
    extra = 1 if connection.vendor == "postgresql" else 0

    with django_assert_num_queries(SEARCH_QUERIES + extra):
        client.get("/news/search/", {"q": "The Who"})
