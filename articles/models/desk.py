"""Records of the editor's desk: `CalendarFeed`, a person's private calendar feed address."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CalendarFeed(models.Model):
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
