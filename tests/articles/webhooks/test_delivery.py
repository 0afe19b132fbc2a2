"""Events reach a real receiver on loopback, signed, each once and in order; failures are
retried, and an endpoint that keeps failing is disabled."""

import logging
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.functions import Now
from django.utils import timezone

from articles.events.dispatch import hand_on_due
from articles.events.payloads import article_payload
from articles.models import Article, Correction, Event, WebhookDelivery, WebhookEndpoint
from articles.webhooks.delivery import deliver, enable
from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLISHED, UPDATED = Event.Kind.PUBLISHED, Event.Kind.UPDATED


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def edit(article, headline):
    article.headline = headline
    article.save()


def test_the_receiver_sees_each_event_once_in_order_for_the_life_of_a_piece(
    endpoint, receiver, changes, clocks
):
    article, scheduled = draft(headline="Launch day"), draft(headline="Later")
    changes(publishing.publish, article)
    changes(edit, article, "Launch day, updated")
    changes(Correction.objects.create, article=article, text="The date was wrong.")
    changes(publishing.unpublish, article)
    changes(publishing.publish, article)  # back, at the publication time it had
    # A minute ahead: the receiver refuses a message signed more than five minutes from its
    # own clock, which runs on, and the message is signed at the app's.
    due = timezone.now() + timedelta(minutes=1)
    changes(publishing.publish, scheduled, at=due)
    changes(hand_on_due)
    assert len(receiver.seen) == 5  # the scheduled piece waits for its time

    # The minute passes. The app's clock is moved on; the database's, which decides what is
    # public and so what a message carries, cannot be: the piece's time, and its publication's,
    # become the database's now by an update, as the minute would have left them.
    clocks.move(timedelta(minutes=1, seconds=1))
    Article.objects.filter(pk=scheduled.pk).update(published_at=Now())
    published_at = Article.objects.values_list("published_at", flat=True).get(pk=scheduled.pk)
    Event.objects.filter(article_id=scheduled.pk, handled_at=None).update(due_at=published_at)
    changes(hand_on_due)
    changes(hand_on_due)

    assert receiver.kinds == [
        PUBLISHED,
        UPDATED,
        Event.Kind.CORRECTED,
        Event.Kind.UNPUBLISHED,
        PUBLISHED,
        PUBLISHED,
    ]
    assert [m.data["id"] for m in receiver.seen] == [article.pk] * 5 + [scheduled.pk]
    assert receiver.seen[1].data["headline"] == "Launch day, updated"
    assert receiver.forged == []
    events = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    assert [m.id for m in receiver.seen] == [f"evt_{pk}" for pk in events]
    assert set(WebhookDelivery.objects.values_list("attempts", "last_status_code")) == {(1, 200)}


def test_with_the_clocks_held_a_delivery_is_due_when_its_event_is_handed_on(
    endpoint, receiver, changes, clocks
):
    """Its first attempt's time is the field's default, the app's clock, held like the rest."""
    changes(publishing.publish, draft())

    delivery = WebhookDelivery.objects.get()
    assert delivery.created_at == delivery.event.handled_at == timezone.now()
    assert receiver.kinds == [PUBLISHED]
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)


def test_the_message_is_the_api_representation_with_the_standard_headers(
    endpoint, receiver, changes
):
    article = draft()
    changes(publishing.publish, article)

    [message] = receiver.seen
    event = Event.objects.get()
    assert message.data == article_payload(article.pk)
    assert message.type == "article.published"
    assert message.timestamp == event.due_at.isoformat()
    assert message.headers["content-type"] == "application/json"
    assert message.headers["webhook-signature"].startswith("v1,")
    assert abs(int(message.headers["webhook-timestamp"]) - time.time()) < 60
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is not None
    assert delivery.response_excerpt == '{"status": 200}'


def test_an_endpoint_gets_only_the_events_it_chose_and_nothing_while_switched_off(
    endpoint, receiver, changes
):
    endpoint.events = [Event.Kind.UNPUBLISHED]
    endpoint.save()
    off = WebhookEndpoint.objects.create(url=receiver.url, active=False)
    article = draft()
    changes(publishing.publish, article)
    changes(edit, article, "Changed")
    changes(publishing.unpublish, article)

    assert receiver.kinds == [Event.Kind.UNPUBLISHED]
    assert not off.deliveries.exists()


def test_a_failed_delivery_is_retried_and_the_next_event_waits_for_it(endpoint, receiver, changes):
    receiver.answers = [500]
    article = draft()
    changes(publishing.publish, article)
    changes(edit, article, "Edited while the receiver was down")

    first, second = WebhookDelivery.objects.order_by("pk")
    first.refresh_from_db()
    assert (first.attempts, first.last_status_code) == (1, 500)
    assert first.last_error == "HTTP 500 Internal Server Error"
    assert 29 < (first.next_attempt_at - timezone.now()).total_seconds() <= 30
    assert second.attempts == 0
    assert receiver.kinds == [PUBLISHED]
    assert deliver.call(second.pk) == "waiting for an earlier delivery"
    assert deliver.call(first.pk) == "not due"

    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    assert changes(deliver.call, first.pk) == "delivered"

    assert receiver.kinds == [PUBLISHED, PUBLISHED, UPDATED]
    assert receiver.seen[0].id == receiver.seen[1].id  # a retry, which the receiver can tell
    first.refresh_from_db()
    assert (first.attempts, first.last_status_code, first.last_error) == (2, 200, "")
    assert WebhookDelivery.objects.pending().count() == 0


def test_the_delay_between_attempts_grows_and_then_the_delivery_is_given_up(
    endpoint, receiver, changes, settings
):
    settings.WEBHOOK_RETRY_DELAYS = [30, 120]
    receiver.answers = [500, 503, 502]
    changes(publishing.publish, draft())
    delivery = WebhookDelivery.objects.get()
    waits = []
    for _ in range(2):
        delivery.refresh_from_db()
        waits.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 30))
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        changes(deliver.call, delivery.pk)

    delivery.refresh_from_db()
    assert waits == [1, 4]
    assert delivery.given_up_at is not None
    assert (delivery.attempts, delivery.last_status_code) == (3, 502)
    assert WebhookEndpoint.objects.get().failure_count == 1


def test_a_redirect_is_not_followed(endpoint, receiver, changes, settings):
    settings.WEBHOOK_RETRY_DELAYS = []
    receiver.answers = [302]
    changes(publishing.publish, draft())

    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code == 302
    assert delivery.last_error == "HTTP 302 Found (redirects are not followed)"
    assert delivery.given_up_at is not None
    assert len(receiver.seen) == 1


def test_repeated_failures_disable_the_endpoint_and_say_why(
    endpoint, receiver, changes, settings, caplog
):
    settings.WEBHOOK_RETRY_DELAYS = [0]
    settings.WEBHOOK_DISABLE_AFTER = 2
    receiver.answers = [500] * 4
    article = draft()
    with caplog.at_level(logging.ERROR, logger="articles.webhooks.delivery"):
        changes(publishing.publish, article)
        changes(edit, article, "First edit")
        changes(edit, article, "Second edit")

    endpoint.refresh_from_db()
    assert not endpoint.active
    assert endpoint.disabled_at is not None
    assert endpoint.disabled_reason == (
        "2 deliveries in a row failed after every retry (the last: HTTP 500 Internal Server Error)"
    )
    assert "disabled: 2 deliveries in a row failed" in caplog.text
    assert receiver.kinds == [PUBLISHED, PUBLISHED, UPDATED, UPDATED]
    # The second edit happened while it was disabled: never sent.
    assert endpoint.deliveries.count() == 2

    changes(enable, endpoint)
    changes(edit, article, "Third edit")
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failure_count, endpoint.disabled_reason) == (True, 0, "")
    assert receiver.kinds[-1] == UPDATED
    assert receiver.seen[-1].data["headline"] == "Third edit"


def test_the_log_names_a_disabled_endpoint_by_its_host_never_its_whole_address(
    receiver, changes, settings, caplog
):
    """A receiver's address may carry its own key (`?token=…`, a path only its owner knows): the
    log, read by more people than the admin, gives the endpoint's number and host alone."""
    settings.WEBHOOK_RETRY_DELAYS = []
    settings.WEBHOOK_DISABLE_AFTER = 1
    receiver.answers = [500]
    endpoint = WebhookEndpoint.objects.create(url=f"{receiver.url}?token=s3cr3t-k3y")
    receiver.secret = endpoint.secret
    with caplog.at_level(logging.ERROR, logger="articles.webhooks.delivery"):
        changes(publishing.publish, draft())

    endpoint.refresh_from_db()
    assert not endpoint.active
    assert f"Webhook endpoint {endpoint.pk} (127.0.0.1) disabled: 1 deliveries" in caplog.text
    assert "s3cr3t" not in caplog.text
    assert "/hooks/newsroom" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_an_endpoint_deleted_while_its_message_is_under_way_ends_the_task_quietly(
    endpoint, receiver, caplog
):
    def delete_the_endpoint():
        """An editor deletes the endpoint, in a request of their own, as the message arrives."""
        WebhookEndpoint.objects.filter(pk=endpoint.pk).delete()
        connection.close()

    receiver.meanwhile = delete_the_endpoint
    with caplog.at_level(logging.ERROR):
        publishing.publish(draft())

    assert receiver.kinds == [PUBLISHED]
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert caplog.text == ""  # no task failed


@pytest.mark.parametrize(
    ("reply", "excerpt"),
    [
        # A compressed error page: bytes no text column holds (NUL) and none that is UTF-8.
        ((b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 4, "application/gzip"), ""),
        ((b"Out of order\x00\x01\x08, back soon", "text/plain"), "Out of order, back soon"),
    ],
    ids=["gzip", "control-characters"],
)
def test_an_answer_of_any_bytes_is_kept_as_text_and_the_delivery_retried(
    endpoint, receiver, changes, settings, reply, excerpt
):
    settings.WEBHOOK_RETRY_DELAYS = [600]
    receiver.answers = [500]
    receiver.reply = reply
    changes(publishing.publish, draft())

    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert delivery.last_error == "HTTP 500 Internal Server Error"
    assert delivery.response_excerpt.replace("\ufffd", "") == excerpt
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=500)


def test_a_success_ends_the_run_of_failures(endpoint, receiver, changes, settings):
    settings.WEBHOOK_RETRY_DELAYS = []
    settings.WEBHOOK_DISABLE_AFTER = 2
    receiver.answers = [500, 200, 500]
    article = draft()
    changes(publishing.publish, article)
    changes(edit, article, "Delivered")
    changes(edit, article, "Failed again")

    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failure_count) == (True, 1)


def test_deliveries_waiting_for_a_disabled_endpoint_are_sent_in_order_when_it_is_enabled(
    endpoint, receiver, changes
):
    article = draft()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    endpoint.refresh_from_db()
    changes(publishing.publish, article)
    assert not endpoint.deliveries.exists()  # nothing is kept for a switched-off endpoint

    endpoint.active = True
    endpoint.save()
    receiver.answers = [500]
    changes(edit, article, "One")
    changes(edit, article, "Two")
    changes(WebhookEndpoint.objects.filter(pk=endpoint.pk).update, active=False)
    changes(enable, endpoint)

    # The first edit's message, refused once, goes again with the piece as it is by then.
    assert [m.data["headline"] for m in receiver.seen] == ["One", "Two", "Two"]
    assert receiver.kinds == [UPDATED] * 3


def test_a_second_task_for_a_delivery_under_way_finds_it_taken(endpoint, receiver, changes):
    receiver.answers = [500]
    changes(publishing.publish, draft())
    delivery = WebhookDelivery.objects.get()
    # The claim of an attempt under way: its next time moved past the request's timeout.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=2, next_attempt_at=timezone.now() + timedelta(seconds=40)
    )

    assert deliver.call(delivery.pk) == "not due"
    assert len(receiver.seen) == 1
