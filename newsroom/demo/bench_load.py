"""Serving and loading: gunicorn on loopback, wrk driving each page, one worker's memory.

Each mode (uncached, fragments, page) gets a gunicorn of its own with the benchmark settings, and
the stock floor one with stock Django's (`stock_settings`); `drive` runs wrk on every page in
every mode once per round, in a rotating order, so drift of the machine falls on every page
alike. `measure_memory` then reads one worker's resident memory under a reader's mix.
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connections

from articles.models import Article, Author
from newsroom.demo.bench_setup import MODE_ENVIRONMENT, MODES, Options, Target
from newsroom.demo.bench_wrk import database_cpu_seconds, process_cpu_seconds, run_wrk

SITE_SETTINGS = "newsroom.demo.bench_settings"
STOCK_SETTINGS = "newsroom.demo.stock_settings"


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

    def cpu_seconds(self) -> dict[int, float]:
        """Each worker's CPU seconds so far (user and system), by process id."""
        try:
            pids = self.worker_pids()
        except OSError:
            return {}
        times = {pid: process_cpu_seconds(pid) for pid in pids}
        return {pid: seconds for pid, seconds in times.items() if seconds is not None}


def start_gunicorn(
    *, port: int, workers: int, env: dict[str, str], settings_module: str = SITE_SETTINGS
) -> Server:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": settings_module}
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


def wait_until_up(port: int, path: str = "/healthz", timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
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


def drive(
    wrk: str, servers: dict, jobs: list[tuple[str, Target]], options: Options, say
) -> list[dict]:
    """Every (mode, page) job once per round, in a rotating order; results by (mode, page)."""
    rounds = []
    database = database_cpu_seconds if database_is_local(settings.DATABASES["default"]) else None
    for number in range(options.rounds):
        say(f"Round {number + 1} of {options.rounds}…")
        shift = number * len(jobs) // max(options.rounds, 1)
        results = {}
        for mode, target in jobs[shift:] + jobs[:shift]:
            results[(mode, target.name)] = run_wrk(
                wrk,
                servers[mode],
                target.path,
                duration=options.duration,
                threads=options.threads,
                connections=options.connections,
                database=database,
            )
        rounds.append(results)
    return rounds


def database_is_local(database: dict) -> bool:
    """Whether `database` (settings) is a PostgreSQL server on this machine, whose processes' CPU
    time can be read beside the workers'. SQLite's work is in the workers' own."""
    host = database.get("HOST") or ""
    return database["ENGINE"] == "django.db.backends.postgresql" and (
        host in {"", "localhost", "127.0.0.1", "::1"} or host.startswith("/")
    )


def measure_memory(options: Options, say, *, last_page: int = 39) -> dict:
    """A single worker's resident memory after 1,000 and after 10,000 requests of mixed pages."""
    first, total = options.memory_requests
    paths = memory_paths(last_page)
    server = start_gunicorn(
        port=options.port + len(MODES) + 1,
        workers=1,
        env=MODE_ENVIRONMENT["page"],
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


def memory_paths(last_page: int = 39) -> list[str]:
    """A reader's mix: index pages (up to the 39th, or the last), many articles, authors and
    tags."""
    articles = Article.objects.published().order_by("-published_at").values_list("slug", flat=True)
    paths = [f"/news/{slug}/" for slug in articles[:1500]]
    paths += [f"/news/?page={n}" for n in range(1, min(last_page, 39) + 1)]
    paths += [author.get_absolute_url() for author in Author.objects.all()]
    paths += ["/news/tags/culture/", "/news/tags/product/", "/news/?hide_spoilers=all"]
    return paths


def resident_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
