"""Setting the benchmark up: its options and modes, a fresh database, and the pages to drive.

`build_database` fills the benchmark's own database with the corpus (`make_corpus`);
`choose_targets` picks the reader pages; `measure_in_process` records each page's size and SQL
queries, cold and warm, and what the first reader after an edit pays, through Django's test client.
"""

import re
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from articles.models import Article, Author
from newsroom import pagecache

MODES = ("cold", "warm")
PAGE_CACHE_SECONDS = {"cold": 0, "warm": 3600}


@dataclass
class Options:
    articles: int = 1000
    rounds: int = 3
    duration: int = 5
    threads: int = 1
    connections: int = 4
    workers: int = 2
    port: int = 8700
    reuse: bool = False
    memory_requests: tuple[int, int] = (1000, 10000)
    output: Path = Path(".bench/results.json")


@dataclass
class Target:
    name: str
    path: str
    bytes: int = 0
    queries: dict[str, int] = field(default_factory=dict)
    after_change: dict[str, float] = field(default_factory=dict)


def build_database(options: Options, say) -> None:
    """A fresh database with the corpus, unless `reuse` finds one of the right size."""
    if options.reuse and has_corpus(options.articles):
        say(f"Reusing the benchmark database with {options.articles:,} articles.")
        return
    database = settings.DATABASES["default"]
    connections.close_all()
    if connection.vendor == "postgresql":
        recreate_postgres_database(database)
    else:
        path = Path(database["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and media.parent.name == ".bench":
        shutil.rmtree(media)
    say(f"Building a fresh {connection.vendor} database: {database['NAME']}")
    call_command("migrate", "--noinput", verbosity=0)
    call_command("make_corpus", articles=options.articles, verbosity=1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def has_corpus(articles: int) -> bool:
    try:
        return Article.objects.count() == articles
    except Exception:
        return False


def recreate_postgres_database(database: dict) -> None:
    import psycopg

    name = database["NAME"]
    if not name.endswith("_bench"):
        raise RuntimeError(
            f"Refusing to drop {name!r}: the benchmark only drops *_bench databases."
        )
    params = {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def choose_targets(say) -> tuple[list[Target], list[str]]:
    """The pages to drive; feeds and search only when this site has them."""
    client = Client()
    first = client.get("/news/").content.decode()
    pages = re.search(r"Page 1 of ([\d,]+)", first)
    last_page = int(pages.group(1).replace(",", "")) if pages else 1
    published = Article.objects.published()
    article = published.filter(origin_url="").order_by("-published_at")[published.count() // 2]
    author = Author.objects.order_by("name").first()
    targets = [
        Target("index", "/news/"),
        Target("index last page", f"/news/?page={last_page}"),
        Target("article", article.get_absolute_url()),
        Target("author", author.get_absolute_url()),
        Target("tag", "/news/tags/culture/"),
    ]
    skipped = []
    for name, path in [("feed", "/news/feed/"), ("search", "/news/search/?q=climate+report")]:
        if serves(path):
            targets.append(Target(name, path))
        else:
            skipped.append(name)
            say(f"Skipping the {name} ({path}): this site does not serve it yet.")
    return targets, skipped


def serves(path: str) -> bool:
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return False
    return match.view_name not in {"articles:detail", "newsroom:page"}


def measure_in_process(targets: list[Target], say) -> None:
    """Bytes and SQL queries of each page, through Django's test client on the same database."""
    for mode in MODES:
        with override_settings(PAGE_CACHE_SECONDS=PAGE_CACHE_SECONDS[mode]):
            pagecache.clear()
            client = Client()
            for target in targets:
                client.get(target.path)  # the first request fills what later ones reuse
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(target.path)
                if response.status_code != 200:
                    raise RuntimeError(f"{target.path} answered {response.status_code}")
                target.bytes = len(response.content)
                target.queries[mode] = len(queries)
    for target in targets:
        target.after_change = first_request_after_a_change(client, target.path)
    say("Pages: " + ", ".join(f"{t.name} {t.path}" for t in targets))


def first_request_after_a_change(client: Client, path: str, times: int = 5) -> dict[str, float]:
    """What the first reader after an edit pays, when nothing derived from content is cached."""
    durations = []
    for _ in range(times):
        pagecache.content_changed()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(path)
            durations.append(time.perf_counter() - started)
    return {"queries": len(queries), "ms": round(statistics.median(durations) * 1000, 2)}
