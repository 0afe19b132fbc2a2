"""Values kept until what they show changes: `remember`, `remember_many`, and the entries
pages and fragments are stored as.

An entry holds its value, the tags of what it shows and the clock reading taken before it was
made (see `newsroom.pagecache.tags`). One request reads the clock once, before it renders
anything, and every entry it makes carries that reading: a change committed while it renders
retires what it made from the data it read before.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from newsroom.cache import outage
from newsroom.pagecache import nearby
from newsroom.pagecache.keys import written_in
from newsroom.pagecache.tags import (
    CACHE_ERRORS,
    collecting,
    is_current,
    read_clock,
    read_stamps,
    shows,
    unchanged_since,
)

VALUE_PREFIX = "pagecache:value:"

# Remembered values are retired by their tags, not by time; this only bounds their stay.
REMEMBERED_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Entry:
    """A kept value with the tags of what it shows and the clock reading it was made at."""

    value: Any
    tags: frozenset[str]
    made: int


@dataclass
class Reading:
    """One request's view of the cache: the clock when it began, and the stamps it has read."""

    clock: int | None
    stamps: dict[str, int] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.clock is not None

    def learn(self, tags: Iterable[str]) -> None:
        """Read the stamps of `tags` this request has not read yet, in one round trip."""
        unknown = [tag for tag in tags if tag not in self.stamps]
        if unknown:
            found = read_stamps(unknown)
            # A tag never retired reads as 0 and is not asked about again in this request.
            self.stamps.update({tag: found.get(tag, 0) for tag in unknown})

    def current(self, entry: Entry, *, checked: int = 0) -> bool:
        """Whether `entry` is current; `checked`: a reading at which it was last found so."""
        if unchanged_since(max(entry.made, checked), self.clock):
            return True
        self.learn(entry.tags)
        return is_current(entry.tags, entry.made, self.stamps)


_reading: ContextVar[Reading | None] = ContextVar("pagecache_reading", default=None)


def reading() -> Reading:
    """This request's reading, or a new one outside a request."""
    found = _reading.get()
    return found if found is not None else Reading(read_clock())


def keeping() -> bool:
    """Whether values made now are kept: a cache that keeps nothing (a dummy) or is down does
    not, and what is worked out in parts to be kept can then be worked out at once."""
    return reading().available


@contextmanager
def serving(this: Reading) -> Iterator[None]:
    """Everything kept or looked up inside the block uses `this` reading."""
    token = _reading.set(this)
    try:
        yield
    finally:
        _reading.reset(token)


def value_key(name: str) -> str:
    """The cache key of the value `name`, made in the site's time zone and language
    (`keys.written_in`)."""
    return f"{VALUE_PREFIX}{written_in()}:{name}"


def remember(
    name: str, compute: Callable[[], Any], *, tags: Iterable[str], timeout: int | None = None
) -> Any:
    """`compute()`, kept until something it shows changes (or `timeout` seconds pass).

    `tags` name what the value shows; tags that `compute` declares with `shows` are added. The
    value's tags also go to every entry being made around it, whether it was kept or not.
    """
    now = reading()
    tags = tuple(tags)
    if not now.available:
        shows(*tags)
        return compute()
    key = value_key(name)
    entry = fetch(key, now)
    if entry is not None:
        shows(*entry.tags)
        return entry.value
    with collecting() as collected:
        shows(*tags)
        value = compute()
    store(key, Entry(value, checked_tags(name, collected), now.clock), timeout)
    return value


def remember_many(
    names: list[str],
    compute: Callable[[list[str]], dict[str, Any]],
    *,
    tags: Callable[[str], Iterable[str]],
) -> dict[str, Any]:
    """Like `remember` for several values in one round trip; `compute` gets the missing names
    and returns a value for each, and `tags(name)` says what each value shows."""
    now = reading()
    if not now.available:
        for name in names:
            shows(*tags(name))
        return compute(names)
    keys = {name: value_key(name) for name in names}
    values = {}
    try:
        found = cache.get_many(keys.values())
        changed = (e for e in found.values() if not unchanged_since(e.made, now.clock))
        now.learn(set().union(*(entry.tags for entry in changed)))
    except CACHE_ERRORS as error:
        outage.failed("reading kept values", error)
        found = {}
    for name, key in keys.items():
        entry = found.get(key)
        if entry is not None and now.current(entry):
            shows(*entry.tags)
            values[name] = entry.value
    missing = [name for name in names if name not in values]
    if missing:
        computed = compute(missing)
        entries = {}
        # `compute` may return more values than it was asked for (neighbours found in the same
        # query); all are kept.
        for name, value in computed.items():
            name_tags = checked_tags(name, tags(name))
            if name in missing:
                shows(*name_tags)
                values[name] = value
            entries[value_key(name)] = Entry(value, name_tags, now.clock)
        try:
            cache.set_many(entries, REMEMBERED_SECONDS)
        except CACHE_ERRORS as error:
            outage.failed("keeping values", error)
    return values


def checked_tags(name: str, tags: Iterable[str]) -> frozenset[str]:
    """`tags` of the entry `name`, which must say what it shows: untagged, nothing retires it."""
    found = frozenset(tags)
    if not found:
        raise ImproperlyConfigured(
            f"{name!r} was made without saying what it shows: pass tags, or call "
            "pagecache.shows() where it is made."
        )
    return found


def fetch(key: str, now: Reading) -> Entry | None:
    """The entry under `key` if it is still current."""
    try:
        entry = cache.get(key)
        return entry if entry is not None and now.current(entry) else None
    except CACHE_ERRORS as error:
        outage.failed(f"reading {key}", error)
        return None


def store(key: str, entry: Entry, timeout: int | None = None) -> None:
    try:
        cache.set(key, entry, timeout if timeout is not None else REMEMBERED_SECONDS)
    except CACHE_ERRORS as error:
        outage.failed(f"keeping {key}", error)


def clear() -> None:
    """Forget every kept page and value (tests and the benchmark)."""
    nearby.forget_all()
    cache.clear()
