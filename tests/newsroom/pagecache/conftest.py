"""Fixtures of the page-cache tests: an author, an article on a tag, a small newsroom, the cache
modes, and Varnish in front of the app (varnish.py)."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.pagecache.newsroom_site import make_newsroom
from tests.newsroom.pagecache.varnish import pieces, varnish, varnishd  # noqa: F401


@pytest.fixture
def dana():
    return AuthorFactory(name="Dana Whitfield", slug="dana")


@pytest.fixture
def article(dana):
    return ArticleFactory(
        headline="The first headline", slug="story", authors=[dana], tag_names=["Culture"]
    )


@pytest.fixture(params=["pages", "held", "fragments"])
def cached(request, settings):
    """Changes must show whether whole pages are kept, also held in the worker's memory (for
    longer than any test runs, so only a change can end them), or, with the page cache off,
    only the fragments pages are made of."""
    if request.param == "held":
        settings.PAGE_CACHE_LOCAL_SECONDS = 3600
    if request.param == "fragments":
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def newsroom():
    return make_newsroom()
