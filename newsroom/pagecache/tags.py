"""Tags: what a cached entry shows, and the clock that retires entries by what they show.

Every page, fragment and remembered value is kept with the tags of what it shows (`article-12`,
`author-3`, `news`, `site`) and the clock's reading taken before it was made. Retiring tags
stamps each of them with a new reading; an entry is current while none of its tags carries a
stamp later than the entry itself. So a change retires exactly the entries that show what
changed, on every server sharing the cache, in two round trips however many entries there are.
Every retirement moves the clock on, so an entry made (or last found current) at the clock's
present reading needs no stamp read at all: most of the time, a kept page costs one round trip.

The clock is a counter in the cache. It starts from the time in microseconds, so a clock the
cache has lost starts again past every reading taken before: what was kept under the old one
can never look newer than a later change. Stamps are kept without expiry (see docs/deploying.md
on the cache's eviction policy).

What an entry shows is collected while it is made: code that puts something on a page calls
`shows(*tags)`, and every entry being made around it (the page, a fragment, a remembered value)
collects the tags, so a page carries the tags of the fragments it is built from.
"""

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from redis.exceptions import RedisError

from newsroom.cache import outage
from newsroom.pagecache import nearby

logger = logging.getLogger(__name__)

CLOCK_KEY = "pagecache:clock"
STAMP_PREFIX = "pagecache:tag:"

# The tag of an answer saying an address holds nothing (a 404). Retired by every change that
# makes something public at an address it was not at before (see `retiring.watch`'s
# `addresses`), and by nothing else: a piece published, moved to a new slug or back from
# withdrawal, a site page published or moved, an author or topic page that comes to be. The
# site's 404s then go from the edge the moment one of them may have become a page, and stay
# there through every other change (an edit, a correction, a withdrawal).
ADDRESSES = "addresses"

# A cache server that is down or unreachable: pages are then rendered, not stored or served.
CACHE_ERRORS = (RedisError, OSError)

_collecting: ContextVar[tuple[set[str], ...]] = ContextVar("pagecache_collecting", default=())


def shows(*tags: str) -> None:
    """Say that what is being made shows these things: every entry being made collects them."""
    for collected in _collecting.get():
        collected.update(tags)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect the tags declared with `shows` inside the block (and pass them outward)."""
    collected: set[str] = set()
    token = _collecting.set((*_collecting.get(), collected))
    try:
        yield collected
    finally:
        _collecting.reset(token)


def read_clock() -> int | None:
    """The clock's reading now, or None when the cache keeps nothing (a dummy) or is down."""
    try:
        reading = cache.get(CLOCK_KEY)
        if reading is None:
            cache.add(CLOCK_KEY, time.time_ns() // 1000, None)
            reading = cache.get(CLOCK_KEY)
    except CACHE_ERRORS as error:
        outage.failed("the page cache's clock", error)
        return None
    return reading


def stamp(tags: Iterable[str]) -> None:
    """Retire every entry showing one of `tags`: stamp each with a new reading of the clock."""
    keys = [STAMP_PREFIX + tag for tag in sorted(set(tags))]
    if not keys:
        return
    nearby.forget_all()
    try:
        try:
            reading = cache.incr(CLOCK_KEY)
        except ValueError:  # no clock yet: start one, then move it on past every entry made
            cache.add(CLOCK_KEY, time.time_ns() // 1000, None)
            try:
                reading = cache.incr(CLOCK_KEY)
            except ValueError:
                return  # a cache that keeps nothing (a dummy) has nothing to retire
        cache.set_many(dict.fromkeys(keys, reading), None)
        # Moved on again once the stamps are written: an entry checked against the stamps while
        # they were being written noted a reading the clock has passed, so it is checked again.
        cache.incr(CLOCK_KEY)
    except ValueError:
        # The clock was forgotten while the stamps were written (a process's own memory keeps
        # so many entries): every entry reads as retired until it starts again past them all.
        pass
    except CACHE_ERRORS:
        # Entries made before the change then stay until their time is up, unless the cache
        # server lost its contents (the usual way it comes back), which retires them too.
        logger.error("Cache unavailable: %s could not be retired", " ".join(tags), exc_info=True)


def read_stamps(tags: Iterable[str]) -> dict[str, int]:
    """The stamp of each of `tags` that was ever retired, in one round trip."""
    found = cache.get_many([STAMP_PREFIX + tag for tag in tags])
    return {key.removeprefix(STAMP_PREFIX): value for key, value in found.items()}


def is_current(tags: Iterable[str], made: int, stamps: dict[str, int]) -> bool:
    """Whether an entry made at clock reading `made` is still current, given the stamps."""
    return all(stamps.get(tag, 0) <= made for tag in tags)


def retired_since(tags: Iterable[str], reading: int) -> bool:
    """Whether one of `tags` was retired after the clock read `reading`, asked afresh (not from
    stamps a request already read): one round trip when nothing was retired since, two when
    something was. A cache that lost its clock, or does not answer, cannot say: then True."""
    try:
        clock = cache.get(CLOCK_KEY)
        if clock is None:
            return True
        if unchanged_since(reading, clock):
            return False
        return not is_current(tags, reading, read_stamps(tags))
    except CACHE_ERRORS as error:
        outage.failed("a page's check for retired tags", error)
        return True


def unchanged_since(checked: int, clock: int) -> bool:
    """Whether nothing was retired since the clock read `checked`: an entry current then (made
    then, or found current then) is current now, with no stamp to read."""
    return checked >= clock
