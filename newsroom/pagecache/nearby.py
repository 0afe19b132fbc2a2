"""Kept pages in the worker's own memory for a moment: a hit with no round trip to the cache.

A page found current in the shared cache (or just rendered and kept there) is also held here for
`PAGE_CACHE_LOCAL_SECONDS`, never past the next scheduled publication, so a popular page asked
for many times a second costs one round trip a second per worker rather than one per request.

A change made in this process forgets every page held here at once (`tags.stamp` calls
`forget_all`), so whoever made it sees it on the next request. A change made in another process
reaches this one within `PAGE_CACHE_LOCAL_SECONDS`: the same order of delay as a purge reaching
the edge, and far below the minute browsers may keep a page for (`PAGE_MAX_AGE`).

Held pages are bounded by number and by bytes; the oldest go first.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

# At most this many pages, and this many bytes of them, per worker.
MAX_PAGES = 256
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Held:
    page: object  # a `pages.StoredPage`
    next_publication: datetime | None
    until: float  # on the monotonic clock
    size: int


_held: "OrderedDict[str, Held]" = OrderedDict()
_lock = threading.Lock()
_state = {"bytes": 0, "generation": 0}


def generation() -> int:
    """A number that changes whenever everything held is forgotten: taken before a page is read
    from the shared cache and handed to `hold`, so a page read before a change made here is not
    held after it."""
    return _state["generation"]


def find(key: str) -> Held | None:
    """The page held under `key`, if it is held and its moment has not passed."""
    held = _held.get(key)
    if held is None:
        return None
    if held.until <= time.monotonic():
        with _lock:
            if _held.get(key) is held:
                _drop(key)
        return None
    return held


def hold(
    key: str, page, *, size: int, next_publication: datetime | None, since_generation: int
) -> None:
    """Hold `page` under `key` for `PAGE_CACHE_LOCAL_SECONDS`, and not past `next_publication`."""
    seconds = settings.PAGE_CACHE_LOCAL_SECONDS
    if seconds <= 0 or size > MAX_BYTES:
        return
    # Read before the app's clock: a pause between the two readings then ends the page early
    # rather than holding it past the publication.
    start = time.monotonic()
    if next_publication is not None:
        seconds = min(seconds, (next_publication - timezone.now()).total_seconds())
        if seconds <= 0:
            return
    held = Held(page, next_publication, start + seconds, size)
    with _lock:
        if _state["generation"] != since_generation:
            return  # something changed here since the page was read
        if key in _held:
            _drop(key)
        _held[key] = held
        _state["bytes"] += size
        while len(_held) > MAX_PAGES or _state["bytes"] > MAX_BYTES:
            _drop(next(iter(_held)))


def forget_all() -> None:
    """Forget every held page: something this process changed may be on any of them."""
    with _lock:
        _held.clear()
        _state["bytes"] = 0
        _state["generation"] += 1


def _drop(key: str) -> None:
    _state["bytes"] -= _held.pop(key).size
