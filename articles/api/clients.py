"""How the API treats its clients: JSON whatever they ask for, `API_RATE` requests per client
address, and answers any web page may read."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle

from newsroom.middleware import client_ip

# A public read API: any site's script may read it, with no credentials (none are used).
CORS_HEADERS = {"Access-Control-Allow-Origin": "*"}
# A preflight (sent for conditional requests from scripts) is answered for a day.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


# As `json_script` and the pages' JSON-LD: the same JSON, which no text inside can end a
# `<script>` with or open markup in, wherever a client pastes it.
_SCRIPT_SAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))


class ScriptSafeJSONRenderer(JSONRenderer):
    """JSON with `<`, `>` and `&` written as escapes (JSON holds them only inside strings)."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        rendered = super().render(data, accepted_media_type, renderer_context)
        for character, escape in _SCRIPT_SAFE:
            rendered = rendered.replace(character, escape)
        return rendered


class JsonOnly(BaseContentNegotiation):
    """The first renderer, whatever the Accept header says: every answer is JSON, so kept
    answers need not vary by Accept, and no client gets a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ClientRateThrottle(SimpleRateThrottle):
    """`API_RATE` requests per client address, the address found as for login throttling (the
    one the trusted proxies recorded, never one a client wrote itself). Kept answers the page
    cache gives before any view runs are not counted."""

    scope = "api"

    def get_rate(self) -> str | None:
        return settings.API_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class CrossOriginMiddleware:
    """Every answer under /api/ may be read by any site's script: kept pages the page cache
    answers, 304s, refusals and errors included, so it sits outside all of them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix is None:
            try:
                self.prefix = reverse("api:not-found")
            except NoReverseMatch:  # a URLconf without the API (the benchmark's stock floor)
                return response
        if request.path_info.startswith(self.prefix):
            headers = CORS_HEADERS | (PREFLIGHT_HEADERS if request.method == "OPTIONS" else {})
            for name, value in headers.items():
                response[name] = value
        return response
