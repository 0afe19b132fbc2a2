"""Pieces in the states the event tests start from (a draft, a piece public and announced long
ago, a draft published with its change form's button), the event kinds they look for, and
the app's clock moved on to a time."""

from datetime import timedelta

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


def wait_until(clocks, instant):
    """Time passes on the app's clock, held by the `clocks` fixture, to a second after `instant`:
    a busy machine cannot pass it before the test looks."""
    clocks.move(instant - timezone.now() + timedelta(seconds=1))
