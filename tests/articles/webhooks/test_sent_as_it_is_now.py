"""A message about a public piece carries the piece as it is when the message is sent: a retry
(or a message waiting behind one) sends what the page shows then, under its event's own id,
type and time, never text an edit took out since; receivers see the piece only move forward.
A piece unchanged since is sent again as it was first sent."""

import pytest
from django.utils import timezone

from articles.events.payloads import article_payload
from articles.models import Article, Event, WebhookDelivery
from articles.webhooks.delivery import deliver
from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLISHED, UPDATED, DELETED = Event.Kind.PUBLISHED, Event.Kind.UPDATED, Event.Kind.DELETED
TAKEN_OUT = "The chief executive's home address, published by mistake."


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def edit(article, headline, body=None):
    article.headline = headline
    if body is not None:
        article.body = body
    article.save()


def retry_now(changes, delivery) -> str:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    return changes(deliver.call, delivery.pk)


def test_a_retry_sends_the_piece_as_it_is_now_under_its_events_id_type_and_time(
    endpoint, receiver, changes
):
    receiver.answers = [500]
    article = draft(headline="Launch day", body=f"<p>{TAKEN_OUT}</p><p>The launch.</p>")
    changes(publishing.publish, article)
    changes(edit, article, "Launch day, corrected", body="<p>The launch.</p>")
    [first, _update] = WebhookDelivery.objects.order_by("pk")

    assert retry_now(changes, first) == "delivered"

    refused, retried, update = receiver.seen
    assert TAKEN_OUT in str(refused.data)  # the first attempt, before the edit
    assert (retried.id, retried.type, retried.timestamp) == (
        refused.id,
        PUBLISHED,
        refused.timestamp,
    )
    assert retried.data == article_payload(article.pk)
    assert retried.data["headline"] == "Launch day, corrected"
    assert TAKEN_OUT not in str(retried.data)
    assert (update.type, update.data) == (UPDATED, retried.data)
    assert update.id != retried.id


def test_a_retry_of_a_piece_unchanged_since_sends_what_was_first_sent(endpoint, receiver, changes):
    receiver.answers = [500]
    changes(publishing.publish, draft(headline="Launch day"))
    delivery = WebhookDelivery.objects.get()

    assert retry_now(changes, delivery) == "delivered"

    refused, retried = receiver.seen
    assert retried.data == refused.data
    assert (retried.id, retried.type) == (refused.id, PUBLISHED)


def test_messages_waiting_behind_a_retry_follow_it_in_order_and_never_go_back_in_time(
    endpoint, receiver, changes
):
    receiver.answers = [500]
    article = draft(headline="Launch day")
    changes(publishing.publish, article)
    changes(edit, article, "One")
    changes(edit, article, "Two")
    first = WebhookDelivery.objects.order_by("pk").first()

    assert retry_now(changes, first) == "delivered"

    assert receiver.kinds == [PUBLISHED, PUBLISHED, UPDATED, UPDATED]
    assert [m.data["headline"] for m in receiver.seen] == ["Launch day", "Two", "Two", "Two"]
    events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    assert [m.id for m in receiver.seen[1:]] == [f"evt_{pk}" for pk in events]


def test_a_deletion_retried_still_says_which_piece_it_was(endpoint, receiver, changes):
    article = changes(ArticleFactory, headline="Launch day", slug="launch-day")
    receiver.answers = [500]
    changes(article.delete)
    delivery = WebhookDelivery.objects.get(event__kind=DELETED)

    assert retry_now(changes, delivery) == "delivered"

    _published, refused, retried = receiver.seen
    assert retried.type == DELETED
    assert retried.data == refused.data
    assert retried.data["headline"] == "Launch day"
