"""Reader pages cached whole for anonymous visitors, under keys that only real choices vary.

A page is kept under its address and what changes it, so no visitor can fill the cache with
variants: the host in one spelling, and only the query parameters and cookies its app registered
with `vary_on_query` and `vary_on_cookies`, each as the app's normaliser gives it. The view sees
the request as its key describes it, so a kept page holds nothing another reader did not ask for.

Requests that carry a session (editors) or credentials are never served from, nor stored in, the
cache, and their responses are marked private; so is anything a view itself marks private or
no-store.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, urlencode

from newsroom.pagecache.generations import (
    CACHE_ERRORS,
    UNAVAILABLE,
    read_state,
    serving,
    store,
)

logger = logging.getLogger(__name__)

# No value a reader page reads is longer; a longer one is cut before its normaliser sees it.
MAX_VALUE_CHARS = 200


# Headers a stored page keeps; everything else is set again on the way out.
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "ETag", "Last-Modified")


# URL name -> parameter or cookie name -> normaliser: the reader choices that change a page.
_query: dict[str, dict[str, Callable[[str], str]]] = {}


_cookies: dict[str, dict[str, Callable[[str], str]]] = {}


@dataclass(frozen=True)
class StoredPage:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def vary_on_query(*url_names: str, **normalisers: Callable[[str], str]) -> None:
    """Key the pages at these URL names by these query parameters, as each normaliser gives them.

    A normaliser turns any value (cut to `MAX_VALUE_CHARS`) into the one the view treats it as,
    or "" when the view would ignore it; a value the view refuses (a page number that is not one)
    may stay as it is, since only a 200 is stored. A reader page sees no other parameter.
    """
    for url_name in url_names:
        _query.setdefault(url_name, {}).update(normalisers)


def vary_on_cookies(*url_names: str, **normalisers: Callable[[str], str]) -> None:
    """Key the pages at these URL names by these cookies the site sets, as each normaliser gives
    them: "" for a value the site would not have set, which is then read as no cookie at all."""
    for url_name in url_names:
        _cookies.setdefault(url_name, {}).update(normalisers)


def page_number(value: str) -> str:
    """A normaliser for a paginator's page number: `02`, ` 2` and `+2` are page 2, and page 1 is
    the page without one."""
    try:
        number = int(value)
    except ValueError:
        return value.strip()
    return "" if number == 1 else str(number)


def reader_page(view: Callable) -> Callable:
    """Serve `view` from the page cache to anonymous readers, with headers a CDN can use.

    Public answers carry `Cache-Control: public, max-age, stale-while-revalidate` and a
    `Last-Modified` of the current generation; the ETag (and 304s) come from Django's
    ConditionalGetMiddleware. Answers that set a cookie, and anything but a 200, are not stored.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_private(request):
            response = _rendered(view(request, *args, **kwargs))
            if not _declared_private(response):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        state = read_state()
        with serving(state):
            # Normalisers may read remembered values, so under this request's generation too.
            address = keep_only_what_varies(request)
            storing = settings.PAGE_CACHE_SECONDS and state.generation != UNAVAILABLE
            key = page_key(address, state.generation)
            stored = _fetch(key) if storing else None
            if stored is not None:
                return stored.response()
            response = _rendered(view(request, *args, **kwargs))

        if _declared_private(response):
            return response  # the view knows better: a preview, say
        if response.status_code != 200 or response.cookies:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        response["Last-Modified"] = http_date(state.since.timestamp())
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_MAX_AGE,
            stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
        )
        if storing:
            store(key, _stored(response), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped


def is_private(request) -> bool:
    """Requests whose answer may depend on who asks: a session (editors) or credentials."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def keep_only_what_varies(request) -> str:
    """Leave the request only what its page is keyed by, each part normalised, and return that
    as the page's address: scheme, canonical host, path, query parameters and site cookies.

    The view then renders exactly what the key says: no pagination link carries a parameter,
    nor a canonical link a port, that one visitor made up to every reader after.
    """
    host = canonical_host(request)
    if host != request.get_host():
        forwarded = settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in request.META
        request.META["HTTP_X_FORWARDED_HOST" if forwarded else "HTTP_HOST"] = host
    match = request.resolver_match
    url_name = match.view_name if match else ""
    query = urlencode(_normalised(request.GET, _query.get(url_name, {})))
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
    registered = _cookies.get(url_name, {})
    cookies = _normalised(request.COOKIES, registered)
    request.COOKIES = {
        **{name: value for name, value in request.COOKIES.items() if name not in registered},
        **dict(cookies),
    }
    return f"{request.scheme}://{host}{request.path}?{query}|{urlencode(cookies)}"


def canonical_host(request) -> str:
    """The request's host as pages name it: lowercase, without a trailing dot, and without a
    port unless it is the one the request reached this server on (`SERVER_PORT`).

    ALLOWED_HOSTS accepts a host in any case, with a trailing dot and any port; each of those
    would otherwise make its own copy of every page.
    """
    domain, port = split_domain_port(request.get_host())
    return f"{domain}:{port}" if port and port == request.get_port() else domain


def page_key(address: str, generation: int) -> str:
    """The cache key of the page at `address` (see `keep_only_what_varies`). A link shared with
    a different `fbclid` or `utm_*` on every click is one stored page, not one per reader, and
    so is a page asked for with made-up parameters, ports or cookie values."""
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"content:{generation}:page:{digest}"


def _normalised(values, normalisers: dict[str, Callable[[str], str]]) -> list[tuple[str, str]]:
    """(name, value) of each registered name given a value that is not blank once normalised,
    sorted by name; of a repeated parameter, the last value, as `QueryDict.get` gives views."""
    found = []
    for name in sorted(normalisers):
        raw = values.get(name)
        if raw is not None and (value := normalisers[name](raw[:MAX_VALUE_CHARS])):
            found.append((name, value))
    return found


def _declared_private(response) -> bool:
    directives = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store"})


def _rendered(response):
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response.render()
    return response


def _stored(response) -> StoredPage:
    # The ETag is set here, not left to the middleware, so each hit skips hashing the page.
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    headers = tuple((name, response[name]) for name in STORED_HEADERS if response.has_header(name))
    headers += (("Cache-Control", response["Cache-Control"]),)
    return StoredPage(response.status_code, response.content, headers)


def _fetch(key: str) -> Any:
    try:
        return cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: rendering the page", exc_info=True)
        return None
