"""What a webhook receiver is sent about a piece that is no longer public when the message
leaves, or that receivers never heard of."""

import pytest
from django.db import transaction
from django.utils import timezone

from articles.events.dispatch import hand_on_due
from articles.models import AlertDelivery, Article, Event, WebhookDelivery, WebhookEndpoint
from articles.webhooks.delivery import NO_LONGER_PUBLIC, deliver, enable
from articles.workflow import publishing
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

WITHDRAWN_TEXT = "The merger terms, published by mistake before the embargo."


def draft(**fields) -> Article:
    return ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        body=f"<p>{WITHDRAWN_TEXT}</p>",
        **fields,
    )


def test_a_retry_sent_after_the_piece_was_withdrawn_carries_none_of_its_text(
    endpoint, receiver, changes
):
    """A publication whose first attempt failed is not retried once its piece was withdrawn
    (published by mistake, pulled a minute later): its payload, taken when the event was
    handed on, holds the headline and text the site withdrew. It is given up without an
    attempt, not counted as a failure, and the `article.unpublished` behind it goes."""
    receiver.answers = [500]
    article = draft(headline="Merger agreed")
    changes(publishing.publish, article)
    changes(publishing.unpublish, article)
    [first, _withdrawal] = WebhookDelivery.objects.order_by("pk")
    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())

    changes(deliver.call, first.pk)

    assert not Article.objects.published().filter(pk=article.pk).exists()
    # The first attempt, refused, left while the piece was public; nothing after it may hold
    # its text.
    sent_after = str([message.data for message in receiver.seen[1:]])
    assert "Merger agreed" not in sent_after
    assert WITHDRAWN_TEXT not in sent_after
    assert receiver.kinds == [Event.Kind.PUBLISHED, Event.Kind.UNPUBLISHED]
    first.refresh_from_db()
    assert (first.state, first.attempts, first.last_error) == ("Given up", 1, NO_LONGER_PUBLIC)
    endpoint.refresh_from_db()
    assert endpoint.failure_count == 0


def test_enabling_an_endpoint_again_sends_nothing_of_a_piece_withdrawn_while_it_was_off(
    endpoint, receiver, changes
):
    """A publication waiting for a disabled endpoint is not sent when the endpoint is enabled
    if its piece was withdrawn meanwhile: the withdrawal, which happened while the endpoint was
    off, is not sent to it either, so the receiver never hears of the piece. What waited behind
    it is sent, in order, and the endpoint's count of failures is not moved."""
    receiver.answers = [500]
    article = draft(headline="Merger agreed")
    other = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Results")
    changes(publishing.publish, article)
    changes(publishing.publish, other)
    changes(WebhookEndpoint.objects.filter(pk=endpoint.pk).update, active=False)
    changes(publishing.unpublish, article)
    endpoint.refresh_from_db()

    changes(enable, endpoint)

    sent_after = str([message.data for message in receiver.seen[1:]])
    assert "Merger agreed" not in sent_after
    assert WITHDRAWN_TEXT not in sent_after
    assert [m.data["headline"] for m in receiver.seen[1:]] == ["Results"]
    withdrawn = WebhookDelivery.objects.get(event__article_id=article.pk)
    assert withdrawn.state == "Given up"
    assert withdrawn.last_error == NO_LONGER_PUBLIC
    assert WebhookDelivery.objects.pending().count() == 0
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failure_count) == (True, 0)


def test_a_piece_deleted_before_it_was_announced_is_not_announced_at_all(
    endpoint, receiver, changes, mailoutbox
):
    """A piece published and deleted before the worker came round (published by mistake,
    deleted at once) was never announced, so its deletion is not either: as for a withdrawal,
    its waiting publication is dismissed and nothing is recorded. Readers of email alerts are
    sent nothing about it either."""
    SubscriberFactory(email="reader@example.com")
    article = draft(headline="Pulled at once")
    pk = article.pk
    with transaction.atomic():
        publishing.publish(article)
        article.delete()
    changes(hand_on_due)

    assert receiver.kinds == []
    assert "Pulled at once" not in str([message.data for message in receiver.seen])
    assert not Event.objects.filter(article_id=pk, dismissed=False).exists()
    assert mailoutbox == []
    assert not AlertDelivery.objects.exists()
