"""Stopping alerts to an address that cannot or must not get them, and why, for staff to see.

Two things stop an address, both through `stop`:

- its mail server refusing it for good while an alert is sent (`sending`);
- the email provider reporting, after it accepted a message, that it bounced, that the provider
  refuses to send there, that its reader marked it as spam or unsubscribed at the provider
  (django-anymail's `tracking` signal, from the provider's webhook; `tracked`).

A stopped subscriber is unconfirmed: nothing more is sent to them, and the confirmation links
they had no longer work; only subscribing again and confirming the new link starts alerts again.
The reason and the time are kept on the subscriber for `ALERTS_CONFIRM_DAYS`, then the address
is forgotten as any unconfirmed one is (`channel.forget_unconfirmed`).

A delayed message (anymail's `deferred`), a bounce whose server answered that the failure is
temporary (a 4xx reply: a full mailbox, a greylisting), any other event, a report about an
address nobody subscribed and a report older than the reader's confirmation change nothing.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from articles.alerts.addresses import clean_address
from articles.models import Subscriber

logger = logging.getLogger(__name__)

REASON_CHARS = 300

# What each of anymail's normalised events that stops an address says of it, with the
# provider's name; the provider's own words follow.
REASONS = {
    "bounced": "Bounced ({provider} reported)",
    "rejected": "{provider} refused to send to it",
    "complained": "Its reader marked an alert as spam ({provider} reported)",
    "unsubscribed": "Its reader unsubscribed at {provider}",
}

# The first status in the receiving server's answer: an enhanced status (RFC 3463) or a reply code.
_STATUS = re.compile(r"(?<![\d.])([245])(?:\.\d{1,3}\.\d{1,3}|\d\d)(?![\d.])")


def stop(subscribers: QuerySet, *, reason: str, at=None) -> int:
    """Stop alerts to `subscribers` for `reason`, as of `at` (now by default); the number
    stopped."""
    # The channel sends alerts, and so imports this module.
    from articles.alerts import channel

    at = at or timezone.now()
    stopped = subscribers.update(
        confirmed_at=None,
        # Forgotten as an address whose links expired (one confirmed before links were timed
        # counts from when it subscribed), once the reason has been kept long enough.
        confirmation_sent_at=Coalesce("confirmation_sent_at", "created_at"),
        stopped_at=at,
        stop_reason=reason[:REASON_CHARS],
    )
    if stopped:
        channel.schedule_forgetting(at)
    return stopped


def tracked(sender, event, esp_name: str, **kwargs) -> None:
    """Receive django-anymail's `tracking` signal: stop alerts to the event's recipient when the
    event says the address cannot or must not get them (see the module docstring)."""
    if event.event_type not in REASONS:
        return
    if event.event_type == "bounced" and is_temporary(event.mta_response):
        return
    try:
        address = clean_address(event.recipient or "")
    except ValidationError:
        return
    now = timezone.now()
    at = min(event.timestamp or now, now)
    subscribers = (
        Subscriber.objects.alias(lowered=Lower("email"))
        .filter(lowered=address.lower())
        .exclude(confirmed_at__gt=at)
    )
    reason = REASONS[event.event_type].format(provider=esp_name)
    if detail := (event.mta_response or event.description or "").strip():
        reason = f"{reason}: {detail}"
    if stop(subscribers, reason=reason, at=at):
        logger.info("Alerts: stopped an address, %s (%s).", event.event_type, esp_name)


def is_temporary(answer: str | None) -> bool:
    """Whether the receiving server's answer says the failure is temporary (4xx, 4.x.x)."""
    found = _STATUS.search(answer or "")
    return found is not None and found.group(1) == "4"
