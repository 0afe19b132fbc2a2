"""The outbox: what happened to public pieces, written in the transaction that made it happen.

A row is written with the change that causes it, so a crash cannot lose one and a rollback
leaves none. Background tasks hand each row to the channels (email alerts, webhooks) once it is
due; see `articles.events`.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from newsroom.rows import RowModel


class EventKind(models.TextChoices):
    PUBLISHED = "article.published", "Published"
    UPDATED = "article.updated", "Updated"
    CORRECTED = "article.corrected", "Corrected"
    UNPUBLISHED = "article.unpublished", "Unpublished"
    DELETED = "article.deleted", "Deleted"
    # Sent to one webhook endpoint when an editor asks, never handed to the channels.
    TEST = "webhook.test", "Test message"


class Event(RowModel):
    """Something readers could see changed: a piece went public, changed, was corrected, was
    withdrawn or deleted.

    A piece scheduled for later gets its `article.published` row when it is scheduled, due at
    its time; if by then it was moved or withdrawn the row is dismissed, not handed on. `key`
    makes the same publication one row however many times it is scheduled or noticed while it
    waits; handed on or dismissed, it gives its key up to the piece's next publication.
    """

    Kind = EventKind

    kind = models.CharField(max_length=32, choices=Kind)
    # Not a foreign key: the row outlives a deleted piece, whose event it records.
    article_id = models.PositiveBigIntegerField(db_index=True)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    due_at = models.DateTimeField(default=timezone.now)
    # What the channels are handed: the piece as the API shows it, taken when the event is
    # handed on (after the change's transaction, inlines included); for a deletion, taken
    # beforehand. A webhook message about a public piece sends the piece as it is at each
    # attempt instead (`articles.webhooks.delivery.data_now`).
    payload = models.JSONField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    dismissed = models.BooleanField(
        default=False, help_text="No longer true when it fell due (moved or withdrawn)."
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(handled_at=None), name="event_waiting_idx"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.article_id}"
