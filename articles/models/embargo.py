"""Pre-access under embargo: the journalists a newsroom shares releases with, and each
journalist's personal link to one embargoed piece, which opens it until it is out."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models.article import Article
from newsroom.rows import RowModel
from newsroom.text import strip_on_save


def release_time(*, published_at: datetime | None, embargoed_until: datetime | None):
    """When a piece held to an embargo reaches readers: its publication time, never before the
    embargo (later when the editor scheduled it so); None without an embargo or a time."""
    if embargoed_until is None or published_at is None:
        return None
    return max(published_at, embargoed_until)


def release_of(article: Article) -> datetime | None:
    return release_time(published_at=article.published_at, embargoed_until=article.embargoed_until)


def before_release(article: Article) -> bool:
    """True while a piece published to run at or after an embargo is not out yet: under its
    embargo, or past it and scheduled later. Its journalists' links open it until then."""
    release = release_of(article)
    return (
        article.status == Article.Status.PUBLISHED
        and release is not None
        and release > timezone.now()
    )


@strip_on_save
class Journalist(RowModel):
    """Someone outside the newsroom who gets releases early: remembered for the next release."""

    name = models.CharField(max_length=120)
    outlet = models.CharField(max_length=120, blank=True, help_text="e.g. “The Daily Ledger”.")
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="journalist_unique_email"),
            models.CheckConstraint(condition=~Q(name=""), name="journalist_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name


class PressAccess(RowModel):
    """One journalist's private link to one piece under embargo.

    The address carries a signed token naming this record (see `articles.embargo.access`); the
    record decides whether it still works: until it expires (when the piece is out, at its
    embargo or at the later time it is scheduled for, unless the editor chose sooner) or is
    revoked, and only until the piece is out (`before_release`). Each visit is counted here and
    shown on the article's admin page.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="press_access")
    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="access")
    key = models.CharField(max_length=43, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    first_viewed_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "pre-access link"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="pressaccess_unique_key"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="pressaccess_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"“{self.article}” for {self.journalist}"

    @property
    def is_active(self) -> bool:
        return self.state == "Active"

    @property
    def state(self) -> str:
        """Whether the link opens its piece: not once revoked or expired (withdrawing the piece
        ends its links), nor once the piece is out or off its embargo ("Ended": the link then
        leads to the public page)."""
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active" if before_release(self.article) else "Ended"
