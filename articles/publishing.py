"""Publishing and unpublishing: the one place an article's public state changes."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article


class CannotPublish(Exception):
    """Raised with every reason an article is not ready to go out."""

    def __init__(self, article: Article, problems: list[str]):
        self.article = article
        self.problems = problems
        super().__init__(f"{article}: " + "; ".join(problems))


def publication_problems(article: Article) -> list[str]:
    """What stops `article` from being published, in words an editor can act on."""
    problems = []
    if not article.bylines.exists():
        problems.append("Add at least one author to the byline.")
    if not article.body.strip():
        problems.append("Write the text of the article.")
    return problems


@transaction.atomic
def publish(article: Article, *, at: datetime | None = None) -> Article:
    """Publish `article` at `at`, or now; a future time schedules it.

    An article that already has a publication time keeps it when no new time is given, so
    re-publishing a corrected piece does not move it to the top of the index.
    """
    if problems := publication_problems(article):
        raise CannotPublish(article, problems)
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish(article: Article) -> Article:
    """Take `article` off every public page; its publication time is kept for the record."""
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    return article
