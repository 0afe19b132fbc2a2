"""Where the benchmark keeps its state: its own database and its own cache, never the site's.

Plain functions of environment values, so the benchmark's settings (`bench_settings`) and the
stock-Django floor's (`stock_settings`) agree without importing each other.
"""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parents[2] / ".bench"

# `BENCH_CACHE`: what the site's servers cache in. `dummy` keeps nothing (the `uncached` mode),
# `locmem` is each process's memory, `redis` a Redis database of the benchmark's own.
CACHE_CHOICES = ("dummy", "locmem", "redis")

# The benchmark empties its cache between measurements (a Redis FLUSHDB), so it uses the last of
# Redis's sixteen default databases, not the one the site's REDIS_URL names.
BENCH_REDIS_DATABASE = 15


def bench_database_url(database_url: str) -> str:
    """The benchmark's own database beside the one `database_url` names, never that one."""
    parts = urlsplit(database_url)
    if parts.scheme.startswith("postgres"):
        name = parts.path.lstrip("/") or "newsroom"
        if not name.endswith("_bench"):
            name += "_bench"
        return urlunsplit(parts._replace(path="/" + name))
    return f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"


def bench_redis_url(redis_url: str) -> str:
    """The benchmark's Redis database on the server `redis_url` names (loopback when blank)."""
    parts = urlsplit(redis_url or "redis://127.0.0.1:6379")
    return urlunsplit(parts._replace(path=f"/{BENCH_REDIS_DATABASE}"))


def bench_cache(environ) -> tuple[str, str]:
    """The cache the benchmark's servers use, and the Redis URL when that is Redis.

    `BENCH_CACHE` chooses; left blank, it is Redis when `BENCH_REDIS_URL` or `REDIS_URL` names a
    server (as in production), else each process's memory. `BENCH_REDIS_URL` is used as given.
    """
    chosen = environ.get("BENCH_CACHE", "").strip().lower()
    exact = environ.get("BENCH_REDIS_URL", "").strip()
    site = environ.get("REDIS_URL", "").strip()
    if not chosen:
        chosen = "redis" if exact or site else "locmem"
    if chosen not in CACHE_CHOICES:
        raise ValueError(f"BENCH_CACHE must be one of {', '.join(CACHE_CHOICES)}, not {chosen!r}")
    if chosen != "redis":
        return chosen, ""
    return chosen, exact or bench_redis_url(site)
