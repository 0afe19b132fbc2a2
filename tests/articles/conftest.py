"""Fixtures shared by the article tests: the op-ed of the design, pieces to search, the task
queue as production runs it, changes run as a request runs them, a clock to move and two
spoiling pieces."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles import search
from articles.models import Article
from tests.articles.spoiling import make_spoiling_articles
from tests.factories import ArticleFactory, AuthorFactory


@pytest.fixture
def harbour():
    """Three public pieces that mention ferries in different places, and some that are not."""
    now = timezone.now()
    ArticleFactory(
        slug="headline",
        headline="Ferry captains return to the harbour",
        dek="A strike ends.",
        body="<p>Crews are back at work.</p>",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory(
        slug="dek",
        headline="Harbour news",
        dek="The ferry timetable changes in May.",
        body="<p>Buses run as before.</p>",
        published_at=now - timedelta(days=2),
    )
    ArticleFactory(
        slug="body",
        headline="Weekend plans",
        dek="What is on.",
        body="<p>Take the ferry to the island market, or walk along the harbour wall.</p>",
        published_at=now - timedelta(days=1),
    )
    ArticleFactory(slug="draft", headline="Ferry secrets", status="draft")
    ArticleFactory(slug="later", headline="Ferry plans", published_at=now + timedelta(hours=1))
    ArticleFactory(slug="pulled", headline="Ferry recall", status="unpublished")


@pytest.fixture
def window(monkeypatch):
    """Searches show at most 15 matches: more than a page, so the bound shows across pages."""
    monkeypatch.setattr(search, "RESULT_WINDOW", 15)
    return 15


@pytest.fixture
def op_ed():
    """The cross-posted op-ed DESIGN.md describes, as an editor would publish it."""
    author = AuthorFactory(
        name="Dana Whitfield",
        slug="dana-whitfield",
        role="Co-CEO",
        organisation="Northwind Labs",
        bio="Dana co-founded Northwind Labs in 2014.",
    )
    article = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="What a TV show teaches us about work",
        slug="what-a-tv-show-teaches-us-about-work",
        published_at=datetime(2025, 1, 17, 14, 0, tzinfo=UTC),
        spoiler_warning="contains spoilers for season one",
        introduction="<p>Our co-CEO wrote about a show the whole office is watching.</p>",
        body="<p>The first season ends with the team rebuilding the office.</p>",
        origin_url="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/",
        origin_published_on=date(2025, 1, 14),
        authors=[author],
        tag_names=["Culture", "Television"],
    )
    return article


@pytest.fixture
def database_backend(settings):
    """Tasks go through django-tasks' database backend, as in production (with a worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def clock(monkeypatch):
    """The site's clock (`timezone.now`, which the outbox, the queue and the sending read),
    moved on by `clock.move(timedelta)`."""

    class Clock:
        offset = timedelta(0)

        def move(self, by: timedelta) -> None:
            self.offset += by

    moved = Clock()
    real = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real() + moved.offset)
    return moved


@pytest.fixture
def changes(django_capture_on_commit_callbacks):
    """`changes(change, *args)`: run a change in its own transaction, then what it queued to run
    after the commit (events, tasks), as after a request."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return change(*args, **kwargs)

    return run


@pytest.fixture
def spoiling_articles(make_upload):
    """One piece with an inline spoiler and no written summary; one held behind its warning
    (`tests.articles.spoiling`)."""
    return make_spoiling_articles(make_upload)
