"""Addresses built from one reverse() per URL name match reverse() for every slug, under any
script prefix: the News section's and the site pages'."""

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from taggit.models import Tag

from newsroom.addresses import address
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def script_prefix():
    """Serve the site under /site/, as behind a proxy giving SCRIPT_NAME."""
    set_script_prefix("/site/")
    yield "/site/"
    set_script_prefix("/")


def test_article_author_and_topic_addresses_match_reverse():
    article = ArticleFactory(slug="budget-day", tag_names=["Culture"])
    author = AuthorFactory(slug="dana-whitfield")

    assert article.get_absolute_url() == reverse("articles:detail", args=["budget-day"])
    assert author.get_absolute_url() == reverse("articles:author", args=["dana-whitfield"])
    assert address("articles:tag", "culture") == reverse("articles:tag", args=["culture"])
    assert (
        address("articles:author-feed-json", "dana-whitfield")
        == "/news/feed/authors/dana-whitfield.json"
    )
    assert address("articles:index") == reverse("articles:index") == "/news/"


def test_an_address_follows_a_new_slug():
    article = ArticleFactory(slug="first-name")
    assert article.get_absolute_url() == "/news/first-name/"

    article.slug = "second-name"

    assert article.get_absolute_url() == "/news/second-name/"


def test_addresses_carry_the_script_prefix(script_prefix):
    article = ArticleFactory(slug="budget-day")

    assert article.get_absolute_url() == "/site/news/budget-day/"
    assert address("articles:index") == "/site/news/"
    assert address("articles:tag", "culture") == reverse("articles:tag", args=["culture"])


def test_a_site_page_address_matches_reverse_under_any_prefix(script_prefix):
    page = SitePageFactory(slug="about")

    assert page.get_absolute_url() == reverse("newsroom:page", args=["about"]) == "/site/about/"
    page.slug = "about-us"
    assert page.get_absolute_url() == "/site/about-us/"


def test_a_topic_in_another_alphabet_is_quoted_as_reverse_quotes_it():
    tag = Tag.objects.create(name="Культура", slug="культура")

    assert address("articles:tag", tag.slug) == reverse("articles:tag", args=[tag.slug])
    assert address("articles:tag", tag.slug).startswith("/news/tags/%D0%")


def test_the_address_tag_writes_what_the_url_tag_writes():
    context = Context({"slug": "culture"})
    ours = Template(
        '{% load news %}{% address "articles:tag" slug %} {% address "articles:index" %}'
    )
    django = Template("{% url 'articles:tag' slug %} {% url 'articles:index' %}")

    assert ours.render(context) == django.render(context) == "/news/tags/culture/ /news/"
