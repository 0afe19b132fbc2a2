"""`PageCacheMiddleware`: kept reader pages answered before the work only editors need.

It sits after the middleware that sets security headers (they wrap every answer, kept or not)
and before sessions, CSRF, authentication, messages and login throttling: a reader's request
for a kept page touches none of them. Requests for other addresses, and any request carrying a
session or credentials, pass straight through.
"""

from django.urls import Resolver404, ResolverMatch, resolve

from newsroom.pagecache.pages import is_private, look_up, serve

# Addresses whose view is remembered per process; past this many, the memory starts over.
RESOLVED_LIMIT = 4096


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.resolved: dict[str, ResolverMatch | None] = {}

    def resolve(self, path: str) -> ResolverMatch | None:
        """The view at `path`, resolved once per process: the URLconf does not change."""
        try:
            return self.resolved[path]
        except KeyError:
            pass
        if len(self.resolved) >= RESOLVED_LIMIT:
            self.resolved.clear()
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        self.resolved[path] = match
        return match

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_private(request):
            return self.get_response(request)
        match = self.resolve(request.path_info)
        if match is None or not getattr(match.func, "reader_page", False):
            return self.get_response(request)
        lookup, stored = look_up(request, match)
        if stored is not None:
            return serve(stored, lookup, hit=True)
        # The view renders the page the key describes, and keeps it under that key.
        request._page_lookup = lookup
        return self.get_response(request)
