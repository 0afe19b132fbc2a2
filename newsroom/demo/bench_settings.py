"""Settings for `make bench`: the production settings, served on loopback, plus a floor endpoint.

Only the benchmark uses these. The secret key below is a throwaway that exists so the site can run
with DEBUG off on a developer's machine; it signs nothing that leaves the benchmark's database.
The benchmark gets a database of its own: `BENCH_DATABASE_URL`, else the server `DATABASE_URL`
names with `_bench` added to the database name, else an SQLite file under `.bench/`. Its cache
is chosen by `BENCH_CACHE` (see `bench_env.bench_cache`): `dummy` keeps nothing, `redis` is a
Redis database of the benchmark's own, `locmem` each process's memory.
"""

import os

from newsroom.demo.bench_env import BENCH_DIR, bench_cache, bench_database_url

os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or bench_database_url(
    os.environ.get("DATABASE_URL", "")
)
os.environ["DEBUG"] = "false"
os.environ["SECRET_KEY"] = "bench-only-throwaway-key-never-used-by-a-real-deployment-0123456789"  # noqa: S105
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
# Plain HTTP on loopback: no redirect to HTTPS, which the benchmark does not serve.
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
# wrk is one client asking thousands of times a second: the read API's rate limit would refuse it.
os.environ["API_RATE"] = "off"
# The site's settings build the cache they would build in production from REDIS_URL; the servers
# the benchmark starts inherit the same choice through the environment.
BENCH_CACHE, _redis_url = bench_cache(os.environ)
os.environ["BENCH_CACHE"] = BENCH_CACHE
if _redis_url:
    os.environ["REDIS_URL"] = _redis_url
else:
    os.environ.pop("REDIS_URL", None)

from newsroom.settings import *  # noqa: E402, F403

if BENCH_CACHE == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

ROOT_URLCONF = "newsroom.demo.bench_urls"
STATIC_ROOT = BENCH_DIR / "staticfiles"
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}  # noqa: F405
