"""Pre-access under embargo: the journalists a newsroom shares releases with, and each
journalist's personal link to one embargoed piece."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models.article import Article
from newsroom.rows import RowModel
from newsroom.text import strip_on_save


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
    record decides whether it still works: until it expires (at the embargo unless the editor
    chose sooner) or is revoked, and only while the piece is under embargo. Each visit is
    counted here and shown on the article's admin page.
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
        ends its links), nor while the piece is not under embargo ("Ended": its embargo lifted,
        say, when the link leads to the public page)."""
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active" if self.article.is_embargoed else "Ended"
