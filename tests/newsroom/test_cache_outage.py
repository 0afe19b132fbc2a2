"""A Redis server that is down is logged as an outage, not once per failed call: once as it
starts, then at most once a minute with the failures counted meanwhile, and once as it ends."""

import logging
import re
import shutil
import subprocess
import time

import pytest

import newsroom.cache
from tests.factories import ArticleFactory, SitePageFactory
from tests.newsroom.pagecache.varnish import answers, free_port
from tests.parts import require

pytestmark = pytest.mark.django_db

# The production cache (REDIS_URL) and Django's own, whose errors the page cache meets itself.
BACKENDS = ["newsroom.cache.TolerantRedisCache", "django.core.cache.backends.redis.RedisCache"]
REDIS_SERVER = shutil.which("redis-server")


@pytest.fixture(params=BACKENDS)
def redis_port(request, settings):
    """A loopback port nothing listens on, which the cache is set to use."""
    port = free_port()  # closed again: nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": request.param,
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return port


@pytest.fixture
def urls():
    article = ArticleFactory(tag_names=["Culture"])
    author = article.bylines.get().author
    page = SitePageFactory(slug="about")
    return [
        "/news/",
        article.get_absolute_url(),
        author.get_absolute_url(),
        page.get_absolute_url(),
    ]


@pytest.fixture
def clock(monkeypatch):
    """The outage log's clock, moved by the test."""
    now = [1000.0]
    monkeypatch.setattr(newsroom.cache, "clock", lambda: now[0])
    return now


def logged(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("newsroom") and record.levelno >= logging.WARNING
    ]


def read_all(client, urls, times=1):
    for _ in range(times):
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_a_cache_server_down_is_logged_once_however_many_requests_meet_it(
    client, urls, redis_port, clock, caplog
):
    read_all(client, urls, times=10)
    clock[0] += 59
    read_all(client, urls)

    [line] = logged(caplog)
    assert line.startswith("Cache unavailable, carrying on without it")
    assert "failures are counted and logged once a minute" in line


def test_a_cache_server_still_down_is_logged_once_a_minute_with_the_failures_counted(
    client, urls, redis_port, clock, caplog
):
    read_all(client, urls, times=5)
    clock[0] += 60
    read_all(client, urls, times=5)
    clock[0] += 30
    read_all(client, urls)
    clock[0] += 30
    read_all(client, urls)

    first, again, third = logged(caplog)
    assert first.startswith("Cache unavailable")
    for line in (again, third):
        counted = re.match(r"Cache still unavailable: (\d+) failed calls in the last 60 s", line)
        assert counted, line
        assert int(counted[1]) >= len(urls), "at least one failed call per request"


def test_a_cache_server_that_answers_again_is_logged_once(
    client, urls, redis_port, clock, caplog, tmp_path
):
    require(REDIS_SERVER is not None, "needs redis-server (apt-get install redis-server)")
    read_all(client, urls, times=3)
    clock[0] += 90
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not answers(redis_port):
            assert server.poll() is None, "redis-server stopped"
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        read_all(client, urls, times=5)
    finally:
        server.terminate()
        server.wait(timeout=10)

    first, back = logged(caplog)
    assert first.startswith("Cache unavailable")
    assert re.match(r"Cache available again after 90 s and \d+ failed calls", back), back
