"""Setting the benchmark up: its options and modes, a fresh database, and the pages to drive.

`build_database` fills the benchmark's own database with the corpus (`make_corpus`);
`choose_targets` picks the reader pages, the read API's list and article among them, and
`mixed_paths` the reader's mix of the editing run; `measure_in_process` records each page's bytes
and SQL queries in every mode, and `measure_after_publishing` what the first reader after a
publication pays, through Django's test client on the same database.

The modes, each served by a gunicorn of its own:

- `uncached`: Django's DummyCache, so every request does all the work;
- `fragments`: the page cache off (`PAGE_CACHE_SECONDS=0`), the kept fragments still on;
- `page`: the whole-page cache on, as in production.
"""

import re
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from taggit.models import Tag

from articles.models import Article, Author
from articles.workflow.publishing import publish
from newsroom.demo.bench_drafts import DRAFT_SLUG_PREFIX, bench_author, make_draft

MODES = ("uncached", "fragments", "page")
PAGE_CACHE_SECONDS = 3600
# What each mode's server is started with, on top of the benchmark's settings.
MODE_ENVIRONMENT = {
    "uncached": {"BENCH_CACHE": "dummy", "PAGE_CACHE_SECONDS": "0"},
    "fragments": {"PAGE_CACHE_SECONDS": "0"},
    "page": {"PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS)},
}
# The task worker's run over what is queued, then its exit.
WORKER_OPTIONS = ("--batch", "--interval", "0", "--no-startup-delay")
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def mode_settings(mode: str) -> dict:
    """The settings a mode's server runs with, for `override_settings` in this process."""
    environment = MODE_ENVIRONMENT[mode]
    overrides = {"PAGE_CACHE_SECONDS": int(environment["PAGE_CACHE_SECONDS"])}
    if environment.get("BENCH_CACHE") == "dummy":
        overrides["CACHES"] = DUMMY_CACHE
    return overrides


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
    # The editing run: seconds of each mixed run (0 skips it), and the editor's pace.
    edit_duration: int = 40
    save_every: float = 1.0
    publish_every: float = 30.0
    memory_requests: tuple[int, int] = (1000, 10000)
    output: Path = Path(".bench/results.json")


@dataclass
class Target:
    name: str
    path: str
    bytes: int = 0
    queries: dict[str, int] = field(default_factory=dict)
    content: bytes = field(default=b"", repr=False)


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
        return Article.objects.exclude(slug__startswith=DRAFT_SLUG_PREFIX).count() == articles
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
    author = bench_author()
    targets = [
        Target("index", "/news/"),
        Target("index last page", f"/news/?page={last_page}"),
        Target("article", article.get_absolute_url()),
        Target("author", author.get_absolute_url()),
        Target("tag", "/news/tags/culture/"),
    ]
    skipped = []
    optional = [
        ("feed", "/news/feed/"),
        ("search", "/news/search/?q=climate+report"),
        ("api list", "/api/v1/articles/"),
        ("api article", api_article_path(article)),
    ]
    for name, path in optional:
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
    return match.view_name not in {"articles:detail", "newsroom:page", "api:not-found"}


def api_article_path(article: Article) -> str:
    """The read API's answer for `article`; the article's page on a site without the API."""
    try:
        return reverse("api:article", args=[article.slug])
    except NoReverseMatch:
        return article.get_absolute_url()


def mixed_paths(targets: list[Target], *, articles: int = 12) -> list[str]:
    """A reader's mix for the editing run: the index, articles new and old, authors and tags."""
    published = Article.objects.published().exclude(slug__startswith=DRAFT_SLUG_PREFIX)
    slugs = list(published.order_by("-published_at").values_list("slug", flat=True))
    step = max(len(slugs) // articles, 1)
    chosen = slugs[: articles // 2] + slugs[articles // 2 :: step][: articles - articles // 2]
    by_name = {target.name: target.path for target in targets}
    paths = [by_name["index"], "/news/?page=2", by_name["article"], by_name["author"]]
    paths += [by_name["tag"], *(f"/news/{slug}/" for slug in chosen)]
    paths += [author.get_absolute_url() for author in Author.objects.order_by("name")[1:4]]
    paths += [f"/news/tags/{tag.slug}/" for tag in Tag.objects.order_by("name")[:3]]
    return list(dict.fromkeys(paths))


def measure_in_process(targets: list[Target], say) -> None:
    """Bytes and SQL queries of each page in each mode, through Django's test client."""
    for mode in MODES:
        with override_settings(**mode_settings(mode)):
            cache.clear()
            client = Client()
            for target in targets:
                client.get(target.path)  # the first request fills what later ones reuse
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(target.path)
                if response.status_code != 200:
                    raise RuntimeError(f"{target.path} answered {response.status_code}")
                target.bytes = len(response.content)
                target.content = response.content
                target.queries[mode] = len(queries)
    say("Pages: " + ", ".join(f"{t.name} {t.path}" for t in targets))


def run_queued_tasks() -> None:
    """Run what waits in the database task queue, as production's worker does; a backend that
    runs each task once its transaction commits has run them already."""
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        call_command("worker", *WORKER_OPTIONS, verbosity=0)


def measure_after_publishing(targets: list[Target], times: int = 5) -> list[dict]:
    """What the first reader of each page pays right after an article is published, page cache
    on: a draft by the author whose page is measured, tagged with the tag measured, is published
    through `publish`, the task worker runs what the publication queued (as production's does
    within moments: the piece's title card among it), then the page (for the article, the new
    article's own) is asked for once. The page was asked for just before the publication, so
    only the publication is measured."""
    author = bench_author()
    client = Client()
    figures = []
    with override_settings(**mode_settings("page")):
        for target in targets:
            durations, counts = [], []
            for _ in range(times):
                draft = make_draft(author=author)
                client.get(target.path)
                publish(draft)
                run_queued_tasks()
                path = {
                    "article": draft.get_absolute_url(),
                    "api article": api_article_path(draft),
                }.get(target.name, target.path)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    durations.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code} after publishing")
                counts.append(len(queries))
            figures.append(
                {
                    "page": target.name,
                    "path": target.path,
                    "queries": sorted(counts)[len(counts) // 2],
                    "ms": round(statistics.median(durations) * 1000, 2),
                }
            )
    return figures
