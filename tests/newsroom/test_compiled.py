"""A queryset compiled once answers like the queryset, every time, with the values it is given."""

from datetime import timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import SEARCH_FIELDS, Article, ArticleKind
from newsroom.compiled import CompiledLookup, row_columns
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

    with pytest.raises(ValueError, match="'word' does not reach the SQL as a parameter"):
        containing.rows(word="budget")


def test_every_named_value_must_be_given():
    with pytest.raises(TypeError, match=r"Expected values for \['slug'\]"):
        PUBLIC_SLUGS.rows(headline="public")


BY_KEY = CompiledLookup(
    lambda pk: Article.objects.filter(pk=pk).values_list(
        "id", "published_at", "featured_image_renditions", "is_featured"
    ),
    pk=int,
)
BY_KEYS = CompiledLookup(
    lambda keys: Article.objects.filter(pk__in=keys).order_by("pk").values_list("id"), keys=list
)
NEWEST = CompiledLookup(
    lambda: Article.objects.order_by("-published_at", "-pk").values_list("id", "published_at")
)


def test_columns_come_back_converted_as_values_list_gives_them():
    article = ArticleFactory(featured_image_renditions={"files": []}, is_featured=True)

    expected = list(
        Article.objects.filter(pk=article.pk).values_list(
            "id", "published_at", "featured_image_renditions", "is_featured"
        )
    )

    assert BY_KEY.rows(pk=article.pk) == expected
    assert BY_KEY.rows(pk=article.pk)[0][1] == article.published_at


def test_a_list_of_keys_is_compiled_once_per_length(django_assert_num_queries):
    first, second, third = ArticleFactory.create_batch(3)

    assert BY_KEYS.rows(keys=[first.pk, third.pk]) == [(first.pk,), (third.pk,)]
    assert BY_KEYS.rows(keys=[second.pk, third.pk]) == [(second.pk,), (third.pk,)]
    assert BY_KEYS.rows(keys=[second.pk]) == [(second.pk,)]
    assert {lengths for _, lengths in BY_KEYS._compiled} == {(2,), (1,)}
    with django_assert_num_queries(0):
        assert BY_KEYS.rows(keys=[]) == []


def test_bounds_slice_the_rows_as_the_queryset_would_be_sliced():
    ArticleFactory.create_batch(5)
    newest = Article.objects.order_by("-published_at", "-pk").values_list("id", "published_at")

    assert NEWEST.rows(bounds=(0, 2)) == list(newest[0:2])
    assert NEWEST.rows(bounds=(2, 4)) == list(newest[2:4])
    assert NEWEST.rows(bounds=(4, 10)) == list(newest[4:10])
    assert NEWEST.rows(bounds=(3, 3)) == []


def test_a_value_used_twice_reaches_both_places():
    twice = CompiledLookup(
        lambda pk: Article.objects.filter(pk=pk).exclude(pk__gt=pk).values_list("id"), pk=int
    )
    article = ArticleFactory()

    assert twice.rows(pk=article.pk) == [(article.pk,)]


def test_only_values_list_querysets_in_their_sql_order_are_compiled():
    models = CompiledLookup(lambda: Article.objects.all())
    reordered = CompiledLookup(
        lambda: Article.objects.annotate(n=Count("pk")).values_list("n", "id")
    )

    with pytest.raises(ValueError, match="Only values_list"):
        models.rows()
    with pytest.raises(ValueError, match="in the order the SQL has them"):
        reordered.rows()


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.postgres
def test_postgresql_keeps_a_lookup_prepared_from_its_third_run(django_assert_num_queries):
    by_dek = CompiledLookup(lambda dek: Article.objects.filter(dek=dek).values_list("id"), "dek")
    article = ArticleFactory(dek="A dek found by a prepared statement")
    sql = by_dek.compiled(DEFAULT_DB_ALIAS).sql.replace("%s", "$1")

    assert by_dek.rows(dek=article.dek) == [(article.pk,)]
    assert by_dek.rows(dek="another dek") == []
    assert sql not in prepared_statements()
    with django_assert_num_queries(2):  # Django's query log still sees each run
        assert by_dek.rows(dek=article.dek) == [(article.pk,)]
        assert by_dek.rows(dek="x' OR '1'='1") == []

    assert sql in prepared_statements()


@pytest.mark.postgres
def test_the_query_log_shows_the_sql_of_a_lookup_run_prepared():
    by_slug = CompiledLookup(
        lambda slug: Article.objects.filter(slug=slug).values_list("id"), "slug"
    )
    article = ArticleFactory(slug="logged-while-prepared")
    sql = by_slug.compiled(DEFAULT_DB_ALIAS).sql

    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):
            assert by_slug.rows(slug=article.slug) == [(article.pk,)]

    assert sql.replace("%s", "$1") in prepared_statements()
    assert [query["sql"] for query in queries.captured_queries] == [
        sql.replace("%s", "'logged-while-prepared'")
    ] * 4


@pytest.mark.postgres
def test_nothing_is_prepared_when_the_setting_is_off(monkeypatch):
    by_headline = CompiledLookup(
        lambda headline: Article.objects.filter(headline=headline).values_list("id"), "headline"
    )
    article = ArticleFactory(headline="A headline never prepared")
    options = {**connection.settings_dict["OPTIONS"]}
    options.pop("prepare_threshold", None)
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)

    for _ in range(3):
        assert by_headline.rows(headline=article.headline) == [(article.pk,)]

    assert not any('"headline" =' in statement for statement in prepared_statements())


def test_row_columns_load_a_whole_instance_but_for_those_left_out():
    article = ArticleFactory(headline="A whole row")
    columns = row_columns(Article, leaving=SEARCH_FIELDS)

    [row] = Article.objects.filter(pk=article.pk).values_list(*columns)
    loaded = Article.from_db(DEFAULT_DB_ALIAS, columns, row)

    assert columns[0] == "id"
    assert set(SEARCH_FIELDS).isdisjoint(columns)
    assert loaded.get_deferred_fields() == set(SEARCH_FIELDS)
    assert (loaded.pk, loaded.headline, loaded.published_at) == (
        article.pk,
        "A whole row",
        article.published_at,
    )


def statement_plans(sql: str) -> tuple[int, int]:
    """How often PostgreSQL planned the prepared statement `sql` for any values (generic) and
    for the values of a run (custom)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = %s",
            [sql],
        )
        return cursor.fetchone()


@pytest.mark.postgres
def test_postgresql_plans_a_prepared_lookup_once_for_any_values():
    by_kind = CompiledLookup(
        lambda kind: Article.objects.filter(kind=kind).values_list("id"), "kind"
    )
    article = ArticleFactory(kind=ArticleKind.NEWS)
    sql = by_kind.compiled(DEFAULT_DB_ALIAS).sql.replace("%s", "$1")

    for kind in [ArticleKind.NEWS, ArticleKind.FEATURE] * 4:
        expected = [(article.pk,)] if kind == ArticleKind.NEWS else []
        assert by_kind.rows(kind=kind) == expected

    # Once prepared, every run uses the one plan: none is planned for the values of a run (by
    # default the first five runs on a prepared statement each are).
    generic, custom = statement_plans(sql)
    assert custom == 0
    assert generic >= 5


@pytest.mark.postgres
def test_a_connection_that_prepares_nothing_leaves_planning_to_postgresql():
    def plan_cache_mode(options: dict) -> tuple[str, str]:
        """The connection's setting, and what it would be without one made by this session
        (the server's, the database's or the role's)."""
        other = connection.copy()
        other.settings_dict["OPTIONS"] = options
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT setting, reset_val FROM pg_settings WHERE name = 'plan_cache_mode'"
                )
                return cursor.fetchone()
        finally:
            other.close()

    options = {**connection.settings_dict["OPTIONS"]}
    options.pop("prepare_threshold", None)

    assert plan_cache_mode({**options, "prepare_threshold": 2})[0] == "force_generic_plan"
    setting, default = plan_cache_mode(options)
    assert setting == default
