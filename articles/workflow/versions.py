"""An article's version only grows, even across its deletion and recovery.

Every save adds one to `Article.version`; edit conflicts (`editing`) and the calendar feed's
SEQUENCE (`articles.desk.ical`) rely on it never going down. Restoring a revision keeps the
live piece's version, and recovering a deleted piece from its history continues from the
version it had when it was deleted, kept here (`DeletedVersion`): the revision recovered holds
the version of its day, lower when the piece was saved since (saves made outside a revision
record none). The admin's restore and recover views pass it to the form
(`articles.admin.workflow`).
"""

from django.db import DEFAULT_DB_ALIAS
from reversion.models import Version

from articles.models import DeletedVersion, article_content_type


def keep_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_delete: note the version the article had."""
    DeletedVersion.objects.using(using).update_or_create(
        article_id=instance.pk, defaults={"version": instance.version}
    )


def at_deletion(version_id: int) -> int | None:
    """The version the deleted article whose revision `version_id` is had when it was deleted;
    None when it is not known (deleted before versions were kept) or is no article's."""
    article_id = (
        Version.objects.filter(pk=version_id, content_type_id=article_content_type())
        .values_list("object_id", flat=True)
        .first()
    )
    if article_id is None or not article_id.isdigit():
        return None
    return (
        DeletedVersion.objects.filter(article_id=int(article_id))
        .values_list("version", flat=True)
        .first()
    )
