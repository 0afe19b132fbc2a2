"""`PageCacheMiddleware`: kept reader pages answered before the work only editors need.

It sits after the middleware that sets security headers (they wrap every answer, kept or not)
and before sessions, CSRF, authentication, messages and login throttling: a reader's request
for a kept page touches none of them. Requests for other addresses, and any request carrying a
session or credentials, pass straight through.
"""

from django.urls import Resolver404, resolve

from newsroom.pagecache.pages import is_private, look_up, serve


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_private(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, "reader_page", False):
            return self.get_response(request)
        lookup, stored = look_up(request, match)
        if stored is not None:
            return serve(stored, lookup, hit=True)
        # The view renders the page the key describes, and keeps it under that key.
        request._page_lookup = lookup
        return self.get_response(request)
