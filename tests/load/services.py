"""What the load test starts on loopback ports (and stops again), and how it reads their pages."""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
APP_PORT = int(os.environ.get("LOADTEST_APP_PORT", "8390"))
DB_PORT = int(os.environ.get("LOADTEST_DB_PORT", "8391"))
REDIS_PORT = int(os.environ.get("LOADTEST_REDIS_PORT", "8392"))
VARNISH_PORT = int(os.environ.get("LOADTEST_VARNISH_PORT", "8393"))
# Varnish takes the app's purges on a listen address of its own (see newsroom.vcl).
VARNISH_PURGE_PORT = int(os.environ.get("LOADTEST_VARNISH_PURGE_PORT", "8394"))
BASE = f"http://127.0.0.1:{APP_PORT}"
EDGE = f"http://127.0.0.1:{VARNISH_PORT}"
EDGE_PURGE_URL = f"http://127.0.0.1:{VARNISH_PURGE_PORT}"
# gunicorn is reached directly, so send what the TLS proxy in front would add.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = ROOT / "newsroom/pagecache/edge/newsroom.vcl"
VARNISH_MISSING = (
    "Varnish with the xkey vmod is missing: apt-get install varnish varnish-modules "
    "(make loadtest does)"
)


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


def varnish_installed() -> bool:
    vmods = Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")
    return Path(VARNISHD).exists() and any(vmods)


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


def fetch(url: str) -> tuple[Message, str]:
    """(headers, page) of a 200, asked as the TLS proxy would."""
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read().decode()


def card_paths(html: str) -> list[str]:
    """The article pages a listing links from its cards' headlines, in order."""
    return list(
        dict.fromkeys(re.findall(r'class="card__headline"><a href="(/news/[-\w]+/)"', html))
    )


class Services:
    """The cluster, Redis, gunicorn and Varnish this run starts, and stops whatever happens."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.pg = postgres_bin()
        self.pgdata = workdir / "pgdata"
        self.redis: subprocess.Popen | None = None
        self.app: subprocess.Popen | None = None
        self.varnish: subprocess.Popen | None = None
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

    def start_app(self, **env: str) -> None:
        """gunicorn on APP_PORT, with `env` added to the environment from now on."""
        self.env.update(env)
        log = open(self.workdir / "gunicorn.log", "a")  # noqa: SIM115 - open while the app runs
        self.app = subprocess.Popen(
            [
                str(PYTHON),
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--config",
                "python:newsroom.gunicorn_conf",
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

    def stop_app(self) -> None:
        if self.app and self.app.poll() is None:
            self.app.send_signal(signal.SIGTERM)
            self.app.wait(timeout=30)

    def start_varnish(self) -> None:
        """varnishd on VARNISH_PORT (purges on VARNISH_PURGE_PORT) with the shipped VCL, its
        backend pointed at gunicorn."""
        shipped = VCL.read_text()
        vcl = shipped.replace('.port = "8000";', f'.port = "{APP_PORT}";')
        if vcl == shipped:
            raise RuntimeError(
                f"the backend port is no longer where the load test expects it: {VCL}"
            )
        (self.workdir / "site.vcl").write_text(vcl)
        log = open(self.workdir / "varnishd.log", "w")  # noqa: SIM115 - open while it runs
        self.varnish = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n", str(self.workdir / "varnish"),
                "-a", f"public=127.0.0.1:{VARNISH_PORT}",
                "-a", f"purge=127.0.0.1:{VARNISH_PURGE_PORT}",
                "-f", str(self.workdir / "site.vcl"),
                "-s", "malloc,64m",
                "-j", "none",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            # A session of its own, as systemd would give it a cgroup: the kernel then shares
            # the CPU between Varnish's hundreds of busy threads and everything else as groups,
            # instead of starving gunicorn and `manage.py` for as long as wrk runs.
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while not answers(VARNISH_PORT):
            if self.varnish.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"varnishd did not start; see {self.workdir / 'varnishd.log'}")
            time.sleep(0.1)

    def stop_varnish(self) -> None:
        if self.varnish and self.varnish.poll() is None:
            self.varnish.terminate()
            self.varnish.wait(timeout=30)

    def stop(self) -> None:
        self.stop_varnish()
        self.stop_app()
        self.stop_redis()
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_ctl("stop")
        shutil.rmtree(self.pgdata, ignore_errors=True)
        shutil.rmtree(self.workdir / "varnish", ignore_errors=True)


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
