"""The stock floor's one URL: the article page's bytes, as text/html, and nothing else.

The benchmark captures the article page in process, writes it to a file and names the file in
`BENCH_FLOOR_FILE`; the view answers every request with those bytes. Used by `stock_settings`
and, for the floor through this project's middleware, by `bench_urls`.
"""

import os
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import path


@cache
def read_floor_body(file_name: str) -> bytes:
    return Path(file_name).read_bytes()


def floor_body() -> bytes | None:
    """The bytes `BENCH_FLOOR_FILE` names, read once; None when it names nothing."""
    file_name = os.environ.get("BENCH_FLOOR_FILE", "")
    return read_floor_body(file_name) if file_name else None


def floor(request):
    """The article page's bytes, as the page itself is served: text/html in UTF-8."""
    body = floor_body()
    if body is None:
        raise ImproperlyConfigured("Set BENCH_FLOOR_FILE to the file the floor answers with.")
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("", floor, name="stock-floor")]
