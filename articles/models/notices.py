"""What readers are told besides the text: warnings before it, corrections and updates after."""

import hashlib
import unicodedata
from datetime import datetime, timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from newsroom.dates import display_datetime
from newsroom.rows import RowModel
from newsroom.text import strip_on_save


class WarningKind(models.TextChoices):
    SPOILERS = "spoilers", "Spoilers"
    VIOLENCE = "violence", "Violence"
    ABUSE = "abuse", "Abuse"
    GRIEF = "grief", "Grief or loss"
    SELF_HARM = "self-harm", "Self-harm or suicide"
    SENSITIVE = "sensitive", "Other sensitive topic"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    UPDATE = "update", "Update"


SUBJECT_SLUG_CHARS = 120
# Hex digits of the digest that names a subject in a script slugs cannot spell.
SUBJECT_DIGEST_CHARS = 10


def subject_slug(subject: str) -> str:
    """The slug a reader hides a subject's spoilers by (`?hide_spoilers=`, a cookie, a key of
    the page cache and the edge): its Latin slug ("amelie" for "Amélie"), or, for a name
    `slugify` would lose letters of ("進撃の巨人", "Война и мир 2"), what Latin is left followed
    by a short digest of the name as Unicode folds it. So every subject has one of its own, the
    same however it is cased, and in ASCII, which cookies and the VCL carry unchanged.
    """
    latin = slugify(subject)
    folded = slugify(subject, allow_unicode=True) or " ".join(subject.casefold().split())
    if not folded or not _loses_letters(folded):
        return latin[:SUBJECT_SLUG_CHARS]
    digest = hashlib.blake2b(folded.encode(), digest_size=SUBJECT_DIGEST_CHARS // 2).hexdigest()
    kept = latin[: SUBJECT_SLUG_CHARS - SUBJECT_DIGEST_CHARS - 1].strip("-")
    return f"{kept}-{digest}" if kept else digest


def _loses_letters(text: str) -> bool:
    # `slugify` keeps what NFKD decomposes into ASCII and drops the rest: accents alone (the
    # combining marks) lose nothing, every other character outside ASCII does.
    return any(
        not char.isascii() and not unicodedata.combining(char)
        for char in unicodedata.normalize("NFKD", text)
    )


class WarningQuerySet(models.QuerySet):
    # A queryset's `update()` of what readers see is refused rather than made to act as a save.
    # Django's `update()` skips `save()` and its signals, and all that follows a warning's
    # change hangs off those: the piece's `article.updated` event (`articles.events.recording`,
    # which this module cannot call), the page cache's retirement, stripped text, and the
    # subject's slug, worked out in Python (`subject_slug`), which cannot follow a value the
    # database computes (`F()`, or the `Case()` that `bulk_update()` sends through here).
    # Replaying each of those here would copy every receiver and miss the next one added.
    # `changed_at` alone may be updated: it shows nothing, and tells the alerts to build again.
    UPDATABLE = frozenset({"changed_at"})

    def update(self, **fields):
        if refused := sorted(set(fields) - self.UPDATABLE):
            raise TypeError(
                f"ContentWarning's {', '.join(refused)} cannot be changed by update() or "
                "bulk_update(), which skip the piece's article.updated event, the page cache "
                "and subject_slug: set them on each warning and call its save()."
            )
        return super().update(**fields)


# Both name their article by label: the article module imports this one (its queryset and
# properties read warnings).
@strip_on_save
@reversion.register()
class ContentWarning(RowModel):
    """A notice readers see before the text: spoilers, or a sensitive topic such as grief."""

    Kind = WarningKind

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="warnings"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SPOILERS)
    text = models.CharField(
        max_length=200,
        help_text="Completes “(Warning: …)”, e.g. “contains spoilers for season one”.",
    )
    subject = models.CharField(
        max_length=120,
        blank=True,
        help_text="For spoilers: the show, book or film, e.g. “Low Tide at Marrow Bay”. Readers "
        "can hide pieces that spoil it.",
    )
    subject_slug = models.SlugField(max_length=SUBJECT_SLUG_CHARS, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    # Set by every save (a queryset's `update()` of anything else is refused, `WarningQuerySet`):
    # a warning changed without saving its piece (a script, a shell) still reaches the alerts
    # built from the piece before (`articles.alerts.current`).
    changed_at = models.DateTimeField(auto_now=True, editable=False)

    objects = WarningQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=WarningKind.values), name="warning_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="warning_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["kind", "subject_slug"], name="warning_kind_subject_idx"),
        ]

    def __str__(self):
        # Shown after "Warning:" in the admin's headings and lists.
        return self.text

    def _save_table(self, raw=False, *args, **kwargs):
        # A version written back from history is a raw save, which skips `auto_now`: it is a
        # change too, and a version kept before the stamp existed holds none.
        if raw:
            self.changed_at = timezone.now()
        return super()._save_table(raw, *args, **kwargs)

    def save(self, *args, **kwargs):
        self.subject_slug = subject_slug(self.subject)
        super().save(*args, **kwargs)

    @property
    def badge(self) -> str:
        """The label on cards: "Spoilers: Low Tide at Marrow Bay", "Content warning: Grief"."""
        if self.kind == self.Kind.SPOILERS:
            return f"Spoilers: {self.subject}" if self.subject else "Spoilers"
        return f"Content warning: {self.get_kind_display()}"


# How far ahead of the server's clock a note's time may be (a typed "now" on a computer whose
# clock runs fast): such a time is taken as now, a later one is refused.
CLOCK_TOLERANCE = timedelta(minutes=5)


def correction_date_problem(
    *, when: datetime, ran_at: datetime | None, now: datetime
) -> str | None:
    """Why a note dated `when` cannot go on a piece published at `ran_at`, or None.

    A note tells readers what changed after the piece ran: the page says "Updated" with its
    date, feeds and the API give it as the piece's modification, and readers who asked are sent
    it. So the piece has run, and the note is dated between then and now. A piece's
    publication time stays as it was when it is withdrawn and published again, so a note made
    between the two is still later than it.
    """
    if ran_at is None:
        return "A note can be added once the piece has run; it has not been published yet."
    if ran_at > now:
        return (
            "A note can be added once the piece has run; it is scheduled for "
            f"{display_datetime(ran_at)}."
        )
    if when > now + CLOCK_TOLERANCE:
        return (
            "A note cannot be dated in the future: give a time no later than now "
            f"({display_datetime(now)})."
        )
    # To the minute, as the date box shows it: a note typed for the minute it ran is later.
    if when < ran_at.replace(second=0, microsecond=0):
        return (
            f"A note cannot be dated before the piece was published ({display_datetime(ran_at)}): "
            "give that time or a later one."
        )
    return None


@strip_on_save
@reversion.register()
class Correction(RowModel):
    """A dated note on a published article: a correction of a mistake, or an update."""

    Kind = CorrectionKind

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    published_at = models.DateTimeField(
        "date",
        default=timezone.now,
        help_text="Shown with the note; the article shows “Updated” with the latest date.",
    )
    text = models.TextField(
        max_length=1000,
        help_text="What was wrong and what is right now, e.g. “An earlier version of this article "
        "gave the wrong date for the launch.”",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The `article.corrected` event that tells of it: each email about a correction carries the
    # notes of its own event, however many more are made before it is sent.
    event = models.ForeignKey(
        "articles.Event",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty"),
        ]
        indexes = [models.Index(fields=["article", "published_at"], name="correction_article_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.published_at:%b %-d, %Y}"

    def clean(self):
        """Refuse a date before the piece ran or in the future (`correction_date_problem`); a
        time a few minutes ahead is taken as now. A stored note whose date is not changed is
        left as it is, so an edit of the piece is never held up by a note it did not touch."""
        super().clean()
        if self.published_at is None or self.article_id is None or self._date_unchanged():
            return
        now = timezone.now()
        problem = correction_date_problem(
            when=self.published_at, ran_at=self.article.published_at, now=now
        )
        if problem:
            raise ValidationError({"published_at": problem})
        self.published_at = min(self.published_at, now)

    def _date_unchanged(self) -> bool:
        if self._state.adding:
            return False
        stored = type(self).objects.filter(pk=self.pk).values_list("published_at", flat=True)
        stored = stored.first()
        # To the second, as the admin's time box sends it back.
        return stored is not None and stored.replace(microsecond=0) == self.published_at.replace(
            microsecond=0
        )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.article.refresh_corrected_at()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article.refresh_corrected_at()
        return result
