"""Email alerts: readers who asked for new pieces by email (`Subscriber`), and one row per
message sent to one of them (`AlertDelivery`), so that a retry never sends a message twice.

The code that fills and reads them is in `articles.alerts`.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from taggit.models import Tag

from articles.models.article import Article
from articles.models.authors import Author
from articles.models.choices import ArticleKind
from newsroom.rows import RowModel

# Kinds are stored in one column, comma-separated in the order of `ArticleKind`: no kind's value
# holds a comma, and a match is a plain text comparison on every database (`kind_chosen`).
KIND_SEPARATOR = ","


def join_kinds(kinds) -> str:
    chosen = set(kinds)
    return KIND_SEPARATOR.join(kind for kind in ArticleKind.values if kind in chosen)


def split_kinds(value: str) -> list[str]:
    return [kind for kind in (value or "").split(KIND_SEPARATOR) if kind in ArticleKind.values]


def kind_chosen(kind: str) -> Q:
    """Subscribers whose `kinds` name `kind`."""
    return (
        Q(kinds=kind)
        | Q(kinds__startswith=f"{kind}{KIND_SEPARATOR}")
        | Q(kinds__endswith=f"{KIND_SEPARATOR}{kind}")
        | Q(kinds__contains=f"{KIND_SEPARATOR}{kind}{KIND_SEPARATOR}")
    )


class Subscriber(RowModel):
    """A reader who asked for email alerts: everything, or pieces of some kinds, about some tags
    or by some authors; each as it is published, or once a day.

    Nothing is sent until the reader opens the signed link of the confirmation email
    (`confirmed_at`). The links of every email carry `key`, signed with the site's SECRET_KEY
    (`articles.alerts.tokens`): the database keeps the key alone. An address nobody confirmed
    is deleted once its confirmation links have expired.
    """

    class Frequency(models.TextChoices):
        INSTANT = "instant", "As each piece is published"
        DAILY = "daily", "A daily digest"

    email = models.EmailField(max_length=254)
    key = models.CharField(max_length=43, editable=False)
    everything = models.BooleanField(
        "everything", default=False, help_text="Every piece, whatever its kind, topic or author."
    )
    kinds = models.CharField(max_length=120, blank=True, help_text="Kinds of piece, if chosen.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="+")
    authors = models.ManyToManyField(Author, blank=True, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.INSTANT)
    wants_corrections = models.BooleanField(
        "corrections too",
        default=False,
        help_text="Also an email when a piece they follow is corrected.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the newest confirmation link was made: an address whose links have all expired
    # unopened is forgotten (`articles.alerts.channel.forget_unconfirmed`).
    confirmation_sent_at = models.DateTimeField(
        "confirmation sent", null=True, blank=True, editable=False
    )
    last_digest_at = models.DateTimeField("last digest", null=True, blank=True, editable=False)
    # Why alerts to the address stopped, and when (`articles.alerts.bounces.stop`): its mail
    # server refused it, or the email provider reported a bounce, a complaint or an
    # unsubscribe. Cleared when its reader subscribes again and confirms.
    stopped_at = models.DateTimeField("alerts stopped", null=True, blank=True, editable=False)
    stop_reason = models.CharField("why alerts stopped", max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_unique_email"),
            models.UniqueConstraint(fields=["key"], name="subscriber_unique_key"),
            models.CheckConstraint(condition=~Q(key=""), name="subscriber_key_not_empty"),
            models.CheckConstraint(
                condition=Q(frequency__in=["instant", "daily"]), name="subscriber_frequency_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["frequency"],
                name="subscriber_confirmed_idx",
                condition=Q(confirmed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def kind_list(self) -> list[str]:
        return split_kinds(self.kinds)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_stopped(self) -> bool:
        """Alerts stopped and no confirmation link made since: a link made before cannot
        start them again, only subscribing again (a new link) and confirming."""
        if self.stopped_at is None:
            return False
        return self.confirmation_sent_at is None or self.confirmation_sent_at <= self.stopped_at


class AlertDelivery(RowModel):
    """One message to one subscriber: an instant alert for one event, or the digest of one day.

    Made before anything is sent; `sent_at` is set in the transaction that claimed the row, just
    after the message went out. A retry sends only rows without it, and every row has its own
    `message_id`, so a message sent twice (a crash between sending and marking) is known for
    the same message by the receiving end. A digest keeps the pieces it listed (`pieces`, set
    with `sent_at`), so that no piece goes to the same reader twice.
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.PositiveBigIntegerField(null=True, blank=True)
    digest_on = models.DateField("digest of", null=True, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, blank=True, help_text="What the event was.")
    # Empty for digests sent before migration 0027, which cannot be known now (docs/deploying.md).
    pieces = models.ManyToManyField(
        Article, blank=True, related_name="+", help_text="The pieces a digest listed."
    )
    message_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "alert deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "event_id"],
                condition=Q(event_id__isnull=False),
                name="alertdelivery_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "digest_on"],
                condition=Q(digest_on__isnull=False),
                name="alertdelivery_once_per_digest",
            ),
            models.CheckConstraint(
                condition=Q(event_id__isnull=False, digest_on__isnull=True)
                | Q(event_id__isnull=True, digest_on__isnull=False),
                name="alertdelivery_event_or_digest",
            ),
        ]
        indexes = [
            models.Index(
                fields=["event_id", "digest_on", "id"],
                name="alertdelivery_pending_idx",
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
            ),
        ]

    def __str__(self):
        what = f"event {self.event_id}" if self.event_id is not None else f"digest {self.digest_on}"
        return f"{what} to subscriber {self.subscriber_id}"
