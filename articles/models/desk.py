"""Records of the editor's desk: `CalendarFeed`, a person's private calendar feed address, and
`DraftBuffer`, what an editor typed into an article's form and has not saved yet."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from newsroom.rows import RowModel


class CalendarFeed(RowModel):
    """A person's private address for the editorial calendar, read by their own calendar app.

    Calendar apps cannot sign in, so the address is the credential: it carries `key`, signed
    with the site's SECRET_KEY (`articles.desk.feeds`). Resetting the address replaces the key;
    deleting the row turns the feed off.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=43, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "calendar feed"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="calendarfeed_unique_key"),
            models.CheckConstraint(condition=~Q(key=""), name="calendarfeed_key_not_empty"),
        ]

    def __str__(self):
        return f"Calendar feed of {self.user}"


class DraftBuffer(RowModel):
    """What one editor last typed into one article's change form and has not saved yet.

    Written every few seconds while the form changes (`articles.admin.autosave`), read back when
    the editor reopens the article after a crash or a closed tab, and deleted when they save the
    form or discard it. It is never the article: nothing here is public, cached or revisioned.
    `fields` holds the form's own fields as the browser would post them (name to text, or to a
    list of texts); `based_on_token` is the form's edit token (the version it started from and
    that version's revision), which a restored form carries again, so a save over someone else's
    later changes is refused as any stale save is.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="draft_buffers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_buffers"
    )
    fields = models.JSONField(default=dict)
    based_on_version = models.PositiveIntegerField()
    based_on_token = models.CharField(max_length=40)
    saved_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "unsaved draft"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="draftbuffer_one_per_editor")
        ]

    def __str__(self):
        return f"Unsaved changes to {self.article_id} by {self.user}"
