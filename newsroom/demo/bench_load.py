"""Serving and loading: gunicorn on loopback, wrk driving each page, one worker's memory.

Each mode (cold, warm) gets a gunicorn of its own with the benchmark settings; `drive` runs wrk on
every page in every mode once per round, in a rotating order, so drift of the machine falls on
every page alike. `measure_memory` then reads one worker's resident memory under a reader's mix.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connections

from articles.models import Article, Author
from newsroom.demo.bench_setup import MODES, PAGE_CACHE_SECONDS, Options, Target

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
