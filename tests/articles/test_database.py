"""What the production database itself guarantees: indexes that serve the public queries."""

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would otherwise always be read sequentially.
        cursor.execute("SET LOCAL enable_seqscan = off")
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
