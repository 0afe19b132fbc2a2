"""The edge settings are checked when the site starts, not found wrong on the first page."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.http import HttpResponse

from newsroom.pagecache import middleware as page_middleware
from newsroom.pagecache.checks import edge_settings_are_sound
from tests.newsroom.test_settings import ROOT

VARNISH = "newsroom.pagecache.edge.varnish.VarnishPurge"


def ids(errors):
    return [error.id for error in errors]


@pytest.mark.parametrize("name", ["xkey", "Surrogate-Key", "Cache-Tag", ""])
def test_each_header_an_edge_reads_passes(settings, name):
    settings.SURROGATE_KEY_HEADER = name

    assert edge_settings_are_sound(None) == []


def test_an_unknown_header_stops_the_site_from_starting(settings):
    settings.SURROGATE_KEY_HEADER = "X-Cache-Tags"

    assert ids(edge_settings_are_sound(None)) == ["newsroom.E002"]
    with pytest.raises(SystemCheckError, match="X-Cache-Tags"):
        call_command("check")


def test_a_purge_backend_that_cannot_be_imported_is_named(settings):
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.fastly.FastlyPurge"

    (error,) = edge_settings_are_sound(None)

    assert error.id == "newsroom.E003"
    assert "fastly.FastlyPurge" in error.msg


def test_a_purge_backend_must_be_a_purge_backend(settings):
    settings.EDGE_PURGE_BACKEND = "django.http.HttpResponse"

    assert ids(edge_settings_are_sound(None)) == ["newsroom.E003"]


def test_purging_without_a_header_is_refused(settings):
    settings.SURROGATE_KEY_HEADER = ""
    settings.EDGE_PURGE_BACKEND = VARNISH

    assert ids(edge_settings_are_sound(None)) == ["newsroom.E004"]


def test_varnish_without_servers_to_purge_is_refused(settings):
    settings.EDGE_PURGE_BACKEND = VARNISH
    settings.EDGE_PURGE_URLS = []

    (error,) = edge_settings_are_sound(None)

    assert error.id == "newsroom.E005"
    assert "EDGE_PURGE_URLS" in error.msg


def test_varnish_and_a_header_pass(settings):
    settings.EDGE_PURGE_BACKEND = VARNISH
    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:6091"]

    assert edge_settings_are_sound(None) == []


@pytest.mark.parametrize(
    ("given", "backend"),
    [("varnish", VARNISH), ("", ""), ("myedge.Purge", "myedge.Purge")],
)
def test_edge_purge_takes_a_shorthand_or_a_dotted_path(given, backend):
    report = "import newsroom.settings as s; print(repr(s.EDGE_PURGE_BACKEND))"
    result = subprocess.run(
        [sys.executable, "-c", report],
        cwd=ROOT,
        env={"DEBUG": "true", "EDGE_PURGE": given, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(backend)


def test_the_memory_of_resolved_addresses_starts_over_past_its_limit(monkeypatch):
    monkeypatch.setattr(page_middleware, "RESOLVED_LIMIT", 3)
    middleware = page_middleware.PageCacheMiddleware(lambda request: HttpResponse())

    for path in ["/news/", "/news/a/", "/news/b/"]:
        middleware.resolve(path)
    assert len(middleware.resolved) == 3

    match = middleware.resolve("/news/c/")

    assert list(middleware.resolved) == ["/news/c/"]
    assert match.url_name == "detail"
    assert middleware.resolve("/no/such/place/") is None
