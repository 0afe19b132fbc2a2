"""A Redis cache that degrades to cache misses when Redis is unreachable.

The cache only ever holds copies of what the database has, so losing it must cost speed, not
pages: every Redis error is answered as a miss (or a no-op for writes), and counted by `outage`,
which logs the outage rather than each failed call.
"""

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A cache that stays down is logged again at most this often, with the failures seen meanwhile.
OUTAGE_LOG_SECONDS = 60

clock = time.monotonic


class Outage:
    """The cache server's outage as this process meets it. A busy site meets a failure in every
    request, several in each, and a line for each would bury every other log line: the outage
    is logged as it starts, then at most every `OUTAGE_LOG_SECONDS` with the count of failed
    calls, and once as the server answers again."""

    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.started: float | None = None
        self.logged = 0.0
        self.failures = 0
        self.total = 0

    def failed(self, where: str, error: BaseException) -> None:
        with self._lock:
            now = clock()
            self.total += 1
            if self.started is None:
                self.started = self.logged = now
                first = True
            else:
                self.failures += 1
                if now - self.logged < OUTAGE_LOG_SECONDS:
                    return
                first, failures, since = False, self.failures, now - self.logged
                self.failures, self.logged = 0, now
        if first:
            logger.warning(
                "Cache unavailable, carrying on without it (%s, in %s); further failures are "
                "counted and logged once a minute until it answers again",
                error,
                where,
                exc_info=error,
            )
        else:
            logger.warning(
                "Cache still unavailable: %d failed calls in the last %d s (the last: %s, in %s)",
                failures,
                since,
                error,
                where,
            )

    def answered(self) -> None:
        if self.started is None:  # read without the lock: the usual case costs nothing
            return
        with self._lock:
            if self.started is None:
                return
            lasted, total = clock() - self.started, self.total
            self.reset()
        # At the outage's own level, so that whoever saw it start sees it end.
        logger.warning("Cache available again after %d s and %d failed calls", lasted, total)


outage = Outage()


def _tolerant(fallback, *, many=False):
    """Run a cache method; on a Redis error count it and return `fallback(*args, **kwargs)`.
    A method on `many` keys given none returns before it reaches Redis: that says nothing of
    whether Redis answers."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                outage.failed(f"cache.{method.__name__}", error)
                return fallback(*args, **kwargs)
            if not many or (args[0] if args else kwargs.get("keys", kwargs.get("data"))):
                outage.answered()
            return result

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class TolerantRedisCache(RedisCache):
    def validate_key(self, key):
        """Accept any key: Redis takes every byte string, so the memcached-compatibility checks
        (a scan of every character of every key) would only cost each page time."""
        return

    get = _tolerant(_default)(RedisCache.get)
    set = _tolerant(lambda *args, **kwargs: None)(RedisCache.set)
    add = _tolerant(lambda *args, **kwargs: False)(RedisCache.add)
    touch = _tolerant(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _tolerant(lambda *args, **kwargs: False)(RedisCache.delete)
    has_key = _tolerant(lambda *args, **kwargs: False)(RedisCache.has_key)
    get_many = _tolerant(lambda *args, **kwargs: {}, many=True)(RedisCache.get_many)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data), many=True)(RedisCache.set_many)
    delete_many = _tolerant(lambda *args, **kwargs: None, many=True)(RedisCache.delete_many)
    clear = _tolerant(lambda *args, **kwargs: None)(RedisCache.clear)
