"""Retiring what a change touches: `watch` for models, `retire` for anything else.

Apps say, per model, which tags a row retires (`watch(Article, retires=…)`): the function sees
the row as it was before a change and as it is after, so a piece that leaves a listing retires
it as surely as one that joins, and a row that was never public (a draft) names nothing.
Signals, not calls in the admin or the publishing functions: a change made through an inline, a
tag edit or a shell retires the same.

`retire` stamps the tags at once and again when the transaction commits: a page rendered between
the two from data read before the commit is then retired too. After the commit the tags also
go to the edge cache's purge backend, once per transaction however many rows changed.

A model may also say where a row makes something public (`addresses`): a change after which a
row names an address it did not name before retires `ADDRESSES` too, the tag of every 404.

What a retire function reads of other rows through `reads.read_once` is forgotten here, when a
row of their model changes, before the state after the change is asked for.
"""

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsroom.pagecache import edge, reads, schedule
from newsroom.pagecache.tags import ADDRESSES, stamp
from newsroom.transactions import kept_with_transaction

logger = logging.getLogger(__name__)

Retires = Callable[[models.Model], Iterable[str]]
Scheduled = Callable[[models.Model], bool]
Addresses = Callable[[models.Model], Iterable[str]]

_retires: dict[type[models.Model], Retires] = {}
_scheduled: dict[type[models.Model], Scheduled] = {}
_reads: dict[type[models.Model], tuple[str, ...]] = {}
_addresses: dict[type[models.Model], Addresses] = {}


def watch(
    model: type[models.Model],
    *,
    retires: Retires,
    scheduled: Scheduled | None = None,
    reads: tuple[str, ...] = (),
    addresses: Addresses | None = None,
) -> None:
    """Retire `retires(row)`, of the row before and after, whenever a row of `model` is saved,
    deleted or re-linked (`model` may be a many-to-many through model).

    `scheduled(row)`: whether the row waits to go public by itself; a change to a row that was
    or is scheduled may move the next scheduled publication. `reads`: the fields those two read
    of a row, when only a few: the row as it was before a save is then read with those alone
    (any other field they read would be loaded when read, one more query). `addresses(row)`:
    where the row, as it stands, makes something public (any names for those addresses, the
    same ones before and after); a save after which it names one it did not name before retires
    `ADDRESSES` too (a deletion opens nothing).
    """
    _retires[model] = retires
    if scheduled is not None:
        _scheduled[model] = scheduled
    if reads:
        _reads[model] = reads
    if addresses is not None:
        _addresses[model] = addresses
    uid = f"pagecache:{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid + ":pre_save")
    post_save.connect(_after_change, sender=model, dispatch_uid=uid + ":save")
    pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid + ":pre_delete")
    post_delete.connect(_after_change, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(_relinked, sender=model, dispatch_uid=uid + ":m2m")


def retire(tags: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Retire every entry showing one of `tags`, now and once the transaction commits."""
    # Called after changes made without signals: no row read before them is trusted.
    reads.forget(using=using)
    _retire(tags, using=using)


def _retire(tags: Iterable[str], *, using: str) -> None:
    tags = set(tags)
    if not tags:
        return
    stamp(tags)
    pending = _pending(using)
    pending.update(tags)
    transaction.on_commit(partial(_after_commit, pending), using=using)


def tags_of(instance: models.Model) -> set[str]:
    """What a change to `instance` retires, as its model's `watch` says; nothing if unwatched."""
    retires = _retires.get(type(instance))
    return set(retires(instance)) if retires is not None else set()


def _pending(using: str) -> set[str]:
    """The tags the current transaction retired so far, shared by all its commit callbacks (a
    transaction that rolled back leaves its set behind, and nothing ever sends it)."""
    return kept_with_transaction(using, "pagecache_pending", set)


def _after_commit(pending: set[str]) -> None:
    # The first callback of a transaction sends every tag it retired; the rest find none left.
    if not pending:
        return
    tags = set(pending)
    pending.clear()
    stamp(tags)
    edge.purge(tags)


def _before_save(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    # A raw save (a revision restored, a fixture loaded) replaces a stored row all the same.
    before = None
    if instance.pk is not None:
        rows = sender._base_manager.using(using).filter(pk=instance.pk)
        if sender in _reads:
            rows = rows.only(*_reads[sender])
        before = rows.first()
    instance._pagecache_before = tags_of(before) if before is not None else set()
    instance._pagecache_was_scheduled = before is not None and _is_scheduled(before)
    instance._pagecache_addresses = _addresses_of(before) if before is not None else set()


def _before_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    instance._pagecache_before = tags_of(instance)
    instance._pagecache_was_scheduled = _is_scheduled(instance)


def _after_change(sender, instance, using=DEFAULT_DB_ALIAS, signal=None, **kwargs):
    reads.forget(sender, using=using)
    before = getattr(instance, "_pagecache_before", set())
    after = set() if signal is post_delete else tags_of(instance)
    if signal is not post_delete and _opens_an_address(instance):
        after.add(ADDRESSES)
    _retire(before | after, using=using)
    was_scheduled = getattr(instance, "_pagecache_was_scheduled", False)
    if was_scheduled or (signal is not post_delete and _is_scheduled(instance)):
        schedule.changed(using=using)


def _addresses_of(instance: models.Model) -> set[str]:
    addresses = _addresses.get(type(instance))
    return set(addresses(instance)) if addresses is not None else set()


def _opens_an_address(instance: models.Model) -> bool:
    """Whether the row, just saved, names an address it did not name before the save."""
    if type(instance) not in _addresses:
        return False
    return bool(_addresses_of(instance) - getattr(instance, "_pagecache_addresses", set()))


def _is_scheduled(instance: models.Model) -> bool:
    scheduled = _scheduled.get(type(instance))
    return scheduled is not None and scheduled(instance)


# The re-links that name the rows they link or unlink (a clear names none).
_LINKING = frozenset({"pre_add", "post_add", "pre_remove", "post_remove"})


def _relinked(sender, instance, action, pk_set=None, using=DEFAULT_DB_ALIAS, **kwargs):
    # Linking or unlinking nothing changes nothing (taggit's `set` adds nothing new so).
    if action in _LINKING and not pk_set:
        return
    if action.startswith("pre_"):
        instance._pagecache_links_before = tags_of(instance)
        return
    reads.forget(sender, using=using)
    before = getattr(instance, "_pagecache_links_before", set())
    _retire(before | tags_of(instance), using=using)
