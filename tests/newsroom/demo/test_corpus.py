"""The benchmark's corpus generator: a realistic archive, made in batches."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags
from PIL import Image
from taggit.models import Tag

from articles.models import Article, Author, Byline, ContentWarning
from newsroom.models import SitePage, SiteSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    call_command("make_corpus", articles=30, images=3, batch_size=7, verbosity=0)
    return list(Article.objects.order_by("-published_at"))


def test_the_corpus_has_the_promised_shape(corpus):
    assert len(corpus) == 30
    assert Article.objects.published().count() == 30
    assert Author.objects.count() == 12
    assert Tag.objects.count() == 40
    assert ContentWarning.objects.filter(kind="spoilers").count() == 6  # every fifth
    assert sum(bool(article.origin_url) for article in corpus) == 10  # every third
    assert all(article.tags.count() == 3 for article in corpus)
    assert all(1 <= article.bylines.count() <= 3 for article in corpus)
    assert SiteSettings.objects.exists()
    assert SitePage.objects.in_navigation().count() == 4


def test_articles_have_about_a_thousand_words_and_their_origin_platform(corpus):
    for article in corpus:
        assert 950 <= len(strip_tags(article.body).split()) <= 1200
        if article.origin_url:
            assert article.origin_platform in {"LinkedIn", "Medium", "Substack"}
            assert article.kind == Article.Kind.OP_ED


def test_pictures_are_real_images_in_storage(corpus):
    pictured = [article for article in corpus if article.featured_image]

    assert len(pictured) == 8  # every fourth
    for article in pictured:
        assert article.featured_image_alt
        with default_storage.open(article.featured_image.name) as file, Image.open(file) as image:
            assert image.size == (article.featured_image_width, article.featured_image_height)
        files = article.featured_image_renditions["files"]
        assert files
        assert all(default_storage.exists(item["name"]) for item in files)


def test_spoiler_articles_carry_an_inline_spoiler_and_bylines_keep_titles(corpus):
    warned = Article.objects.filter(warnings__kind="spoilers")

    assert all('<span class="spoiler">' in article.body for article in warned)
    assert all(byline.role for byline in Byline.objects.all())


def test_every_corpus_page_renders(client, corpus):
    article = corpus[len(corpus) // 2]
    for url in ["/news/", "/news/?page=2", article.get_absolute_url(), "/news/tags/culture/"]:
        assert client.get(url).status_code in {200, 404}
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.bylines.first().author.get_absolute_url()).status_code == 200


def test_the_same_seed_builds_the_same_archive(corpus):
    first = [(a.slug, a.body) for a in corpus]
    Article.objects.all().delete()
    Byline.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    SitePage.objects.all().delete()

    call_command("make_corpus", articles=30, images=3, batch_size=30, verbosity=0)

    assert [(a.slug, a.body) for a in Article.objects.order_by("-published_at")] == first


def test_the_corpus_refuses_a_database_that_has_articles():
    ArticleFactory()

    with pytest.raises(CommandError, match="already has articles"):
        call_command("make_corpus", articles=5, verbosity=0)
    assert Article.objects.count() == 1


def test_the_corpus_needs_at_least_one_article():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("make_corpus", articles=0, verbosity=0)


def test_cards_and_pages_show_the_renditions(client, corpus):
    pictured = next(article for article in corpus if article.featured_image)

    html = client.get(pictured.get_absolute_url()).content.decode()

    assert "srcset=" in html
    assert ".webp" in html


@pytest.mark.postgres
def test_the_corpus_is_searchable(client, corpus):
    word = strip_tags(corpus[0].body).split()[5].strip(".").lower()

    response = client.get(f"/news/search/?q={word}")

    assert response.status_code == 200
    assert response.context["paginator"].count > 0
