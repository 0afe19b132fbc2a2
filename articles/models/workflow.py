"""Records of the editorial workflow around an article: its former addresses, its private
preview links for reviewers, and the version a deleted article had."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models.article import Article
from newsroom import former_addresses
from newsroom.rows import RowModel
from newsroom.text import strip_on_save


class SlugRedirect(former_addresses.FormerAddress):
    """An address a published article used to have; readers following it are sent on (301)."""

    old_slug = models.SlugField(
        max_length=200, help_text="The last part of the former address, after /news/."
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name=former_addresses.RELATION
    )

    def __str__(self):
        return f"/news/{self.old_slug}/ → {self.article.get_absolute_url()}"


@strip_on_save
class PreviewLink(RowModel):
    """A private address where a reviewer without an account reads a piece before it runs.

    The address carries a signed token naming this record, so it cannot be guessed or altered;
    the record decides whether it still works (expiry, revocation) and keeps the reviewer's
    views and approval.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=43, editable=False)
    reviewer = models.CharField(
        max_length=120, help_text="Who the link is for, e.g. “Dana Whitfield”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approval_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "sign-off preview link"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="previewlink_unique_key"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="previewlink_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"Preview of “{self.article}” for {self.reviewer}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active"


class DeletedVersion(RowModel):
    """The version an article had when it was deleted, when that was and its former addresses,
    kept after it is gone, so that one recovered from its history continues from there
    (`articles.workflow.versions`) and comes back as it stood then (`recovery`), answering its
    former addresses again (`newsroom.former_addresses.bring_back`); removed once a recovery
    has carried it, or when none of the piece's revisions is left."""

    # No foreign key: the article is gone, and a recovery brings it back under the same id.
    article_id = models.BigIntegerField(primary_key=True)
    version = models.PositiveIntegerField()
    # None for pieces deleted before the time was kept (migration 0035).
    deleted_at = models.DateTimeField(null=True)
    # Its `SlugRedirect` rows, deleted with it: [{"id": …, "slug": …, "created_at": ISO time},
    # oldest first]. Empty for pieces deleted before they were kept (migration 0036).
    former_addresses = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "deleted article's version"

    def __str__(self):
        return f"Article {self.article_id}, deleted at version {self.version}"
