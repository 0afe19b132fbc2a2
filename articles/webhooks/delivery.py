"""The `deliver` task: each endpoint's deliveries sent in event order, retried, given up.

An endpoint gets its messages in the order the events were handed on: a delivery waits while
an earlier one to the same endpoint is pending, and the earlier one, once delivered or given
up, queues the next. A failed attempt is retried after each of `WEBHOOK_RETRY_DELAYS` in turn,
then given up; `WEBHOOK_DISABLE_AFTER` deliveries given up in a row disable the endpoint, and
editors are told on its admin page and in the log.

A message of a piece's publication, update or correction carries the piece as it is when the
attempt is made (`data_now`), not as it was when the event was handed on: a retry, or a
message waiting behind one or for its endpoint to be enabled again, never sends text an edit
took out meanwhile (a name, a passage hidden since as a spoiler), and a receiver that missed
the first attempt is told the piece's present state at once. Its `webhook-id`, type and
timestamp stay the event's. Order still holds: an endpoint's attempts are made one after
another, each with the piece as it is then, so what it is sent never goes back in time, and
the later events follow as they were handed on (a receiver that ignores an id it has seen
learns of later edits from them). A publication handed on by a worker whose clock is ahead of
the database's, the piece due by the one and not yet public by the other, waits
`schedule.CLOCKS_APART` and is tried again (`articles.events.dispatch.not_yet_public`), as
its email alerts do. Such a delivery that is due after the piece left the public is not sent:
it is given up without an attempt, not counted as a failure, and the next delivery goes; the
piece's `article.unpublished` or `article.deleted`, if the endpoint was sent the event,
follows. Those two carry what was stored when they happened: the piece is gone.

An attempt is claimed before the request is made (its attempt counted, its next time moved past
the request's timeout), so a second task for the same delivery, from a retry or a restarted
worker, finds it taken. A worker killed mid-request leaves the claim to run out; the next
worker's start re-queues it. A receiver may then see a message twice, with the same
`webhook-id`, which is how it tells.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django_tasks import task

from articles.events.dispatch import not_yet_public
from articles.events.payloads import article_payload
from articles.events.queue import enqueue
from articles.models import Article, Event, WebhookDelivery, WebhookEndpoint
from articles.webhooks import sending
from newsroom.pagecache import schedule

logger = logging.getLogger(__name__)

# An endpoint's switch, the only fields delivering and enabling write: never what an editor
# sets (address, events, description) nor the secret.
SWITCH = ["failure_count", "active", "disabled_at", "disabled_reason"]
# Why a delivery was given up without an attempt (`data_now`).
NO_LONGER_PUBLIC = "Not sent: the piece was no longer public."


def _claim_lasts() -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_TIMEOUT * 2 + 30)


@task()
def deliver(delivery_id: int) -> str:
    with transaction.atomic():
        delivery = WebhookDelivery.objects.pending().filter(pk=delivery_id).first()
        if delivery is None:
            return "nothing to do"
        # Holding the endpoint's row orders this check against an earlier delivery finishing.
        endpoint = locked(delivery.endpoint_id)
        if endpoint is None:
            return "endpoint deleted"
        if not endpoint.active:
            return "endpoint disabled"
        if endpoint.deliveries.pending().filter(pk__lt=delivery.pk).exists():
            return "waiting for an earlier delivery"
        now = timezone.now()
        if delivery.next_attempt_at > now:
            return "not due"
        data = data_now(delivery.event)
        if data is None and not_yet_public(delivery.event.article_id, now):
            # Due by the app's clock, not yet public by the database's: a moment later it is.
            delivery.next_attempt_at = now + schedule.CLOCKS_APART
            delivery.save(update_fields=["next_attempt_at"])
            enqueue(deliver, delivery.pk, at=delivery.next_attempt_at)
            return "not yet public"
        if data is None:
            delivery.given_up_at = now
            delivery.last_error = NO_LONGER_PUBLIC
            delivery.save(update_fields=["given_up_at", "last_error"])
            queue_next(endpoint)
            return "no longer public"
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, attempts=delivery.attempts, next_attempt_at=delivery.next_attempt_at
        ).update(attempts=F("attempts") + 1, next_attempt_at=now + _claim_lasts())
        if not claimed:
            return "taken"
        # Read while the endpoint's row is held: an editor may delete it, and its deliveries
        # with it, once it is let go; the attempt reads nothing more of them, and there is then
        # nothing to keep of what came of it.
        delivery = WebhookDelivery.objects.select_related("endpoint", "event").get(pk=delivery.pk)
    outcome = sending.attempt(delivery, data=data)
    with transaction.atomic():
        endpoint = locked(delivery.endpoint_id)
        if endpoint is None:
            return "endpoint deleted"
        return record(delivery, endpoint, outcome)


def locked(endpoint_id: int) -> WebhookEndpoint | None:
    """The endpoint, its row held to the end of the transaction; None once it is deleted."""
    return WebhookEndpoint.objects.select_for_update().filter(pk=endpoint_id).first()


def data_now(event: Event) -> dict | None:
    """What the message's `data` is: for the piece's publication, update or correction, the
    piece as the read API shows it now, or None if it is no longer public (then nothing may go:
    a deletion or withdrawal says no more than which piece it was and where, as stored)."""
    if event.kind not in (Event.Kind.PUBLISHED, Event.Kind.UPDATED, Event.Kind.CORRECTED):
        return event.payload or {"id": event.article_id}
    return article_payload(event.article_id)


def record(delivery: WebhookDelivery, endpoint: WebhookEndpoint, outcome: sending.Outcome) -> str:
    """Keep what the attempt came to; queue the retry, or the endpoint's next delivery."""
    now = timezone.now()
    keep_answer(delivery, outcome)
    delays = settings.WEBHOOK_RETRY_DELAYS
    if outcome.delivered:
        delivery.delivered_at = now
        endpoint.failure_count = 0
        result = "delivered"
    elif delivery.attempts <= len(delays):
        delivery.next_attempt_at = now + timedelta(seconds=delays[delivery.attempts - 1])
        delivery.save()
        enqueue(deliver, delivery.pk, at=delivery.next_attempt_at)
        return "to be retried"
    else:
        delivery.given_up_at = now
        endpoint.failure_count += 1
        result = "given up"
        if endpoint.failure_count >= settings.WEBHOOK_DISABLE_AFTER:
            disable(endpoint, last_error=outcome.error)
    delivery.save()
    endpoint.save(update_fields=SWITCH)
    if endpoint.active:
        queue_next(endpoint)
    return result


def keep_answer(delivery: WebhookDelivery, outcome: sending.Outcome) -> None:
    """What an attempt came to, on the delivery for its log (saved by the caller)."""
    delivery.last_status_code = outcome.status
    delivery.last_error = outcome.error
    delivery.response_excerpt = outcome.excerpt


def disable(endpoint: WebhookEndpoint, *, last_error: str) -> None:
    endpoint.active = False
    endpoint.disabled_at = timezone.now()
    endpoint.disabled_reason = (
        f"{endpoint.failure_count} deliveries in a row failed after every retry "
        f"(the last: {last_error or 'no answer'})"
    )[:300]
    logger.error(
        "Webhook endpoint %s (%s) disabled: %s",
        endpoint.pk,
        host_of(endpoint.url),
        endpoint.disabled_reason,
    )


def host_of(url: str) -> str | None:
    """The host alone, for the log: the rest of a receiver's address may be its key
    (`?token=…`, a path only its owner knows)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def queue_next(endpoint: WebhookEndpoint) -> None:
    """Queue the endpoint's earliest pending delivery, at its time."""
    first = endpoint.deliveries.pending().order_by("pk").first()
    if first is not None:
        enqueue(deliver, first.pk, at=first.next_attempt_at)


def send_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send `endpoint` a test message now, whether it is active or not: the newest public piece
    as its events carry one (`{"id": 0}` without one), signed as they are.

    One attempt, in the request that asks, kept in the delivery log: never retried, never
    counted towards disabling the endpoint, never handed to the channels (its event is handled
    from the start), and never pending, so the endpoint's own deliveries keep their order.
    """
    newest = (
        Article.objects.published().order_by("-published_at", "-pk").values_list("pk", flat=True)
    ).first()
    payload = (article_payload(newest) if newest else None) or {"id": 0}
    now = timezone.now()
    event = Event.objects.create(
        kind=Event.Kind.TEST, article_id=payload["id"], payload=payload, handled_at=now
    )
    delivery = WebhookDelivery(endpoint=endpoint, event=event, attempts=1, next_attempt_at=now)
    outcome = sending.attempt(delivery)
    keep_answer(delivery, outcome)
    if outcome.delivered:
        delivery.delivered_at = timezone.now()
    else:
        delivery.given_up_at = timezone.now()
    delivery.save()
    return delivery


def enable(endpoint: WebhookEndpoint) -> None:
    """Switch an endpoint on again, its count of failures cleared; what waited for it is sent
    now, in order. Only the switch is written: an address or secret saved since `endpoint`
    was read is kept."""
    with transaction.atomic():
        endpoint.active = True
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.failure_count = 0
        endpoint.save(update_fields=SWITCH)
        endpoint.deliveries.pending().update(next_attempt_at=timezone.now())
        queue_next(endpoint)


def resume() -> None:
    """Re-queue the first pending delivery of every active endpoint (the rest follow it)."""
    firsts = (
        WebhookDelivery.objects.pending()
        .filter(endpoint__active=True)
        .order_by()
        .values("endpoint")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    for delivery in WebhookDelivery.objects.filter(pk__in=list(firsts)):
        enqueue(deliver, delivery.pk, at=delivery.next_attempt_at)
