"""The benchmark's own settings, its floors (stock Django's and through this project's
middleware), and the deploy check on the page cache."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings

from newsroom.checks import page_cache_is_shared
from newsroom.demo import stock_urls
from newsroom.demo.bench_env import bench_cache, bench_redis_url
from newsroom.demo.bench_setup import (
    DUMMY_CACHE,
    MODES,
    choose_targets,
    measure_after_publishing,
    measure_in_process,
    mode_settings,
)

# What `django-admin startproject` writes, in its order.
STARTPROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

pytestmark = pytest.mark.django_db

BASE_DIR = Path(django_settings.BASE_DIR)


def bench_settings(**env) -> dict:
    """The benchmark's settings as a fresh process sees them with `env`."""
    script = (
        "import json, newsroom.demo.bench_settings as s; print(json.dumps({'debug': s.DEBUG, "
        "'urls': s.ROOT_URLCONF, 'name': str(s.DATABASES['default']['NAME']), "
        "'hosts': s.ALLOWED_HOSTS, 'ssl': s.SECURE_SSL_REDIRECT, 'key': bool(s.SECRET_KEY), "
        "'cache': s.CACHES['default']['BACKEND'], "
        "'redis': s.CACHES['default'].get('LOCATION', ''), 'api_rate': s.API_RATE}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE", "BENCH", "REDIS", "PAGE_CACHE"))
    }
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
    # wrk is one client: the read API's rate limit would turn its requests away.
    assert loaded["api_rate"] is None


def test_the_benchmark_caches_in_memory_unless_told_otherwise():
    assert bench_settings()["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert bench_settings(BENCH_CACHE="dummy")["cache"] == DUMMY_CACHE["default"]["BACKEND"]


def test_the_benchmark_caches_in_a_redis_database_of_its_own_when_redis_is_named():
    loaded = bench_settings(REDIS_URL="redis://127.0.0.1:6379/0")

    assert loaded["cache"].endswith("RedisCache")
    assert loaded["redis"] == "redis://127.0.0.1:6379/15"
    assert bench_settings(BENCH_REDIS_URL="redis://cache:6380/3")["redis"] == "redis://cache:6380/3"


def test_the_benchmark_redis_database_is_chosen_from_the_environment():
    assert bench_redis_url("") == "redis://127.0.0.1:6379/15"
    assert bench_redis_url("redis://:secret@cache.internal:6380/2") == (
        "redis://:secret@cache.internal:6380/15"
    )
    # The servers inherit the chosen URL: choosing again gives the same database.
    assert bench_redis_url(bench_redis_url("redis://cache/0")) == "redis://cache/15"
    assert bench_cache({}) == ("locmem", "")
    assert bench_cache({"BENCH_CACHE": "Dummy", "REDIS_URL": "redis://cache/0"}) == ("dummy", "")
    assert bench_cache({"BENCH_CACHE": "redis"}) == ("redis", "redis://127.0.0.1:6379/15")
    with pytest.raises(ValueError, match="BENCH_CACHE"):
        bench_cache({"BENCH_CACHE": "memcached"})


def test_each_mode_runs_with_its_own_cache_settings():
    assert MODES == ("uncached", "fragments", "page")
    assert mode_settings("uncached") == {"PAGE_CACHE_SECONDS": 0, "CACHES": DUMMY_CACHE}
    assert mode_settings("fragments") == {"PAGE_CACHE_SECONDS": 0}
    assert mode_settings("page") == {"PAGE_CACHE_SECONDS": 3600}


def test_the_stock_settings_are_startprojects_middleware_and_the_apps_they_need():
    stock = importlib.import_module("newsroom.demo.stock_settings")

    assert stock.MIDDLEWARE == STARTPROJECT_MIDDLEWARE
    assert stock.INSTALLED_APPS == [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ]
    assert stock.DEBUG is False
    assert stock.SECRET_KEY
    assert "127.0.0.1" in stock.ALLOWED_HOSTS
    assert stock.ROOT_URLCONF == "newsroom.demo.stock_urls"


def test_the_stock_settings_load_in_a_process_of_their_own():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'name': str(s.DATABASES['default']['NAME']), "
        "'apps': len(s.INSTALLED_APPS)}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "BENCH"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsroom.demo.stock_settings"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )

    loaded = json.loads(result.stdout)
    assert loaded == {"name": str(BASE_DIR / ".bench" / "bench.sqlite3"), "apps": 4}


@pytest.fixture
def floor_file(tmp_path, monkeypatch):
    """The article page's bytes as the driver hands them to the floors."""
    page = tmp_path / "floor.html"
    page.write_bytes("<!DOCTYPE html><title>Ünïcode</title><p>article</p>".encode())
    monkeypatch.setenv("BENCH_FLOOR_FILE", str(page))
    return page


def test_the_stock_floor_answers_with_the_bytes_it_is_given(client, floor_file):
    with override_settings(
        ROOT_URLCONF="newsroom.demo.stock_urls", MIDDLEWARE=STARTPROJECT_MIDDLEWARE
    ):
        response = client.get("/")

    assert response.status_code == 200
    assert response.content == floor_file.read_bytes()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not response.cookies


def test_the_stock_floor_refuses_to_run_without_its_bytes(client, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("BENCH_FLOOR_FILE", raising=False)
    stock = override_settings(
        ROOT_URLCONF="newsroom.demo.stock_urls", MIDDLEWARE=STARTPROJECT_MIDDLEWARE
    )
    with stock, pytest.raises(ImproperlyConfigured, match="BENCH_FLOOR_FILE"):
        client.get("/")


def test_the_floor_answers_only_under_the_benchmark_urls(client, settings, monkeypatch):
    monkeypatch.delenv("BENCH_FLOOR_FILE", raising=False)
    assert client.get("/bench/floor/").status_code == 404

    settings.ROOT_URLCONF = "newsroom.demo.bench_urls"
    from newsroom.demo import bench_urls

    response = client.get("/bench/floor/")
    assert response.status_code == 200
    assert len(response.content) == bench_urls.FLOOR_BYTES
    assert client.get("/news/").status_code == 200  # the site itself is still there


def test_the_floor_through_this_projects_middleware_answers_with_the_article_bytes(
    client, settings, floor_file
):
    settings.ROOT_URLCONF = "newsroom.demo.bench_urls"

    response = client.get("/bench/floor/")

    assert response.content == floor_file.read_bytes()
    assert stock_urls.floor_body() == floor_file.read_bytes()


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


@pytest.fixture
def corpus():
    call_command("make_corpus", articles=30, images=0, batch_size=30, verbosity=0)


def test_the_benchmark_drives_the_read_apis_list_and_an_article(corpus, settings):
    settings.ROOT_URLCONF = "newsroom.demo.bench_urls"

    targets, skipped = choose_targets(lambda line: None)

    paths = {target.name: target.path for target in targets}
    assert paths["api list"] == "/api/v1/articles/"
    assert paths["api article"] == paths["article"].replace("/news/", "/api/v1/articles/")
    assert not {"api list", "api article"} & set(skipped)
    api = [target for target in targets if target.name.startswith("api ")]
    measure_in_process(api, lambda line: None)
    for target in api:
        assert target.bytes > 0
        assert target.queries["page"] == 0, "kept answers are served from the page cache"
        assert target.queries["uncached"] > 0
    figures = measure_after_publishing(api, times=1)
    assert [row["page"] for row in figures] == ["api list", "api article"]
    assert all(row["queries"] > 0 for row in figures)
