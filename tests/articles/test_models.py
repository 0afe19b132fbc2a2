from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Byline
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_articles_whose_time_has_come():
    now = timezone.now()
    yesterday = ArticleFactory(published_at=now - timedelta(days=1))
    just_now = ArticleFactory(published_at=now - timedelta(seconds=1))
    ArticleFactory(published_at=now + timedelta(minutes=1))
    ArticleFactory(published_at=now + timedelta(days=1))
    for status in ["draft", "in-review", "unpublished"]:
        ArticleFactory(status=status, published_at=now - timedelta(days=2))

    assert list(Article.objects.published()) == [just_now, yesterday]


def test_is_published_agrees_with_the_queryset():
    now = timezone.now()
    articles = [
        ArticleFactory(published_at=now - timedelta(hours=1)),
        ArticleFactory(published_at=now + timedelta(hours=1)),
        ArticleFactory(status="draft", published_at=now - timedelta(hours=1)),
        ArticleFactory(status="unpublished", published_at=now - timedelta(hours=1)),
    ]

    public = set(Article.objects.published())

    assert [article.is_published for article in articles] == [True, False, False, False]
    assert all((article in public) == article.is_published for article in articles)
    assert articles[1].is_scheduled


def test_a_scheduled_article_becomes_public_when_its_time_arrives():
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    assert not Article.objects.published().exists()

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert list(Article.objects.published()) == [article]


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "published", "published_at": None}, "article_published_has_time"),
        ({"kind": "gossip"}, "article_kind_valid"),
        ({"status": "archived"}, "article_status_valid"),
        ({"origin_url": "javascript:alert(1)"}, "article_origin_url_http"),
        ({"indexing": "sometimes"}, "article_indexing_valid"),
        ({"featured_image": "articles/a.jpg", "featured_image_alt": ""}, "article_image_has_alt"),
        ({"slug": ""}, "article_slug_not_empty"),
        ({"headline": ""}, "article_headline_not_empty"),
    ],
)
def test_the_database_refuses_rows_that_break_the_rules(fields, constraint):
    article = ArticleFactory()

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**fields)

    assert constraint in str(error.value) or "CHECK" in str(error.value).upper()


def test_the_database_refuses_a_duplicate_slug():
    ArticleFactory(slug="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="same")


def test_a_byline_keeps_the_role_printed_when_the_author_changes_title():
    author = AuthorFactory(role="Chief Operating Officer", organisation="Northwind Labs")
    article = ArticleFactory(authors=[author])

    author.role = "Co-CEO"
    author.save()

    byline = Byline.objects.get(article=article)
    assert byline.role == "Chief Operating Officer"
    assert byline.organisation == "Northwind Labs"
    assert ArticleFactory(authors=[author]).bylines.get().role == "Co-CEO"


def test_bylines_keep_their_print_order():
    first, second, third = AuthorFactory(), AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[second, third, first])

    assert [byline.author for byline in article.ordered_bylines] == [second, third, first]
    assert article.lead_author == second


def test_the_same_author_cannot_be_bylined_twice():
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])

    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, author=author, position=1)


def test_rich_text_is_sanitised_on_save_whatever_the_path():
    article = ArticleFactory(
        body='<p onclick="steal()">Hi<script>alert(1)</script></p>',
        introduction='<p><a href="javascript:alert(1)">x</a></p>',
    )
    article.refresh_from_db()

    assert article.body == "<p>Hi</p>"
    assert "javascript" not in article.introduction


def test_model_validation_requires_alt_text_with_an_image(make_upload):
    article = ArticleFactory.build(featured_image=make_upload(), featured_image_alt=" ")

    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["slug"])

    assert "alt text is required" in str(error.value.message_dict["featured_image_alt"])


def test_model_validation_refuses_a_non_web_origin_url():
    article = ArticleFactory.build(origin_url="javascript:alert(1)")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "https://" in str(error.value.message_dict["origin_url"])


def test_reserved_section_slugs_are_refused():
    article = ArticleFactory.build(slug="search")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "the news section uses itself" in str(error.value.message_dict["slug"])


def test_platform_is_filled_from_the_origin_url_on_save():
    article = ArticleFactory(origin_url="https://www.linkedin.com/pulse/a-piece-dana/")

    assert article.origin_platform == "LinkedIn"
    assert article.is_cross_post


def test_canonical_points_to_the_origin_only_when_asked():
    article = ArticleFactory(slug="piece", origin_url="https://www.linkedin.com/pulse/piece/")
    assert article.canonical_url == "https://www.linkedin.com/pulse/piece/"

    article.indexing = Article.Indexing.SELF
    assert article.canonical_url == "/news/piece/"
    article.indexing = Article.Indexing.NOINDEX
    assert article.canonical_url == "/news/piece/"


def test_an_article_without_an_original_url_is_its_own_canonical_whatever_the_policy():
    article = ArticleFactory(slug="print", origin_platform="The Guardian")

    assert article.indexing == Article.Indexing.ORIGIN
    assert article.canonical_url == "/news/print/"


def test_tracking_parameters_are_removed_from_the_origin_url_on_save():
    article = ArticleFactory(
        origin_url="https://www.linkedin.com/pulse/piece/?trk=public_post&utm_source=share"
    )
    article.refresh_from_db()

    assert article.origin_url == "https://www.linkedin.com/pulse/piece/"
    assert article.origin_platform == "LinkedIn"


def test_a_typed_platform_name_is_stored_as_readers_know_it():
    article = ArticleFactory(origin_platform="linkedin ", origin_author="  Dana  Whitfield ")

    assert (article.origin_platform, article.origin_author) == ("LinkedIn", "Dana Whitfield")


def test_the_credit_names_the_author_as_the_original_shows_them():
    dana = AuthorFactory(name="Dana Whitfield")
    url = "https://www.linkedin.com/pulse/piece/"

    by_byline = ArticleFactory(origin_url=url, authors=[dana])
    by_company = ArticleFactory(
        origin_url=url + "2", origin_author="Northwind Labs", authors=[dana]
    )
    by_handle = ArticleFactory(
        origin_url="https://x.com/dana/status/1", origin_author="@dana", authors=[dana]
    )
    handle_only = ArticleFactory(
        origin_url="https://x.com/dana/status/2", origin_author="@dana", authors=[]
    )

    assert by_byline.attribution.text.endswith("on Dana Whitfield's LinkedIn.")
    assert by_company.attribution.text.endswith("on Northwind Labs' LinkedIn.")
    assert by_handle.attribution.text.endswith("on Dana Whitfield's X.")
    assert handle_only.attribution.text.endswith("on @dana's X.")


def test_the_database_refuses_a_second_article_from_the_same_original():
    first = ArticleFactory(origin_url="https://www.linkedin.com/pulse/piece/")
    ArticleFactory(origin_url="")
    ArticleFactory(origin_url="")  # many articles have no original
    second = ArticleFactory(origin_url="https://example.org/another")

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=second.pk).update(origin_key=first.origin_key)


def test_a_second_copy_saved_without_the_form_is_left_without_the_identity():
    """The form refuses a second copy (`full_clean`, below); a save from code keeps the
    original's identity with the article that holds it, as migration 0030 did."""
    first = ArticleFactory(origin_url="https://www.linkedin.com/pulse/piece/")

    for address in (
        "https://www.linkedin.com/pulse/piece/?utm_source=share",
        "http://uk.linkedin.com/pulse/piece",
    ):
        copy = ArticleFactory(origin_url=address)
        assert Article.objects.get(pk=copy.pk).origin_key == ""

    assert Article.objects.get(origin_key=first.origin_key) == first


def test_model_validation_names_the_duplicate_original():
    ArticleFactory(origin_url="https://www.linkedin.com/pulse/piece/")
    article = ArticleFactory.build(origin_url="https://www.linkedin.com/pulse/piece/?trk=x")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "Another article already re-publishes this original URL." in str(error.value)


def test_indexable_leaves_out_noindexed_pages_and_those_deferring_to_an_original():
    own = ArticleFactory(slug="own")
    ArticleFactory(slug="deferring", origin_url="https://www.linkedin.com/pulse/a/")
    self_canonical = ArticleFactory(
        slug="self", origin_url="https://www.linkedin.com/pulse/b/", indexing="self"
    )
    ArticleFactory(slug="hidden", indexing="noindex")
    no_url = ArticleFactory(slug="no-url", origin_platform="Forbes")

    assert set(Article.objects.indexable()) == {own, self_canonical, no_url}
