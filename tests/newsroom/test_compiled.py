"""A queryset compiled once answers like the queryset, every time, with the values it is given."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from newsroom.compiled import CompiledLookup
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLIC_SLUGS = CompiledLookup(
    lambda slug: Article.objects.published().filter(slug=slug).values_list("id", "slug"),
    "slug",
)


def test_rows_match_the_queryset_for_each_value():
    public = ArticleFactory(slug="public")
    ArticleFactory(slug="draft", status="draft")

    assert PUBLIC_SLUGS.rows(slug="public") == [(public.pk, "public")]
    assert PUBLIC_SLUGS.rows(slug="draft") == []
    assert PUBLIC_SLUGS.rows(slug="nowhere") == []


def test_the_database_clock_is_read_on_every_run(django_assert_num_queries):
    scheduled = ArticleFactory(slug="later", published_at=timezone.now() + timedelta(hours=1))
    assert PUBLIC_SLUGS.rows(slug="later") == []

    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    with django_assert_num_queries(1):
        assert PUBLIC_SLUGS.rows(slug="later") == [(scheduled.pk, "later")]


def test_hostile_values_are_parameters_not_sql():
    ArticleFactory(slug="public")

    assert PUBLIC_SLUGS.rows(slug="x' OR '1'='1") == []
    assert PUBLIC_SLUGS.rows(slug="public'; DROP TABLE articles_article; --") == []
    assert Article.objects.count() == 1


def test_a_value_the_sql_changes_is_refused_when_compiling():
    containing = CompiledLookup(
        lambda word: Article.objects.filter(headline__icontains=word).values_list("id"), "word"
    )

    with pytest.raises(ValueError, match="'word' does not reach the SQL as one parameter"):
        containing.rows(word="budget")


def test_every_named_value_must_be_given():
    with pytest.raises(TypeError, match=r"Expected values for \['slug'\]"):
        PUBLIC_SLUGS.rows(headline="public")
