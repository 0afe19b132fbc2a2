"""Webhooks: the addresses editors register to be told of events, and each event's delivery to
each of them (see `articles.webhooks`)."""

import base64
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models.events import Event, EventKind
from newsroom.rows import RowModel
from newsroom.text import strip_on_save

# Standard Webhooks secrets are 24 to 64 random bytes, base64, after a `whsec_` prefix.
SECRET_BYTES = 32
SECRET_PREFIX = "whsec_"  # noqa: S105  (the format's prefix, not a secret)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def all_kinds() -> list[str]:
    """Every kind a receiver may choose: all but the test message, sent only when asked for."""
    return [kind for kind in EventKind.values if kind != EventKind.TEST]


# What a receiver answered is kept as text (its status line, the start of its body, in the
# delivery log and in why an endpoint was disabled): without the control characters a column
# cannot hold (PostgreSQL refuses NUL), which a compressed or binary answer is full of.
@strip_on_save
class WebhookEndpoint(RowModel):
    """A receiver outside the site, POSTed a signed JSON message for each event it chose.

    Switched off by an editor (`active`), or by the site after `WEBHOOK_DISABLE_AFTER`
    deliveries in a row were given up (`disabled_at`, `disabled_reason`; `failure_count` is that
    run of given-up deliveries, ended by any success).
    """

    url = models.CharField(
        "address",
        max_length=2000,
        help_text="The receiver's https:// address, on a public host. Redirects are not followed.",
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="Who runs the receiver and what it does."
    )
    events = models.JSONField(
        default=all_kinds, help_text="The events this receiver is sent, one message each."
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        editable=False,
        help_text="Signs every message; the receiver verifies it with this secret.",
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop sending; what happens meanwhile is not sent."
    )
    failure_count = models.PositiveIntegerField(
        "deliveries given up in a row", default=0, editable=False
    )
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = "webhook endpoint"
        constraints = [
            models.CheckConstraint(
                condition=Q(disabled_at=None) | Q(active=False),
                name="webhookendpoint_disabled_is_inactive",
            ),
        ]

    def __str__(self):
        return self.description or self.url

    def clean(self):
        from articles.webhooks.addresses import check_url

        errors = {}
        try:
            check_url(self.url)
        except ValidationError as refused:
            errors["url"] = refused.messages
        if not isinstance(self.events, list) or not self.events:
            errors["events"] = ["Choose at least one event."]
        elif unknown := set(self.events) - set(all_kinds()):
            errors["events"] = [f"Unknown events: {', '.join(sorted(map(str, unknown)))}."]
        if errors:
            raise ValidationError(errors)

    def wants(self, kind: str) -> bool:
        return kind in self.events


class WebhookDeliveryQuerySet(models.QuerySet):
    def pending(self):
        """Neither delivered nor given up: waiting for its first attempt or a retry."""
        return self.filter(delivered_at=None, given_up_at=None)


@strip_on_save
class WebhookDelivery(RowModel):
    """One event sent to one endpoint: its attempts and what the receiver last answered.

    Unique per endpoint and event, so handing an event on twice sends nothing twice; a
    receiver tells retries apart from new messages by the `webhook-id` header, the same for
    every attempt.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="webhook_deliveries")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    attempts = models.PositiveIntegerField(default=0)
    # The next attempt's time; while an attempt is under way, until when it may take.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhookdelivery_once_per_endpoint"
            ),
        ]
        indexes = [
            models.Index(
                fields=["endpoint", "id"],
                condition=Q(delivered_at=None, given_up_at=None),
                name="webhookdelivery_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.event} to {self.endpoint}"

    @property
    def message_id(self) -> str:
        """The `webhook-id` header: the event's, the same on every attempt and every endpoint."""
        return f"evt_{self.event_id}"

    @property
    def state(self) -> str:
        if self.delivered_at is not None:
            return "Delivered"
        if self.given_up_at is not None:
            return "Given up"
        return "Retrying" if self.attempts else "Waiting"
