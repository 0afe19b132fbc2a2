"""Varnish 7 with the xkey vmod in front of the app, configured by the VCL the project ships:
the fixtures that run it (registered in conftest.py, so one varnishd serves every test file of a
process) and a reader's requests through it.

`varnishd` runs on a loopback port before the live test server, once per test process (as that
server does) and emptied before each test; the app purges it by tag after each commit. Needs
Debian's `varnish` and `varnish-modules` (installed by `.ci/run`).
"""

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsroom.pagecache import edge
from tests.factories import ArticleFactory, AuthorFactory
from tests.parts import require

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
XKEY_VMOD = Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so")
VCL = Path(edge.__file__).with_name("newsroom.vcl")
# A guard against a varnishd that never comes up, not a measure of how fast it does.
STARTUP_GRACE_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def running_varnishd(backend_port: int, here: Path):
    """The shipped VCL, its backend on `backend_port`, run by varnishd in `here`: yields its
    work directory, readers' address and purge address, and stops it whatever happens."""
    require(
        Path(VARNISHD).exists() and XKEY_VMOD.exists(),
        "needs Varnish 7 with the xkey vmod (apt-get install varnish varnish-modules)",
    )
    shipped = VCL.read_text()
    vcl = shipped.replace('.port = "8000";', f'.port = "{backend_port}";')
    assert vcl != shipped, "the VCL's backend port is no longer where the test expects it"
    (here / "site.vcl").write_text(vcl)
    # Readers' requests on one listen address, the app's purges on another (as deployed).
    port, purge_port = free_port(), free_port()
    log = (here / "varnishd.log").open("w")
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-n", str(here / "work"),
            "-a", f"public=127.0.0.1:{port}",
            "-a", f"purge=127.0.0.1:{purge_port}",
            "-f", str(here / "site.vcl"),
            "-s", "malloc,32m",
            "-j", "none",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + STARTUP_GRACE_SECONDS
        while not (answers(port) and answers(purge_port)):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"varnishd did not start:\n{(here / 'varnishd.log').read_text()}")
            time.sleep(0.1)
        yield here / "work", f"http://127.0.0.1:{port}", f"http://127.0.0.1:{purge_port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def varnishd(live_server, tmp_path_factory):
    """The shipped VCL, pointed at the live server, run by varnishd once per test process."""
    with running_varnishd(
        urlsplit(live_server.url).port, tmp_path_factory.mktemp("varnish")
    ) as run:
        yield run


@pytest.fixture
def varnish(varnishd, settings):
    """Readers' address of the running Varnish, emptied (each test's database starts empty
    too); the app purges it on its purge address."""
    workdir, url, purge_url = varnishd
    subprocess.run(
        [VARNISHADM, "-n", str(workdir), "ban", "req.url ~ ."], check=True, capture_output=True
    )
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    settings.EDGE_PURGE_URLS = [purge_url]
    return url


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def cached(url: str, **headers) -> tuple[str, str]:
    """(X-Cache, page) of a 200 through Varnish."""
    status, found, body = get(url, **headers)
    assert status == 200, url
    return found["X-Cache"], body


@pytest.fixture
def pieces():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    eli = AuthorFactory(name="Eli Okafor", slug="eli")
    ArticleFactory(headline="Culture story", slug="story", authors=[dana], tag_names=["Culture"])
    ArticleFactory(headline="Markets column", slug="column", authors=[eli], tag_names=["Markets"])
    return dana
