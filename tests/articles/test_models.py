from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import origins
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


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.linkedin.com/pulse/how-we-work-dana-whitfield/", "LinkedIn"),
        ("https://medium.com/@dana/how-we-work-123", "Medium"),
        ("https://dana.substack.com/p/how-we-work", "Substack"),
        ("https://x.com/dana/status/1", "X"),
        ("https://twitter.com/dana/status/1", "X"),
        ("https://www.forbes.com/sites/dana/2025/01/01/work/", "Forbes"),
        ("https://blog.example.org/post", "blog.example.org"),
        ("not a url", ""),
    ],
)
def test_platform_detection(url, platform):
    assert origins.detect_platform(url) == platform


@pytest.mark.parametrize(
    ("name", "platform", "line"),
    [
        (
            "Dana Whitfield",
            "LinkedIn",
            "This piece was originally published on Dana Whitfield's LinkedIn.",
        ),
        (
            "Marcus Ellis",
            "LinkedIn",
            "This piece was originally published on Marcus Ellis' LinkedIn.",
        ),
        ("Dana Whitfield", "Forbes", "This piece was originally published in Forbes."),
        (
            "Dana Whitfield",
            "blog.example.org",
            "This piece was originally published on blog.example.org.",
        ),
    ],
)
def test_attribution_wording(name, platform, line):
    lead, source = origins.attribution(author_name=name, platform=platform)

    assert f"{lead}{source}." == line


def test_canonical_points_to_the_origin_only_when_asked():
    article = ArticleFactory(slug="piece", origin_url="https://www.linkedin.com/pulse/piece/")
    assert article.canonical_url == "https://www.linkedin.com/pulse/piece/"

    article.origin_is_canonical = False
    assert article.canonical_url == "/news/piece/"
