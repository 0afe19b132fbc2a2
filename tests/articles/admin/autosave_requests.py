"""The autosave requests of the article change form, as its script sends them, and the draft
the autosave tests keep changes to."""

import json

import pytest

from articles.models import Article
from articles.workflow import editing
from tests.factories import ArticleFactory, AuthorFactory

LIST_URL = "/admin/articles/article/"


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


def autosave_url(article_or_id) -> str:
    pk = getattr(article_or_id, "pk", article_or_id)
    return f"{LIST_URL}{pk}/autosave/"


def discard_url(article) -> str:
    return f"{LIST_URL}{article.pk}/autosave/discard/"


def keep(browser, article_or_id, fields: dict, token: str | None = None, **extra):
    if token is None:
        token = editing.edit_token(Article.objects.get(pk=getattr(article_or_id, "pk", 0)))
    body = json.dumps({"token": token, "fields": fields})
    return browser.post(autosave_url(article_or_id), body, content_type="application/json", **extra)


@pytest.fixture(name="draft")
def draft_fixture(contributor):
    """A contributor's draft with one byline: `draft` in the tests that import this."""
    return ArticleFactory(
        status="draft",
        headline="Plan in seasons",
        body="<p>First words.</p>",
        created_by=contributor,
        authors=[AuthorFactory(name="Dana Whitfield")],
    )
