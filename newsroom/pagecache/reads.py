"""Reads that retire functions make of other rows, kept for the length of one compound save.

An admin save changes a row, then its many-to-many links and its inlines, and each of those
changes asks its model's retire function what it retires before and after: an article's
topics, authors and warnings, read again for every one of them although they change only when
one of their own rows does. Inside `keeping_reads()`, `read_once` reads each once and keeps it
until a row of a model it depends on is saved, deleted or re-linked (`retiring` forgets it
before it asks what the change left), or until `retire` is called for a change made without
signals. Outside such a block every call reads.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

T = TypeVar("T")


@contextmanager
def keeping_reads(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Keep what `read_once` reads on `using` until the block ends (the outermost block's end,
    when they nest)."""
    connection = connections[using]
    if getattr(connection, "_pagecache_reads", None) is not None:
        yield
        return
    connection._pagecache_reads = {}
    try:
        yield
    finally:
        connection._pagecache_reads = None


def read_once(
    key: Hashable,
    read: Callable[[], T],
    *,
    depends_on: tuple[type[models.Model], ...],
    using: str = DEFAULT_DB_ALIAS,
) -> T:
    """`read()`, or what it gave for `key` since the last change to a row of `depends_on` (every
    one of them watched) inside `keeping_reads()`."""
    kept = getattr(connections[using], "_pagecache_reads", None)
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = (frozenset(depends_on), read())
    return kept[key][1]


def forget(model: type[models.Model] | None = None, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Drop what was read of `model`'s rows (of every model: None), now that they changed."""
    kept = getattr(connections[using], "_pagecache_reads", None)
    if not kept:
        return
    if model is None:
        kept.clear()
        return
    for key in [key for key, (read_of, _) in kept.items() if model in read_of]:
        del kept[key]
