"""The settings of the caches, imported by `newsroom.settings`: the cache itself (Redis or this
process's memory), the page cache of reader pages and the edge cache in front. Each comes from
an environment variable (see docs/configuration.md).
"""

import os

from newsroom.environment import env_float, env_int, redis_url

# Cache: Redis when REDIS_URL is set, else this process's memory. A Redis outage turns into
# cache misses, logged as an outage rather than per call (newsroom/cache.py), so pages keep
# coming from the database.
REDIS_URL = redis_url(os.environ.get("REDIS_URL", "").strip())
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Whole reader pages for anonymous visitors, each retired when something it shows changes (see
# newsroom/pagecache/); 0 turns the page cache off. Browsers may keep a page PAGE_MAX_AGE seconds
# and serve it stale while they revalidate for PAGE_STALE_WHILE_REVALIDATE.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600, "seconds")
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 60, "seconds")
PAGE_STALE_WHILE_REVALIDATE = env_int("PAGE_STALE_WHILE_REVALIDATE", 300, "seconds")
# Each worker also holds the pages it serves in its own memory this many seconds (never past the
# next scheduled publication): a change made in another worker reaches it within that time.
PAGE_CACHE_LOCAL_SECONDS = env_float("PAGE_CACHE_LOCAL_SECONDS", 1.0)

# The edge cache in front (newsroom/pagecache/edge/): public pages name their tags in the header
# SURROGATE_KEY_HEADER (xkey for Varnish, Surrogate-Key for Fastly, Cache-Tag for Cloudflare;
# empty for none). With a purge backend, each commit that retires tags purges them at the edge,
# which may then keep pages EDGE_MAX_AGE seconds (s-maxage), never past a scheduled publication.
SURROGATE_KEY_HEADER = os.environ.get("SURROGATE_KEY_HEADER", "xkey")
EDGE_PURGE_BACKEND = {
    "": "",
    "varnish": "newsroom.pagecache.edge.varnish.VarnishPurge",
}.get(os.environ.get("EDGE_PURGE", ""), os.environ.get("EDGE_PURGE", ""))
EDGE_PURGE_URLS = [url for url in os.environ.get("EDGE_PURGE_URLS", "").split(",") if url]
EDGE_PURGE_ATTEMPTS = env_int("EDGE_PURGE_ATTEMPTS", 3, "tries")
EDGE_PURGE_TIMEOUT = env_float("EDGE_PURGE_TIMEOUT", 2.0)
EDGE_MAX_AGE = env_int("EDGE_MAX_AGE", 86400, "seconds")
