"""The benchmark behind `make bench`: the reader pages under load, beside Django's own floor.

It builds a fresh database with the corpus generator, serves the site with gunicorn and the
production settings on loopback, drives each page with wrk in interleaved rounds (so drift of the
machine falls on every page alike), and reports requests per second, latency, size, SQL queries
and the ratio to the floor: a view that returns a fixed string of the article page's size through
the same middleware. Each page is measured cold (page cache off) and warm (page cache on).
"""

import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article, Author
from newsroom import pagecache

MODES = ("cold", "warm")
PAGE_CACHE_SECONDS = {"cold": 0, "warm": 3600}

# Runs wrk's Lua hooks: one JSON line at the end, so nothing depends on wrk's text layout.
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,' ..
    '"errors":%d,"status_errors":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass
class Target:
    name: str
    path: str
    bytes: int = 0
    queries: dict[str, int] = field(default_factory=dict)
    after_change: dict[str, float] = field(default_factory=dict)


@dataclass
class Figures:
    page: str
    mode: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bytes: int
    queries: int
    ratio_to_floor: float
    errors: int
    after_change: dict[str, float]


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


def run(options: Options, *, say: Callable[[str], None] = print) -> dict:
    """Run the whole benchmark and return (and write) its figures."""
    # Stopped from outside, it still stops the servers it started (the `finally`s below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk(say)
    build_database(options, say)
    say("Collecting static files…")
    call_command("collectstatic", "--noinput", verbosity=0)
    targets, skipped = choose_targets(say)
    measure_in_process(targets, say)
    article_bytes = next(t.bytes for t in targets if t.name == "article")
    floor = Target("floor", "/bench/floor/", bytes=article_bytes, queries=dict.fromkeys(MODES, 0))
    targets = [floor, *targets]
    connections.close_all()

    servers = {}
    try:
        for offset, mode in enumerate(MODES):
            servers[mode] = start_gunicorn(
                port=options.port + offset,
                workers=options.workers,
                env={
                    "PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS[mode]),
                    "BENCH_FLOOR_BYTES": str(article_bytes),
                },
            )
        for mode, server in servers.items():
            wait_until_up(server.port)
            say(f"gunicorn ({mode}) on 127.0.0.1:{server.port}, {options.workers} workers")
        static = check_static(servers["cold"].port)
        say("Warming up…")
        for server in servers.values():
            for target in targets:
                run_wrk(wrk, server.port, target.path, duration=1, options=options)
        rounds = drive(wrk, servers, targets, options, say)
    finally:
        for server in servers.values():
            server.stop()

    memory = measure_memory(options, say)
    figures = summarise(rounds, targets)
    report = {
        "machine": machine(),
        "settings": {
            "articles": options.articles,
            "rounds": options.rounds,
            "duration_s": options.duration,
            "wrk": f"-t{options.threads} -c{options.connections}",
            "gunicorn": f"--workers {options.workers} (sync)",
            "database": connection.vendor,
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        },
        "skipped": skipped,
        "static": static,
        "figures": [asdict(f) for f in figures],
        "memory": memory,
        "finished": timezone.now().isoformat(timespec="seconds"),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2) + "\n")
    say(format_report(report))
    say(f"Figures written to {options.output}")
    return report


def ensure_wrk(say) -> str:
    found = shutil.which("wrk")
    if found:
        return found
    say("wrk is missing; installing it with apt-get…")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed; install it and run the benchmark again.")
    return found


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


class Server:
    def __init__(self, process: subprocess.Popen, port: int):
        self.process = process
        self.port = port

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def start_gunicorn(*, port: int, workers: int, env: dict[str, str]) -> Server:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    environment = {
        **os.environ,
        **env,
        "DJANGO_SETTINGS_MODULE": "newsroom.demo.bench_settings",
    }
    process = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=settings.BASE_DIR,
    )
    return Server(process, port)


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {timeout}s")


def check_static(port: int) -> dict:
    """What whitenoise serves for the stylesheet: hashed name, compression, cache lifetime."""
    home = urllib.request.urlopen(f"http://127.0.0.1:{port}/news/", timeout=10).read().decode()
    href = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home)
    if not href:
        return {"stylesheet": None, "note": "the stylesheet has no hashed name"}
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{href.group(1)}", headers={"Accept-Encoding": "gzip, br"}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310
        return {
            "stylesheet": href.group(1),
            "cache_control": reply.headers.get("Cache-Control"),
            "content_encoding": reply.headers.get("Content-Encoding"),
        }


def run_wrk(wrk: str, port: int, path: str, *, duration: int, options: Options) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_LUA)
    try:
        result = subprocess.run(  # noqa: S603
            [
                wrk,
                f"-t{options.threads}",
                f"-c{options.connections}",
                f"-d{duration}s",
                # A slow page is measured, not counted as failed.
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        )
    finally:
        os.unlink(script.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def drive(wrk: str, servers: dict, targets: list[Target], options: Options, say) -> list[dict]:
    """Every page in every mode once per round, in a rotating order."""
    rounds = []
    jobs = [(mode, target) for target in targets for mode in MODES]
    for number in range(options.rounds):
        say(f"Round {number + 1} of {options.rounds}…")
        shift = number * len(jobs) // max(options.rounds, 1)
        results = {}
        for mode, target in jobs[shift:] + jobs[:shift]:
            results[(mode, target.name)] = run_wrk(
                wrk, servers[mode].port, target.path, duration=options.duration, options=options
            )
        rounds.append(results)
    return rounds


def summarise(rounds: list[dict], targets: list[Target]) -> list[Figures]:
    figures = []
    for mode in MODES:
        for target in targets:
            rates, p50s, p99s, ratios, errors = [], [], [], [], 0
            for results in rounds:
                result = results[(mode, target.name)]
                floor = results[(mode, "floor")]
                rate = result["requests"] / (result["duration_us"] / 1e6)
                floor_rate = floor["requests"] / (floor["duration_us"] / 1e6)
                rates.append(rate)
                ratios.append(rate / floor_rate)
                p50s.append(result["p50_us"] / 1000)
                p99s.append(result["p99_us"] / 1000)
                errors += result["errors"] + result["status_errors"]
            figures.append(
                Figures(
                    page=target.name,
                    mode=mode,
                    path=target.path,
                    requests_per_second=round(statistics.median(rates), 1),
                    p50_ms=round(statistics.median(p50s), 2),
                    p99_ms=round(statistics.median(p99s), 2),
                    bytes=target.bytes,
                    queries=target.queries[mode],
                    ratio_to_floor=round(statistics.median(ratios), 3),
                    errors=errors,
                    after_change=target.after_change,
                )
            )
    return figures


def measure_memory(options: Options, say) -> dict:
    """A single worker's resident memory after 1,000 and after 10,000 requests of mixed pages."""
    first, total = options.memory_requests
    paths = memory_paths()
    server = start_gunicorn(
        port=options.port + len(MODES),
        workers=1,
        env={"PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS["warm"])},
    )
    connections.close_all()
    try:
        wait_until_up(server.port)
        (worker,) = server.worker_pids()
        readings = {}
        with ThreadPoolExecutor(max_workers=options.connections) as pool:
            for start, stop in ((0, first), (first, total)):
                numbers = range(start, stop)
                urls = (f"http://127.0.0.1:{server.port}{paths[n % len(paths)]}" for n in numbers)
                failures = sum(status != 200 for status in pool.map(fetch_status, urls))
                if failures:
                    raise RuntimeError(f"{failures} requests failed during the memory check")
                readings[stop] = resident_kib(worker)
        if server.worker_pids() != [worker]:
            raise RuntimeError("the gunicorn worker was replaced during the memory check")
    finally:
        server.stop()
    growth = readings[total] / readings[first] - 1
    say(
        f"Memory of one worker: {readings[first] / 1024:.1f} MiB after {first:,} requests, "
        f"{readings[total] / 1024:.1f} MiB after {total:,} ({growth:+.1%})"
    )
    return {
        "distinct_paths": len(paths),
        f"rss_mib_after_{first}": round(readings[first] / 1024, 1),
        f"rss_mib_after_{total}": round(readings[total] / 1024, 1),
        "growth": round(growth, 4),
    }


def fetch_status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as reply:  # noqa: S310
        reply.read()
        return reply.status


def memory_paths() -> list[str]:
    """A reader's mix: index pages, many articles, authors and tags."""
    articles = Article.objects.published().order_by("-published_at").values_list("slug", flat=True)
    paths = [f"/news/{slug}/" for slug in articles[:1500]]
    paths += [f"/news/?page={n}" for n in range(1, 40)]
    paths += [author.get_absolute_url() for author in Author.objects.all()]
    paths += ["/news/tags/culture/", "/news/tags/product/", "/news/?hide_spoilers=all"]
    return paths


def resident_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = Path("/proc/meminfo")
    total = re.search(r"MemTotal:\s+(\d+)", memory.read_text()) if memory.exists() else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        database_version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {database_version}",
    }


def format_report(report: dict) -> str:
    info = report["machine"]
    setup = report["settings"]
    lines = [
        "",
        f"{setup['articles']:,} articles · {info['database']} · cache {setup['cache']} · "
        f"gunicorn {setup['gunicorn']} · wrk {setup['wrk']} · {setup['rounds']} rounds of "
        f"{setup['duration_s']}s",
        f"{info['cpu']} · {info['cores']} cores · {info['memory_gib']} GiB · Python "
        f"{info['python']} · Django {info['django']}",
        "",
        f"{'page':<17}{'mode':<6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'bytes':>9}"
        f"{'SQL':>5}{'× floor':>9}",
    ]
    for row in report["figures"]:
        lines.append(
            f"{row['page']:<17}{row['mode']:<6}{row['requests_per_second']:>9.0f}"
            f"{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}{row['bytes']:>9,}"
            f"{row['queries']:>5}{row['ratio_to_floor']:>9.2f}"
            + (f"  {row['errors']} errors" if row["errors"] else "")
        )
    lines += ["", "first request after a change (in process, nothing derived cached):"]
    for row in report["figures"]:
        if row["mode"] == MODES[0] and row["page"] != "floor":
            change = row["after_change"]
            lines.append(f"  {row['page']:<17}{change['ms']:>8.2f} ms{change['queries']:>4} SQL")
    for name in report["skipped"]:
        lines.append(f"{name}: not served by this site yet, skipped")
    static = report["static"]
    if static.get("stylesheet"):
        lines.append(
            f"static {static['stylesheet']}: Cache-Control {static['cache_control']}, "
            f"Content-Encoding {static['content_encoding']}"
        )
    memory = report["memory"]
    lines.append("memory of one worker: " + ", ".join(f"{k} {v}" for k, v in memory.items()))
    return "\n".join(lines)
