"""Keeping the search index current: each save's text and vector (`keep_index`), and the whole
index rebuilt (`reindex`, run by `update_search_index`). What is indexed, and how a query reads
it, is `articles.search`'s."""

from django.db.models import Model, QuerySet, Value
from django.db.models.signals import post_save, pre_save

from articles.cache_tags import NEWS
from articles.search import (
    SOURCE_FIELDS,
    article_text,
    document_vector,
    update_vectors,
    uses_postgres,
)
from newsroom import pagecache


def keep_index(model: type[Model]) -> None:
    """Keep `model`'s `search_text` and vector current on every save writing a source field.

    Raw saves (loading fixtures, reverting a revision) are stored as given, as they always were.
    """

    def writes_source(update_fields) -> bool:
        return update_fields is None or not SOURCE_FIELDS.isdisjoint(update_fields)

    def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
        if not raw and writes_source(update_fields):
            instance.search_text = article_text(instance)

    def after_save(sender, instance, using, raw=False, update_fields=None, **kwargs):
        if raw or not writes_source(update_fields):
            return
        row = sender._base_manager.filter(pk=instance.pk)
        if update_fields is None or "search_text" in update_fields:
            # The vector is computed by the database from the columns just written.
            update_vectors(row, using=using)
            return
        # pre_save cannot add to `update_fields` (Django freezes it: the fields given, or the
        # loaded ones of a copy with deferred fields), so the text missed the row's UPDATE. The
        # vector is made from the text itself: within one UPDATE the column still holds the old.
        text = instance.search_text
        vector = {"search_vector": document_vector(Value(text))} if uses_postgres(using) else {}
        row.using(using).update(search_text=text, **vector)

    uid = f"search-index:{model._meta.label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)


def reindex(queryset: QuerySet, *, using: str = "default", batch_size: int = 500) -> int:
    """Rebuild `search_text` and the vectors of every article in `queryset`; returns the count."""
    articles = queryset.using(using).only("pk", "introduction", "body", "hold_behind_warning")
    count = 0
    batch = []
    for article in articles.order_by("pk").iterator(chunk_size=batch_size):
        article.search_text = article_text(article)
        batch.append(article)
        if len(batch) == batch_size:
            count += _save_batch(queryset.model, batch, using=using)
            batch = []
    count += _save_batch(queryset.model, batch, using=using)
    if count:
        # bulk_update sends no signal: retire the results found in the old text.
        pagecache.retire([NEWS], using=using)
    return count


def _save_batch(model, batch: list, *, using: str) -> int:
    if not batch:
        return 0
    model.objects.using(using).bulk_update(batch, ["search_text"])
    update_vectors(model.objects.filter(pk__in=[article.pk for article in batch]), using=using)
    return len(batch)
