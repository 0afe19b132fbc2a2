"""The benchmark's own settings and floor endpoint, and the deploy check on the page cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from newsroom.checks import page_cache_is_shared

pytestmark = pytest.mark.django_db

BASE_DIR = Path(django_settings.BASE_DIR)


def bench_settings(**env) -> dict:
    """The benchmark's settings as a fresh process sees them with `env`."""
    script = (
        "import json, newsroom.demo.bench_settings as s; print(json.dumps({'debug': s.DEBUG, "
        "'urls': s.ROOT_URLCONF, 'name': str(s.DATABASES['default']['NAME']), "
        "'hosts': s.ALLOWED_HOSTS, 'ssl': s.SECURE_SSL_REDIRECT, 'key': bool(s.SECRET_KEY)}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "BENCH"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_benchmark_uses_its_own_database_beside_the_configured_one():
    on_postgres = bench_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom")
    on_sqlite = bench_settings()
    chosen = bench_settings(BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:5432/elsewhere")

    assert on_postgres["name"] == "newsroom_bench"
    assert on_sqlite["name"] == str(BASE_DIR / ".bench" / "bench.sqlite3")
    assert chosen["name"] == "elsewhere"


def test_the_benchmark_runs_the_production_settings_on_loopback():
    loaded = bench_settings()

    assert loaded["debug"] is False
    assert loaded["key"] is True
    assert loaded["ssl"] is False
    assert loaded["urls"] == "newsroom.demo.bench_urls"
    assert "127.0.0.1" in loaded["hosts"]


def test_the_floor_answers_only_under_the_benchmark_urls(client, settings):
    assert client.get("/bench/floor/").status_code == 404

    settings.ROOT_URLCONF = "newsroom.demo.bench_urls"
    from newsroom.demo import bench_urls

    response = client.get("/bench/floor/")
    assert response.status_code == 200
    assert len(response.content) == bench_urls.FLOOR_BYTES
    assert client.get("/news/").status_code == 200  # the site itself is still there


def test_the_bench_command_refuses_the_site_settings():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=r"newsroom\.demo\.bench_settings"):
        call_command("bench", articles=20)


def test_deploy_check_warns_about_pages_cached_in_each_process(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 600

    assert [warning.id for warning in page_cache_is_shared(None)] == ["newsroom.W001"]

    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache_is_shared(None) == []
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert page_cache_is_shared(None) == []
