"""Fixtures shared by the search tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import search
from tests.factories import ArticleFactory


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
