"""Pieces in the states the event tests start from (a draft, a piece public and announced long
ago, a draft published with its change form's button), the event kinds they look for, and
real time waited for."""

import time

from django.utils import timezone

from articles.models import Article, Event
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

PUBLISHED, UPDATED = Event.Kind.PUBLISHED, Event.Kind.UPDATED


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def published_through_the_admin(client, **fields) -> Article:
    """A draft published with its change form's Publish button: its first revision is the
    draft."""
    article = draft(**fields)
    url = f"/admin/articles/article/{article.pk}/change/"
    assert client.post(url, form_data(client.get(url), _publish="")).status_code == 302
    return article


def public(**fields) -> Article:
    """A piece public since yesterday, its publication long handed on."""
    article = ArticleFactory(**fields)
    Event.objects.update(handled_at=timezone.now())
    return article


def wait_until(instant):
    """Real time passes, on the app's clock and the database's (the same machine's) alike."""
    time.sleep(max(0, (instant - timezone.now()).total_seconds()) + 0.2)
