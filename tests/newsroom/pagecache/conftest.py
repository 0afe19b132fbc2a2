"""Fixtures of the page-cache tests: an author, an article on a tag, and both cache modes."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory


@pytest.fixture
def dana():
    return AuthorFactory(name="Dana Whitfield", slug="dana")


@pytest.fixture
def article(dana):
    return ArticleFactory(
        headline="The first headline", slug="story", authors=[dana], tag_names=["Culture"]
    )


@pytest.fixture(params=["pages", "fragments"])
def cached(request, settings):
    """Changes must show whether whole pages are kept or, with the page cache off, only the
    fragments pages are made of."""
    if request.param == "fragments":
        settings.PAGE_CACHE_SECONDS = 0
