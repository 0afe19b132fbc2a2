"""A deleted site page keeps its former addresses, as a deleted article does
(`articles.workflow.versions`): they are deleted with it, so its deletion notes them
(`keep_deleted`), and one recovered from its history, in the admin or from code, has back those
nobody took meanwhile (`written_back`, then `former_addresses.bring_back`). The note goes once a
recovery has carried it, or once none of the page's revisions is left (`forget_pruned`).

No model is imported here: the site page's row calls `written_back` as it is written.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists
from reversion.models import Version

from newsroom import former_addresses


def _deleted_pages(using: str):
    return apps.get_model("newsroom", "DeletedSitePage")._default_manager.using(using)


def keep_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """pre_delete of a site page: note its former addresses, which are deleted with it."""
    _deleted_pages(using).update_or_create(
        page_id=instance.pk,
        defaults={"former_addresses": former_addresses.at_deletion(instance, using=using)},
    )


def written_back(page, *, using: str) -> list[dict]:
    """Before a deleted `page` is written back from its history (a raw save where no row is
    stored): the former addresses it had when it was deleted, for `bring_back` once it is
    written; none for a page deleted before they were kept (newsroom migration 0007)."""
    at_deletion = _deleted_pages(using).filter(page_id=page.pk)
    former = at_deletion.values_list("former_addresses", flat=True).first()
    # Carried by the row written now, it serves no more (a deletion notes it again).
    at_deletion.delete()
    return former or []


def forget_pruned(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_delete of a revision's version (revisions pruned, `deleterevisions`): a deleted page
    none of whose revisions is left cannot be recovered, so its note serves no more."""
    model = apps.get_model("newsroom", "SitePage")
    page_type = ContentType.objects.db_manager(using).get_for_model(model)
    if instance.content_type_id != page_type.pk or not instance.object_id.isdigit():
        return
    left = Version.objects.using(using).filter(
        content_type_id=instance.content_type_id, object_id=instance.object_id
    )
    _deleted_pages(using).filter(page_id=int(instance.object_id)).exclude(Exists(left)).delete()
