"""Content generations: one number that every change to public content moves on.

Every saved or deleted row of a model registered with `watch` moves the content *generation* on.
Pages, kept fragments and values derived from content (`remember`) are stored under the
generation they were made in, so one change retires every older entry at once on every server
that shares the cache (Redis in production; see the `newsroom.W001` check for per-process memory).

Scheduling needs no job: each generation records the next time a scheduled piece goes public
(from the function registered with `on_schedule`), and the first request after that time moves
the generation on as if an editor had saved.
"""

import logging
import random
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "content:generation"


# A cache server that is down or unreachable: pages are then rendered, not stored or served.
CACHE_ERRORS = (RedisError, OSError)


UNAVAILABLE = -1


# Derived values are retired by the generation, not by time; this only bounds their stay.
DERIVED_SECONDS = 24 * 3600


_schedule: list[Callable[[], datetime | None]] = []


_current: ContextVar["State | None"] = ContextVar("content_state", default=None)


@dataclass(frozen=True)
class State:
    """What the cache knows about the content: its generation, since when, and what is next."""

    generation: int
    since: datetime
    next_publication: datetime | None


def watch(*models_to_watch: type[models.Model]) -> None:
    """Move the generation on whenever a row of these models is saved, deleted or re-linked.

    Signals, not calls in the admin or the publishing functions: a change made through an admin
    inline, a tag edit or a shell must retire cached pages just the same.
    """
    for model in models_to_watch:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
        m2m_changed.connect(content_changed, sender=model, dispatch_uid=uid + ":m2m")


def on_schedule(next_change: Callable[[], datetime | None]) -> None:
    """Register a function giving the next time content becomes public by itself, if any."""
    if next_change not in _schedule:
        _schedule.append(next_change)


def content_changed(*args: Any, using: str = "default", **kwargs: Any) -> None:
    """Retire every cached page and derived value; call after changes that bypass signals.

    The generation moves now, and again once the transaction commits: a page rendered between
    the two from data read before the commit is then stored under a generation already retired.
    """
    _advance_safely()
    transaction.on_commit(_advance_safely, using=using)


def clear() -> None:
    """Forget every cached page and derived value (tests and the benchmark)."""
    cache.clear()


def current_state() -> "State":
    """The content state of this request, or read from the cache (and renewed when due)."""
    state = _current.get()
    return state if state is not None else read_state()


def remember(name: str, compute: Callable[[], Any], *, timeout: int | None = None) -> Any:
    """`compute()`, kept until the content changes (or `timeout` seconds pass)."""
    generation = current_state().generation
    if generation == UNAVAILABLE:
        return compute()
    key = f"content:{generation}:{name}"
    try:
        value = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: computing %s without it", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        store(key, value, timeout if timeout is not None else DERIVED_SECONDS)
    return value


def remember_many(
    names: list[str], compute: Callable[[list[str]], dict[str, Any]]
) -> dict[str, Any]:
    """Like `remember` for several values in one round trip; `compute` gets the missing names.

    `compute` may return more values than it was asked for; all are kept.
    """
    generation = current_state().generation
    keys = {name: f"content:{generation}:{name}" for name in names}
    try:
        found = cache.get_many(keys.values()) if generation != UNAVAILABLE else {}
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: computing values without it", exc_info=True)
        found, generation = {}, UNAVAILABLE
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in names if name not in values]
    if missing:
        computed = compute(missing)
        if generation != UNAVAILABLE:
            _store_many({f"content:{generation}:{name}": value for name, value in computed.items()})
        values.update({name: computed[name] for name in missing})
    return values


def store(key: str, value: Any, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: %s not stored", key, exc_info=True)


def _store_many(values: dict[str, Any]) -> None:
    try:
        cache.set_many(values, DERIVED_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: values not stored", exc_info=True)


def read_state() -> State:
    try:
        return _read_state_from_cache()
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: serving pages without it", exc_info=True)
        return State(generation=UNAVAILABLE, since=timezone.now(), next_publication=None)


def _read_state_from_cache() -> State:
    now = timezone.now()
    generation = _generation()
    if generation == UNAVAILABLE:
        return State(generation=UNAVAILABLE, since=now, next_publication=None)
    key = f"content:{generation}:state"
    state = cache.get(key)
    if state is None:
        state = State(generation=generation, since=now, next_publication=_next_publication())
        cache.set(key, state, None)
    elif state.next_publication is not None and state.next_publication <= now:
        # A scheduled article's time has come: everything made before it is out of date.
        _advance(expected=generation)
        generation = _generation()
        state = State(generation=generation, since=now, next_publication=_next_publication())
        cache.set(f"content:{generation}:state", state, None)
    return state


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A random start: an evicted counter must never come back to a number already used.
        cache.add(GENERATION_KEY, random.randrange(1, 2**48), None)  # noqa: S311
        generation = cache.get(GENERATION_KEY)
    # Still none: a cache that keeps nothing (a dummy, or one that swallows its errors).
    return UNAVAILABLE if generation is None else generation


def _advance_safely() -> None:
    try:
        _advance()
    except CACHE_ERRORS:
        # Pages stored before the change then stay until PAGE_CACHE_SECONDS pass, unless the
        # cache server lost its contents (the usual way it comes back), which retires them too.
        logger.error("Cache unavailable: cached pages could not be retired", exc_info=True)


def _advance(expected: int | None = None) -> None:
    if expected is not None and cache.get(GENERATION_KEY) != expected:
        return  # another request moved it on already
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, random.randrange(1, 2**48), None)  # noqa: S311


def _next_publication() -> datetime | None:
    upcoming: Iterable[datetime | None] = (next_change() for next_change in _schedule)
    return min((when for when in upcoming if when is not None), default=None)


@contextmanager
def serving(state: State):
    """Derived values read while rendering one request all come from `state`'s generation."""
    token = _current.set(state)
    try:
        yield
    finally:
        _current.reset(token)
