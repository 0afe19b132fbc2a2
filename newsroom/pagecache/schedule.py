"""Scheduled publication without a job: the first request after a piece's time retires what it
touches, and until then every public answer tells shared caches to keep it no longer.

The cache holds the next time anything goes public (`SCHEDULE_KEY`, found again when a watched
row changes) and the time the schedule was last caught up with (`CHECKED_KEY`). A request that
finds the next time passed asks the apps what went public since the last catch-up, retires
exactly that, and moves both on; one request at a time does so, under a short lock.

What is public is decided by the database's clock (`published_at <= Now()`), and the app's may
run a little ahead of it: a page made just after a time by the app's clock may be one the
database made without the piece. So each catch-up retires again what went public in the
`CLOCKS_APART` before the last one, and a time that passed less than `CLOCKS_APART` ago makes
another catch-up due that much after it: a page made in that moment is kept no longer.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from newsroom.cache import outage
from newsroom.pagecache import retiring
from newsroom.pagecache.tags import CACHE_ERRORS

SCHEDULE_KEY = "pagecache:schedule"
CHECKED_KEY = "pagecache:schedule:checked"
LOCK_KEY = "pagecache:schedule:lock"
LOCK_SECONDS = 30

# How far the app's clock may run ahead of the database's.
CLOCKS_APART = timedelta(seconds=5)

# Stored for "nothing scheduled": the cache cannot tell a stored None from a missing key.
NOTHING = 0.0

NextAfter = Callable[[datetime], datetime | None]
WentPublic = Callable[[datetime, datetime], Iterable[str]]

_sources: list[tuple[NextAfter, WentPublic]] = []


def on_schedule(next_after: NextAfter, went_public: WentPublic) -> None:
    """Register a source of scheduled changes.

    `next_after(when)`: the first time after `when` at which something goes public by itself.
    `went_public(since, until)`: the tags of what went public in that span, to retire.
    """
    if (next_after, went_public) not in _sources:
        _sources.append((next_after, went_public))


def changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Forget the next scheduled time, now and after the commit: a change may have moved it."""
    _forget()
    transaction.on_commit(_forget, using=using)


def next_publication() -> datetime | None:
    """The next scheduled time, caught up first: what a reader request reads with its page."""
    try:
        stored = cache.get(SCHEDULE_KEY)
    except CACHE_ERRORS:
        return None
    return catch_up(stored)[0]


def catch_up(stored: float | None) -> tuple[datetime | None, bool]:
    """Retire what went public since the last catch-up, if its time has come; `stored` is
    `SCHEDULE_KEY`'s value, read with the page. Returns the next scheduled time, if any (a
    passed one while another request catches up), and whether anything was retired (the clock
    then moved on)."""
    try:
        return _catch_up(stored)
    except CACHE_ERRORS as error:
        outage.failed("the publication schedule's check", error)
        return None, False


def _catch_up(stored: float | None) -> tuple[datetime | None, bool]:
    now = timezone.now()
    if stored is None:
        upcoming = _next_after(_checked(now))
        cache.set(SCHEDULE_KEY, upcoming.timestamp() if upcoming else NOTHING, None)
    else:
        upcoming = datetime.fromtimestamp(stored, UTC) if stored != NOTHING else None
    if upcoming is None or upcoming > now:
        return upcoming, False
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        # Another request is catching up: the time stays the passed one, so that what this
        # request answers is kept by nobody (max-age 0, not held by the worker).
        return upcoming, False
    try:
        since = _checked(now) - CLOCKS_APART
        tags = set()
        for _, went_public in _sources:
            tags.update(went_public(since, now))
        retiring.retire(tags)
        cache.set(CHECKED_KEY, now.timestamp(), None)
        upcoming = _next_after(now)
        cache.set(SCHEDULE_KEY, upcoming.timestamp() if upcoming else NOTHING, None)
    finally:
        cache.delete(LOCK_KEY)
    return upcoming, True


def _checked(now: datetime) -> datetime:
    cache.add(CHECKED_KEY, now.timestamp(), None)
    checked = cache.get(CHECKED_KEY)
    return datetime.fromtimestamp(checked, UTC) if checked is not None else now


def _next_after(when: datetime) -> datetime | None:
    """The next time a catch-up is due after `when`: the next time something goes public, or
    `CLOCKS_APART` after a time that passed less than that before `when` (what falls due in
    between is caught up with then, at most that much late: one query, not two)."""
    upcoming = (next_after(when - CLOCKS_APART) for next_after, _ in _sources)
    first = min((time for time in upcoming if time is not None), default=None)
    if first is not None and first <= when:
        return first + CLOCKS_APART
    return first


def _forget() -> None:
    try:
        cache.delete(SCHEDULE_KEY)
    except CACHE_ERRORS as error:
        outage.failed("forgetting the publication schedule", error)
