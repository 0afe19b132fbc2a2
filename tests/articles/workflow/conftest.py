"""Fixtures of the preview tests: a draft, a reviewer's link to it, and a draft whose
address follows its headline."""

import pytest

from articles.workflow import previews
from tests.factories import ArticleFactory


@pytest.fixture
def draft():
    return ArticleFactory(
        slug="draft-op-ed", headline="An op-ed awaiting sign-off", status="draft", published_at=None
    )


@pytest.fixture
def link(draft, editor):
    return previews.create_link(article=draft, reviewer="Dana Whitfield", created_by=editor)


@pytest.fixture
def moving_draft():
    """A draft whose slug follows its headline, as every new piece's does."""
    return ArticleFactory(
        headline="Op-ed awaiting sign-off",
        slug="op-ed-awaiting-sign-off",
        status="draft",
        published_at=None,
    )
