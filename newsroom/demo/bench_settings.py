"""Settings for `make bench`: the production settings, served on loopback, plus a floor endpoint.

Only the benchmark uses these. The secret key below is a throwaway that exists so the site can run
with DEBUG off on a developer's machine; it signs nothing that leaves the benchmark's database.
The benchmark gets a database of its own: `BENCH_DATABASE_URL`, else the server `DATABASE_URL`
names with `_bench` added to the database name, else an SQLite file under `.bench/`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parents[2] / ".bench"


def bench_database_url(database_url: str) -> str:
    """The benchmark's own database beside the one `database_url` names, never that one."""
    parts = urlsplit(database_url)
    if parts.scheme.startswith("postgres"):
        name = parts.path.lstrip("/") or "newsroom"
        if not name.endswith("_bench"):
            name += "_bench"
        return urlunsplit(parts._replace(path="/" + name))
    return f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"


os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or bench_database_url(
    os.environ.get("DATABASE_URL", "")
)
os.environ["DEBUG"] = "false"
os.environ["SECRET_KEY"] = "bench-only-throwaway-key-never-used-by-a-real-deployment-0123456789"  # noqa: S105
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
# Plain HTTP on loopback: no redirect to HTTPS, which the benchmark does not serve.
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")

from newsroom.settings import *  # noqa: E402, F403

ROOT_URLCONF = "newsroom.demo.bench_urls"
STATIC_ROOT = BENCH_DIR / "staticfiles"
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}  # noqa: F405
