"""`make loadtest`: the production configuration under load, a database restart and a lost cache.

Starts its own PostgreSQL cluster and Redis on loopback ports (so no other database is touched),
serves the demo content with gunicorn and the production settings, then drives it with wrk:

1. a ramp of 16, 64 and 256 connections on the news index;
2. a spike on one article page, during which PostgreSQL is restarted once: requests failing
   while it is down are counted, and the site must answer again without restarting the app;
3. a check that every page answers cleanly again after the restart;
4. Redis stopped: pages must keep coming from the database.

It prints throughput, p50/p99 latency and errors per phase, and exits non-zero on any 5xx or
socket error outside the database's restart. Everything it starts, it stops.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
APP_PORT = int(os.environ.get("LOADTEST_APP_PORT", "8390"))
DB_PORT = int(os.environ.get("LOADTEST_DB_PORT", "8391"))
REDIS_PORT = int(os.environ.get("LOADTEST_REDIS_PORT", "8392"))
STEP_SECONDS = int(os.environ.get("LOADTEST_STEP_SECONDS", "15"))
SPIKE_SECONDS = int(os.environ.get("LOADTEST_SPIKE_SECONDS", "60"))
SPIKE_CONNECTIONS = int(os.environ.get("LOADTEST_SPIKE_CONNECTIONS", "256"))
RESTART_AFTER = SPIKE_SECONDS // 3
BASE = f"http://127.0.0.1:{APP_PORT}"
# gunicorn is reached directly, so send what the TLS proxy in front would add.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# Counts responses per second by class, so failures can be placed in time; wrk counts the
# socket errors itself.
WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = {} end
function response(status, headers, body)
  if status >= 500 then
    local second = tostring(os.time())
    failures[second] = (failures[second] or 0) + 1
  end
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for second, count in pairs(thread:get("failures")) do
      merged[second] = (merged[second] or 0) + count
    end
  end
  local parts = {}
  for second, count in pairs(merged) do table.insert(parts, '"' .. second .. '": ' .. count) end
  io.write("FAILURES {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


@dataclass
class Phase:
    name: str
    connections: int
    requests: int = 0
    per_second: float = 0.0
    p50: str = "-"
    p99: str = "-"
    socket_errors: int = 0
    server_errors: dict[int, int] = field(default_factory=dict)
    note: str = ""

    @property
    def failures(self) -> int:
        return sum(self.server_errors.values())


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not candidates:
        sys.exit("PostgreSQL's server binaries are missing: apt-get install postgresql")
    return candidates[-1].parent


def wait_for(url: str, seconds: float) -> float | None:
    """Seconds until `url` answers 200, or None if it does not within `seconds`.

    Each try waits as long as a loaded server may take to answer, queueing included.
    """
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            request = urllib.request.Request(url, headers=PROXY_HEADERS)
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    return None


def wrk(phase: Phase, path: str, seconds: int, script: Path) -> Phase:
    result = run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(phase.connections),
            "--duration",
            f"{seconds}s",
            # Slow answers under overload count in the latency, not as errors.
            "--timeout",
            "30s",
            "--latency",
            "--script",
            str(script),
            BASE + path,
        ]
    )
    out = result.stdout
    phase.requests = int(re.search(r"(\d+) requests in", out).group(1))
    phase.per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    phase.p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    phase.p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    if errors := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        phase.socket_errors = sum(int(number) for number in errors.groups())
    failures = re.search(r"FAILURES (\{.*\})", out).group(1)
    phase.server_errors = {int(second): count for second, count in json.loads(failures).items()}
    return phase


class Services:
    """The cluster, Redis and gunicorn this run starts, and stops again whatever happens."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.pg = postgres_bin()
        self.pgdata = workdir / "pgdata"
        self.redis: subprocess.Popen | None = None
        self.app: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{DB_PORT}/newsroom",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SECURE_PROXY_SSL_HEADER": "true",
            "LOG_LEVEL": "WARNING",
        }

    def start_database(self) -> None:
        self.pgdata.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.pgdata, "postgres", "postgres")
        run(
            as_postgres(
                [str(self.pg / "initdb"), "-D", str(self.pgdata), "-A", "trust", "-U", "postgres"]
            )
        )
        self.pg_ctl("start")
        run(
            [
                str(self.pg / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(DB_PORT),
                "-U",
                "postgres",
                "newsroom",
            ]
        )

    def pg_ctl(self, action: str) -> None:
        options = (
            f"-p {DB_PORT} -k {self.pgdata} -c listen_addresses=127.0.0.1 -c max_connections=100"
        )
        run(
            as_postgres(
                [
                    str(self.pg / "pg_ctl"),
                    "-D",
                    str(self.pgdata),
                    "-o",
                    options,
                    "-l",
                    str(self.pgdata / "log"),
                    "-w",
                    "-m",
                    "fast",
                    action,
                ]
            )
        )

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=10)

    def prepare_site(self) -> None:
        manage = [str(PYTHON), "manage.py"]
        for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
            run([*manage, *command], cwd=ROOT, env=self.env)

    def start_app(self) -> None:
        log = open(self.workdir / "gunicorn.log", "w")  # noqa: SIM115 - open while the app runs
        self.app = subprocess.Popen(
            [
                str(PYTHON),
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                "4",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        if wait_for(BASE + "/healthz", 30) is None:
            raise RuntimeError(f"gunicorn did not start; see {self.workdir / 'gunicorn.log'}")

    def stop(self) -> None:
        if self.app and self.app.poll() is None:
            self.app.send_signal(signal.SIGTERM)
            self.app.wait(timeout=30)
        self.stop_redis()
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_ctl("stop")
        shutil.rmtree(self.pgdata, ignore_errors=True)


def first_article_path() -> str:
    request = urllib.request.Request(BASE + "/news/", headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=10) as response:
        html = response.read().decode()
    # The first article card's headline link.
    return re.search(r'class="card__headline"><a href="(/news/[-\w]+/)"', html).group(1)


def spike_with_restart(services: Services, path: str, script: Path) -> tuple[Phase, dict]:
    """The spike, with PostgreSQL restarted a third of the way in."""
    outage = {}

    def restart():
        time.sleep(RESTART_AFTER)
        outage["down"] = time.time()
        services.pg_ctl("restart")
        outage["up"] = time.time()
        outage["answering_after"] = wait_for(BASE + "/healthz", 90)

    restarter = threading.Thread(target=restart)
    restarter.start()
    phase = wrk(Phase(f"spike {path}", SPIKE_CONNECTIONS), path, SPIKE_SECONDS, script)
    restarter.join()
    return phase, outage


def report(phases: list[Phase]) -> None:
    columns = ("conns", "requests", "req/s", "p50", "p99", "5xx", "socket")
    widths = (5, 9, 8, 9, 9, 6, 6)
    print(
        "\n"
        + f"{'phase':<58} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    for phase in phases:
        print(
            f"{phase.name:<58} {phase.connections:>5} {phase.requests:>9} {phase.per_second:>8.1f} "
            f"{phase.p50:>9} {phase.p99:>9} {phase.failures:>6} {phase.socket_errors:>6}"
        )
        if phase.note:
            print(f"    {phase.note}")


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is missing: apt-get install redis-server")
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-"))
    workdir.chmod(0o755)
    script = workdir / "count.lua"
    script.write_text(WRK_SCRIPT)
    services = Services(workdir)
    problems = []
    phases = []
    try:
        print("Starting PostgreSQL, Redis and gunicorn on loopback…", flush=True)
        services.start_database()
        services.start_redis()
        services.prepare_site()
        services.start_app()
        article = first_article_path()

        for connections in (16, 64, 256):
            print(f"Ramp: {connections} connections on /news/…", flush=True)
            phases.append(wrk(Phase("ramp /news/", connections), "/news/", STEP_SECONDS, script))

        print(
            f"Spike: {SPIKE_CONNECTIONS} connections on {article}, restarting PostgreSQL…",
            flush=True,
        )
        spike, outage = spike_with_restart(services, article, script)
        window = range(int(outage["down"]) - 1, int(outage["up"]) + 3)
        during = sum(count for second, count in spike.server_errors.items() if second in window)
        outside = spike.failures - during
        answering = outage["answering_after"]
        spike.note = (
            f"PostgreSQL restarted in {outage['up'] - outage['down']:.1f}s; "
            f"{during} requests failed while it was down, {outside} outside that; "
            + (
                f"answering again {answering:.1f}s after it was back"
                if answering is not None
                else "NOT answering again"
            )
        )
        phases.append(spike)
        if outside:
            problems.append(f"{outside} server errors in the spike outside the database restart")
        if spike.socket_errors:
            problems.append(f"{spike.socket_errors} socket errors in the spike")
        if answering is None:
            problems.append("the site did not answer again after the database restart")

        print("After the restart: every page again…", flush=True)
        for path in ("/news/", article):
            phases.append(wrk(Phase(f"after restart {path}", 64), path, 10, script))

        print("Redis stopped: pages from the database…", flush=True)
        services.stop_redis()
        for path in ("/news/", article):
            phases.append(wrk(Phase(f"without Redis {path}", 64), path, 10, script))

        for phase in phases:
            if phase is not spike and (phase.failures or phase.socket_errors):
                problems.append(
                    f"{phase.name} ({phase.connections} connections): "
                    f"{phase.failures} 5xx, {phase.socket_errors} socket errors"
                )
    finally:
        services.stop()
    report(phases)
    print(f"\nApplication log: {workdir / 'gunicorn.log'}")
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        return 1
    print("\nPassed: no 5xx or socket error outside the database restart.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
