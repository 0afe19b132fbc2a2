"""Reader pages cached whole for anonymous visitors, under the keys `keys` works out.

A kept page is served by `PageCacheMiddleware` before the middleware only editors need (sessions,
CSRF, messages, login throttling) run; `reader_page` renders and keeps the pages it misses. Each
kept page carries the tags of what it shows (see `newsroom.pagecache.tags`) and names them to the
edge cache in a surrogate-key header.

Requests that carry a session (editors) or credentials are never served from, nor stored in, the
cache, and their responses are marked private; so is anything a view itself marks private or
no-store.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import ResolverMatch
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from newsroom.cache import outage
from newsroom.pagecache import edge, nearby, schedule
from newsroom.pagecache.kept import Entry, Reading, checked_tags, serving, store
from newsroom.pagecache.keys import is_kept, keep_only_what_varies, page_key
from newsroom.pagecache.tags import (
    CACHE_ERRORS,
    CLOCK_KEY,
    collecting,
    read_clock,
    retired_since,
)

# Beside each kept page: the clock reading at which it was last found current.
CHECKED_SUFFIX = ":checked"

# Headers a stored page does not keep: its caching headers and tags, worked out again each time
# it is served (`serve`), and those about one answer alone. Every other header its view set (its
# type, ETag, `Vary`, `X-Robots-Tag`, `Content-Disposition`, ...) is kept and given to every
# reader it is served to, as the view gave it to the first.
NOT_STORED_HEADERS = frozenset(
    {"age", "cache-control", "content-length", "date", "expires", "last-modified", "set-cookie"}
)

# Says whether the app's page cache served the page (`hit`) or rendered and kept it (`miss`).
CACHE_STATUS_HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class StoredPage:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    modified: datetime
    tags: frozenset[str]

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        # As CommonMiddleware gives the page made afresh, which a kept one is served before:
        # its size, to a HEAD too, and a body sent whole rather than in chunks.
        response["Content-Length"] = str(len(self.content))
        return response


@dataclass
class Lookup:
    """A reader request's page key, its reading of the cache, and the next scheduled change."""

    key: str
    reading: Reading
    next_publication: datetime | None
    # `nearby.generation()` before the shared cache was read.
    generation: int = 0
    # False for a page made afresh each time (`made_fresh_with`): none is kept under its key.
    keeps: bool = True
    # The copy kept under the key that is no longer current: the page made now replaces it.
    replaced: StoredPage | None = None

    def hold(self, page: StoredPage) -> None:
        """Hold `page`, current as of this lookup, in this worker's memory for a moment.

        Not when an edge cache is purged: right after a purge the edge asks again and would keep,
        for as long as it keeps pages, whatever a worker still held.
        """
        if edge.purging():
            return
        nearby.hold(
            self.key,
            page,
            size=len(page.content),
            next_publication=self.next_publication,
            since_generation=self.generation,
        )


class NotFoundForNow(Http404):
    """A 404 that no cache keeps (`newsroom.views.page_not_found`): what is missing should be
    there, and may be back any moment (a file not yet copied into storage)."""


def not_kept(response) -> None:
    """Mark `response` as one no cache keeps, here, at the edge or in a browser: a view says so
    of an answer that depends on its asker, or that any made-up request could multiply."""
    patch_cache_control(response, private=True, no_cache=True)


def sets_cookies(request, response) -> bool:
    """Whether `response` sets a cookie, by its view or by the middleware it passes through
    after the view, which sets theirs later, on the way out: the CSRF token a form asked for
    (Django renews its cookie whenever the token is used), messages shown (used up) or added,
    a session changed. Such an answer is one reader's, whatever the page shows."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.used or messages.added_new):
        return True
    session = getattr(request, "session", None)
    return session is not None and session.modified


def reader_page(view: Callable) -> Callable:
    """Serve `view` from the page cache to anonymous readers, with headers a CDN can use.

    Public answers carry `Cache-Control: public, max-age, stale-while-revalidate` (and, when an
    edge cache is purged by tag, an `s-maxage` that ends no later than the next scheduled
    publication), the `Last-Modified` of their making, an ETag and their tags. Answers that set
    a cookie (`sets_cookies`), and anything but a 200, are not stored; nor, with an edge
    purged, is a page that shows something retired while it was made (`_retired_while_made`).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_private(request):
            response = _rendered(view(request, *args, **kwargs))
            if not _declared_private(response):
                not_kept(response)
            return response
        lookup = getattr(request, "_page_lookup", None)
        if lookup is None:  # not looked up by the middleware (a view called directly)
            lookup, stored = look_up(request, request.resolver_match)
            if stored is not None:
                return serve(stored, lookup, hit=True)
        with serving(lookup.reading), collecting() as shown:
            response = _rendered(view(request, *args, **kwargs))
        if _declared_private(response):
            return response  # the view knows better: a preview, say
        if response.status_code != 200 or sets_cookies(request, response):
            not_kept(response)
            return response
        page = _stored(response, checked_tags(request.path, shown), replacing=lookup.replaced)
        if _retired_while_made(page.tags, lookup.reading):
            # What the page shows changed, and the edge was purged of it, while it was made: it
            # answers this reader alone, and no cache keeps it.
            not_kept(response)
            response[CACHE_STATUS_HEADER] = "miss"
            return response
        if settings.PAGE_CACHE_SECONDS and lookup.reading.available and lookup.keeps:
            entry = Entry(page, page.tags, lookup.reading.clock)
            store(lookup.key, entry, settings.PAGE_CACHE_SECONDS)
            lookup.hold(page)
        return serve(page, lookup, hit=False, response=response)

    wrapped.reader_page = True
    return wrapped


def reader_download(view: Callable) -> Callable:
    """Serve `view`'s files (downloads, streamed or not) to anonymous readers with the caching
    headers of a reader page, so that browsers and the edge keep them and the edge drops them
    by their tags; the app's own cache keeps none: files are large, and a streamed one is never
    whole in memory. The view says what a file shows (`shows`) before it returns, having read
    all it streams; like a page, a file made while what it shows changed is kept by no cache.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        private = request.method not in ("GET", "HEAD") or is_private(request)
        # The clock, read before the view reads anything, and only when an edge is purged: the
        # edge alone keeps a file long (`s-maxage`, see `_retired_while_made`).
        reading = Reading(read_clock() if edge.purging() and not private else None)
        with collecting() as shown:
            response = view(request, *args, **kwargs)
        if _declared_private(response):
            return response
        if private or response.status_code != 200 or sets_cookies(request, response):
            not_kept(response)
            return response
        tags = checked_tags(request.path, shown)
        if _retired_while_made(tags, reading):
            not_kept(response)
            return response
        mark_public(
            response,
            tags=tags,
            modified=timezone.now(),
            upcoming=schedule.next_publication(),
        )
        return response

    return wrapped


def look_up(request, match: ResolverMatch | None) -> tuple[Lookup, StoredPage | None]:
    """Key the request (leaving it only what its page varies by), read the cache's clock and
    schedule, and find its page if one is kept and current: one round trip for a hit, none for
    a page this worker holds (`nearby`)."""
    address = keep_only_what_varies(request, match)
    key = page_key(address)
    keeps = is_kept(request, match)
    held = nearby.find(key) if settings.PAGE_CACHE_SECONDS and keeps else None
    if held is not None:
        return Lookup(key, Reading(None), held.next_publication), held.page
    generation = nearby.generation()
    checked_key = key + CHECKED_SUFFIX
    # A page made afresh each time still reads the clock (for its kept fragments) and schedule.
    wanted = [key, checked_key] if keeps else []
    try:
        found = cache.get_many([*wanted, CLOCK_KEY, schedule.SCHEDULE_KEY])
    except CACHE_ERRORS as error:
        outage.failed("the page cache's look-up", error)
        return Lookup(key, Reading(None), None, keeps=keeps), None
    if found:  # an answer, whatever the backend (one that swallows errors answers a miss)
        outage.answered()
    clock = found.get(CLOCK_KEY)
    reading = Reading(clock if clock is not None else read_clock())
    if not reading.available:
        return Lookup(key, reading, None, keeps=keeps), None
    upcoming, retired = schedule.catch_up(found.get(schedule.SCHEDULE_KEY))
    if retired:
        reading = Reading(read_clock())
    lookup = Lookup(key, reading, upcoming, generation, keeps)
    if not reading.available:
        return lookup, None
    entry = found.get(key)
    if entry is None or not settings.PAGE_CACHE_SECONDS:
        return lookup, None
    checked = found.get(checked_key, 0)
    try:
        current = reading.current(entry, checked=checked)
        if current and max(entry.made, checked) < reading.clock:
            # Found current after a change elsewhere: note it, so the next request reads no stamp.
            cache.set(checked_key, reading.clock, settings.PAGE_CACHE_SECONDS)
    except CACHE_ERRORS as error:
        outage.failed("the page cache's look-up", error)
        current = False
    if not current:
        lookup.replaced = entry.value
        return lookup, None
    lookup.hold(entry.value)
    return lookup, entry.value


def _retired_while_made(tags: frozenset[str], reading: Reading) -> bool:
    """Whether a page or file showing `tags`, made from what was read at `reading`, shows
    something retired since.

    Asked only when an edge cache is purged, and only of a page or file just made: the edge may
    be purged of it while it is made, and would then keep it (`s-maxage`) until EDGE_MAX_AGE.
    The app's own cache needs no such check (a page kept with the reading it was made at is
    retired when next read), nor does a kept page served (found current as it was read).
    """
    return edge.purging() and reading.available and retired_since(tags, reading.clock)


def serve(page: StoredPage, lookup: Lookup, *, hit: bool, response=None) -> HttpResponse:
    """The public answer for `page`, with its caching headers worked out for now."""
    if response is None:
        response = page.response()
    mark_public(response, tags=page.tags, modified=page.modified, upcoming=lookup.next_publication)
    response[CACHE_STATUS_HEADER] = "hit" if hit else "miss"
    return response


def mark_public(
    response, *, tags: frozenset[str], modified: datetime, upcoming: datetime | None
) -> None:
    """The caching headers of a public answer made at `modified` and showing `tags`."""
    if modified <= timezone.now():
        response["Last-Modified"] = http_date(modified.timestamp())
    else:
        # Dated the second after the copy it replaced (`dated`): never a date ahead of the
        # answer's own (RFC 9110, 8.8.2.1), so none until then; its ETag revalidates it.
        del response["Last-Modified"]
    # No cache, a browser's included, may keep a page past the next scheduled publication,
    # which no change announces: the page may be one the publication changes.
    directives = (
        f"public, max-age={kept_until(settings.PAGE_MAX_AGE, upcoming)}, "
        f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE}"
    )
    if edge.purging():
        # The edge is told of every change, so it may keep the page long.
        directives += f", s-maxage={kept_until(settings.EDGE_MAX_AGE, upcoming)}"
    response["Cache-Control"] = directives
    named = edge.header(tags)
    if named is not None:
        response[named[0]] = named[1]


def kept_until(seconds: int, upcoming: datetime | None) -> int:
    """`seconds`, cut short so that they end by `upcoming`, the next scheduled publication."""
    if upcoming is None:
        return seconds
    return max(0, min(seconds, int((upcoming - timezone.now()).total_seconds())))


def is_private(request) -> bool:
    """Requests whose answer may depend on who asks: a session (editors) or credentials."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def _declared_private(response) -> bool:
    directives = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store"})


def _rendered(response):
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response.render()
    return response


def dated(etag: str, replacing: StoredPage | None) -> datetime:
    """The date of a page with `etag`, made now to replace the copy `replacing`, if any.

    `Last-Modified` names a whole second. A page changed and made again within the second of
    the copy it replaces would carry that copy's date, and a client holding it and asking with
    `If-Modified-Since` alone would be answered 304 and keep it. So a changed page is dated at
    least the second after the copy it replaces, and an unchanged one (the same ETag: what it
    shows changed elsewhere) keeps that copy's date, so its readers' copies stay current.
    """
    now = timezone.now()
    if replacing is None:
        return now
    if etag == dict(replacing.headers).get("ETag"):
        return replacing.modified
    second = int(replacing.modified.timestamp())
    return now if now.timestamp() >= second + 1 else datetime.fromtimestamp(second + 1, UTC)


def _stored(response, tags: frozenset[str], *, replacing: StoredPage | None) -> StoredPage:
    # The ETag is set here, not left to the middleware, so each hit skips hashing the page.
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    served_anew = {*NOT_STORED_HEADERS, CACHE_STATUS_HEADER.lower()}
    if settings.SURROGATE_KEY_HEADER:
        served_anew.add(settings.SURROGATE_KEY_HEADER.lower())
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in served_anew
    )
    modified = dated(response["ETag"], replacing)
    return StoredPage(response.status_code, response.content, headers, modified, tags)
