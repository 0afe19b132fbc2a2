"""An article's version only grows, even across restores, its deletion and its recovery.

Every save adds one to `Article.version`; edit conflicts (`editing`) and the calendar feed's
SEQUENCE (`articles.desk.ical`) rely on it never going down. django-reversion writes a revision
back (restored over the piece, or a deleted piece recovered; in the admin or from code) as a raw
save, which calls no `save()` and holds the version of the revision's day: lower when the piece
was saved since (saves made outside a revision record none). Every such write goes through
`written_back`, called as the row is written, which continues from the highest version known.

No model is imported here: the article's row calls `written_back` as it is written.
"""

from datetime import datetime
from typing import NamedTuple

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists
from django.utils import timezone
from reversion.models import Version

from articles.models.queryset import article_content_type
from newsroom import former_addresses


def _deleted_versions(using: str):
    return apps.get_model("articles", "DeletedVersion")._default_manager.using(using)


class Recovered(NamedTuple):
    """A deleted piece coming back, when it was deleted (None when that was not kept: a piece
    deleted before migration 0035) and its former addresses then (`keep_deleted`)."""

    deleted_at: datetime | None
    former_addresses: list[dict]


def keep_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """pre_delete: note the version the article had, when it was deleted, and its former
    addresses, which are deleted with it."""
    _deleted_versions(using).update_or_create(
        article_id=instance.pk,
        defaults={
            "version": instance.version,
            "deleted_at": timezone.now(),
            "former_addresses": former_addresses.at_deletion(instance, using=using),
        },
    )


def written_back(article, *, using: str) -> Recovered | None:
    """Before `article` is written back from its history (a raw save): one past the highest
    version it had, so that a form opened on any earlier one is refused as stale. `Recovered`
    when it is a deleted piece coming back, None otherwise.

    The highest known is the stored row's; for a deleted piece, the one it had when it was
    deleted (kept from migration 0031 on); for one deleted before, the highest its revisions
    hold. A fixture of a piece that was never stored keeps its own.
    """
    model = type(article)
    highest = (
        model._base_manager.using(using)
        .filter(pk=article.pk)
        .values_list("version", flat=True)
        .first()
    )
    stored = highest is not None
    deleted_at, former = None, []
    if highest is None:
        at_deletion = _deleted_versions(using).filter(article_id=article.pk)
        kept = at_deletion.values_list("version", "deleted_at", "former_addresses").first()
        highest, deleted_at, former = kept or (None, None, [])
        # Carried by the row written now, it serves no more (a deletion notes it again).
        at_deletion.delete()
    if highest is None:
        highest = max(in_history(model, article.pk, using=using), default=None)
    if highest is None:
        return None
    article.version = max(article.version or 0, highest) + 1
    return None if stored else Recovered(deleted_at, former)


def in_history(model, pk, *, using: str) -> list[int]:
    """The versions the revisions of the piece `pk` hold."""
    kept = Version.objects.get_for_object_reference(model, pk, model_db=using)
    return [version.field_dict.get("version") or 0 for version in kept]


def forget_pruned(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_delete of a revision's version (revisions pruned, `deleterevisions`): a deleted
    article none of whose revisions is left cannot be recovered, so the version it was deleted
    at serves no more."""
    if instance.content_type_id != article_content_type() or not instance.object_id.isdigit():
        return
    left = Version.objects.using(using).filter(
        content_type_id=instance.content_type_id, object_id=instance.object_id
    )
    _deleted_versions(using).filter(article_id=int(instance.object_id)).exclude(
        Exists(left)
    ).delete()
