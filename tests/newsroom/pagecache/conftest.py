"""Fixtures of the page-cache tests: an author, an article on a tag, a small newsroom, the
cache modes, and the app's and the worker's clocks held still."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.pagecache import nearby
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.pagecache.newsroom_site import make_newsroom


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


@pytest.fixture
def clocks(monkeypatch):
    """The app's clock (`timezone.now`, which the schedule reads) and the one pages held in the
    worker's memory are timed by, held still and moved together by `clocks.move(timedelta)`: a
    busy machine cannot pass a moment before the test looks. The database's clock runs on."""

    class Clocks:
        def __init__(self):
            self.now = timezone.now()
            self.worker = 1000.0

        def monotonic(self) -> float:
            return self.worker

        def move(self, by: timedelta) -> None:
            self.now += by
            self.worker += by.total_seconds()

    held = Clocks()
    monkeypatch.setattr(timezone, "now", lambda: held.now)
    monkeypatch.setattr(nearby, "time", held)
    return held
