"""What the production database itself guarantees: indexes that serve the public queries."""

import re
from datetime import timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.functions import Now
from django.utils import timezone

from articles.cards import CARD_KEY_FIELDS
from articles.models import Article
from articles.views.listings import FEATURED
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def published_rows(count: int, *, tags=()) -> None:
    """`count` bare published articles and fresh statistics, so plans look like production's.

    Each of `tags` goes on every fifth row, as topics spread over a real archive.
    """
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    moment = timezone.now() - timedelta(days=1)
    rows = Article.objects.bulk_create(
        Article(headline=f"Row {n}", slug=f"row-{n}", status="published", published_at=moment)
        for n in range(count)
    )
    content_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tag, content_type=content_type, object_id=row.pk)
        for n, row in enumerate(rows)
        for tag in tags
        if n % 5 == 0
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
        cursor.execute("ANALYZE taggit_taggeditem")


def explain(queryset, *, sorting: bool = True) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would otherwise always be read sequentially.
        cursor.execute("SET LOCAL enable_seqscan = off")
        if not sorting:
            # Sorting a few thousand rows is cheaper than walking an index; at archive scale
            # it is not, and this shows the index that the planner then takes.
            cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_news_index_query_is_served_by_its_index():
    ArticleFactory.create_batch(5)

    plan = explain(Article.objects.published()[:12])

    assert "article_public_order_idx" in plan
    assert "Sort" not in plan.split("->")[0]


def test_the_featured_article_query_is_served_by_its_partial_index():
    ArticleFactory.create_batch(3, is_featured=True)

    plan = explain(Article.objects.published().filter(is_featured=True)[:1])

    assert "article_featured_idx" in plan


def test_the_featured_piece_prepared_once_for_any_status_is_served_by_its_index():
    ArticleFactory.create_batch(3, is_featured=True)
    compiled = FEATURED[CARD_KEY_FIELDS].every.compiled(DEFAULT_DB_ALIAS)
    numbered = iter(range(1, len(compiled.params) + 1))
    sql = re.sub("%s", lambda _: f"${next(numbered)}", compiled.sql)

    with connection.cursor() as cursor:
        cursor.execute(f"PREPARE featured_plan AS {sql}")
        try:
            # Planned as a prepared lookup is planned (`newsroom.compiled.plan_once`): once,
            # for whatever status it is given.
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            cursor.execute("SET LOCAL enable_seqscan = off")
            placeholders = ", ".join(["%s"] * len(compiled.params))
            cursor.execute(f"EXPLAIN EXECUTE featured_plan({placeholders})", compiled.params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE featured_plan")

    assert "$1" in plan  # the status is a value, not part of the plan
    assert "article_featured_idx" in plan


def test_a_deep_index_page_starts_from_its_bound_through_the_index(settings):
    from articles.pagination import ArchivePaginator

    ArticleFactory.create_batch(30)
    paginator = ArchivePaginator(Article.objects.published(), 2, name="deep", tags=["news"])
    page = paginator.page(14)

    plan = explain(page.object_list)

    assert "article_public_order_idx" in plan
    assert "OFFSET" not in str(page.object_list.query).upper()


def test_an_article_is_found_by_its_unique_slug():
    ArticleFactory(slug="the-piece")
    published_rows(300)

    plan = explain(Article.objects.published().filter(slug="the-piece"))

    assert "Index Cond: ((slug)::text = 'the-piece'::text)" in plan


def test_a_tag_page_walks_the_newest_articles_and_probes_their_tags():
    article = ArticleFactory(tag_names=["Culture"])
    tag = article.tags.get()
    published_rows(3000, tags=[tag])

    plan = explain(Article.objects.published().tagged(tag)[:12], sorting=False)

    assert "article_public_order_idx" in plan
    assert "Nested Loop" in plan
    assert "Sort" not in plan


def test_an_author_page_walks_the_newest_articles_and_probes_their_bylines():
    article = ArticleFactory()
    published_rows(3000)

    plan = explain(Article.objects.published().by_author(article.lead_author)[:12], sorting=False)

    assert "article_public_order_idx" in plan
    assert "byline_author_idx" in plan or "articles_byline" in plan
    assert "Sort" not in plan


def test_the_next_scheduled_change_is_read_from_the_index():
    from articles.caching import next_change_after
    from articles.sitemaps import NEWS_WINDOW

    ArticleFactory.create_batch(3, published_at=timezone.now() - timedelta(days=3))
    # The pieces published since two days before now and after it (`next_change_after`).
    queryset = Article.objects.filter(
        status="published", published_at__gt=Now() - NEWS_WINDOW
    ).values("published_at")

    assert "article_public_order_idx" in explain(queryset, sorting=False)
    assert next_change_after(timezone.now()) is None


@pytest.mark.parametrize(
    "narrow",
    [lambda articles: articles, lambda articles: articles.without_spoilers()],
    ids=["every piece", "spoilers hidden"],
)
def test_related_article_candidates_come_from_walking_the_listing_index(narrow):
    from articles.models import article_content_type
    from articles.related import related_candidates

    article = ArticleFactory(tag_names=["Culture", "Product"])
    tags = list(article.tags.all())
    published_rows(3000, tags=tags)
    tag_ids = [tag.pk for tag in tags]

    candidates = related_candidates(article.pk, tag_ids, article_content_type(), narrow=narrow)
    plan = explain(candidates, sorting=False)

    assert "article_public_order_idx" in plan
    assert "Semi Join" in plan
    assert "Sort" not in plan
