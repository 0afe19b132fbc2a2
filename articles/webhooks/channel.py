"""Webhooks as an events channel: what `articles.events.dispatch.hand_on` calls."""

from articles.events import Channel
from articles.events.queue import enqueue
from articles.models import Event, WebhookDelivery, WebhookEndpoint
from articles.webhooks import delivery


def handle(event: Event) -> None:
    """A delivery for each active endpoint that chose the event's kind, in the transaction
    that hands the event on; unique per endpoint and event, so a second call adds nothing."""
    for endpoint in WebhookEndpoint.objects.filter(active=True):
        if not endpoint.wants(event.kind):
            continue
        row, created = WebhookDelivery.objects.get_or_create(endpoint=endpoint, event=event)
        if created:
            enqueue(delivery.deliver, row.pk)


WEBHOOKS = Channel("webhooks", handle, delivery.resume)
