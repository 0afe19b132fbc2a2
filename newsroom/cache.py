"""A Redis cache that degrades to cache misses when Redis is unreachable.

The cache only ever holds copies of what the database has, so losing it must cost speed, not
pages: every Redis error is logged and answered as a miss (or a no-op for writes).
"""

import logging
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _tolerant(fallback):
    """Run a cache method; on a Redis error log it and return `fallback(*args, **kwargs)`."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning(
                    "Cache %s failed, carrying on without it: %s", method.__name__, error
                )
                return fallback(*args, **kwargs)

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
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _tolerant(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _tolerant(lambda *args, **kwargs: None)(RedisCache.clear)
