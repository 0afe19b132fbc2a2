"""The site's URLs plus the benchmark's floor through this project's middleware.

The floor answers with the article page's bytes when the driver names them in `BENCH_FLOOR_FILE`
(as the stock floor does, see `stock_urls`), else with a fixed string of `BENCH_FLOOR_BYTES`.
Only `newsroom.demo.bench_settings` uses this URLconf; the floor never exists on a real site.
"""

import os

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from newsroom.demo.stock_urls import floor_body
from newsroom.urls import urlpatterns as site_urlpatterns

FLOOR_BYTES = int(os.environ.get("BENCH_FLOOR_BYTES", "30000"))
FLOOR_BODY = (b"<!DOCTYPE html><title>floor</title><p>" + b"x" * FLOOR_BYTES)[:FLOOR_BYTES]


@require_safe
def floor(request):
    """The article page's bytes (or a string of their size), through the full middleware stack."""
    return HttpResponse(floor_body() or FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
