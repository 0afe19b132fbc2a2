"""Search on PostgreSQL: weights, web-search syntax, stemming, highlighted snippets, the GIN index.

Each test is marked `postgres` and skips itself on other databases.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import search, snippets
from articles.models import Article
from articles.search_index import reindex
from tests.articles.searching import every_page, found
from tests.articles.test_database import explain
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


# PostgreSQL: weights, web-search syntax, stemming, highlighted snippets, the GIN index.


@pytest.mark.postgres
def test_headline_matches_rank_above_summary_and_summary_above_text(client, harbour):
    assert found(client, "ferry") == ["headline", "dek", "body"]


@pytest.mark.postgres
def test_a_headline_match_ranks_first_among_the_newest_matches(client, window):
    now = timezone.now()
    ArticleFactory(
        slug="old-headline", headline="Ferry news", published_at=now - timedelta(days=90)
    )
    for n in range(window):
        ArticleFactory(
            slug=f"body-{n}",
            headline=f"Weekend plans {n}",
            body="<p>Take the ferry to the island.</p>",
            published_at=now - timedelta(days=n + 1),
        )
    ArticleFactory(
        slug="headline", headline="Ferry captains return", published_at=now - timedelta(days=30)
    )

    shown = every_page(client, "ferry")

    assert shown[0] == "headline"
    assert "old-headline" not in shown  # older than the newest 16 matches
    assert len(shown) == window


@pytest.mark.postgres
def test_results_can_be_sorted_newest_first(client, harbour):
    response = client.get("/news/search/", {"q": "ferry", "sort": "newest"})

    assert [article.slug for article in response.context["articles"]] == ["body", "dek", "headline"]
    html = response.content.decode()
    assert '<a href="?q=ferry&amp;sort=relevance">Most relevant</a>' in html
    assert '<span aria-current="true">Newest first</span>' in html


def published_rows_with_vectors(count: int) -> None:
    """`count` public rows, each with "row" in its headline, indexed, with fresh statistics, so
    plans look like production's."""
    moment = timezone.now() - timedelta(days=1)
    Article.objects.bulk_create(
        Article(headline=f"Row {n}", slug=f"row-{n}", status="published", published_at=moment)
        for n in range(count)
    )
    reindex(Article.objects.all())
    with connection.cursor() as cursor:
        # Rows not yet merged into the GIN index make it look costly to the planner; in
        # production autovacuum merges them.
        cursor.execute("SELECT gin_clean_pending_list('article_search_idx')")
        cursor.execute("ANALYZE articles_article")


def window_query(words: str):
    return search.ArticleSearch(words).newest_matches(Article.objects.published())


@pytest.mark.postgres
def test_the_window_of_a_common_word_is_found_by_walking_the_listing_index():
    published_rows_with_vectors(3000)

    plan = explain(window_query("row"))

    # Newest first, as the index gives them, until the window is full: no sort of every match.
    assert "Index Scan using article_public_order_idx" in plan
    assert "Sort" not in plan


@pytest.mark.postgres
def test_the_window_of_a_rare_word_is_found_through_the_gin_index():
    ArticleFactory(headline="Zeppelin lands")
    published_rows_with_vectors(3000)

    plan = explain(window_query("zeppelin"))

    assert "Bitmap Index Scan on article_search_idx" in plan


@pytest.mark.postgres
def test_words_are_matched_by_their_stem(client, harbour):
    assert sorted(found(client, "ferries")) == ["body", "dek", "headline"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"island market"', ["body"]),
        ('"market island"', []),
        ("ferry -harbour", []),
        ("ferry -strike", ["body", "dek"]),
        ("timetable or market", ["body", "dek"]),
    ],
)
def test_web_search_syntax_handles_phrases_exclusions_and_or(client, harbour, query, expected):
    assert sorted(found(client, query)) == expected


@pytest.mark.postgres
def test_snippets_highlight_the_matched_words(client, harbour):
    response = client.get("/news/search/", {"q": "markets"})

    (article,) = response.context["articles"]
    assert "<mark>market</mark>" in article.snippet


@pytest.mark.postgres
def test_snippets_widen_what_ts_headline_cuts_inside_hyphenated_words(client):
    ArticleFactory(
        headline="Weekend plans",
        body="<p>Crews are back at work after a long winter on the quays. The long-awaited, "
        "well-known ferry-men of the island market sail daily again, said the harbour-master.</p>",
    )

    (island,) = client.get("/news/search/", {"q": "island"}).context["articles"]
    (harbour,) = client.get("/news/search/", {"q": "harbour"}).context["articles"]

    # PostgreSQL's passage starts inside "long-awaited" and marks a part of "harbour-master".
    assert island.raw_snippet.startswith("awaited, well-known")
    assert f"{snippets.START}harbour{snippets.STOP}-master" in harbour.raw_snippet
    assert island.snippet == (
        "… long-awaited, well-known ferry-men of the <mark>island</mark> market sail daily again,"
        " said the harbour-master."
    )
    assert str(harbour.snippet).endswith("said the <mark>harbour-master</mark>.")


@pytest.mark.postgres
def test_the_stored_vector_is_weighted_and_spoiler_free():
    ArticleFactory(
        headline="Ferry",
        dek="Harbour",
        body='<p>Island <span class="spoiler">smuggler</span></p>',
    )

    vector = Article.objects.values_list("search_vector", flat=True).get()

    assert "'ferri':1A" in vector
    assert "'harbour':2B" in vector
    assert "'island':3" in vector
    assert "smuggler" not in vector


@pytest.mark.postgres
def test_the_stored_vector_keeps_a_raised_number_apart_and_a_lowered_one_in_its_formula():
    ArticleFactory(
        headline="Notes",
        dek="Water",
        body="<p>It was true<sup>3</sup> that CO<sub>2</sub> rose.</p>",
    )

    vector = Article.objects.values_list("search_vector", flat=True).get()

    assert "'true':5" in vector
    assert "'co2':7" in vector
    assert Article.objects.values_list("search_text", flat=True).get() == (
        "It was true³ that CO₂ rose."
    )


@pytest.mark.postgres
def test_the_search_query_is_served_by_the_gin_index(client, harbour):
    from django.contrib.postgres.search import SearchQuery

    query = SearchQuery("ferry", config="english", search_type="websearch")

    plan = explain(Article.objects.filter(search_vector=query))

    assert "article_search_idx" in plan


def test_other_databases_use_the_plain_fallback_with_the_same_page(client, harbour):
    if connection.vendor == "postgresql":
        pytest.skip("the fallback is for databases without full-text search")

    response = client.get("/news/search/", {"q": "market"})

    (article,) = response.context["articles"]
    assert str(article.snippet).startswith("Take the ferry to the island <mark>market</mark>")
    assert found(client, '"island market"') == ["body"]
    assert found(client, "ferry -strike") == ["body", "dek"]
    # Newest first is the only order here, so none is offered.
    assert (
        'class="search-order"' not in client.get("/news/search/", {"q": "ferry"}).content.decode()
    )
