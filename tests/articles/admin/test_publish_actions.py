"""The changelist's publish and unpublish actions: a scheduled piece brought forward with its
embargo kept, and a piece without a byline refused, saying why."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article
from newsroom.dates import display_datetime
from tests.articles.admin.article_forms import ADD_URL
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_publish_action_publishes_and_unpublish_action_withdraws(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    response = admin_client.post(
        ADD_URL, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True
    )

    draft.refresh_from_db()
    assert draft.is_published
    assert "Published 1 article." in [str(m) for m in get_messages(response.wsgi_request)]

    admin_client.post(ADD_URL, {"action": "unpublish_selected", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Article.Status.UNPUBLISHED
    assert not Article.objects.published().exists()


def test_publish_action_brings_a_scheduled_piece_forward_and_keeps_an_embargo(admin_client):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=3))
    embargo = timezone.now() + timedelta(days=2)
    embargoed = ArticleFactory(published_at=embargo, embargoed_until=embargo)

    response = admin_client.post(
        ADD_URL,
        {"action": "publish_selected", "_selected_action": [scheduled.pk, embargoed.pk]},
        follow=True,
    )

    scheduled.refresh_from_db()
    embargoed.refresh_from_db()
    assert scheduled.is_published
    assert (embargoed.is_embargoed, embargoed.published_at) == (True, embargo)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Published 1 article." in said
    assert (
        f"“{embargoed.headline}” was not published now: it is embargoed until "
        f"{display_datetime(embargo)}, and runs then." in said
    )


def test_publish_action_refuses_an_article_without_a_byline_and_says_why(admin_client):
    lonely = ArticleFactory(status="draft", published_at=None, authors=[])

    response = admin_client.post(
        ADD_URL, {"action": "publish_selected", "_selected_action": [lonely.pk]}, follow=True
    )

    lonely.refresh_from_db()
    assert lonely.status == Article.Status.DRAFT
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "was not published" in messages
    assert "Add at least one author to the byline." in messages
