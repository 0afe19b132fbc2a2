"""The site's URLs plus the benchmark's floor: what Django costs to answer with a fixed string.

Only `newsroom.demo.bench_settings` uses this URLconf; the floor never exists on a real site.
"""

import os

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from newsroom.urls import urlpatterns as site_urlpatterns

# The driver sets the size to that of the article page it measures.
FLOOR_BYTES = int(os.environ.get("BENCH_FLOOR_BYTES", "30000"))
FLOOR_BODY = (b"<!DOCTYPE html><title>floor</title><p>" + b"x" * FLOOR_BYTES)[:FLOOR_BYTES]


@require_safe
def floor(request):
    """A fixed byte string the size of the article page, through the full middleware stack."""
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
