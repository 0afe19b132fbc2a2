"""An author or a topic renamed, or given a new slug: an update of each public piece showing it.

A piece shows its authors' and topics' names and addresses (the read API's `authors` and
`tags`, and so a webhook's `data`), so a change of either is an `article.updated` of every
public piece that shows the author or topic, written in the transaction of the change
(`recording.record_updates`: one waiting to be handed on covers its piece). A save that changes
neither, and an author or topic only drafts and scheduled pieces show, record nothing; a
scheduled piece is sent as it is when it goes public. However many pieces an author has, the
change costs the same few queries: the updates are written together and handed on by one task.

An editor's restore of an older version saves its rows raw first, then through the change
form: the raw save notes what was stored before it (`revisions.restore_notes`), and the form's
save is compared with that.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save, pre_save
from taggit.models import Tag

from articles.events.recording import record_updates
from articles.models import Article, Author
from newsroom import revisions

# What a piece shows of its authors and topics.
SHOWN = ("name", "slug")


def _stored(model, pk, using: str) -> tuple | None:
    return model._base_manager.using(using).filter(pk=pk).values_list(*SHOWN).first()


def shown_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(SHOWN):
        instance._events_shown = None  # a save of other fields (headshot renditions)
        return
    notes = revisions.restore_notes()
    key = (sender, instance.pk, "shown")
    if raw:
        if notes is not None and instance.pk is not None:
            notes.setdefault(key, _stored(sender, instance.pk, using))
        return
    if notes is not None and key in notes:
        instance._events_shown = notes.pop(key)
    else:
        instance._events_shown = (
            None if instance.pk is None else _stored(sender, instance.pk, using)
        )


def shown_saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    before = getattr(instance, "_events_shown", None)
    if raw or before is None:
        return
    if before == tuple(getattr(instance, name) for name in SHOWN):
        return
    public = Article.objects.using(using).published()
    if sender is Author:
        public = public.filter(bylines__author_id=instance.pk)
    else:
        public = public.filter(tags__id=instance.pk)
    record_updates(public, using=using)


def connect() -> None:
    for model in (Author, Tag):
        uid = f"articles:events:shown:{model._meta.label}"
        pre_save.connect(shown_saving, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(shown_saved, sender=model, dispatch_uid=f"{uid}:post_save")
