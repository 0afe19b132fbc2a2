"""What a reader page is kept under: its address, the reader choices that change it and the
site's time zone.

A page is kept under its address and what changes it, so no visitor can fill the cache with
variants: the host in one spelling, and only the query parameters and cookies its app registered
with `vary_on_query` and `vary_on_cookies`, each as the app's normaliser gives it. The view sees
the request as its key describes it, so a kept page holds nothing another reader did not ask for.
A parameter any value of which changes the page (a moment, a position in a list) is registered
with `made_fresh_with` as well: a page asked for with one is made afresh each time and kept by
browsers and the edge alone, so the values anyone types keep nothing here.

Pages, fragments and values are all kept under the time zone and language they write dates,
times and words in (`written_in`): a site given another `TIME_ZONE` or `LANGUAGE_CODE` is never
served what was made under the former one.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.http.request import split_domain_port
from django.urls import ResolverMatch
from django.utils.http import urlencode

PAGE_PREFIX = "pagecache:page:"

# No value a reader page reads is longer (the longest, a cursor of the API's topics' list, is
# 1,620); a longer one is cut before its normaliser sees it, and stays too long to be read.
MAX_VALUE_CHARS = 2000

# A normaliser is given a value and the request being keyed, on which it may keep what it read
# to tell (the view is handed the same request, and may need it again).
Normaliser = Callable[[str, HttpRequest], str]

# URL name -> parameter or cookie name -> normaliser: the reader choices that change a page.
_query: dict[str, dict[str, Normaliser]] = {}


_cookies: dict[str, dict[str, Normaliser]] = {}

# URL name -> the query parameters with which its pages are made afresh each time.
_fresh: dict[str, set[str]] = {}


def vary_on_query(*url_names: str, **normalisers: Normaliser) -> None:
    """Key the pages at these URL names by these query parameters, as each normaliser gives them.

    A normaliser turns any value (cut to `MAX_VALUE_CHARS`) into the one the view treats it as,
    or "" when the view would ignore it; a value the view refuses (a page number that is not one)
    may stay as it is, since only a 200 is stored. A reader page sees no other parameter. What a
    normaliser reads to tell (the subjects a cookie may name) it may keep on the request for the
    view, which would otherwise read it again (`Normaliser`).

    The shipped VCL (`edge/newsroom.vcl`) strips tracking parameters (`utm_*`, `fbclid`, …)
    before the edge keys a page, in step with this: no parameter registered here may be one of
    them (test_varnish.py checks).
    """
    for url_name in url_names:
        _query.setdefault(url_name, {}).update(normalisers)


def vary_on_cookies(*url_names: str, **normalisers: Normaliser) -> None:
    """Key the pages at these URL names by these cookies the site sets, as each normaliser gives
    them: "" for a value the site would not have set, which is then read as no cookie at all."""
    for url_name in url_names:
        _cookies.setdefault(url_name, {}).update(normalisers)


def made_fresh_with(*url_names: str, parameters: Iterable[str]) -> None:
    """Make the pages at these URL names afresh whenever one of `parameters` (registered with
    `vary_on_query` too) is given, and keep none of them in the page cache.

    For a parameter with as many meaningful values as anyone cares to type (a moment, a cursor's
    position): a page kept for each would let one visitor fill the cache and push readers' pages
    out. Such a page is still a public reader page, with its ETag, `Last-Modified`, tags and
    `Cache-Control`, so a browser or the edge keeps it and a client revalidates it with a 304.
    """
    for url_name in url_names:
        _fresh.setdefault(url_name, set()).update(parameters)


def is_kept(request, match: ResolverMatch | None) -> bool:
    """Whether the page a request keyed by `keep_only_what_varies` asks for may be kept: not when
    it names a parameter its page is made afresh with (`made_fresh_with`)."""
    fresh = _fresh.get(match.view_name if match else "")
    return not (fresh and fresh.intersection(request.GET))


def page_number(value: str, request: HttpRequest | None = None) -> str:
    """A normaliser for a paginator's page number: `02`, ` 2` and `+2` are page 2, and page 1 is
    the page without one."""
    try:
        number = int(value)
    except ValueError:
        return value.strip()
    return "" if number == 1 else str(number)


def written_in() -> str:
    """The time zone and language every kept page, fragment and value writes its dates, times
    and words in, part of the key of each: "Jan 14, 2025" at 23:30 UTC is "Jan 15, 2025" in
    Tokyo and "Dec 14, 2025" is "Dez 14, 2025" in German, so a deploy with another
    `TIME_ZONE` or `LANGUAGE_CODE` finds nothing the former one kept (the edge's copies aside:
    see docs/deploying.md). Settings, read from memory: a hit costs nothing more."""
    return f"{settings.TIME_ZONE}|{settings.LANGUAGE_CODE}"


def keep_only_what_varies(request, match: ResolverMatch | None) -> str:
    """Leave the request only what its page is keyed by, each part normalised, and return that
    as the page's address: scheme, canonical host, path, query parameters and site cookies.

    The view then renders exactly what the key says: no pagination link carries a parameter,
    nor a canonical link a port, that one visitor made up to every reader after.
    """
    host = canonical_host(request)
    if host != request.get_host():
        forwarded = settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in request.META
        request.META["HTTP_X_FORWARDED_HOST" if forwarded else "HTTP_HOST"] = host
    url_name = match.view_name if match else ""
    request.query_as_asked = request.GET
    query = urlencode(_normalised(request.GET, _query.get(url_name, {}), request))
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
    registered = _cookies.get(url_name, {})
    cookies = _normalised(request.COOKIES, registered, request)
    request.COOKIES = {
        **{name: value for name, value in request.COOKIES.items() if name not in registered},
        **dict(cookies),
    }
    return f"{request.scheme}://{host}{request.path}?{query}|{urlencode(cookies)}"


def query_as_asked(request) -> QueryDict:
    """The request's query as it came, before `keep_only_what_varies` left it only what its page
    varies by: for an answer no cache keeps that passes it on (a former address's redirect)."""
    return getattr(request, "query_as_asked", request.GET)


def canonical_host(request) -> str:
    """The request's host as pages name it: lowercase, without a trailing dot, and without a
    port unless it is the one the request reached this server on (`SERVER_PORT`).

    ALLOWED_HOSTS accepts a host in any case, with a trailing dot and any port; each of those
    would otherwise make its own copy of every page.
    """
    domain, port = split_domain_port(request.get_host())
    return f"{domain}:{port}" if port and port == request.get_port() else domain


def page_key(address: str) -> str:
    """The cache key of the page at `address` (see `keep_only_what_varies`). A link shared with
    a different `fbclid` or `utm_*` on every click is one stored page, not one per reader, and
    so is a page asked for with made-up parameters, ports or cookie values. (Varnish keys it as
    one page too: the shipped VCL strips tracking parameters, see `vary_on_query`.)"""
    digest = hashlib.blake2b(f"{written_in()}|{address}".encode(), digest_size=16).hexdigest()
    return PAGE_PREFIX + digest


def _normalised(
    values, normalisers: dict[str, Normaliser], request: HttpRequest
) -> list[tuple[str, str]]:
    """(name, value) of each registered name given a value that is not blank once normalised,
    sorted by name; of a repeated parameter, the last value, as `QueryDict.get` gives views."""
    found = []
    for name in sorted(normalisers):
        raw = values.get(name)
        if raw is not None and (value := normalisers[name](raw[:MAX_VALUE_CHARS], request)):
            found.append((name, value))
    return found
